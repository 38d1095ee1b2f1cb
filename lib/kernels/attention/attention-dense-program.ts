/**
 * Fused dense attention as a tfjs WebGPU program (FlashAttention-style online softmax,
 * Dao et al. 2022, without the backward pass).
 *
 * Inputs (float32, row-major): q, k, v of shape [heads, seqLen, headDim]; optional
 * mask of shape [seqLen, seqLen] (int32 0/1, shared by all heads). Output: [heads,
 * seqLen, headDim]. Twin: attention-dense-reference.ts.
 *
 * Work split: one workgroup per (query tile of TQ = 64 queries, head); one invocation
 * per query. The workgroup walks the keys in tiles of TK, staging K and V tiles in
 * workgroup memory (2 * TK * headDim floats: 16 KiB for headDim 64, within the 32 KiB
 * a software adapter offers). Per key j each invocation keeps a running max m, the
 * running sum l and the accumulator acc[headDim]:
 *   m' = max(m, s_j);  l = l * exp(m - m') + exp(s_j - m');  acc = acc * exp(m - m') + exp(s_j - m') v_j
 * and writes acc / l at the end (zeros when no key was allowed).
 *
 * Specialisations (all in shaderKey): headDim (array sizes), TK, whether a mask is
 * bound. seqLen and the 1/sqrt(headDim) scale are uniforms, so a new sequence length
 * reuses the compiled pipeline.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { attendStagedKeyWgsl, loadQueryWgsl, writeOutputWgsl } from './attention-wgsl';

export const DENSE_QUERY_TILE = 64;

/** Keys staged per tile: keeps 2 * TK * headDim * 4 bytes <= 16 KiB. */
export function keyTileFor(headDim: number): number {
  return Math.max(4, Math.min(32, Math.floor(2048 / headDim)));
}

export class DenseAttentionProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [1], y: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [DENSE_QUERY_TILE, 1, 1];
  variableNames: string[];
  uniforms = 'seqLen : i32, scale : f32,';
  private readonly headDim: number;
  private readonly keyTile: number;
  private readonly hasMask: boolean;

  constructor(heads: number, seqLen: number, headDim: number, hasMask: boolean) {
    this.outputShape = [heads, seqLen, headDim];
    this.headDim = headDim;
    this.keyTile = keyTileFor(headDim);
    this.hasMask = hasMask;
    this.variableNames = hasMask ? ['q', 'k', 'v', 'mask'] : ['q', 'k', 'v'];
    this.dispatch = [Math.ceil(seqLen / DENSE_QUERY_TILE), heads, 1];
    this.shaderKey = `sparselab_dense_attention_d${headDim}_tk${this.keyTile}_mask${hasMask ? 1 : 0}`;
  }

  getUserCode(): string {
    const D = this.headDim;
    const TK = this.keyTile;
    return `
      const D = ${D};
      const TK = ${TK};
      const TQ = ${DENSE_QUERY_TILE};
      var<workgroup> kTile : array<f32, ${TK * D}>;
      var<workgroup> vTile : array<f32, ${TK * D}>;

      fn main() {
        let n = uniforms.seqLen;
        let h = i32(workgroupId.y);
        let qi = i32(workgroupId.x) * TQ + i32(localIndex);
        let valid = qi < n;
        let base = h * n * D;${loadQueryWgsl({ q: 'q', base: 'base', qi: 'qi', valid: 'valid', scale: 'uniforms.scale' })}
        for (var k0 = 0; k0 < n; k0 += TK) {
          for (var e = i32(localIndex); e < TK * D; e += TQ) {
            let kj = k0 + e / D;
            if (kj < n) {
              kTile[e] = k[base + kj * D + e % D];
              vTile[e] = v[base + kj * D + e % D];
            }
          }
          workgroupBarrier();
          if (valid) {
            let kEnd = min(TK, n - k0);
            for (var t = 0; t < kEnd; t++) {
              ${this.hasMask ? 'if (mask[qi * n + k0 + t] == 0) { continue; }' : ''}${attendStagedKeyWgsl({ kTile: 'kTile', vTile: 'vTile', t: 't' })}
            }
          }
          workgroupBarrier();
        }${writeOutputWgsl({ out: 'result', base: 'base', qi: 'qi', valid: 'valid' })}
      }
    `;
  }
}
