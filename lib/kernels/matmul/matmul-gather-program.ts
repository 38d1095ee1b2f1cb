/**
 * Activation-sparse gather-SpMV: y [M] = Σ_j val[j] · Wᵀ[idx[j], :], reading only the
 * rows of Wᵀ [K, M] (the columns of W) whose input is kept. Twin: matmul-gather-reference.ts.
 *
 * This is the kernel behind dynamic activation sparsity (Deja Vu, Liu et al. 2023;
 * TEAL, Liu et al. 2024): for one token x, zero (or dropped) inputs select whole
 * columns of W that need not be read, and GEMV time is weight-read time.
 *
 * A workgroup owns 16 vec4 outputs (64 rows of y); 4 slices of invocations stride over
 * the kept inputs (consecutive invocations of a slice read consecutive 16-byte words of
 * one row of Wᵀ) and add up in workgroup memory. The number of kept inputs is a
 * uniform, so moving the kept-fraction slider never recompiles. Layout 'rows' (software
 * adapters): one invocation per output vec4 walks all kept inputs, no barrier.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { GATHER_COL_LANES, GATHER_SLICES, type GemvLayout } from './matmul-config';

export class GatherGemvProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0], y: [1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  variableNames = ['wt', 'idx', 'val'];
  variableComponents = [4, 1, 1];
  outputComponent = 4;
  uniforms = 'm4 : i32, count : i32,';

  private readonly layout: GemvLayout;

  constructor(m: number, layout: GemvLayout = 'lanes') {
    this.layout = layout;
    this.outputShape = [m, 1];
    this.dispatch = [Math.ceil(m / 4 / (layout === 'rows' ? 64 : GATHER_COL_LANES)), 1, 1];
    this.shaderKey = `sparselab_gemv_gather_c${GATHER_COL_LANES}_s${GATHER_SLICES}_${layout}`;
  }

  getUserCode(): string {
    if (this.layout === 'rows') {
      return `
      fn main() {
        let c4 = i32(workgroupId.x) * 64 + i32(localIndex);
        let m4 = uniforms.m4;
        if (c4 >= m4) { return; }
        var acc = vec4<f32>(0.0);
        for (var j = 0; j < uniforms.count; j++) { acc = fma(vec4<f32>(val[j]), wt[idx[j] * m4 + c4], acc); }
        result[c4] = acc;
      }
    `;
    }
    const CL = GATHER_COL_LANES;
    const S = GATHER_SLICES;
    return `
      var<workgroup> part : array<vec4<f32>, 64>;

      fn main() {
        let li = i32(localIndex);
        let lane = li % ${CL};
        let slice = li / ${CL};
        let c4 = i32(workgroupId.x) * ${CL} + lane;
        let m4 = uniforms.m4;
        var acc = vec4<f32>(0.0);
        if (c4 < m4) {
          for (var j = slice; j < uniforms.count; j += ${S}) {
            acc = fma(vec4<f32>(val[j]), wt[idx[j] * m4 + c4], acc);
          }
        }
        part[li] = acc;
        workgroupBarrier();
        if (slice == 0 && c4 < m4) {
          var s = acc;
          for (var t = 1; t < ${S}; t++) { s += part[t * ${CL} + lane]; }
          result[c4] = s;
        }
      }
    `;
  }
}
