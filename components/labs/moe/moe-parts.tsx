'use client';

import { formatNumber, type Locale } from '@/lib/i18n/locales';

/** Shared pieces of the MoE lab's views (moe-lab.tsx, lm-view.tsx) and their panels. */
const button = 'rounded border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50';
export const primary = `${button} border-teal-700 bg-teal-700 text-white hover:bg-teal-800`;
export const secondary = `${button} border-zinc-400 hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800`;
export const BACKEND_LABEL: Record<string, string> = { webgpu: 'WebGPU', wasm: 'WebAssembly (WASM)', cpu: 'CPU' };
export const pct = (x: number, locale: Locale, digits = 1) => `${formatNumber(100 * x, locale, digits)}%`;
export const th = 'px-2 py-1 text-right font-normal text-zinc-600 dark:text-zinc-400';
export const td = 'px-2 py-1 text-right font-mono';

export function Figure({
  title,
  caption,
  children,
  testId,
}: {
  title: string;
  caption?: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <section className="min-w-0 space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {caption && <p className="text-sm text-zinc-600 dark:text-zinc-400">{caption}</p>}
      {children}
    </section>
  );
}
