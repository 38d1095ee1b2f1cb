/**
 * Every WGSL program of this folder, once per specialisation its shaderKey names, with the
 * dtypes and ranks of the inputs its runner binds (run-*.ts, linear-gemv.ts). Used to compile
 * each one through Dawn in Node (scripts/wgsl-compile.ts, tested by wgsl-compile.test.ts), the
 * way tfjs's WebGPU backend compiles it in the browser. Pure: instantiating a program compiles
 * nothing. A software adapter spends up to seconds per pipeline (SwiftShader compiles each with
 * LLVM), so the list keeps the structurally different shaders, not every shaderKey; e2e/kernels.spec.ts
 * runs the rest (every block size, head dims) against the twins.
 *
 * Input shapes are small; only their ranks and dtypes reach the shader source (tfjs's
 * makeShader declares a `<name>Shape` uniform of the input's rank and an array of its dtype),
 * so a small shape compiles the same WGSL as the site's sizes. The specialisations:
 *   CSR SpMM   1, 2 and 4 column vectors, 1 … 8 column lanes, split rows or not, ragged N or not;
 *   CSR SpMV   1, 2, 4, 8 lanes per row and the long-row bin's CSR_LONG_LANES;
 *   BSR        GEMV at every BSR_BLOCK_SIZES in both layouts, GEMM at b = 32 (32- and 64-column tiles);
 *   2:4        GEMM, GEMV chunked (K % 32 = 0) or not, both layouts; dense and gather both layouts;
 *   attention  dense with and without the mask, the block-sparse kernel at every KERNEL_BLOCK_SIZES;
 *   MoE        grouped matmul in the runners' row source × activation × bias combinations, top-k experts and
 *              weights, offsets, counting sort grouped and padded, both combines.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { BlockSparseAttentionProgram, KERNEL_BLOCK_SIZES } from './attention/attention-block-sparse-program';
import { DenseAttentionProgram } from './attention/attention-dense-program';
import { Sparse24GemvProgram, Sparse24MatmulProgram } from './matmul/matmul-24-program';
import { BsrGemvProgram, BsrMatmulProgram } from './matmul/matmul-bsr-program';
import { BSR_BLOCK_SIZES, CSR_LONG_LANES, type GemvLayout, chooseCsrSpmmConfig } from './matmul/matmul-config';
import { CsrGemvProgram, CsrMatmulProgram } from './matmul/matmul-csr-program';
import { DenseGemvProgram, DenseMatmulProgram } from './matmul/matmul-dense-program';
import { GatherGemvProgram } from './matmul/matmul-gather-program';
import { MoeCombineProgram, MoeDenseCombineProgram } from './moe/moe-combine-program';
import { type GroupedMatmulShape, type MatmulActivation, MoeGroupedMatmulProgram, type RowSource } from './moe/moe-matmul-program';
import { MoeCountingSortProgram, MoeExpertOffsetsProgram } from './moe/moe-sort-program';
import { MoeTopKProgram } from './moe/moe-topk-program';

export type ProgramDtype = 'float32' | 'int32';

export interface ProgramInput {
  dtype: ProgramDtype;
  shape: number[];
}

export interface CatalogueEntry {
  /** Program class and specialisation, e.g. 'CsrGemvProgram lanes 8'. */
  name: string;
  program: WebGPUProgram;
  /** One per program.variableNames entry, in binding order. */
  inputs: ProgramInput[];
  outputDtype: ProgramDtype;
}

const f32 = (...shape: number[]): ProgramInput => ({ dtype: 'float32', shape });
const i32 = (...shape: number[]): ProgramInput => ({ dtype: 'int32', shape });
const LAYOUTS: GemvLayout[] = ['lanes', 'rows'];

function matmulEntries(): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  const [m, k] = [64, 64];
  out.push({ name: 'DenseMatmulProgram', program: new DenseMatmulProgram(m, 8), inputs: [f32(m, k), f32(k, 8)], outputDtype: 'float32' });
  for (const layout of LAYOUTS)
    out.push({
      name: `DenseGemvProgram ${layout}`,
      program: new DenseGemvProgram(m, layout),
      inputs: [f32(m, k), f32(k, 1)],
      outputDtype: 'float32',
    });

  // CSR SpMM: the launch configs that change the WGSL's structure (matmul-config.ts
  // chooseCsrSpmmConfig): 1, 2, 4 vec4 columns per invocation, 1 to 8 column lanes, rows split into
  // slices (workgroup memory and a barrier) or not, column tiles that fit N or not
  const csr = (n: number) => [i32(m + 1), i32(16), f32(16), i32(m), f32(k, n)];
  for (const [n, avg] of [
    [4, 1],
    [16, 1],
    [24, 1],
    [64, 16],
    [128, 64],
    [8, 512],
  ]) {
    const cfg = chooseCsrSpmmConfig(n, avg);
    const fit = (n / 4) % (cfg.colLanes * cfg.colVecs) === 0;
    out.push({
      name: `CsrMatmulProgram colVecs ${cfg.colVecs} colLanes ${cfg.colLanes} slices ${cfg.slices}${fit ? '' : ' ragged'}`,
      program: new CsrMatmulProgram(m, n, cfg),
      inputs: csr(n),
      outputDtype: 'float32',
    });
  }
  for (const lanes of [1, 2, 4, 8, CSR_LONG_LANES]) {
    out.push({
      name: `CsrGemvProgram lanes ${lanes}`,
      program: new CsrGemvProgram(m, lanes, m),
      inputs: [i32(m + 1), i32(20), f32(20), i32(m), f32(k, 1)],
      outputDtype: 'float32',
    });
  }

  for (const b of BSR_BLOCK_SIZES) {
    const [bm, bk] = [2 * b, 2 * b];
    const bsr = (n: number) => [i32(bm / b + 1), i32(4), f32(4 * b * b), f32(bk, n)];
    // the GEMM's block loop is the slowest to compile on a software adapter: one block size
    if (b === 32)
      out.push({ name: `BsrMatmulProgram b ${b}`, program: new BsrMatmulProgram(bm, 8, b), inputs: bsr(8), outputDtype: 'float32' });
    // N >= 64: 64-column tiles, two vec4 columns per invocation (BsrMatmulProgram.colVecs)
    if (b === 32)
      out.push({
        name: `BsrMatmulProgram b ${b} colVecs 2`,
        program: new BsrMatmulProgram(bm, 64, b),
        inputs: bsr(64),
        outputDtype: 'float32',
      });
    for (const layout of LAYOUTS)
      out.push({
        name: `BsrGemvProgram b ${b} ${layout}`,
        program: new BsrGemvProgram(bm, b, layout),
        inputs: bsr(1),
        outputDtype: 'float32',
      });
  }

  const s24 = (kk: number, n: number) => [f32((m * kk) / 2), i32((m * kk) / 32), f32(kk, n)];
  out.push({ name: 'Sparse24MatmulProgram', program: new Sparse24MatmulProgram(m, 8), inputs: s24(k, 8), outputDtype: 'float32' });
  for (const chunked of [true, false]) {
    for (const layout of LAYOUTS) {
      out.push({
        name: `Sparse24GemvProgram chunked ${chunked} ${layout}`,
        program: new Sparse24GemvProgram(m, chunked, layout),
        inputs: s24(chunked ? 64 : 68, 1),
        outputDtype: 'float32',
      });
    }
  }
  for (const layout of LAYOUTS)
    out.push({
      name: `GatherGemvProgram ${layout}`,
      program: new GatherGemvProgram(m, layout),
      inputs: [f32(k, m), i32(8), f32(8)],
      outputDtype: 'float32',
    });
  return out;
}

function attentionEntries(): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  const [heads, n] = [1, 64];
  const qkv = (d: number) => [f32(heads, n, d), f32(heads, n, d), f32(heads, n, d)];
  const blockSparse = (b: number, d: number): CatalogueEntry => {
    const blocks = Math.ceil(n / b);
    return {
      name: `BlockSparseAttentionProgram b ${b} d ${d}`,
      program: new BlockSparseAttentionProgram(heads, n, d, b),
      inputs: [...qkv(d), i32(blocks + 1), i32(2 * blocks), i32(Math.ceil((b * b) / 32))],
      outputDtype: 'float32',
    };
  };
  // the mask bound or not, at two head dims (the key tile TK = 2048 / d changes); the block-sparse
  // kernel at every block size (its workgroup size and key tile)
  out.push(
    { name: 'DenseAttentionProgram d 8', program: new DenseAttentionProgram(heads, n, 8, false), inputs: qkv(8), outputDtype: 'float32' },
    {
      name: 'DenseAttentionProgram d 32 mask',
      program: new DenseAttentionProgram(heads, n, 32, true),
      inputs: [...qkv(32), i32(n, n)],
      outputDtype: 'float32',
    },
  );
  for (const b of KERNEL_BLOCK_SIZES) out.push(blockSparse(b, 32));
  return out;
}

function moeEntries(): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  const [T, H, F, E, k] = [16, 32, 48, 4, 2];
  const S = T * k;
  // the runners' combinations (router and SwiGLU: no bias, no activation; the FFN paths: bias and
  // an activation on the up-projection), each activation once
  const combos: [RowSource, MatmulActivation, boolean][] = [
    ['direct', 'none', false],
    ['direct', 'none', true],
    ['gather', 'none', false],
    ['gather', 'relu', true],
    ['broadcast', 'gelu', true],
  ];
  for (const [rowSource, activation, bias] of combos) {
    const rows = rowSource === 'broadcast' ? E * T : S;
    const shape: GroupedMatmulShape = {
      rows,
      inDim: H,
      outDim: F,
      aRows: rowSource === 'direct' ? rows : T,
      groups: E,
      slotsPerToken: rowSource === 'gather' ? k : 1,
    };
    const inputs = [
      f32(shape.aRows, H),
      f32(E, H, F),
      ...(bias ? [f32(E, F)] : []),
      i32(E + 1),
      ...(rowSource === 'gather' ? [i32(2 * S)] : []),
    ];
    out.push({
      name: `MoeGroupedMatmulProgram ${rowSource} ${activation}${bias ? ' bias' : ''}`,
      program: new MoeGroupedMatmulProgram(shape, rowSource, activation, bias),
      inputs,
      outputDtype: 'float32',
    });
  }
  out.push({ name: 'MoeTopKProgram experts', program: new MoeTopKProgram(T, k, 'experts'), inputs: [f32(T, E)], outputDtype: 'int32' });
  out.push({ name: 'MoeTopKProgram weights', program: new MoeTopKProgram(T, k, 'weights'), inputs: [f32(T, E)], outputDtype: 'float32' });
  out.push({ name: 'MoeExpertOffsetsProgram', program: new MoeExpertOffsetsProgram(E), inputs: [i32(S)], outputDtype: 'int32' });
  out.push({
    name: 'MoeCountingSortProgram grouped',
    program: new MoeCountingSortProgram(S, E, S, false),
    inputs: [i32(S), i32(E + 1)],
    outputDtype: 'int32',
  });
  out.push({
    name: 'MoeCountingSortProgram padded',
    program: new MoeCountingSortProgram(S, E, E * 10, true),
    inputs: [i32(S)],
    outputDtype: 'int32',
  });
  out.push({
    name: 'MoeCombineProgram',
    program: new MoeCombineProgram(T, H),
    inputs: [f32(S, H), f32(S), i32(2 * S)],
    outputDtype: 'float32',
  });
  out.push({
    name: 'MoeDenseCombineProgram',
    program: new MoeDenseCombineProgram(T, H),
    inputs: [f32(E * T, H), i32(S), f32(S)],
    outputDtype: 'float32',
  });
  return out;
}

/** Every program × specialisation (see the top); names are unique. */
export function programCatalogue(): CatalogueEntry[] {
  return [...matmulEntries(), ...attentionEntries(), ...moeEntries()];
}
