'use client';

import { useLocale } from '@/components/shell/locale-context';
import type { DecodeRow, decodeSpeedups } from '@/lib/acceleration/decode-jobs';
import type { DecodeTableResult } from '@/lib/acceleration/decode-protocol';
import { decodeMessages } from '@/lib/i18n/acceleration-decode';
import { formatNumber, type Locale } from '@/lib/i18n/locales';
import type { LinearKernel } from '@/lib/kernels/lm/linear-gemv';

/** Table cell classes of the decode panel's tables. */
export const th = 'px-1.5 py-1 font-medium';
export const td = 'px-1.5 py-1.5';

export type DecodeSpeedups = ReturnType<typeof decodeSpeedups>;

/** The decode panel's words and number format: a kernel's name (BSR with its block), a row's name, x with d decimals or '–'. */
export function useDecodeFormat() {
  const locale: Locale = useLocale();
  const m = decodeMessages[locale];
  const kernelName = (k: LinearKernel, b: number) => (k === 'bsr' ? m.table.kernelName.bsr(b) : m.table.kernelName[k]);
  const rowName = (table: DecodeTableResult, r: DecodeRow) => {
    const name = kernelName(r.config.kernel, r.config.blockSize);
    return table.backend === 'wasm' ? m.table.wasmKernel(name) : name;
  };
  const fmt = (x: number, d = 2) => (Number.isFinite(x) ? formatNumber(x, locale, d) : '–');
  return { locale, m, kernelName, rowName, fmt };
}
