'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useCommon, useLocale } from '@/components/shell/locale-context';
import { HeatmapCanvas } from '@/components/viz/heatmap-canvas';
import type { ByoSettings } from '@/lib/io/byo-matrix';
import { MAX_FILE_BYTES, type MatrixProblem } from '@/lib/io/matrix';
import type { TensorChoice } from '@/lib/io/safetensors-matrix';
import { formatBytes, formatNumber } from '@/lib/i18n/locales';
import { useWorkerClient } from '@/components/hooks/use-worker-client';
import { issueDetail, issueMessage } from '@/lib/i18n/issues';
import type { WorkerPort } from '@/lib/runtime/worker-client';
import type { ByoProtocol, ByoReply } from './byo-matrix.worker';

/** A file to analyse: an .npy (tensor null), or one tensor of a .safetensors file. */
interface Source {
  name: string;
  buffer: ArrayBuffer;
  tensor: string | null;
}
type MatrixReply = Extract<ByoReply, { kind: 'matrix' }>;
interface Listing {
  name: string;
  buffer: ArrayBuffer;
  tensors: TensorChoice[];
  notMatrices: number;
}

const startByoWorker = () => new Worker(new URL('./byo-matrix.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;

/**
 * "Bring your own tensor": upload a 2-D .npy (float, integer or bool, either byte order, up to 4096 x 4096)
 * or a .safetensors checkpoint and pick one of its 2-D tensors; the matrix is pruned with the lab's current
 * settings and its bytes in each format are shown. A bad file gets a translated message and changes
 * nothing: the last good matrix (and the tensor list of the last good .safetensors file) stay.
 */
export function ByoMatrixPanel({ settings, testId = 'byo' }: { settings: ByoSettings; testId?: string }) {
  const m = useCommon().byo;
  const locale = useLocale();
  const worker = useWorkerClient<ByoProtocol>(startByoWorker);
  /** The request in flight, and the source of the analysis shown (re-run when the settings change). */
  const pendingRef = useRef<Source | null>(null);
  const goodRef = useRef<Source | null>(null);
  const [shown, setShown] = useState<{ reply: MatrixReply; source: Source } | null>(null);
  const [listing, setListing] = useState<Listing | null>(null);
  const [problem, setProblem] = useState<{ key: MatrixProblem | 'unexpected'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const request = useCallback(
    (source: Source, s: ByoSettings) => {
      pendingRef.current = source;
      setBusy(true);
      const job = worker.request(
        'analyse',
        { buffer: source.buffer.slice(0), fileName: source.name, tensor: source.tensor, settings: s },
        { channel: 'analyse' },
      );
      void job.outcome.then((o) => {
        if (o.status === 'cancelled') return; // a newer request superseded this one
        const done = pendingRef.current!;
        pendingRef.current = null;
        setBusy(false);
        if (o.status === 'failed') {
          // A bug, not the file's fault: the page says so, and the error still reaches the console.
          console.error('byo-matrix worker:', issueDetail(o.issue, locale));
          setProblem({ key: 'unexpected', message: issueDetail(o.issue, locale) });
          return;
        }
        const r = o.value;
        if (r.kind === 'matrix') {
          goodRef.current = done;
          setShown({ reply: r, source: done });
          setProblem(null);
          if (done.tensor === null) setListing(null); // an .npy replaces the previous file's tensor list
        } else if (r.kind === 'tensors') {
          setListing({ name: done.name, buffer: done.buffer, tensors: r.tensors, notMatrices: r.notMatrices });
          setProblem(null);
        } else setProblem(r.problem);
      });
    },
    [worker, locale],
  );

  const settingsKey = JSON.stringify(settings);
  useEffect(() => {
    const source = pendingRef.current ?? goodRef.current;
    if (source) request(source, JSON.parse(settingsKey));
  }, [settingsKey, request]);

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) {
      setProblem({ key: 'too-big-file', message: '' });
      return;
    }
    request({ name: f.name, buffer: await f.arrayBuffer(), tensor: null }, settings);
  };

  const pick = (t: TensorChoice) => listing && request({ name: listing.name, buffer: listing.buffer, tensor: t.name }, settings);

  const reply = shown?.reply;
  const r = reply?.result;
  const picked = shown && listing && shown.source.buffer === listing.buffer ? shown.source.tensor : null;
  return (
    <section
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      data-testid={testId}
      aria-labelledby={`${testId}-title`}
    >
      <h2 id={`${testId}-title`} className="text-lg font-semibold">
        {m.title}
      </h2>
      <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{m.intro}</p>
      <label className="mt-3 inline-flex cursor-pointer items-center gap-2 rounded border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        {m.choose}
        <input
          type="file"
          accept=".npy,.safetensors"
          className="sr-only"
          data-testid={`${testId}-input`}
          onChange={(e) => onFile(e.target.files?.[0])}
        />
      </label>
      {busy && (
        <span role="status" className="ml-3 text-sm text-zinc-600 dark:text-zinc-400">
          {m.reading}
        </span>
      )}
      {problem && (
        <p
          role="alert"
          className="mt-3 rounded border border-red-400 bg-red-50 p-2 text-sm text-red-900 dark:border-red-700 dark:bg-red-950/50 dark:text-red-100"
          data-testid={`${testId}-error`}
        >
          {problem.key === 'unexpected' ? m.errors.unexpected(problem.message) : issueMessage({ key: problem.key }, locale)}
        </p>
      )}
      {listing && (
        <div className="mt-4" data-testid={`${testId}-tensors`}>
          <h3 className="text-sm font-semibold">{m.tensors.title(listing.name)}</h3>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{m.tensors.hint}</p>
          <div className="mt-2 max-h-72 overflow-auto rounded border border-zinc-200 dark:border-zinc-800">
            <table className="w-full text-left text-sm">
              <thead className="sticky top-0 bg-zinc-50 dark:bg-zinc-900">
                <tr>
                  <th scope="col" className="px-2 py-1 font-medium">
                    {m.tensors.name}
                  </th>
                  <th scope="col" className="px-2 py-1 font-medium">
                    {m.tensors.shape}
                  </th>
                  <th scope="col" className="px-2 py-1 font-medium">
                    {m.tensors.dtype}
                  </th>
                  <th scope="col" className="px-2 py-1 font-medium">
                    {m.tensors.status}
                  </th>
                </tr>
              </thead>
              <tbody>
                {listing.tensors.map((t) => (
                  <tr key={t.name} className="border-t border-zinc-100 dark:border-zinc-800">
                    <th scope="row" className="px-2 py-1 font-mono font-normal break-all">
                      {t.problem === null ? (
                        <button
                          type="button"
                          aria-pressed={picked === t.name}
                          onClick={() => pick(t)}
                          className="text-left text-blue-700 underline hover:no-underline aria-pressed:font-semibold dark:text-blue-300"
                        >
                          {t.name}
                        </button>
                      ) : (
                        t.name
                      )}
                    </th>
                    <td className="px-2 py-1 font-mono whitespace-nowrap">
                      {t.rows} × {t.cols}
                    </td>
                    <td className="px-2 py-1 font-mono">{t.dtype}</td>
                    <td className="px-2 py-1">
                      {t.problem ? m.tensors.problems[t.problem.key] : picked === t.name ? m.tensors.shown : m.tensors.ready}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {listing.notMatrices > 0 && (
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{m.tensors.notListed(listing.notMatrices)}</p>
          )}
        </div>
      )}
      {shown && reply && r && (
        <div className="mt-4 grid gap-4 md:grid-cols-2" data-testid={`${testId}-result`}>
          <HeatmapCanvas
            grid={reply.grid}
            rows={r.rows}
            cols={r.cols}
            domain={[0, reply.top]}
            neutralZero
            label={m.picture(r.rows, r.cols)}
            testId={`${testId}-heatmap`}
            exportName="my-matrix-pruned"
          />
          <div className="text-sm">
            <dl className="space-y-1">
              <div className="flex justify-between gap-2">
                <dt>{m.file}</dt>
                <dd className="font-mono break-all" data-testid={`${testId}-file`}>
                  {reply.tensor === null ? shown.source.name : `${shown.source.name}: ${reply.tensor}`}
                </dd>
              </div>
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
            </dl>
            {reply.conversion && (
              <p className="pt-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid={`${testId}-conversion`}>
                {m.conversion(reply.conversion)}
              </p>
            )}
            {r.note && <p className="pt-2 text-xs text-zinc-600 dark:text-zinc-400">{m.notes[r.note]}</p>}
          </div>
        </div>
      )}
    </section>
  );
}
