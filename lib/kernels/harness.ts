/**
 * The kernel harness: the one way our WGSL programs are run through tfjs's WebGPU
 * backend (backend.runWebGPUProgram, as tfjs's own kernels do in
 * tfjs-backend-webgpu/src/kernels/*.ts). Every kernel in this folder has
 *   <name>-program.ts   a WebGPUProgram: shaderKey names every compile-time constant,
 *                       values a slider moves are uniforms (no recompiles);
 *   <name>-reference.ts a pure TypeScript twin with the same inputs and outputs;
 *   run-<name>.ts       uploads inputs, runs the program, reads back, disposes.
 */
import type * as TF from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export type Uniform = { type: 'int32' | 'float32' | 'uint32'; data: number[] };

export interface KernelContext {
  tf: typeof TF;
  backend: WebGPUBackend;
}

/** Runs one program on tensors and wraps the output as a tensor the caller must dispose. */
export function runProgram(
  ctx: KernelContext,
  program: WebGPUProgram,
  inputs: TF.Tensor[],
  uniforms: Uniform[] = [],
  dtype: 'float32' | 'int32' = 'float32',
): TF.Tensor {
  const info = ctx.backend.runWebGPUProgram(program, inputs, dtype, uniforms);
  return ctx.tf.engine().makeTensorFromTensorInfo(info);
}

/**
 * Waits until the GPU has finished all work submitted so far: tfjs batches dispatches in an
 * open compute pass, so first end that pass (endComputePassEncoder), then submit its encoder
 * (submitQueue), then await device.queue.onSubmittedWorkDone(). Calling submitQueue with the
 * pass still open finishes an invalid command buffer: the GPU silently drops the queued work
 * (and later dispatches still recorded into the dead pass), so timings came out near zero.
 */
export async function waitForGpu(ctx: KernelContext): Promise<void> {
  const backend = ctx.backend;
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.submitQueue();
  await backend.device.queue.onSubmittedWorkDone();
}

/** The largest storage buffer this device binds, for "size beyond the device" messages. */
export function maxBindingBytes(ctx: KernelContext): number {
  return ctx.backend.device.limits.maxStorageBufferBindingSize;
}
