'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { CopyLink } from '@/components/controls/copy-link';
import { CorrectionsNotice } from '@/components/controls/corrections-notice';
import { Select } from '@/components/controls/select';
import { Slider } from '@/components/controls/slider';
import { TableCsv } from '@/components/controls/table-csv';
import { Toggle } from '@/components/controls/toggle';
import { type UrlState, useDebounced } from '@/components/hooks/use-url-state';
import { LessonShell } from '@/components/lesson/lesson-shell';
import { LessonBeside, LessonToggle } from '@/components/teach/lessons';
import { useCommon, useLocale } from '@/components/shell/locale-context';
import { formatBytes, formatNumber } from '@/lib/i18n/locales';
import { pruningLmMessages } from '@/lib/i18n/pruning';
import { LM_MODELS, defaultModelFor } from '@/lib/lm/models';
import { LINEAR_KINDS, LM_PATTERNS, LM_PRUNE_METHODS, type LmPruneSpec, needsCalibration } from '@/lib/lm/prune';
import { WINDOW } from '@/lib/lm/prune-data';
import { type Evaluation, PAPER_LLAMA7B, TABLE_METHODS, TABLE_PATTERNS, curveSpecs, sameOrderingAsPaper, sensitivitySpecs, tableSpecs } from '@/lib/lm/prune-jobs';
import type { GeneratedPair, LoadedLm, PruneLmName } from '@/lib/lm/prune-protocol';
import { issueDetail } from '@/lib/runtime/issue';
import type { pruningSchema } from '@/lib/state/pruning';
import { lmLiveKey } from '@/lib/teach/path-pruning';
import { formatPercent } from '@/lib/runtime/format';
import { LmCurveChart } from './lm-curve-chart';
import type { PruningTeach } from './teach-layer';
import { type BatchState, EMPTY_BATCH, type Progress, useLmPruning } from './use-lm-pruning';

const button = 'rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800';
const primary = 'rounded bg-teal-700 px-3 py-1 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-50';

/** The URL state → the spec lib/lm/prune.ts prunes by. */
export function specFromState(s: UrlState<typeof pruningSchema>['state']): LmPruneSpec {
  return { method: s.lmMethod, pattern: s.pattern, amount: s.amount, group: s.group, kinds: s.only === 'all' ? LINEAR_KINDS : [s.only], embed: s.head };
}

/**
 * The pruning lab on a language model: URL state → the worker prunes a copy of lm-en / lm-zh and
 * measures its test perplexity live; the Wanda-style table, the curves, the per-layer sensitivity
 * and the dense-vs-pruned generation run on request (progress, cancel, cached per model).
 */
export function LmPruningLab({ u, modelSwitch, teach }: { u: UrlState<typeof pruningSchema>; modelSwitch: React.ReactNode; teach: PruningTeach }) {
  const locale = useLocale();
  const common = useCommon();
  const t = pruningLmMessages[locale];
  const { state, update } = u;
  const model: PruneLmName = state.lm === 'auto' ? (defaultModelFor(locale) as PruneLmName) : state.lm;
  const spec = useMemo(() => specFromState(state), [state]);
  const liveSpec = useDebounced(spec, 250);
  const calib = state.calib;
  const lm = useLmPruning();
  const [loaded, setLoaded] = useState<LoadedLm | null>(null);
  const [loading, setLoading] = useState<Progress | null>(null);
  const [live, setLive] = useState<{ key: string; evaluation: Evaluation } | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [table, setTable] = useState<BatchState>(EMPTY_BATCH);
  const [curve, setCurve] = useState<BatchState>(EMPTY_BATCH);
  const [sens, setSens] = useState<BatchState>(EMPTY_BATCH);
  const [gen, setGen] = useState<GeneratedPair | null>(null);
  const [genBusy, setGenBusy] = useState(false);
  const cancels = useRef<Record<string, () => void>>({});
  const { report } = teach;
  const pct = (v: number, d = 1) => formatPercent(v, locale, d);
  const ppl = (v: number | null | undefined) => (v === null || v === undefined ? '…' : formatNumber(v, locale, 2));

  // a different model or backend starts over
  const loadKey = `${model}|${state.backend}`;
  const [wanted, setWanted] = useState<string | null>(null);
  useEffect(() => {
    setLoaded(null);
    setLive(null);
    setTable(EMPTY_BATCH);
    setCurve(EMPTY_BATCH);
    setSens(EMPTY_BATCH);
    setGen(null);
    for (const c of Object.values(cancels.current)) c();
    if (wanted !== loadKey) return;
    let alive = true;
    setLoading({ phase: 'download', done: 0, total: LM_MODELS[model].bytes });
    void lm.load(model, LM_MODELS[model].bytes, state.backend, (p) => alive && setLoading(p)).then((o) => {
      if (!alive) return;
      setLoading(null);
      if (o.status === 'failed') lm.setError(o.issue);
      if (o.status !== 'done') return;
      setLoaded(o.value);
      report({ [`lm.${o.value.model}.dense`]: o.value.densePerplexity });
    });
    return () => {
      alive = false;
    };
  }, [loadKey, wanted]);

  // live evaluation of the current setting
  const liveKey = JSON.stringify([loaded?.model, liveSpec, calib]);
  useEffect(() => {
    if (!loaded) return;
    let alive = true;
    const reportAs = lmLiveKey(loaded.model, liveSpec, calib);
    void lm.evaluate(loaded.model, liveSpec, calib, (p) => alive && setProgress(p)).then((o) => {
      if (!alive) return;
      setProgress(null);
      if (o.status === 'failed') lm.setError(o.issue);
      if (o.status !== 'done') return;
      setLive({ key: liveKey, evaluation: o.value });
      // remembered for the guided path and the check, under the name of these settings
      if (reportAs) report({ [reportAs]: o.value.perplexity });
    });
    return () => {
      alive = false;
    };
  }, [liveKey]);

  const startBatch = (kind: 'table' | 'curve' | 'sensitivity') => {
    if (!loaded) return;
    cancels.current[kind]?.();
    const specs = kind === 'table' ? tableSpecs() : kind === 'curve' ? curveSpecs(spec) : sensitivitySpecs(spec);
    const set = kind === 'table' ? setTable : kind === 'curve' ? setCurve : setSens;
    cancels.current[kind] = lm.batch(kind, loaded.model, specs, calib, set);
  };

  const runGenerate = () => {
    if (!loaded) return;
    setGenBusy(true);
    void lm.generate(loaded.model, spec, calib, state.prompt, state.genSeed).then((o) => {
      setGenBusy(false);
      if (o.status === 'done') setGen(o.value);
      else if (o.status === 'failed') lm.setError(o.issue);
    });
  };

  const structured = state.lmMethod === 'heads' || state.lmMethod === 'channels';
  const nm = !structured && state.pattern !== 'unstructured';
  const setting = structured ? pct(state.amount, 0) : nm ? state.pattern : pct(state.amount, 0);
  const tableCells = useMemo(() => {
    const cells: Record<string, number> = {};
    for (const p of table.points) cells[`${p.spec.method}|${p.spec.pattern}`] = p.evaluation.perplexity;
    return cells;
  }, [table.points]);
  const ordering = table.finished ? sameOrderingAsPaper(tableCells) : null;
  const size = formatBytes(LM_MODELS[model].bytes);

  const controls = (
    <div className="space-y-5" data-testid="lm-pruning-controls">
      {modelSwitch}
      <Select label={t.whichLm} value={state.lm} options={(['auto', 'lm-en', 'lm-zh'] as const).map((value) => ({ value, label: t.lmOptions[value] }))} onChange={(v) => update({ lm: v })} testId="lm-select" />
      <Select
        label={t.methodLabel}
        value={state.lmMethod}
        options={LM_PRUNE_METHODS.map((value) => ({ value, label: t.methods[value].label }))}
        onChange={(lmMethod) => update({ lmMethod })}
        hint={t.methods[state.lmMethod].hint}
        testId="lm-method-select"
      />
      {!structured && <Select label={t.pattern} value={state.pattern} options={LM_PATTERNS.map((value) => ({ value, label: t.patterns[value] }))} onChange={(pattern) => update({ pattern })} testId="lm-pattern-select" />}
      <Slider
        label={t.amount}
        value={state.amount}
        min={0}
        max={1}
        step={0.05}
        onChange={(amount) => update({ amount })}
        format={(v) => pct(v, 0)}
        hint={nm ? t.amountNm : structured ? t.amountUnits : undefined}
        disabled={nm}
        testId="lm-amount"
      />
      {state.lmMethod === 'magnitude' && <Select label={t.group} value={state.group} options={(['layer', 'row'] as const).map((value) => ({ value, label: t.groups[value] }))} onChange={(group) => update({ group })} testId="lm-group-select" />}
      {needsCalibration(state.lmMethod) && (
        <Slider label={t.calib} value={state.calib} values={[1, 4, 8, 16, 32, 64, 128]} onChange={(c) => update({ calib: c })} hint={t.calibHint(formatNumber(state.calib * WINDOW, locale, 0))} testId="lm-calib" />
      )}
      {!structured && (
        <>
          <Select label={t.only} value={state.only} options={(['all', ...LINEAR_KINDS] as const).map((value) => ({ value, label: value === 'all' ? t.onlyAll : value }))} onChange={(only) => update({ only })} testId="lm-only-select" />
          <Toggle label={t.head} checked={state.head} onChange={(head) => update({ head })} hint={t.headHint} testId="lm-head-toggle" />
        </>
      )}
      <Select label={t.backend} value={state.backend} options={(['auto', 'webgpu', 'wasm'] as const).map((value) => ({ value, label: t.backends[value] }))} onChange={(backend) => update({ backend })} testId="lm-backend-select" />
      <button type="button" onClick={u.reset} className={button} data-testid="reset">
        {common.controls.reset}
      </button>
    </div>
  );

  const liveEval = live && live.key === liveKey ? live.evaluation : (live?.evaluation ?? null);
  const stale = !live || live.key !== liveKey;

  return (
    <LessonShell
      wide
      title={t.lmTitle}
      lead={t.lmLead(model)}
      controls={controls}
      embed={u.embed}
      toolbar={
        <>
          <LessonToggle />
          <CopyLink />
        </>
      }
      guide={teach.guide}
      after={teach.after}
    >
      <CorrectionsNotice corrections={u.corrections} onDismiss={u.dismissCorrections} />
      {lm.error && (
        <p role="alert" className="rounded border border-red-400 bg-red-50 p-3 text-sm text-red-900 dark:border-red-700 dark:bg-red-950/50 dark:text-red-100" data-testid="lab-error">
          {issueDetail(lm.error, locale)}
        </p>
      )}
      {!loaded ? (
        <div className="space-y-2">
          {loading ? (
            <p role="status" data-testid="lm-prune-loading">
              <progress max={loading.total || 1} value={loading.done} className="mr-2 w-48" aria-label={t.loading(t.live.phases[loading.phase])} />
              {t.loading(t.live.phases[loading.phase])}
            </p>
          ) : (
            <button type="button" className={primary} onClick={() => setWanted(loadKey)} data-testid="lm-prune-load">
              {t.load(size)}
            </button>
          )}
        </div>
      ) : (
        <>
          <LessonBeside id="lm-live" lesson={<LmLesson part="live" cells={tableCells} dense={loaded.densePerplexity} />}>
            <section className="space-y-2" data-testid="lm-live" aria-busy={stale}>
              <h2 className="text-lg font-semibold">{t.live.title}</h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="lm-ready" data-backend={loaded.backend}>
                {t.loaded(loaded.model, loaded.backend)} {t.live.subset(loaded.testWindows, loaded.windowLength)}
              </p>
              <dl className="grid max-w-xl grid-cols-3 gap-3">
                <div>
                  <dt className="text-xs text-zinc-600 dark:text-zinc-400">{t.live.dense}</dt>
                  <dd className="font-mono text-2xl" data-testid="lm-dense-ppl" data-value={loaded.densePerplexity}>
                    {ppl(loaded.densePerplexity)}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-zinc-600 dark:text-zinc-400">{t.live.pruned}</dt>
                  <dd className={`font-mono text-2xl ${stale ? 'opacity-50' : ''}`} data-testid="lm-ppl" data-value={liveEval?.perplexity ?? ''} data-current={!stale}>
                    {ppl(liveEval?.perplexity)}
                  </dd>
                  {liveEval && <dd className="text-xs text-zinc-600 dark:text-zinc-400">{t.live.ratio(formatNumber(liveEval.perplexity / loaded.densePerplexity, locale, 2))}</dd>}
                </div>
                <div>
                  <dt className="text-xs text-zinc-600 dark:text-zinc-400">{t.live.sparsity}</dt>
                  <dd className="font-mono text-2xl" data-testid="lm-sparsity" data-value={liveEval?.linearSparsity ?? ''}>
                    {liveEval ? pct(liveEval.linearSparsity) : '…'}
                  </dd>
                </div>
              </dl>
              {progress && (
                <p role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
                  {t.live.working(`${t.live.phases[progress.phase]} ${progress.done}/${progress.total}`)}
                </p>
              )}
            </section>

          </LessonBeside>

          <LessonBeside id="lm-table-panel" lesson={<LmLesson part="table" cells={tableCells} dense={loaded.densePerplexity} />}>
            <section className="space-y-2" data-testid="lm-table" data-finished={table.finished} data-ordering={ordering ? String(ordering.holds) : ''}>
              <h2 className="text-lg font-semibold">{t.table.title}</h2>
              <p className="text-sm">{t.table.intro}</p>
              <BatchButtons state={table} run={() => startBatch('table')} cancel={() => cancels.current.table?.()} label={t.table.run} testId="lm-table-run" />
              <div className="overflow-x-auto">
                <table className="text-sm">
                  <thead>
                    <tr>
                      <th className="px-2 text-left">{t.table.method}</th>
                      {TABLE_PATTERNS.map((p) => (
                        <th key={p} className="px-2 text-right">
                          {t.table.ours(p === 'unstructured' ? '50%' : p)}
                        </th>
                      ))}
                      {TABLE_PATTERNS.map((p) => (
                        <th key={`paper-${p}`} className="px-2 text-right text-zinc-600 dark:text-zinc-400">
                          {t.table.paper(p === 'unstructured' ? '50%' : p)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <td className="px-2">{t.table.dense}</td>
                      <td className="px-2 text-right font-mono" colSpan={3} data-testid="lm-table-dense">
                        {ppl(loaded.densePerplexity)}
                      </td>
                      <td className="px-2 text-right font-mono text-zinc-600 dark:text-zinc-400" colSpan={3}>
                        {PAPER_LLAMA7B.dense}
                      </td>
                    </tr>
                    {TABLE_METHODS.map((m) => (
                      <tr key={m}>
                        <td className="px-2">{t.methods[m].label}</td>
                        {TABLE_PATTERNS.map((p) => (
                          <td key={p} className="px-2 text-right font-mono" data-testid={`lm-cell-${m}-${p}`} data-value={tableCells[`${m}|${p}`] ?? ''}>
                            {ppl(tableCells[`${m}|${p}`])}
                          </td>
                        ))}
                        {TABLE_PATTERNS.map((p) => (
                          <td key={`paper-${p}`} className="px-2 text-right font-mono text-zinc-600 dark:text-zinc-400">
                            {PAPER_LLAMA7B.cells[m][p] ?? '—'}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {ordering && (
                <p className="font-medium" data-testid="lm-ordering">
                  {t.table.ordering(ordering.holds)} {ordering.holds ? '' : t.table.failures(ordering.failures.join(', '))}
                </p>
              )}
              {table.points.length > 0 && (
                <TableCsv
                  name={`pruning-lm-table-${loaded.model}-calib${calib}`}
                  header={['method', 'pattern', 'perplexity', 'paper_llama7b_perplexity', 'linear_sparsity']}
                  rows={table.points.map((p) => [p.spec.method, p.spec.pattern, p.evaluation.perplexity, PAPER_LLAMA7B.cells[p.spec.method as (typeof TABLE_METHODS)[number]][p.spec.pattern] ?? '', p.evaluation.linearSparsity])}
                  label={t.table.title}
                  testId="lm-table-export"
                />
              )}
            </section>

          </LessonBeside>

          <LessonBeside id="lm-curve-panel" lesson={<LmLesson part="curve" cells={tableCells} dense={loaded.densePerplexity} />}>
            <section className="space-y-2" data-testid="lm-curve" data-points={curve.points.length} data-finished={curve.finished}>
              <h2 className="text-lg font-semibold">{t.curve.title}</h2>
              <BatchButtons state={curve} run={() => startBatch('curve')} cancel={() => cancels.current.curve?.()} label={t.curve.run} testId="lm-curve-run" />
              <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.curve.cached}</p>
              <LmCurveChart points={curve.points} dense={loaded.densePerplexity} exportName={`pruning-lm-perplexity-vs-sparsity-${loaded.model}-calib${calib}`} />
            </section>

          </LessonBeside>

          <section className="space-y-2" data-testid="lm-sensitivity" data-finished={sens.finished}>
            <h2 className="text-lg font-semibold">{t.sensitivity.title}</h2>
            <p className="text-sm">{t.sensitivity.intro(t.methods[state.lmMethod].label, setting)}</p>
            {structured ? null : <BatchButtons state={sens} run={() => startBatch('sensitivity')} cancel={() => cancels.current.sensitivity?.()} label={t.sensitivity.run} testId="lm-sensitivity-run" />}
            {sens.points.length > 0 && (
              <>
                <table className="text-sm">
                  <thead>
                    <tr>
                      <th className="px-2 text-left">{t.sensitivity.kind}</th>
                      <th className="px-2 text-right">{t.sensitivity.perplexity}</th>
                      <th className="px-2" />
                    </tr>
                  </thead>
                  <tbody>
                    {sens.points.map((p) => {
                      const max = Math.max(...sens.points.map((q) => q.evaluation.perplexity));
                      const frac = (p.evaluation.perplexity - loaded.densePerplexity) / Math.max(max - loaded.densePerplexity, 1e-9);
                      return (
                        <tr key={p.spec.kinds[0]} data-testid={`lm-sens-${p.spec.kinds[0]}`} data-value={p.evaluation.perplexity}>
                          <td className="px-2 font-mono">{p.spec.kinds[0]}</td>
                          <td className="px-2 text-right font-mono">{ppl(p.evaluation.perplexity)}</td>
                          <td className="px-2">
                            <div className="h-3 rounded-sm bg-[#D55E00]" style={{ width: `${Math.max(2, 160 * frac)}px` }} aria-hidden="true" />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                <TableCsv
                  name={`pruning-lm-sensitivity-${loaded.model}-${state.lmMethod}-${state.pattern}-a${state.amount}`}
                  header={['layer_type', 'perplexity', 'dense_perplexity']}
                  rows={sens.points.map((p) => [p.spec.kinds[0], p.evaluation.perplexity, loaded.densePerplexity])}
                  label={t.sensitivity.title}
                  testId="lm-sensitivity-export"
                />
              </>
            )}
          </section>

          <section className="space-y-2" data-testid="lm-generate">
            <h2 className="text-lg font-semibold">{t.generate.title}</h2>
            <label className="block text-sm">
              {t.generate.prompt}
              <input
                type="text"
                value={state.prompt}
                maxLength={200}
                placeholder={loaded.defaultPrompt}
                onChange={(e) => update({ prompt: e.target.value })}
                className="mt-1 block w-full rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
                data-testid="lm-prompt"
              />
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{t.generate.promptHint}</span>
            </label>
            <label className="block text-sm">
              {t.generate.seed}
              <input
                type="number"
                min={0}
                max={999999}
                value={state.genSeed}
                onChange={(e) => update({ genSeed: Math.max(0, Math.min(999999, Math.round(Number(e.target.value) || 0))) })}
                className="ml-2 w-28 rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
                data-testid="lm-gen-seed"
              />
            </label>
            <button type="button" className={primary} onClick={runGenerate} disabled={genBusy} data-testid="lm-generate-run">
              {t.generate.run}
            </button>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.generate.note}</p>
            {gen && (
              <div className="grid gap-4 md:grid-cols-2">
                <figure>
                  <figcaption className="text-sm font-medium">{t.generate.dense(ppl(loaded.densePerplexity))}</figcaption>
                  <p className="whitespace-pre-wrap rounded border border-zinc-200 p-2 font-mono text-sm dark:border-zinc-800" data-testid="lm-gen-dense">
                    <span className="text-zinc-600 dark:text-zinc-400">{gen.prompt}</span>
                    {gen.dense}
                  </p>
                </figure>
                <figure>
                  <figcaption className="text-sm font-medium">{t.generate.pruned(ppl(gen.perplexity))}</figcaption>
                  <p className="whitespace-pre-wrap rounded border border-zinc-200 p-2 font-mono text-sm dark:border-zinc-800" data-testid="lm-gen-pruned">
                    <span className="text-zinc-600 dark:text-zinc-400">{gen.prompt}</span>
                    {gen.pruned}
                  </p>
                </figure>
              </div>
            )}
          </section>
        </>
      )}
    </LessonShell>
  );
}

function BatchButtons({ state, run, cancel, label, testId }: { state: BatchState; run: () => void; cancel: () => void; label: string; testId: string }) {
  const locale = useLocale();
  const t = pruningLmMessages[locale];
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="button" className={primary} onClick={run} disabled={state.running} data-testid={testId}>
        {label}
      </button>
      {state.running && (
        <>
          <progress max={state.total || 1} value={state.done} className="w-40" aria-label={t.curve.progress(state.done, state.total)} />
          <span className="text-sm" role="status">
            {t.curve.progress(state.done, state.total)}
          </span>
          <button type="button" className={button} onClick={cancel} data-testid={`${testId}-cancel`}>
            {t.curve.cancel}
          </button>
        </>
      )}
    </div>
  );
}

/** The language-model lesson, one part per panel: beside the live perplexity, the table and the curves. */
function LmLesson({ part, cells, dense }: { part: 'live' | 'table' | 'curve'; cells: Record<string, number>; dense: number | null }) {
  const locale = useLocale();
  const m = pruningLmMessages[locale].lesson;
  const f = (v: number | undefined | null) => (v === undefined || v === null ? '…' : formatNumber(v, locale, 2));
  if (part === 'live') return <p>{m.oneShot}</p>;
  if (part === 'curve') return <p>{m.structured}</p>;
  const have = cells['magnitude|unstructured'] !== undefined && cells['wanda|unstructured'] !== undefined && cells['sparsegpt|unstructured'] !== undefined;
  return (
    <div data-testid="lm-lesson">
      <h3>{m.title}</h3>
      <p>{m.intro}</p>
      {have ? (
        <p data-testid="lm-lesson-measured">
          {m.measured(f(cells['magnitude|unstructured']), f(cells['wanda|unstructured']), f(cells['sparsegpt|unstructured']), f(dense))}{' '}
          {cells['magnitude|2:4'] !== undefined && cells['sparsegpt|2:4'] !== undefined ? m.nm(f(cells['magnitude|2:4']), f(cells['sparsegpt|2:4'])) : ''}
        </p>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">{m.pending}</p>
      )}
      <p>{m.small}</p>
    </div>
  );
}
