'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useCompute } from '@/components/hooks/use-compute';
import { useUrlState } from '@/components/hooks/use-url-state';
import { CopyLink } from '@/components/controls/copy-link';
import { downloadBlob } from '@/components/controls/download';
import { CorrectionsNotice } from '@/components/controls/corrections-notice';
import { LessonShell } from '@/components/lesson/lesson-shell';
import { useCommon, useLocale } from '@/components/shell/locale-context';
import { GuidedPath } from '@/components/teach/guided-path';
import { LabCheck } from '@/components/teach/lab-check';
import { LessonBeside, LessonToggle } from '@/components/teach/lessons';
import { NextLabs } from '@/components/teach/next-labs';
import { RealLlmNote } from '@/components/teach/real-llm-note';
import { teachMessages } from '@/lib/i18n/teach';
import type { MeasuredRow } from '@/lib/acceleration/table';
import { type DecodeLiveRow, accelerationLive } from '@/lib/teach/live';
import { accelerationPath } from '@/lib/teach/paths';
import { bufferLimitIssue, estimateMeasureSeconds } from '@/lib/acceleration/limits';
import { type AccuracyRow, type MeasurementExport, type SpeedFormat, measurementToCsv, measurementToJson } from '@/lib/acceleration/table';
import { describeDevice } from '@/lib/compute/backend';
import { accelerationMessages } from '@/lib/i18n/acceleration';
import { issueDetail } from '@/lib/i18n/issues';
import { bsrShapeIssue, gemmShapeIssue } from '@/lib/kernels/matmul/matmul-config';
import { FORMAT_NAMES, FORMAT_REGISTRY } from '@/lib/kernels/format-registry';
import { accelerationSchema } from '@/lib/state/acceleration';
import {
  BoundLesson,
  CompareLesson,
  ComparePanel,
  IndexLesson,
  SourceExamplePanel,
  SourceLesson,
  StructureLesson,
  TorchPanel,
} from './acceleration-lesson';
import { DecodePanel } from './decode-panel';
import { DynamicPanel } from './dynamic-panel';
import { FormatsPanel } from './formats-panel';
import { ByoMatrixPanel } from '../shared/byo-matrix-panel';
import { KernelCheck } from './kernel-check';
import { LabControls } from './lab-controls';
import { MeasurePanel } from './measure-panel';
import { SpeedChart } from './speed-chart';
import { SpeedTable } from './speed-table';
import { useAccelerationWorker } from './use-acceleration-worker';
import { useMeasurement } from './use-measurement';
import type { ModelInfo } from '@/lib/acceleration/worker-protocol';

export function AccelerationLab() {
  const locale = useLocale();
  const common = useCommon();
  const m = accelerationMessages[locale];
  const u = useUrlState(accelerationSchema);
  const { state, update } = u;
  const compute = useCompute();
  const modelWorker = useAccelerationWorker();
  const opsWorker = useAccelerationWorker();
  const { status, result, start, cancel } = useMeasurement(opsWorker);

  const size = Number(state.size);
  const batch = Number(state.batch);
  const blockSize = Number(state.block);
  // the formats switched on, in the registry's order (their URL toggles as a key, so the list keeps its identity)
  const formatsKey = FORMAT_NAMES.filter((f) => state[FORMAT_REGISTRY[f].urlKey]).join(',');
  const formats = useMemo(() => (formatsKey === '' ? [] : (formatsKey.split(',') as SpeedFormat[])), [formatsKey]);
  const emulated = compute?.choice.emulated ?? false;
  const kernels = compute ? compute.choice.kernels : null;
  const device = compute ? describeDevice(compute.probe) : null;

  // The model, its accuracy column and the dynamic section (worker).
  const [model, setModel] = useState<ModelInfo | null>(null);
  const [modelError, setModelError] = useState<string | null>(null);
  const [accuracy, setAccuracy] = useState<{ blockSize: number; rows: AccuracyRow[] }>({ blockSize, rows: [] });
  useEffect(() => {
    void modelWorker.request('model', undefined).outcome.then((o) => {
      if (o.status === 'done') setModel(o.value);
      else if (o.status === 'failed') setModelError(issueDetail(o.issue, locale));
    });
  }, [modelWorker, locale]);
  useEffect(() => {
    if (!model) return;
    let alive = true;
    setAccuracy({ blockSize, rows: [] });
    void modelWorker
      .request('accuracy', { blockSize }, { onProgress: (rows) => alive && setAccuracy({ blockSize, rows }) })
      .outcome.then((o) => {
        // a failure shows as the model's error (the same worker and data)
        if (alive && o.status === 'done') setAccuracy({ blockSize, rows: o.value });
      });
    return () => {
      alive = false;
    };
  }, [model, modelWorker, blockSize]);

  // Settings changes cancel a running measurement (its results would describe other settings).
  const running = status.kind === 'running';
  useEffect(() => {
    cancel();
  }, [size, batch, blockSize, formats, state.seed, state.samples, cancel]);

  const limits = compute?.probe.adapter?.limits;
  const limitIssue = limits ? bufferLimitIssue(size, batch, Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize)) : null;
  const shapeIssue = gemmShapeIssue(size, size, batch) ?? (state.bsr ? bsrShapeIssue(size, size, blockSize) : null);
  const measured =
    result && result.settings.size === size && result.settings.batch === batch && result.settings.blockSize === blockSize ? result : null;
  const stale = result && !measured && result.rows.length > 0 ? { size: result.settings.size, batch: result.settings.batch } : null;
  const rows = measured?.rows ?? [];

  const onMeasure = useCallback(() => {
    start({ size, batch, blockSize, seed: state.seed, samples: state.samples, formats, emulated });
  }, [start, size, batch, blockSize, state.seed, state.samples, formats, emulated]);

  const exportData = (): MeasurementExport | null => {
    if (!result || result.rows.length === 0 || !compute) return null;
    return {
      device: { description: describeDevice(compute.probe), isFallback: compute.probe.adapter?.isFallback ?? false },
      settings: { ...result.settings, formats: result.settings.formats },
      measuredAt: result.finishedAt ?? new Date().toISOString(),
      baselineAccuracy: model?.baselineAccuracy ?? null,
      rows: result.rows,
      accuracy: accuracy.blockSize === result.settings.blockSize ? accuracy.rows : [],
    };
  };
  const onDownload = (kind: 'csv' | 'json') => {
    const e = exportData();
    if (!e) return;
    const name = `sparselab-acceleration-${e.settings.size}-b${e.settings.batch}`;
    if (kind === 'csv') downloadBlob(new Blob([measurementToCsv(e)], { type: 'text/csv' }), `${name}.csv`);
    else downloadBlob(new Blob([measurementToJson(e)], { type: 'application/json' }), `${name}.json`);
  };

  const notes = model?.blockNotes[String(blockSize)] ?? [];
  const accuracyNote =
    state.bsr && notes.length > 0 ? m.table.blockPadded(notes.map((n) => `${n.name} (${n.rows} × ${n.cols})`).join(', '), blockSize) : null;
  const measuringRow = status.kind === 'running' ? status.row : null;

  // Live values for the guided path and the check: the latest table per batch at this size and
  // block size (a step at batch 1 compares with the table measured at batch 64), and dynamic sparsity.
  const [tables, setTables] = useState<{ size: number; blockSize: number; batch: number; rows: MeasuredRow[] }[]>([]);
  useEffect(() => {
    if (!measured || measured.rows.length === 0) return;
    const { size: sz, batch: b, blockSize: bs } = measured.settings;
    setTables((t) => [
      ...t.filter((x) => !(x.size === sz && x.batch === b && x.blockSize === bs)),
      { size: sz, batch: b, blockSize: bs, rows: measured.rows },
    ]);
  }, [measured]);
  const [decodeRows, setDecodeRows] = useState<DecodeLiveRow[]>([]);
  const [dynamic, setDynamic] = useState<{ accuracy: number; kept: number; mode: string; keep: number; threshold: number } | null>(null);
  const live = useMemo(() => {
    const byBatch: Record<number, MeasuredRow[]> = {};
    for (const t of tables) if (t.size === size && t.blockSize === blockSize) byBatch[t.batch] = t.rows;
    const dyn =
      dynamic &&
      model &&
      dynamic.mode === state.mode &&
      (state.mode === 'topk' ? dynamic.keep === state.keep : dynamic.threshold === state.threshold)
        ? { accuracy: dynamic.accuracy, baseline: model.baselineAccuracy, kept: dynamic.kept }
        : null;
    return accelerationLive(byBatch, dyn, decodeRows);
  }, [tables, size, blockSize, dynamic, model, state.mode, state.keep, state.threshold, decodeRows]);
  const teach = teachMessages[locale];

  return (
    <LessonShell
      wide
      title={common.labs.acceleration.title}
      lead={m.lead}
      embed={u.embed}
      toolbar={
        <>
          <LessonToggle />
          <CopyLink />
        </>
      }
      guide={
        <GuidedPath
          path={accelerationPath}
          texts={teach.paths.acceleration}
          state={state}
          live={live}
          navigate={u.navigate}
          update={update}
        />
      }
      controls={
        <div id="controls" className="scroll-mt-4">
          <LabControls state={state} update={update} reset={u.reset} emulated={emulated} disabled={running} hidden={u.hidden} />
        </div>
      }
      after={
        <>
          <LabCheck questions={accelerationPath.check} texts={teach.checks.acceleration} live={live} />
          <div className="max-w-3xl">
            <RealLlmNote topic="acceleration" />
          </div>
          <NextLabs lab="acceleration" />
        </>
      }
    >
      <CorrectionsNotice corrections={u.corrections} onDismiss={u.dismissCorrections} />
      <LessonBeside id="formats" lesson={<IndexLesson />}>
        <FormatsPanel size={size} blockSize={blockSize} seed={state.seed} />
      </LessonBeside>
      <LessonBeside id="source-example" lesson={<SourceLesson />}>
        <SourceExamplePanel />
      </LessonBeside>
      <ByoMatrixPanel settings={{ method: 'none', amount: 0, norm: 2, dim: 0, n: 2, m: 4, block: blockSize }} />
      <LessonBeside id="measure" lesson={<BoundLesson />}>
        <MeasurePanel
          device={device}
          kernels={kernels}
          emulated={emulated}
          size={size}
          estimateSeconds={emulated ? estimateMeasureSeconds(size, batch, state.samples, formats) : null}
          limitIssue={limitIssue}
          shapeIssue={shapeIssue}
          noFormat={formats.length === 0}
          status={status}
          stale={stale}
          canDownload={!running && (result?.rows.length ?? 0) > 0}
          onMeasure={onMeasure}
          onCancel={cancel}
          onUseSize={(s) => update({ size: String(s) as typeof state.size })}
          onDownload={onDownload}
        />
      </LessonBeside>
      <LessonBeside id="speed-table" lesson={<StructureLesson />}>
        <SpeedTable
          size={size}
          batch={batch}
          formats={formats}
          rows={rows}
          measuringRow={measuringRow}
          accuracy={accuracy.blockSize === blockSize ? accuracy.rows : []}
          baselineAccuracy={model?.baselineAccuracy ?? null}
          accuracyNote={accuracyNote}
        />
        <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="baseline-note">
          {m.table.baselineNote}
        </p>
        <div id="speed-chart" className="scroll-mt-4">
          <SpeedChart rows={rows} formats={formats} exportName={`acceleration-speedup-vs-sparsity-${size}-n${batch}-b${blockSize}`} />
        </div>
      </LessonBeside>
      <LessonBeside id="compare" lesson={<CompareLesson />}>
        <ComparePanel rows={rows} accuracy={accuracy.rows} baselineAccuracy={model?.baselineAccuracy ?? null} />
      </LessonBeside>
      <KernelCheck kernels={kernels} />
      <DecodePanel
        state={state}
        update={update}
        kernels={kernels}
        emulated={emulated}
        device={device}
        hidden={u.hidden}
        onTable={setDecodeRows}
      />
      <LessonBeside id="dynamic-section" lesson={<RealLlmNote topic="activations" />}>
        <DynamicPanel
          state={state}
          update={update}
          modelWorker={modelWorker}
          opsWorker={opsWorker}
          model={model}
          modelError={modelError}
          kernels={kernels}
          emulated={emulated}
          onResult={setDynamic}
        />
      </LessonBeside>
      <TorchPanel
        torch={{ size, batch, blockSize, seed: state.seed, samples: state.samples, csr: state.csr, bsr: state.bsr, s24: state.nm24 }}
      />
    </LessonShell>
  );
}
