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

/** One invocation per output element out[t, h] of a [T, H] result: the layout both combines share. */
abstract class CombineProgram implements WebGPUProgram {
  outputShape: number[];
  abstract shaderKey: string;
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  abstract variableNames: string[];
  abstract uniforms: string;

  constructor(numTokens: number, hidden: number) {
    this.outputShape = [numTokens, hidden];
    this.dispatch = [Math.ceil((numTokens * hidden) / 64), 1, 1];
  }

  /** WGSL that adds out[t, h] into `acc` (t, h, H, T, k are in scope). */
  protected abstract accumulate(): string;

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
        ${this.accumulate()}
        result[index] = acc;
      }
    `;
  }
}

export class MoeCombineProgram extends CombineProgram {
  shaderKey = 'sparselab_moe_combine';
  variableNames = ['y', 'weights', 'perm'];
  uniforms = 'numTokens : i32, hidden : i32, topK : i32, rows : i32,';

  protected accumulate(): string {
    return `
        for (var j = 0; j < k; j++) {
          let s = t * k + j;
          let p = perm[uniforms.rows + s];
          if (p >= 0) { acc = fma(weights[s], y[p * H + h], acc); }
        }`;
  }
}

export class MoeDenseCombineProgram extends CombineProgram {
  shaderKey = 'sparselab_moe_dense_combine';
  variableNames = ['y', 'experts', 'weights'];
  uniforms = 'numTokens : i32, hidden : i32, topK : i32, numExperts : i32,';

  protected accumulate(): string {
    return `
        for (var e = 0; e < uniforms.numExperts; e++) {
          var g = 0.0;
          for (var j = 0; j < k; j++) {
            if (experts[t * k + j] == e) { g += weights[t * k + j]; }
          }
          acc = fma(g, y[(e * T + t) * H + h], acc);
        }`;
  }
}
