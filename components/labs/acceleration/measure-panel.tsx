'use client';

import { useLocale } from '@/components/shell/locale-context';
import type { ShapeIssue } from '@/lib/kernels/matmul/matmul-config';
import { accelerationMessages } from '@/lib/i18n/acceleration';
import { issueMessage } from '@/lib/i18n/issues';
import { formatBytes } from '@/lib/i18n/locales';
import { TABLE_SPARSITIES } from '@/lib/acceleration/table';
import { Notice, Section, buttonClass, secondaryButtonClass } from './section';
import type { MeasureStatus } from './use-measurement';

export interface MeasurePanelProps {
  device: string | null;
  kernels: boolean | null;
  emulated: boolean;
  size: number;
  estimateSeconds: number | null;
  limitIssue: { needed: number; allowed: number } | null;
  shapeIssue: ShapeIssue | null;
  noFormat: boolean;
  status: MeasureStatus;
  stale: { size: number; batch: number } | null;
  canDownload: boolean;
  onMeasure: () => void;
  onCancel: () => void;
  onUseSize: (size: number) => void;
  onDownload: (kind: 'csv' | 'json') => void;
}

export function MeasurePanel(p: MeasurePanelProps) {
  const locale = useLocale();
  const m = accelerationMessages[locale].measure;
  const running = p.status.kind === 'running';
  const shape = p.shapeIssue;
  const shapeText = shape ? issueMessage(shape, locale) : null;
  const blocked = p.kernels !== true || p.limitIssue !== null || shape !== null || p.noFormat;
  const rows = TABLE_SPARSITIES.length;
  return (
    <Section title={m.title} testId="measure-panel">
      <div className="space-y-3">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">{m.intro}</p>
        {p.device && (
          <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400" data-testid="measure-device">
            {m.device(p.device)}
          </p>
        )}
        {p.kernels === false && (
          <Notice kind="warn" testId="measure-no-kernels">
            {m.noKernels}
          </Notice>
        )}
        {p.emulated && (
          <Notice kind="warn" testId="measure-software">
            <p>{m.software}</p>
            {p.size > 512 && (
              <p className="mt-2 flex flex-wrap items-center gap-2">
                <span>{m.softwareSuggest(p.size)}</span>
                <button type="button" className={secondaryButtonClass} onClick={() => p.onUseSize(256)} data-testid="use-small-size">
                  {m.useSize(256)}
                </button>
              </p>
            )}
          </Notice>
        )}
        {p.limitIssue && (
          <Notice kind="error" testId="measure-too-big">
            {m.tooBig(formatBytes(p.limitIssue.needed), formatBytes(p.limitIssue.allowed))}
          </Notice>
        )}
        {shapeText && (
          <Notice kind="error" testId="measure-shape">
            {shapeText}
          </Notice>
        )}
        {p.noFormat && (
          <Notice kind="warn" testId="measure-no-format">
            {m.noFormat}
          </Notice>
        )}
        {p.emulated && p.estimateSeconds !== null && !blocked && (
          <p className="text-sm" data-testid="measure-estimate">
            {m.estimate(p.estimateSeconds)}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={buttonClass} onClick={p.onMeasure} disabled={running || blocked} data-testid="measure-run">
            {running ? m.running : m.run}
          </button>
          {running && (
            <button type="button" className={secondaryButtonClass} onClick={p.onCancel} data-testid="measure-cancel">
              {m.cancel}
            </button>
          )}
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => p.onDownload('csv')}
            disabled={!p.canDownload}
            data-testid="download-csv"
          >
            {m.downloadCsv}
          </button>
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => p.onDownload('json')}
            disabled={!p.canDownload}
            data-testid="download-json"
          >
            {m.downloadJson}
          </button>
        </div>
        <div aria-live="polite" className="space-y-2 text-sm" data-testid="measure-status" data-status={p.status.kind}>
          {p.status.kind === 'running' && (
            <>
              <div
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(p.status.fraction * 100)}
                className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
                data-testid="measure-progress"
              >
                <div className="h-full bg-teal-600 transition-[width]" style={{ width: `${Math.max(2, p.status.fraction * 100)}%` }} />
              </div>
              <p>
                {p.status.phase === 'preparing'
                  ? m.preparing(TABLE_SPARSITIES[p.status.row])
                  : m.progress(p.status.row + 1, rows, TABLE_SPARSITIES[p.status.row])}
              </p>
            </>
          )}
          {p.status.kind === 'done' && <p>{m.done(p.status.seconds)}</p>}
          {p.status.kind === 'cancelled' && <p>{m.cancelled}</p>}
          {p.status.kind === 'error' && <Notice kind="error">{m.failed(p.status.message)}</Notice>}
          {p.stale && !running && (
            <Notice kind="info" testId="measure-stale">
              {m.stale(p.stale.size, p.stale.batch)}
            </Notice>
          )}
        </div>
      </div>
    </Section>
  );
}
