/**
 * Block-sparse fused attention as a tfjs WebGPU program: the dense kernel's tiling
 * (attention-dense-program.ts: FlashAttention-style online softmax, Dao et al. 2022), but
 * each query block walks ONLY its non-empty key blocks, read from a CSR block list
 * (lib/attention/block-csr.ts), as block-sparse FlashAttention and Triton's
 * block-sparse attention do. Empty tiles cost nothing: no loads, no dot products.
 *
 * Inputs (binding order): q, k, v float32 [heads, seqLen, headDim]; rowPtr int32
 * [numBlocks + 1]; blocks int32 [2 · nnz] = (colIdx, maskOffset) pairs; maskBits int32
 * [partialTiles · b² / 32] (at least one word). Output: [heads, seqLen, headDim].
 * Twin: attention-block-sparse-reference.ts.
 *
 * Work split: one workgroup of b invocations per (query block qb, head): invocation r owns
 * query qb·b + r. For each entry e of block row qb (key block kb = colIdx[e]), the keys
 * kb·b .. kb·b + b - 1 are staged TK at a time into workgroup memory (2 · TK · headDim
 * floats <= 16 KiB), then each invocation updates its running max m, sum l and
 * accumulator acc[headDim] per allowed key j:
 *   m' = max(m, s_j);  l = l·exp(m - m') + exp(s_j - m');  acc = acc·exp(m - m') + exp(s_j - m')·v_j
 * Element masking happens only inside partial tiles (maskOffset >= 0): bit r·b + c of the
 * tile's words; full tiles skip the check. When b does not divide seqLen the last block is
 * padded: rows and keys >= seqLen are bounds-checked away (nothing is read or written there).
 * Loop bounds that guard barriers come from workgroupUniformLoad, so they are uniform.
 *
 * Specialisations (all in shaderKey): headDim, b, TK. seqLen and the 1/sqrt(headDim) scale
 * are uniforms; the pattern lives in the buffers, so a new pattern or window never recompiles.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { attendStagedKeyWgsl, loadQueryWgsl, writeOutputWgsl } from './attention-wgsl';

/** Block sizes the kernel accepts (workgroup sizes within a software adapter's 256 invocations). */
export const KERNEL_BLOCK_SIZES = [16, 32, 64, 128] as const;

/** Keys staged per step: the largest power of two <= min(b, 2048 / headDim), so TK divides b and 2·TK·headDim·4 B <= 16 KiB. */
export function blockSparseKeyTile(blockSize: number, headDim: number): number {
  const cap = Math.max(1, Math.min(blockSize, Math.floor(2048 / headDim)));
  return 2 ** Math.floor(Math.log2(cap));
}

export class BlockSparseAttentionProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [1], y: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  variableNames = ['q', 'k', 'v', 'rowPtr', 'blocks', 'maskBits'];
  uniforms = 'seqLen : i32, scale : f32,';
  private readonly headDim: number;
  private readonly blockSize: number;
  private readonly keyTile: number;

  constructor(heads: number, seqLen: number, headDim: number, blockSize: number) {
    if (!(KERNEL_BLOCK_SIZES as readonly number[]).includes(blockSize)) {
      throw new RangeError(`block size must be one of ${KERNEL_BLOCK_SIZES.join(', ')} (got ${blockSize})`);
    }
    this.outputShape = [heads, seqLen, headDim];
    this.headDim = headDim;
    this.blockSize = blockSize;
    this.keyTile = blockSparseKeyTile(blockSize, headDim);
    this.workgroupSize = [blockSize, 1, 1];
    this.dispatch = [Math.ceil(seqLen / blockSize), heads, 1];
    this.shaderKey = `sparselab_block_sparse_attention_d${headDim}_b${blockSize}_tk${this.keyTile}`;
  }

  getUserCode(): string {
    const D = this.headDim;
    const B = this.blockSize;
    const TK = this.keyTile;
    return `
      const D = ${D};
      const B = ${B};
      const TK = ${TK};
      var<workgroup> kTile : array<f32, ${TK * D}>;
      var<workgroup> vTile : array<f32, ${TK * D}>;
      var<workgroup> sRowStart : i32;
      var<workgroup> sRowEnd : i32;
      var<workgroup> sKeyBlock : i32;

      fn main() {
        let n = uniforms.seqLen;
        let qb = i32(workgroupId.x);
        let h = i32(workgroupId.y);
        let r = i32(localIndex);
        let qi = qb * B + r;
        let valid = qi < n;
        let base = h * n * D;${loadQueryWgsl({ q: 'q', base: 'base', qi: 'qi', valid: 'valid', scale: 'uniforms.scale' })}
        if (localIndex == 0u) {
          sRowStart = rowPtr[qb];
          sRowEnd = rowPtr[qb + 1];
        }
        let eStart = workgroupUniformLoad(&sRowStart);
        let eEnd = workgroupUniformLoad(&sRowEnd);
        for (var e = eStart; e < eEnd; e++) {
          if (localIndex == 0u) { sKeyBlock = blocks[2 * e]; }
          let kb = workgroupUniformLoad(&sKeyBlock);
          let off = blocks[2 * e + 1];
          let k0 = kb * B;
          let kLimit = min(B, n - k0);
          for (var t0 = 0; t0 < kLimit; t0 += TK) {
            for (var x = r; x < TK * D; x += B) {
              let kj = k0 + t0 + x / D;
              if (kj < n) {
                kTile[x] = k[base + kj * D + x % D];
                vTile[x] = v[base + kj * D + x % D];
              }
            }
            workgroupBarrier();
            if (valid) {
              let tEnd = min(TK, kLimit - t0);
              for (var t = 0; t < tEnd; t++) {
                if (off >= 0) {
                  let bit = r * B + t0 + t;
                  if (((maskBits[off + (bit >> 5u)] >> u32(bit & 31)) & 1) == 0) { continue; }
                }${attendStagedKeyWgsl({ kTile: 'kTile', vTile: 'vTile', t: 't' })}
              }
            }
            workgroupBarrier();
          }
        }${writeOutputWgsl({ out: 'result', base: 'base', qi: 'qi', valid: 'valid' })}
      }
    `;
  }
}
