'use client';

import { useCompute } from '../hooks/use-compute';
import { useCommon } from './locale-context';

/** A visible notice whenever WebGPU is missing or lost (the app keeps working on WASM). */
export function BackendNotice() {
  const m = useCommon();
  const compute = useCompute();
  const notice = compute?.choice.notice;
  if (!notice || notice === 'software-adapter') return null;
  return (
    <div
      role="status"
      data-testid="backend-notice"
      data-notice={notice}
      className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="mx-auto max-w-6xl">{m.notice[notice]}</p>
    </div>
  );
}
