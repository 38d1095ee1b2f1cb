/**
 * CSR matmul kernels: Y = W X with W [M, K] in CSR (lib/sparsity/formats.ts CsrMatrix).
 * Twin: matmul-csr-reference.ts. Launch shapes: matmul-config.ts.
 *
 * Load balance for skewed rows (a few long rows among short ones): workgroups take rows
 * in `rowOrder`, the rows sorted by length, longest first (Sputnik's "row swizzle",
 * Gale et al. 2020): rows that share a workgroup have similar lengths, and the longest
 * rows start first. Within a workgroup a row is split among `slices` (SpMM) or `lanes`
 * (SpMV) invocations that stride over its non-zeros, so one long row is worked on in
 * parallel; their partial sums are added in workgroup memory.
 *
 * CsrMatmulProgram (SpMM, N % 4 = 0), after Sputnik's one-dimensional tiling: an
 * invocation owns colVecs vec4 columns of one row; for each non-zero p of its slice it
 * loads (values[p], colIdx[p]) once and adds values[p] · X[colIdx[p], its columns]
 * (rows of X are contiguous, so the colLanes invocations of a row read consecutive
 * 16-byte words). No X row is reused across W rows: that is the index overhead
 * unstructured sparsity pays against the dense kernel's register and workgroup tiling.
 *
 * CsrGemvProgram (SpMV, N = 1), with row binning (matmul-config.ts chooseCsrSpmvBins):
 * the runner dispatches it twice, once for the long rows (32 invocations per row, the
 * CSR-vector scheme of Bell & Garland 2009) and once for the rest (1–8 invocations per
 * row). An invocation reads values and columns as aligned vec4 words (Sputnik's ROMA),
 * masking the entries that belong to the neighbouring rows. Out of a row's bin range
 * the kernel writes nothing, so the two dispatches fill disjoint rows of y.
 *
 * Specialisations (in shaderKey): colVecs, colLanes, slices, rows and whether the
 * column tiles fit N exactly (SpMM); lanes (SpMV). M, K, N and the SpMV bin range are
 * uniforms.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { CsrSpmmConfig } from './matmul-config';

export class CsrMatmulProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [1], y: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  variableNames = ['rowPtr', 'colIdx', 'values', 'rowOrder', 'x'];
  variableComponents = [1, 1, 1, 1, 4];
  outputComponent = 4;
  uniforms = 'm : i32, k : i32, n4 : i32,';
  private readonly cfg: CsrSpmmConfig;
  private readonly fitCols: boolean;

  constructor(m: number, n: number, cfg: CsrSpmmConfig) {
    this.cfg = cfg;
    const tile4 = cfg.colLanes * cfg.colVecs;
    this.fitCols = (n / 4) % tile4 === 0;
    this.outputShape = [m, n];
    this.dispatch = [Math.ceil(n / 4 / tile4), Math.ceil(m / cfg.rows), 1];
    this.shaderKey = `sparselab_matmul_csr_v${cfg.colVecs}_l${cfg.colLanes}_s${cfg.slices}_r${cfg.rows}_fit${this.fitCols ? 1 : 0}`;
  }

  getUserCode(): string {
    const { colVecs: CV, colLanes: CL, slices: S, rows: R } = this.cfg;
    const guard = (body: string) => (this.fitCols ? body : `if (c4 < n4) { ${body} }`);
    const write = `
          for (var j = 0; j < ${CV}; j++) {
            let c4 = c4base + j * ${CL};
            var s = acc[j];
            ${S > 1 ? `for (var t = 1; t < ${S}; t++) { s += part[((rl * ${S} + t) * ${CL} + lane) * ${CV} + j]; }` : ''}
            ${guard('result[row * n4 + c4] = s;')}
          }`;
    return `
      ${S > 1 ? `var<workgroup> part : array<vec4<f32>, ${64 * CV}>;` : ''}

      fn main() {
        let li = i32(localIndex);
        let lane = li % ${CL};
        let slice = (li / ${CL}) % ${S};
        let rl = li / ${CL * S};
        let rIdx = i32(workgroupId.y) * ${R} + rl;
        let c4base = i32(workgroupId.x) * ${CL * CV} + lane;
        let n4 = uniforms.n4;
        let valid = rIdx < uniforms.m;
        var row = 0;
        var acc : array<vec4<f32>, ${CV}>;
        if (valid) {
          row = rowOrder[rIdx];
          let end = rowPtr[row + 1];
          for (var p = rowPtr[row] + slice; p < end; p += ${S}) {
            let v = vec4<f32>(values[p]);
            let base = colIdx[p] * n4 + c4base;
            for (var j = 0; j < ${CV}; j++) {
              let c4 = c4base + j * ${CL};
              ${guard(`acc[j] = fma(v, x[base + j * ${CL}], acc[j]);`)}
            }
          }
        }
        ${
          S > 1
            ? `for (var j = 0; j < ${CV}; j++) { part[li * ${CV} + j] = acc[j]; }
        workgroupBarrier();
        if (valid && slice == 0) { ${write} }`
            : `if (valid) { ${write} }`
        }
      }
    `;
  }
}

export class CsrGemvProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0], y: [1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  variableNames = ['rowPtr', 'colIdx', 'values', 'rowOrder', 'x'];
  /** colIdx and values are read 4 at a time (padded to a multiple of 4 + 4 by the runner). */
  variableComponents = [1, 4, 4, 1, 1];
  uniforms = 'm : i32, k : i32, rowStart : i32, rowCount : i32,';
  private readonly lanes: number;
  private readonly rows: number;

  /** Handles rows rowOrder[rowStart … rowStart + rowCount) with `lanes` invocations each. */
  constructor(m: number, lanes: number, rowCount: number) {
    this.lanes = lanes;
    this.rows = 64 / lanes;
    this.outputShape = [m, 1];
    this.dispatch = [Math.max(1, Math.ceil(rowCount / this.rows)), 1, 1];
    this.shaderKey = `sparselab_gemv_csr_l${lanes}`;
  }

  getUserCode(): string {
    const L = this.lanes;
    return `
      ${L > 1 ? 'var<workgroup> part : array<f32, 64>;' : ''}

      fn main() {
        let li = i32(localIndex);
        let lane = li % ${L};
        let rIdx = i32(workgroupId.x) * ${this.rows} + li / ${L};
        var row = -1;
        var acc = 0.0;
        if (rIdx < uniforms.rowCount) {
          row = rowOrder[uniforms.rowStart + rIdx];
          let start = rowPtr[row];
          let end = rowPtr[row + 1];
          // Aligned 4-wide steps from the word holding \`start\`; entries outside [start, end) are masked.
          for (var q = start / 4 + lane; q * 4 < end; q += ${L}) {
            let p = vec4<i32>(q * 4) + vec4<i32>(0, 1, 2, 3);
            let inRow = (p >= vec4<i32>(start)) & (p < vec4<i32>(end));
            let c = colIdx[q];
            let xs = vec4<f32>(x[c.x], x[c.y], x[c.z], x[c.w]);
            acc += dot(select(vec4<f32>(0.0), values[q], inRow), xs);
          }
        }
        ${
          L > 1
            ? `part[li] = acc;
        workgroupBarrier();
        for (var s = ${L / 2}; s > 0; s = s / 2) {
          if (lane < s) { part[li] += part[li + s]; }
          workgroupBarrier();
        }
        if (lane == 0 && row >= 0) { result[row] = part[li]; }`
            : 'if (row >= 0) { result[row] = acc; }'
        }
      }
    `;
  }
}
