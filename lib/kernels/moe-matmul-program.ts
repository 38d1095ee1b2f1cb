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
 * Tiling: a 16 × 16 workgroup computes a 16 × 16 output tile; A and W tiles of 16 × 16
 * floats are staged in workgroup memory (2 KiB). A tile whose 16 rows span several groups
 * (a segment boundary) loops over those groups, masking the A rows of the others, so
 * each row still meets only its own expert's weights. Thread 0 lists the groups a tile
 * touches; the list length is read with workgroupUniformLoad so barriers stay in uniform
 * control flow.
 *
 * shaderKey: rowSource, activation, bias on/off, MAX_GROUPS. Sizes (rows, inDim, outDim,
 * aRows, groups, slotsPerToken) are uniforms: a new token count reuses the pipeline.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export const MATMUL_TILE = 16;
export type RowSource = 'direct' | 'gather' | 'broadcast';
export type MatmulActivation = 'none' | 'relu' | 'gelu';

/** WGSL of an activation on `v` (GELU: tanh approximation, inner clamped so tanh stays finite). */
export function activationWgsl(activation: MatmulActivation, v: string): string {
  if (activation === 'relu') return `max(${v}, 0.0)`;
  if (activation === 'gelu') return `(0.5 * ${v} * (1.0 + tanh(clamp(0.7978845608028654 * (${v} + 0.044715 * ${v} * ${v} * ${v}), -15.0, 15.0))))`;
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
  workgroupSize: [number, number, number] = [MATMUL_TILE, MATMUL_TILE, 1];
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
    this.dispatch = [Math.ceil(shape.outDim / MATMUL_TILE), Math.ceil(shape.rows / MATMUL_TILE), 1];
    this.shaderKey = `sparselab_moe_grouped_matmul_${rowSource}_${activation}_bias${hasBias ? 1 : 0}_t${MATMUL_TILE}`;
  }

  /** Uniform values in the order of `uniforms`. */
  static uniformsFor(shape: GroupedMatmulShape): { type: 'int32'; data: number[] }[] {
    return [shape.rows, shape.inDim, shape.outDim, shape.aRows, shape.groups, shape.slotsPerToken].map((v) => ({ type: 'int32' as const, data: [v] }));
  }

  getUserCode(): string {
    const T = MATMUL_TILE;
    const source =
      this.rowSource === 'gather'
        ? `let slot = perm[p]; if (slot < 0) { return -1; } return slot / uniforms.slotsPerToken;`
        : this.rowSource === 'broadcast'
          ? 'return p % uniforms.aRows;'
          : 'return p;';
    return `
      const TILE = ${T};
      var<workgroup> aTile : array<f32, ${T * T}>;
      var<workgroup> wTile : array<f32, ${T * T}>;
      var<workgroup> tileGroups : array<i32, ${T + 1}>;
      var<workgroup> tileGroupCount : i32;

      // A row that output row p reads (-1: a zero row).
      fn sourceRow(p : i32) -> i32 { ${source} }

      // The group g with offsets[g] <= p < offsets[g + 1] (binary search; -1 past the end).
      fn groupOf(p : i32) -> i32 {
        let G = uniforms.groups;
        if (p >= offsets[G]) { return -1; }
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
        let lx = i32(localId.x);
        let ly = i32(localId.y);
        let r0 = i32(workgroupId.y) * TILE;
        let c0 = i32(workgroupId.x) * TILE;
        let row = r0 + ly;
        let col = c0 + lx;
        let inDim = uniforms.inDim;
        let outDim = uniforms.outDim;

        // Thread 0 lists the non-empty groups that own rows r0 … r0 + 15.
        if (lx == 0 && ly == 0) {
          var n = 0;
          let rEnd = min(r0 + TILE, uniforms.rows);
          var g = groupOf(r0);
          if (g >= 0) {
            loop {
              if (g >= uniforms.groups || offsets[g] >= rEnd) { break; }
              if (offsets[g + 1] > offsets[g] && offsets[g + 1] > r0) {
                tileGroups[n] = g;
                n = n + 1;
              }
              g = g + 1;
            }
          }
          tileGroupCount = n;
        }
        let count = workgroupUniformLoad(&tileGroupCount);

        let myGroup = select(-1, groupOf(row), row < uniforms.rows);
        let src = select(-1, sourceRow(row), myGroup >= 0);
        var acc = 0.0;
        for (var gi = 0; gi < count; gi++) {
          let g = tileGroups[gi];
          // rows of other groups load zeros, so they add nothing to this tile
          let aRow = select(-1, src, myGroup == g);
          let wBase = g * inDim * outDim;
          for (var k0 = 0; k0 < inDim; k0 += TILE) {
            let ak = k0 + lx;
            aTile[ly * TILE + lx] = select(0.0, a[max(aRow, 0) * inDim + min(ak, inDim - 1)], aRow >= 0 && ak < inDim);
            let wk = k0 + ly;
            wTile[ly * TILE + lx] = select(0.0, w[wBase + min(wk, inDim - 1) * outDim + min(col, outDim - 1)], wk < inDim && col < outDim);
            workgroupBarrier();
            for (var kk = 0; kk < TILE; kk++) {
              acc = fma(aTile[ly * TILE + kk], wTile[kk * TILE + lx], acc);
            }
            workgroupBarrier();
          }
        }
        if (row < uniforms.rows && col < outDim) {
          var v = 0.0;
          if (myGroup >= 0) {
            v = acc${this.hasBias ? ' + bias[myGroup * outDim + col]' : ''};
            v = ${activationWgsl(this.activation, 'v')};
          }
          result[row * outDim + col] = v;
        }
      }
    `;
  }
}
