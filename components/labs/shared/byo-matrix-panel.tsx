'use client';

import { useEffect, useRef, useState } from 'react';
import { useCommon, useLocale } from '@/components/shell/locale-context';
import { HeatmapCanvas } from '@/components/viz/heatmap-canvas';
import type { ByoResult, ByoSettings } from '@/lib/io/byo-matrix';
import { MAX_NPY_BYTES, type NpyProblem } from '@/lib/io/npy';
import { formatBytes, formatNumber } from '@/lib/i18n/locales';
import type { Grid } from '@/lib/viz/aggregate';

type Reply =
  | { id: number; ok: true; dtype: string; grid: Grid; top: number; result: Omit<ByoResult, 'mask'> }
  | { id: number; ok: false; problem: { key: NpyProblem; message: string } };

/**
 * "Bring your own tensor": upload a 2-D float32/float16 .npy (up to 4096 x 4096); it is
 * pruned with the lab's current settings and its bytes in each format are shown. A bad
 * file gets a translated message and changes nothing (the last good matrix stays).
 */
export function ByoMatrixPanel({ settings, testId = 'byo' }: { settings: ByoSettings; testId?: string }) {
  const m = useCommon().byo;
  const locale = useLocale();
  const workerRef = useRef<Worker | null>(null);
  const idRef = useRef(0);
  const [file, setFile] = useState<{ name: string; buffer: ArrayBuffer } | null>(null);
  const [reply, setReply] = useState<Extract<Reply, { ok: true }> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => () => workerRef.current?.terminate(), []);

  const settingsKey = JSON.stringify(settings);
  useEffect(() => {
    if (!file) return;
    workerRef.current ??= new Worker(new URL('./byo-matrix.worker.ts', import.meta.url), { type: 'module' });
    const worker = workerRef.current;
    const id = ++idRef.current;
    setBusy(true);
    worker.onmessage = (e: MessageEvent<Reply>) => {
      if (e.data.id !== idRef.current) return; // a newer request superseded this one
      setBusy(false);
      if (e.data.ok) {
        setReply(e.data);
        setProblem(null);
      } else {
        setProblem(m.errors[e.data.problem.key] ?? e.data.problem.message);
        setFile(null);
      }
    };
    worker.postMessage({ id, buffer: file.buffer.slice(0), settings: JSON.parse(settingsKey) });
  }, [file, settingsKey, m.errors]);

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > MAX_NPY_BYTES) {
      setProblem(m.errors['too-big-file']);
      return;
    }
    setFile({ name: f.name, buffer: await f.arrayBuffer() });
  };

  const r = reply?.result;
  return (
    <section className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`} className="text-lg font-semibold">
        {m.title}
      </h2>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{m.intro}</p>
      <label className="mt-3 inline-flex cursor-pointer items-center gap-2 rounded border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        {m.choose}
        <input type="file" accept=".npy" className="sr-only" data-testid={`${testId}-input`} onChange={(e) => onFile(e.target.files?.[0])} />
      </label>
      {busy && (
        <span role="status" className="ml-3 text-sm text-zinc-600 dark:text-zinc-400">
          {m.reading}
        </span>
      )}
      {problem && (
        <p role="alert" className="mt-3 rounded border border-red-400 bg-red-50 p-2 text-sm text-red-900 dark:border-red-700 dark:bg-red-950/50 dark:text-red-100" data-testid={`${testId}-error`}>
          {problem}
        </p>
      )}
      {reply && r && (
        <div className="mt-4 grid gap-4 md:grid-cols-2" data-testid={`${testId}-result`}>
          <HeatmapCanvas grid={reply.grid} rows={r.rows} cols={r.cols} domain={[0, reply.top]} neutralZero label={m.picture(r.rows, r.cols)} testId={`${testId}-heatmap`} exportName="my-matrix-pruned" />
          <dl className="space-y-1 text-sm">
            <div className="flex justify-between gap-2">
              <dt>{m.shape}</dt>
              <dd className="font-mono" data-testid={`${testId}-shape`}>
                {r.rows} × {r.cols} ({reply.dtype})
              </dd>
            </div>
            <div className="flex justify-between gap-2">
              <dt>{m.sparsity}</dt>
              <dd className="font-mono" data-testid={`${testId}-sparsity`} data-value={r.sparsity}>
                {formatNumber(r.sparsity * 100, locale, 1)}%
              </dd>
            </div>
            {(['dense', 'csr', 'bsr', 'sparse24'] as const).map((k) => (
              <div key={k} className="flex justify-between gap-2">
                <dt>{m.bytes[k]}</dt>
                <dd className="font-mono" data-testid={`${testId}-bytes-${k}`}>
                  {r.bytes[k] === null ? m.notApplicable : formatBytes(r.bytes[k])}
                </dd>
              </div>
            ))}
            {r.note && <p className="pt-2 text-xs text-zinc-600 dark:text-zinc-400">{m.notes[r.note]}</p>}
          </dl>
        </div>
      )}
    </section>
  );
}
