/**
 * Our dense matmul kernels: the baseline every sparse kernel is timed against, and the
 * tiling family the sparse kernels share. Twin: matmul-dense-reference.ts.
 *
 * DenseMatmulProgram (GEMM, N % 4 = 0): Y [M, N] = W [M, K] · X [K, N]. One workgroup
 * of 8 × 8 invocations owns a 32 × 32 output tile; it walks K in steps of 32, staging
 * a 32 × 32 tile of W and a 32 × 32 tile of X in workgroup memory (2 × 4 KiB), and each
 * invocation accumulates 4 rows × 1 vec4 (4 columns) = 16 outputs in registers. This is
 * the scheme of tfjs's MatMulPackedProgram (vec4 variant, 32 × 32 tiles, tileInner 32),
 * so the comparison with tf.matMul measures our code, not a different algorithm.
 *
 * DenseGemvProgram (GEMV, N = 1): y [M] = W x. A workgroup owns a band of 32 rows and
 * walks K in chunks of 32 columns, exactly like the BSR SpMV kernel with 32 × 32 blocks
 * (every block present): invocation (rowLane, colLane) of 8 × 8 reads vec4 colLane of
 * rows rowLane + 8i (i < 4), so consecutive invocations read consecutive 16-byte words
 * of a row; the 8 partial sums of each row are added in workgroup memory.
 *
 * With layout 'rows' (software adapters, matmul-config.ts gemvLayoutFor) each invocation
 * computes one row alone, without workgroup memory or barrier.
 *
 * Specialisations: the tile constants and the GEMV layout (in shaderKey); M, K, N are uniforms
 * and ragged edges are guarded, so any size reuses the compiled pipeline.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { DENSE_REGISTER_TILE, DENSE_X_STAGE, tileMacWgsl, tileStoreWgsl, xTileElementWgsl } from './gemm-tile-wgsl';
import { DENSE_TILE, type GemvLayout, gemvLayout } from './matmul-config';

export class DenseMatmulProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = `sparselab_matmul_dense_t${DENSE_TILE}`;
  dispatchLayout = { x: [1], y: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [8, 8, 1];
  variableNames = ['w', 'x'];
  variableComponents = [4, 4];
  outputComponent = 4;
  uniforms = 'm : i32, k : i32, n4 : i32,';

  constructor(m: number, n: number) {
    this.outputShape = [m, n];
    this.dispatch = [Math.ceil(n / 4 / 8), Math.ceil(m / DENSE_TILE), 1];
  }

  getUserCode(): string {
    return `
      var<workgroup> wTile : array<array<vec4<f32>, 8>, 32>; // [row][k / 4]
      var<workgroup> xTile : array<array<vec4<f32>, 8>, 32>; // [k][column / 4]

      fn main() {
        let tx = i32(localId.x);
        let ty = i32(localId.y);
        let li = i32(localIndex);
        let row0 = i32(workgroupId.y) * 32;
        let col4 = i32(workgroupId.x) * 8;
        let k4 = uniforms.k / 4;
        let n4 = uniforms.n4;
        var acc : array<vec4<f32>, 4>;
        for (var kt = 0; kt < uniforms.k; kt += 32) {
          for (var e = li; e < 256; e += 64) {
            let r = e / 8;
            let c = e % 8;
            var wv = vec4<f32>(0.0);
            if (row0 + r < uniforms.m && kt / 4 + c < k4) { wv = w[(row0 + r) * k4 + kt / 4 + c]; }
            wTile[r][c] = wv;${xTileElementWgsl(DENSE_X_STAGE)}
          }
          workgroupBarrier();
${tileMacWgsl(DENSE_REGISTER_TILE, 8)}
          workgroupBarrier();
        }
${tileStoreWgsl(DENSE_REGISTER_TILE, { out: 'result', colBase: 'col4', n4: 'n4', outRow: 'row0 + ty * 4 + i', rowGuard: 'r < uniforms.m' })}
      }
    `;
  }
}

/**
 * The 'lanes' GEMV kernel every format shares (matmul-config.ts gemvLayout): a workgroup
 * owns the band of `bandRows` output rows starting at row0 = band · bandRows; invocation
 * li = rl · colLanes + cl is column lane cl of row lane rl. `body` adds the invocation's
 * partial sums of rows row0 + rl + rowLanes · i into acc[i] (li, cl, rl, band, row0 in
 * scope); the epilogue adds the colLanes partial sums of each row in workgroup memory and
 * writes y.
 */
export function gemvLanesShader(bandRows: number, body: string): string {
  const { colLanes, rowLanes, rowsPerThread } = gemvLayout(bandRows);
  return `
      var<workgroup> part : array<array<f32, ${colLanes}>, ${bandRows}>;

      fn main() {
        let li = i32(localIndex);
        let cl = li % ${colLanes};
        let rl = li / ${colLanes};
        let band = i32(workgroupId.x);
        let row0 = band * ${bandRows};
        var acc : array<f32, ${rowsPerThread}>;
        ${body}
        for (var i = 0; i < ${rowsPerThread}; i++) { part[rl + ${rowLanes} * i][cl] = acc[i]; }
        workgroupBarrier();
        if (li < ${bandRows}) {
          var s = 0.0;
          for (var j = 0; j < ${colLanes}; j++) { s += part[li][j]; }
          if (row0 + li < uniforms.m) { result[row0 + li] = s; }
        }
      }
    `;
}

export class DenseGemvProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0], y: [1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  variableNames = ['w', 'x'];
  variableComponents = [4, 4];
  uniforms = 'm : i32, k : i32,';
  private readonly layout: GemvLayout;

  constructor(m: number, layout: GemvLayout = 'lanes') {
    this.layout = layout;
    this.outputShape = [m, 1];
    this.dispatch = [Math.ceil(m / (layout === 'rows' ? 64 : 32)), 1, 1];
    this.shaderKey = `sparselab_gemv_dense_b32_${layout}`;
  }

  getUserCode(): string {
    if (this.layout === 'rows') {
      return `
      fn main() {
        let r = i32(workgroupId.x) * 64 + i32(localIndex);
        if (r >= uniforms.m) { return; }
        let k4 = uniforms.k / 4;
        var acc = 0.0;
        for (var c4 = 0; c4 < k4; c4++) { acc += dot(w[r * k4 + c4], x[c4]); }
        result[r] = acc;
      }
    `;
    }
    const { colLanes, rowLanes, rowsPerThread } = gemvLayout(32);
    return gemvLanesShader(
      32,
      `
        let k4 = uniforms.k / 4;
        for (var c4 = cl; c4 < k4; c4 += ${colLanes}) {
          let xv = x[c4];
          for (var i = 0; i < ${rowsPerThread}; i++) {
            let r = min(row0 + rl + ${rowLanes} * i, uniforms.m - 1);
            acc[i] += dot(w[r * k4 + c4], xv);
          }
        }`,
    );
  }
}
