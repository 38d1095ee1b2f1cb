/**
 * The combine step of MoE layers, as tfjs WebGPU programs (one invocation per output
 * element out[t, h]).
 *
 * MoeCombineProgram (dispatch and padded paths): a weighted gather through the inverse
 * permutation written by the counting sort, so no two invocations write the same element
 * (no float atomics needed):
 *   out[t, h] = Σ_{j<k} w[t·k+j] · y[position[t·k+j], h]      (dropped slots, position −1, add 0)
 * Inputs: y [rows, H] (expert outputs in sorted order), weights [T·k], perm [rows + T·k]
 * (int32; positions start at `rows`).
 *
 * MoeDenseCombineProgram (dense baseline): every expert's output for every token exists,
 * and the gate matrix masks it:
 *   G[t, e] = Σ_{j : experts[t·k+j] = e} w[t·k+j]          (0 for experts the token did not pick)
 *   out[t, h] = Σ_{e<E} G[t, e] · y[e·T + t, h]
 * Inputs: y [E·T, H], experts [T·k] (int32), weights [T·k].
 *
 * shaderKey: the program name only; T, H, k, E, rows are uniforms.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export class MoeCombineProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'sparselab_moe_combine';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  variableNames = ['y', 'weights', 'perm'];
  uniforms = 'numTokens : i32, hidden : i32, topK : i32, rows : i32,';

  constructor(numTokens: number, hidden: number) {
    this.outputShape = [numTokens, hidden];
    this.dispatch = [Math.ceil((numTokens * hidden) / 64), 1, 1];
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        let H = uniforms.hidden;
        if (index >= uniforms.numTokens * H) { return; }
        let t = index / H;
        let h = index - t * H;
        let k = uniforms.topK;
        var acc = 0.0;
        for (var j = 0; j < k; j++) {
          let s = t * k + j;
          let p = perm[uniforms.rows + s];
          if (p >= 0) { acc = fma(weights[s], y[p * H + h], acc); }
        }
        result[index] = acc;
      }
    `;
  }
}

export class MoeDenseCombineProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'sparselab_moe_dense_combine';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  variableNames = ['y', 'experts', 'weights'];
  uniforms = 'numTokens : i32, hidden : i32, topK : i32, numExperts : i32,';

  constructor(numTokens: number, hidden: number) {
    this.outputShape = [numTokens, hidden];
    this.dispatch = [Math.ceil((numTokens * hidden) / 64), 1, 1];
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        let H = uniforms.hidden;
        let T = uniforms.numTokens;
        if (index >= T * H) { return; }
        let t = index / H;
        let h = index - t * H;
        let k = uniforms.topK;
        var acc = 0.0;
        for (var e = 0; e < uniforms.numExperts; e++) {
          var g = 0.0;
          for (var j = 0; j < k; j++) {
            if (experts[t * k + j] == e) { g += weights[t * k + j]; }
          }
          acc = fma(g, y[(e * T + t) * H + h], acc);
        }
        result[index] = acc;
      }
    `;
  }
}
