/**
 * Grouped (segmented) tiled matrix multiplication for mixture-of-experts layers, as a tfjs
 * WebGPU program. One launch multiplies every expert's rows by that expert's weights
 * (the "grouped GEMM" of MegaBlocks, Gale et al. 2023, without its block padding):
 *
 *   rows p ∈ [offsets[g], offsets[g+1]) belong to group (expert) g;
 *   out[p, c] = act( Σ_i A[src(p), i] · W[g, i, c] + bias[g, c] )      for p < offsets[G]
 *   out[p, c] = 0                                                       for p >= offsets[G]
 *
 * Inputs (float32 unless noted): a [aRows, inDim]; w [G, inDim, outDim]; bias [G, outDim]
 * (optional); offsets [G + 1] (int32, non-decreasing); order (int32, only for 'gather').
 * Output: [rows, outDim].
 *
 * Where row p reads A (rowSource):
 *   'direct'     src(p) = p                                   (down-projection, router logits)
 *   'gather'     src(p) = perm[p] / slotsPerToken, or a zero row if perm[p] < 0
 *                (perm[p] = the routing slot placed at row p by the counting sort;
 *                 fusing the gather into the tile load avoids materialising x[order])
 *   'broadcast'  src(p) = p mod aRows                          (dense baseline: every
 *                expert reads every token)
 *
 * Tiling: an 8 × 8 workgroup computes a 32 × 32 output tile, each invocation a 4 × 4 block
 * (register blocking, as tfjs's own matmul does); the K dimension is walked in steps of 16,
 * staging a 32 × 16 tile of A and a 16 × 32 tile of W in workgroup memory (4 KiB). First the
 * tile's 32 rows look up their group and source row once (binary search over offsets). A tile
 * whose rows span several groups (a segment boundary) loops over those groups, masking the A
 * rows of the others, so each row meets only its own expert's weights. Thread 0 lists the
 * groups a tile touches; the count is read with workgroupUniformLoad so every barrier stays in
 * uniform control flow.
 *
 * shaderKey: rowSource, activation, bias on/off, MAX_GROUPS. Sizes (rows, inDim, outDim,
 * aRows, groups, slotsPerToken) are uniforms: a new token count reuses the pipeline.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export const MATMUL_TILE_M = 32;
export const MATMUL_TILE_N = 32;
export const MATMUL_TILE_K = 16;
export type RowSource = 'direct' | 'gather' | 'broadcast';
export type MatmulActivation = 'none' | 'relu' | 'gelu';

/** WGSL of an activation on `v` (GELU: tanh approximation, inner clamped so tanh stays finite). */
export function activationWgsl(activation: MatmulActivation, v: string): string {
  if (activation === 'relu') return `max(${v}, 0.0)`;
  if (activation === 'gelu')
    return `(0.5 * ${v} * (1.0 + tanh(clamp(0.7978845608028654 * (${v} + 0.044715 * ${v} * ${v} * ${v}), -15.0, 15.0))))`;
  return v;
}

export interface GroupedMatmulShape {
  /** Output rows (segments plus any unused tail). */
  rows: number;
  inDim: number;
  outDim: number;
  /** Rows of A. */
  aRows: number;
  groups: number;
  /** For 'gather': slots per token k (perm holds slot ids t·k + j). */
  slotsPerToken: number;
}

export class MoeGroupedMatmulProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [1], y: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [8, 8, 1];
  variableNames: string[];
  uniforms = 'rows : i32, inDim : i32, outDim : i32, aRows : i32, groups : i32, slotsPerToken : i32,';
  private readonly rowSource: RowSource;
  private readonly activation: MatmulActivation;
  private readonly hasBias: boolean;

  constructor(shape: GroupedMatmulShape, rowSource: RowSource, activation: MatmulActivation, hasBias: boolean) {
    this.outputShape = [shape.rows, shape.outDim];
    this.rowSource = rowSource;
    this.activation = activation;
    this.hasBias = hasBias;
    this.variableNames = ['a', 'w', ...(hasBias ? ['bias'] : []), 'offsets', ...(rowSource === 'gather' ? ['perm'] : [])];
    this.dispatch = [Math.ceil(shape.outDim / MATMUL_TILE_N), Math.ceil(shape.rows / MATMUL_TILE_M), 1];
    this.shaderKey = `sparselab_moe_grouped_matmul_${rowSource}_${activation}_bias${hasBias ? 1 : 0}_m${MATMUL_TILE_M}n${MATMUL_TILE_N}k${MATMUL_TILE_K}`;
  }

  /** Uniform values in the order of `uniforms`. */
  static uniformsFor(shape: GroupedMatmulShape): { type: 'int32'; data: number[] }[] {
    return [shape.rows, shape.inDim, shape.outDim, shape.aRows, shape.groups, shape.slotsPerToken].map((v) => ({
      type: 'int32' as const,
      data: [v],
    }));
  }

  getUserCode(): string {
    const TM = MATMUL_TILE_M;
    const TN = MATMUL_TILE_N;
    const TK = MATMUL_TILE_K;
    const source =
      this.rowSource === 'gather'
        ? `let slot = perm[p]; if (slot < 0) { return -1; } return slot / uniforms.slotsPerToken;`
        : this.rowSource === 'broadcast'
          ? 'return p % uniforms.aRows;'
          : 'return p;';
    const bias = this.hasBias ? 'bias[g * outDim + c]' : '0.0';
    return `
      const TM = ${TM};
      const TN = ${TN};
      const TK = ${TK};
      var<workgroup> aTile : array<f32, ${TM * TK}>;
      var<workgroup> wTile : array<vec4<f32>, ${(TK * TN) / 4}>;
      var<workgroup> rowGroup : array<i32, ${TM}>;
      var<workgroup> rowSrc : array<i32, ${TM}>;
      var<workgroup> tileGroups : array<i32, ${TM}>;
      var<workgroup> tileGroupCount : i32;

      // A row that output row p reads (-1: a zero row).
      fn sourceRow(p : i32) -> i32 { ${source} }

      // The group g with offsets[g] <= p < offsets[g + 1] (binary search; -1 past the end).
      fn groupOf(p : i32) -> i32 {
        let G = uniforms.groups;
        if (p >= uniforms.rows || p >= offsets[G]) { return -1; }
        var lo = 0;
        var hi = G - 1;
        loop {
          if (lo >= hi) { break; }
          let mid = (lo + hi + 1) / 2;
          if (offsets[mid] <= p) { lo = mid; } else { hi = mid - 1; }
        }
        return lo;
      }

      fn main() {
        let tx = i32(localId.x);
        let ty = i32(localId.y);
        let li = i32(localIndex);
        let r0 = i32(workgroupId.y) * TM;
        let c0 = i32(workgroupId.x) * TN;
        let inDim = uniforms.inDim;
        let outDim = uniforms.outDim;

        if (li < TM) {
          let g = groupOf(r0 + li);
          rowGroup[li] = g;
          rowSrc[li] = select(-1, sourceRow(r0 + li), g >= 0);
        }
        workgroupBarrier();
        // rows are sorted by group: thread 0 lists the distinct groups of this tile
        if (li == 0) {
          var n = 0;
          var last = -1;
          for (var r = 0; r < TM; r++) {
            let g = rowGroup[r];
            if (g >= 0 && g != last) {
              tileGroups[n] = g;
              n = n + 1;
              last = g;
            }
          }
          tileGroupCount = n;
        }
        let count = workgroupUniformLoad(&tileGroupCount);

        var acc0 = vec4<f32>(0.0);
        var acc1 = vec4<f32>(0.0);
        var acc2 = vec4<f32>(0.0);
        var acc3 = vec4<f32>(0.0);
        for (var gi = 0; gi < count; gi++) {
          let g = tileGroups[gi];
          let wBase = g * inDim * outDim;
          for (var k0 = 0; k0 < inDim; k0 += TK) {
            // A tile [TM, TK]: 512 values, 8 per invocation; rows of other groups load 0
            for (var q = 0; q < ${(TM * TK) / 64}; q++) {
              let idx = li + q * 64;
              let r = idx / TK;
              let kc = k0 + idx % TK;
              let src = select(-1, rowSrc[r], rowGroup[r] == g);
              aTile[idx] = select(0.0, a[max(src, 0) * inDim + min(kc, inDim - 1)], src >= 0 && kc < inDim);
            }
            // W tile [TK, TN] as vec4: 128 vec4, 2 per invocation
            for (var q = 0; q < ${(TK * TN) / 4 / 64}; q++) {
              let idx = li + q * 64;
              let kr = k0 + idx / ${TN / 4};
              let c = c0 + (idx % ${TN / 4}) * 4;
              var v = vec4<f32>(0.0);
              if (kr < inDim) {
                let base = wBase + kr * outDim;
                if (c + 3 < outDim) {
                  v = vec4<f32>(w[base + c], w[base + c + 1], w[base + c + 2], w[base + c + 3]);
                } else {
                  for (var j = 0; j < 4; j++) {
                    if (c + j < outDim) { v[j] = w[base + c + j]; }
                  }
                }
              }
              wTile[idx] = v;
            }
            workgroupBarrier();
            for (var kk = 0; kk < TK; kk++) {
              let wv = wTile[kk * ${TN / 4} + tx];
              acc0 = fma(vec4<f32>(aTile[(ty * 4 + 0) * TK + kk]), wv, acc0);
              acc1 = fma(vec4<f32>(aTile[(ty * 4 + 1) * TK + kk]), wv, acc1);
              acc2 = fma(vec4<f32>(aTile[(ty * 4 + 2) * TK + kk]), wv, acc2);
              acc3 = fma(vec4<f32>(aTile[(ty * 4 + 3) * TK + kk]), wv, acc3);
            }
            workgroupBarrier();
          }
        }
        var accs = array<vec4<f32>, 4>(acc0, acc1, acc2, acc3);
        for (var i = 0; i < 4; i++) {
          let lr = ty * 4 + i;
          let row = r0 + lr;
          if (row >= uniforms.rows) { continue; }
          let g = rowGroup[lr];
          for (var j = 0; j < 4; j++) {
            let c = c0 + tx * 4 + j;
            if (c >= outDim) { continue; }
            var v = 0.0;
            if (g >= 0) {
              v = accs[i][j] + ${bias};
              v = ${activationWgsl(this.activation, 'v')};
            }
            result[row * outDim + c] = v;
          }
        }
      }
    `;
  }
}
