/**
 * Block-sparse (BSR) matmul kernels: Y = W X with W [M, K] stored as b × b blocks
 * (lib/sparsity/formats.ts BsrMatrix; b ∈ {16, 32, 64}). Twin: matmul-bsr-reference.ts.
 *
 * BsrMatmulProgram (SpMM, N % 4 = 0): the dense kernel's tiling with the K loop running
 * over the stored blocks of one block row instead of over every K tile, so an empty
 * block costs nothing (the approach of Triton's / PyTorch's bsr_dense_mm and of
 * OpenAI's blocksparse). A workgroup of 8 × 8 invocations owns block row br (b output
 * rows) × 32 output columns; for each stored block p of that block row it stages the
 * block's b² values (contiguous in blockValues) and rows blockColIdx[p]·b … +b of X in
 * workgroup memory, then every invocation accumulates b/8 rows × 1 vec4. With b = 32
 * this is exactly the dense kernel's 32 × 32 × 32 step, plus one index load per block.
 * The block range of a block row is read once and shared with workgroupUniformLoad, so
 * the loop holding the barriers has a uniform bound.
 * When N ≥ 64 and b ≤ 32 a workgroup owns 64 output columns instead (each invocation 2
 * vec4 columns, 8 apart): every staged block then serves twice the outputs, so block reads,
 * the block-range load and the barriers per output halve. On SwiftShader a workgroup with
 * barriers has a fixed cost (an empty block row costs about 1/10 of a dense row at
 * 512 × 512, N = 64), which capped BSR 32 × 32 at 90% near 5×. (b = 64 keeps 32 columns:
 * its tiles would pass the 16 KiB of workgroup memory WebGPU guarantees.)
 *
 * BsrGemvProgram (SpMV, N = 1): a workgroup owns one block row; for each stored block it
 * reads the block's contiguous b² values (invocation (rowLane, colLane) takes vec4
 * colLane of rows rowLane + rowLanes·i) and one vec4 of x per column lane; partial sums
 * meet in workgroup memory (matmul-config.ts gemvLayout). With b = 32 this is the dense
 * GEMV kernel's walk with the empty chunks skipped. Layout 'rows' (software adapters):
 * one invocation per row walks the row's segment of each stored block, no barrier.
 *
 * Specialisations (in shaderKey): b, GEMV layout. M, K, N are uniforms.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { type GemmTile, tileMacWgsl, tileStoreWgsl } from './gemm-tile-wgsl';
import { type GemvLayout, gemvLayout } from './matmul-config';
import { gemvLanesShader } from './matmul-dense-program';

export class BsrMatmulProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [1], y: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [8, 8, 1];
  variableNames = ['blockRowPtr', 'blockColIdx', 'blockValues', 'x'];
  variableComponents = [1, 1, 4, 4];
  outputComponent = 4;
  uniforms = 'm : i32, k : i32, n4 : i32,';
  private readonly b: number;
  /** vec4 output columns per invocation: 2 when N >= 64 and b <= 32, else 1. */
  readonly colVecs: number;

  constructor(m: number, n: number, blockSize: number) {
    this.b = blockSize;
    this.colVecs = n / 4 >= 16 && blockSize <= 32 ? 2 : 1;
    this.outputShape = [m, n];
    this.dispatch = [Math.ceil(n / 4 / (8 * this.colVecs)), m / blockSize, 1];
    this.shaderKey = `sparselab_matmul_bsr_b${blockSize}_cv${this.colVecs}`;
  }

  getUserCode(): string {
    const B = this.b;
    const B4 = B / 4;
    const RM = B / 8;
    const CV = this.colVecs;
    const TC = 8 * CV; // vec4 columns of the workgroup's tile
    const tile: GemmTile = {
      wTile: 'wTile',
      xTile: 'xTile',
      acc: 'acc',
      col: 'tx',
      rows: RM,
      colVecs: CV,
      nested: true,
      wRow: `ty * ${RM} + i`,
    };
    return `
      var<workgroup> wTile : array<array<vec4<f32>, ${B4}>, ${B}>; // one block [row][column / 4]
      var<workgroup> xTile : array<array<vec4<f32>, ${TC}>, ${B}>;     // b rows of X, ${4 * TC} columns
      var<workgroup> span : vec2<i32>;

      fn main() {
        let tx = i32(localId.x);
        let ty = i32(localId.y);
        let li = i32(localIndex);
        let br = i32(workgroupId.y);
        let col4 = i32(workgroupId.x) * ${TC};
        let n4 = uniforms.n4;
        if (li == 0) { span = vec2<i32>(blockRowPtr[br], blockRowPtr[br + 1]); }
        let s = workgroupUniformLoad(&span);
        var acc : array<array<vec4<f32>, ${CV}>, ${RM}>; // [row][column vec4 j: tx + 8j]
        for (var p = s.x; p < s.y; p++) {
          let kb = blockColIdx[p] * ${B};
          for (var e = li; e < ${B * B4}; e += 64) { wTile[e / ${B4}][e % ${B4}] = blockValues[p * ${B * B4} + e]; }
          for (var e = li; e < ${B * TC}; e += 64) {
            let r = e / ${TC};
            let c = e % ${TC};
            var xv = vec4<f32>(0.0);
            if (col4 + c < n4) { xv = x[(kb + r) * n4 + col4 + c]; }
            xTile[r][c] = xv;
          }
          workgroupBarrier();
${tileMacWgsl(tile, B4)}
          workgroupBarrier();
        }
${tileStoreWgsl(tile, { out: 'result', colBase: 'col4', n4: 'n4', outRow: `br * ${B} + ty * ${RM} + i` })}
      }
    `;
  }
}

export class BsrGemvProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0], y: [1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  variableNames = ['blockRowPtr', 'blockColIdx', 'blockValues', 'x'];
  variableComponents = [1, 1, 4, 4];
  uniforms = 'm : i32, k : i32,';
  private readonly b: number;
  private readonly layout: GemvLayout;

  constructor(m: number, blockSize: number, layout: GemvLayout = 'lanes') {
    this.b = blockSize;
    this.layout = layout;
    this.outputShape = [m, 1];
    this.dispatch = [layout === 'rows' ? Math.ceil(m / 64) : m / blockSize, 1, 1];
    this.shaderKey = `sparselab_gemv_bsr_b${blockSize}_${layout}`;
  }

  getUserCode(): string {
    const B = this.b;
    if (this.layout === 'rows') {
      const B4 = B / 4;
      return `
      fn main() {
        let r = i32(workgroupId.x) * 64 + i32(localIndex);
        if (r >= uniforms.m) { return; }
        let br = r / ${B};
        let i = r % ${B};
        let end = blockRowPtr[br + 1];
        var acc = 0.0;
        for (var p = blockRowPtr[br]; p < end; p++) {
          let xb = blockColIdx[p] * ${B4};
          let base = (p * ${B} + i) * ${B4};
          for (var j = 0; j < ${B4}; j++) { acc += dot(blockValues[base + j], x[xb + j]); }
        }
        result[r] = acc;
      }
    `;
    }
    const { colLanes, rowLanes, rowsPerThread } = gemvLayout(B);
    return gemvLanesShader(
      B,
      `
        let end = blockRowPtr[band + 1];
        for (var p = blockRowPtr[band]; p < end; p++) {
          let xv = x[blockColIdx[p] * ${colLanes} + cl];
          let base = p * ${B * colLanes};
          for (var i = 0; i < ${rowsPerThread}; i++) {
            acc[i] += dot(blockValues[base + (rl + ${rowLanes} * i) * ${colLanes} + cl], xv);
          }
        }`,
    );
  }
}
