/**
 * 2:4 semi-structured matmul kernels: Y = W X with W [M, K] compressed to its kept
 * half (values [M·K/2]) plus a 2-bit in-group position per kept value (16 per 32-bit
 * word; lib/sparsity/formats.ts Sparse24Matrix). Twin: matmul-24-reference.ts.
 *
 * WebGPU exposes no sparse tensor cores, so these kernels do in software what
 * cuSPARSELt's hardware does: read half the weights and pick, for each kept value,
 * the one of 4 inputs its 2-bit index names.
 *
 * Sparse24MatmulProgram (SpMM, N % 4 = 0): the dense kernel's 32 × 32 output tile and
 * its K step of 32 columns, which is 16 kept values and exactly one index word per row.
 * The workgroup stages the 32 × 16 kept values, their decoded column offsets
 * (4·(j/2) + pos) and the 32 × 32 tile of X; each invocation then does 16 instead of
 * 32 multiply-adds per row and output vec4, but each one reads its own row of the X
 * tile (the dense kernel reuses one X row for 4 W rows).
 *
 * Sparse24GemvProgram (SpMV, N = 1): the dense GEMV's bands of 32 rows and 8 × 8
 * invocations. When K % 32 = 0 (chunked) an invocation takes 32 columns of a row at a
 * time: one index word and four vec4 of kept values (64 + 4 bytes instead of the dense
 * 128) and picks, per group g, two components of the x vec4 of that group:
 *   y_r += v0 · x[4g + p0] + v1 · x[4g + p1].
 * Otherwise it takes one group (one vec2 of values and 4 bits of a word) at a time.
 * Layout 'rows' (software adapters): one invocation per row, no barrier. Chunked, it binds x
 * as scalars and reads only the 16 inputs the chunk's kept values name, x[32·ch + 4g + p]
 * (4 bytes each instead of a vec4 per group, no dynamic component select), with the chunk's
 * 16 multiply-adds unrolled and constant shifts. On SwiftShader (CPU emulation, lanes = SIMD
 * lanes, every load a per-lane gather) time follows the loads: dense reads a vec4 of W and
 * a vec4 of x per 4 columns, this kernel a vec2 of values and 2 scalars of x, about half;
 * the vec4 x and selects of the 'lanes' body made it no faster than dense there.
 *
 * Specialisations (in shaderKey): chunked, GEMV layout. M, K, N are uniforms.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { DENSE_REGISTER_TILE, DENSE_X_STAGE, tileStoreWgsl, xTileElementWgsl } from './gemm-tile-wgsl';
import { type GemvLayout, gemvLayout } from './matmul-config';
import { gemvLanesShader } from './matmul-dense-program';

export class Sparse24MatmulProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'sparselab_matmul_24_t32';
  dispatchLayout = { x: [1], y: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [8, 8, 1];
  variableNames = ['values', 'indices', 'x'];
  variableComponents = [1, 1, 4];
  outputComponent = 4;
  uniforms = 'm : i32, k : i32, n4 : i32,';

  constructor(m: number, n: number) {
    this.outputShape = [m, n];
    this.dispatch = [Math.ceil(n / 4 / 8), Math.ceil(m / 32), 1];
  }

  getUserCode(): string {
    return `
      var<workgroup> vTile : array<array<f32, 16>, 32>; // kept values [row][j]
      var<workgroup> pTile : array<array<i32, 16>, 32>; // their columns within the K tile
      var<workgroup> xTile : array<array<vec4<f32>, 8>, 32>;

      fn main() {
        let tx = i32(localId.x);
        let ty = i32(localId.y);
        let li = i32(localIndex);
        let row0 = i32(workgroupId.y) * 32;
        let col4 = i32(workgroupId.x) * 8;
        let n4 = uniforms.n4;
        let half = uniforms.k / 2;
        var acc : array<vec4<f32>, 4>;
        for (var kt = 0; kt < uniforms.k; kt += 32) {
          for (var e = li; e < 512; e += 64) {
            let r = e / 16;
            let j = e % 16;
            let kj = kt / 2 + j;
            var v = 0.0;
            var pos = 0;
            if (row0 + r < uniforms.m && kj < half) {
              let q = (row0 + r) * half + kj;
              v = values[q];
              pos = (indices[q >> 4u] >> u32(2 * (q & 15))) & 3;
            }
            vTile[r][j] = v;
            pTile[r][j] = (j / 2) * 4 + pos;
          }
          for (var e = li; e < 256; e += 64) {
            let r = e / 8;
            let c = e % 8;${xTileElementWgsl(DENSE_X_STAGE)}
          }
          workgroupBarrier();
          for (var j = 0; j < 16; j++) {
            for (var i = 0; i < 4; i++) {
              let r = ty * 4 + i;
              acc[i] = fma(vec4<f32>(vTile[r][j]), xTile[pTile[r][j]][tx], acc[i]);
            }
          }
          workgroupBarrier();
        }
${tileStoreWgsl(DENSE_REGISTER_TILE, { out: 'result', colBase: 'col4', n4: 'n4', outRow: 'row0 + ty * 4 + i', rowGuard: 'r < uniforms.m' })}
      }
    `;
  }
}

export class Sparse24GemvProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0], y: [1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  variableNames = ['values', 'indices', 'x'];
  variableComponents: number[];
  uniforms = 'm : i32, k : i32,';
  private readonly chunked: boolean;
  private readonly layout: GemvLayout;

  /** chunked (needs K % 32 = 0): an invocation takes 32 columns at once (one index word, four vec4 of values). */
  constructor(m: number, chunked: boolean, layout: GemvLayout = 'lanes') {
    this.chunked = chunked;
    this.layout = layout;
    // values: vec4 (chunked) or vec2; x: scalars for the unrolled 'rows' chunk, else vec4.
    this.variableComponents = chunked ? [4, 1, layout === 'rows' ? 1 : 4] : [2, 1, 4];
    this.outputShape = [m, 1];
    this.dispatch = [Math.ceil(m / (layout === 'rows' ? 64 : 32)), 1, 1];
    this.shaderKey = `sparselab_gemv_24_b32_c${chunked ? 1 : 0}_${layout}${chunked && layout === 'rows' ? '_xs' : ''}`;
  }

  getUserCode(): string {
    if (this.layout === 'rows') {
      // Kept value j < 16 of a chunk: vec4 j / 4, component j % 4, group j / 2 (columns
      // 32·ch + 4·(j / 2) + 0..3), position (word >> 2j) & 3.
      const body = this.chunked
        ? `
        let chunks = uniforms.k / 32;
        let q0 = r * chunks;
        for (var ch = 0; ch < chunks; ch++) {
          let q = q0 + ch;
          let b = indices[q];
          let c = ch * 32;
          let v0 = values[q * 4];
          let v1 = values[q * 4 + 1];
          let v2 = values[q * 4 + 2];
          let v3 = values[q * 4 + 3];
          acc = fma(v0.x, x[c + (b & 3)], acc);
          acc = fma(v0.y, x[c + ((b >> 2u) & 3)], acc);
          acc = fma(v0.z, x[c + 4 + ((b >> 4u) & 3)], acc);
          acc = fma(v0.w, x[c + 4 + ((b >> 6u) & 3)], acc);
          acc = fma(v1.x, x[c + 8 + ((b >> 8u) & 3)], acc);
          acc = fma(v1.y, x[c + 8 + ((b >> 10u) & 3)], acc);
          acc = fma(v1.z, x[c + 12 + ((b >> 12u) & 3)], acc);
          acc = fma(v1.w, x[c + 12 + ((b >> 14u) & 3)], acc);
          acc = fma(v2.x, x[c + 16 + ((b >> 16u) & 3)], acc);
          acc = fma(v2.y, x[c + 16 + ((b >> 18u) & 3)], acc);
          acc = fma(v2.z, x[c + 20 + ((b >> 20u) & 3)], acc);
          acc = fma(v2.w, x[c + 20 + ((b >> 22u) & 3)], acc);
          acc = fma(v3.x, x[c + 24 + ((b >> 24u) & 3)], acc);
          acc = fma(v3.y, x[c + 24 + ((b >> 26u) & 3)], acc);
          acc = fma(v3.z, x[c + 28 + ((b >> 28u) & 3)], acc);
          acc = fma(v3.w, x[c + 28 + ((b >> 30u) & 3)], acc);
        }`
        : `
        let groups = uniforms.k / 4;
        for (var g = 0; g < groups; g++) {
          let q = r * groups + g;
          let bits = indices[q >> 3u] >> u32((q & 7) * 4);
          let v = values[q];
          let xv = x[g];
          acc += v.x * xv[bits & 3] + v.y * xv[(bits >> 2u) & 3];
        }`;
      return `
      fn main() {
        let r = i32(workgroupId.x) * 64 + i32(localIndex);
        if (r >= uniforms.m) { return; }
        var acc = 0.0;
        ${body}
        result[r] = acc;
      }
    `;
    }
    const { colLanes, rowLanes, rowsPerThread } = gemvLayout(32);
    const body = this.chunked
      ? `
        let chunks = uniforms.k / 32;
        var xs : array<vec4<f32>, 8>;
        for (var ch = cl; ch < chunks; ch += ${colLanes}) {
          for (var g = 0; g < 8; g++) { xs[g] = x[ch * 8 + g]; } // shared by the rows below
          for (var i = 0; i < ${rowsPerThread}; i++) {
            let r = min(row0 + rl + ${rowLanes} * i, uniforms.m - 1);
            let q = r * chunks + ch; // one index word and 4 vec4 of values per row and chunk
            let word = u32(indices[q]);
            var s = 0.0;
            for (var h = 0; h < 4; h++) {
              let v = values[q * 4 + h];
              let b = word >> u32(8 * h);
              let xa = xs[h * 2];
              let xb = xs[h * 2 + 1];
              s += v.x * xa[b & 3u] + v.y * xa[(b >> 2u) & 3u] + v.z * xb[(b >> 4u) & 3u] + v.w * xb[(b >> 6u) & 3u];
            }
            acc[i] += s;
          }
        }`
      : `
        let groups = uniforms.k / 4;
        for (var g = cl; g < groups; g += ${colLanes}) {
          let xv = x[g];
          for (var i = 0; i < ${rowsPerThread}; i++) {
            let r = min(row0 + rl + ${rowLanes} * i, uniforms.m - 1);
            let q = r * groups + g; // global group = index of its kept pair
            let bits = indices[q >> 3u] >> u32((q & 7) * 4);
            let v = values[q];
            acc[i] += v.x * xv[bits & 3] + v.y * xv[(bits >> 2u) & 3];
          }
        }`;
    return gemvLanesShader(32, body);
  }
}
