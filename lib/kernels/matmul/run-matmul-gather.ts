/**
 * Runs the activation-sparse gather-SpMV: y = W x reading only the columns of W (rows of
 * Wᵀ) for the kept inputs. Wᵀ is uploaded once; the kept list can change per call
 * (setActivations) without recompiling, since its length is a uniform.
 */
import type * as TF from '@tensorflow/tfjs';
import { type KernelContext, runOnce, runProgram } from '../harness';
import type { GemvLayout } from './matmul-config';
import { GatherGemvProgram } from './matmul-gather-program';
import { atLeast } from './matmul-uploaded';

export interface UploadedGather {
  m: number;
  k: number;
  /** Replaces the kept inputs (indices into [0, K) and their values). */
  setActivations(idx: Int32Array, val: Float32Array): void;
  /** Enqueues one product y [M] for the current kept inputs (caller disposes). */
  run(): TF.Tensor;
  dispose(): void;
}

/** wt = Wᵀ [K, M] row-major; M must be a multiple of 4. */
export function uploadGatherGemv(ctx: KernelContext, wt: Float32Array, k: number, m: number, layout: GemvLayout = 'lanes'): UploadedGather {
  if (m % 4 !== 0) throw new RangeError(`gather-SpMV needs M (outputs) to be a multiple of 4, got M = ${m}`);
  if (wt.length !== k * m) throw new RangeError(`Wᵀ must hold K·M = ${k * m} values, got ${wt.length}`);
  const tf = ctx.tf;
  const wtT = tf.tensor(wt, [k, m], 'float32');
  let idxT: TF.Tensor = tf.tensor(new Int32Array(1), [1], 'int32');
  let valT: TF.Tensor = tf.tensor(new Float32Array(1), [1], 'float32');
  let count = 0;
  const program = new GatherGemvProgram(m, layout); // reused: runProgram restores its shaderKey
  return {
    m,
    k,
    setActivations(idx, val) {
      if (idx.length !== val.length) throw new RangeError('idx and val must have the same length');
      for (let j = 0; j < idx.length; j++)
        if (idx[j] < 0 || idx[j] >= k) throw new RangeError(`idx[${j}] = ${idx[j]} is outside [0, ${k})`);
      idxT.dispose();
      valT.dispose();
      idxT = tf.tensor(atLeast(idx, 1), [Math.max(1, idx.length)], 'int32');
      valT = tf.tensor(atLeast(val, 1), [Math.max(1, val.length)], 'float32');
      count = idx.length;
    },
    run: () =>
      runProgram(
        ctx,
        program,
        [wtT, idxT, valT],
        [
          { type: 'int32', data: [m / 4] },
          { type: 'int32', data: [count] },
        ],
      ),
    dispose() {
      wtT.dispose();
      idxT.dispose();
      valT.dispose();
    },
  };
}

export async function runGatherGemv(
  ctx: KernelContext,
  wt: Float32Array,
  k: number,
  m: number,
  idx: Int32Array,
  val: Float32Array,
  layout: GemvLayout = 'lanes',
): Promise<Float32Array> {
  return runOnce(
    () => uploadGatherGemv(ctx, wt, k, m, layout),
    (u) => {
      u.setActivations(idx, val);
      return u.run();
    },
  );
}
