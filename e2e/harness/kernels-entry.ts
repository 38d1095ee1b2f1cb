/**
 * Test-only browser entry of e2e/kernels.spec.ts (never part of the site): runs every WGSL
 * program of lib/kernels (and the GEMV linear layers of lib/lm's decode path) on tfjs's WebGPU
 * backend, without the UI, and compares each output with its pure TypeScript twin.
 *
 * The spec bundles this file with esbuild and serves it into a blank page of the app's origin, so
 * WebGPU and tfjs's WebGPU backend start as they do on the site (lib/compute/tf.ts kernelBackend:
 * tf.setBackend('webgpu') on the browser's adapter). It exposes window.kernelHarness.run(family),
 * which resolves to one KernelResult per check; the spec asserts them.
 *
 * The tolerance is the project's one rule (lib/runtime/check-kernel.ts): max |gpu − twin| <=
 * 1e-4 · max(1, max |twin|), and exact integer steps for the MoE checks (moe-check.ts). Sizes are
 * small: the CI's adapter is SwiftShader, a CPU.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { KernelContext } from '../../lib/kernels/harness';
import { FAMILIES, type Family, type KernelResult } from './kernel-checks';
import { attentionChecks, linearChecks } from './kernels-attention';
import { matmulChecks } from './kernels-matmul';
import { facts, moeChecks } from './kernels-moe';

// ---------------------------------------------------------------- running

let ctxPromise: Promise<KernelContext> | null = null;

function kernelContext(): Promise<KernelContext> {
  ctxPromise ??= (async () => {
    if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not start its WebGPU backend');
    return { tf, backend: tf.backend() as WebGPUBackend };
  })();
  return ctxPromise;
}

/** Runs fn in a validation error scope: an invalid shader or binding would otherwise leave zeros. */
async function validated<T>(ctx: KernelContext, fn: () => Promise<T>): Promise<{ value: T | null; error: string | null }> {
  const device = ctx.backend.device;
  device.pushErrorScope('validation');
  let value: T | null = null;
  let thrown: string | null = null;
  try {
    value = await fn();
  } catch (err) {
    thrown = err instanceof Error ? err.message : String(err);
  }
  const scoped = await device.popErrorScope();
  return { value, error: scoped ? `WebGPU validation error: ${scoped.message}` : thrown };
}

async function run(
  family: Family,
): Promise<{ results: KernelResult[]; facts: Record<string, number>; leakedTensors: number; adapter: string }> {
  const ctx = await kernelContext();
  const before = tf.memory().numTensors;
  const results: KernelResult[] = [];
  const failed = (id: string, program: string, error: string): KernelResult => ({
    id,
    program,
    maxAbsError: Number.NaN,
    scale: 0,
    tolerance: 0,
    maxAbsOutput: null,
    validationError: error,
  });
  if (family === 'moe') {
    for (const c of moeChecks()) {
      const { value, error } = await validated(ctx, () => c.run(ctx));
      if (!value) results.push(failed(c.id, c.program, error ?? 'no result'));
      else
        for (const s of value)
          results.push({
            id: `${c.id}/${s.step}`,
            program: `${c.program}: ${s.program}`,
            maxAbsError: s.maxAbsError,
            scale: s.scale,
            tolerance: s.tolerance,
            maxAbsOutput: s.maxAbsOutput,
            validationError: error,
          });
    }
  } else {
    const checks = family === 'matmul' ? matmulChecks() : family === 'attention' ? attentionChecks() : linearChecks();
    for (const c of checks) {
      const { value, error } = await validated(ctx, () => c.run(ctx));
      if (!value) results.push(failed(c.id, c.program, error ?? 'no result'));
      else
        for (const r of Array.isArray(value) ? value : [value])
          results.push({ id: c.id, program: c.program, ...r, validationError: error });
    }
  }
  const info = ctx.backend.device.adapterInfo ?? ({} as GPUAdapterInfo);
  return {
    results,
    facts: { ...facts },
    leakedTensors: tf.memory().numTensors - before,
    adapter: `${info.vendor} ${info.architecture}`.trim(),
  };
}

declare global {
  interface Window {
    kernelHarness: { families: readonly Family[]; run: typeof run };
  }
}

window.kernelHarness = { families: FAMILIES, run };
