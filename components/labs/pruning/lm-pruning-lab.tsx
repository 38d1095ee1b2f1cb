'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { CopyLink } from '@/components/controls/copy-link';
import { CorrectionsNotice } from '@/components/controls/corrections-notice';
import { type UrlState, useDebounced } from '@/components/hooks/use-url-state';
import { LessonShell } from '@/components/lesson/lesson-shell';
import { LessonBeside, LessonToggle } from '@/components/teach/lessons';
import { useLocale } from '@/components/shell/locale-context';
import { formatBytes } from '@/lib/i18n/locales';
import { pruningLmMessages } from '@/lib/i18n/pruning';
import { LM_MODELS, defaultModelFor } from '@/lib/lm/models';
import { LINEAR_KINDS, type LmPruneSpec } from '@/lib/lm/prune';
import { type Evaluation, curveSpecs, sensitivitySpecs, tableSpecs } from '@/lib/lm/prune-jobs';
import type { GeneratedPair, LoadedLm, PruneLmName } from '@/lib/lm/prune-protocol';
import { issueDetail } from '@/lib/i18n/issues';
import type { pruningSchema } from '@/lib/state/pruning';
import { lmLiveKey } from '@/lib/teach/path-pruning';
import { formatPercent } from '@/lib/runtime/format';
import { BatchButtons, LmSensitivityPanel, LmTablePanel, primary } from './lm-batch-panels';
import { LmCurveChart } from './lm-curve-chart';
import { LmLivePanel } from './lm-live-panel';
import { LmPruningControls } from './lm-pruning-controls';
import { LmGeneratePanel } from './lm-generate-panel';
import { LmLesson } from './lm-lesson';
import type { PruningTeach } from './teach-layer';
import { type BatchState, EMPTY_BATCH, type Progress, useLmPruning } from './use-lm-pruning';

/** The URL state → the spec lib/lm/prune.ts prunes by. */
export function specFromState(s: UrlState<typeof pruningSchema>['state']): LmPruneSpec {
  return {
    method: s.lmMethod,
    pattern: s.pattern,
    amount: s.amount,
    group: s.group,
    kinds: s.only === 'all' ? LINEAR_KINDS : [s.only],
    embed: s.head,
  };
}

/**
 * The pruning lab on a language model: URL state → the worker prunes a copy of lm-en / lm-zh and
 * measures its test perplexity live; the Wanda-style table, the curves, the per-layer sensitivity
 * and the dense-vs-pruned generation run on request (progress, cancel, cached per model).
 */
export function LmPruningLab({
  u,
  modelSwitch,
  teach,
}: {
  u: UrlState<typeof pruningSchema>;
  modelSwitch: React.ReactNode;
  teach: PruningTeach;
}) {
  const locale = useLocale();
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
    void lm
      .load(model, LM_MODELS[model].bytes, state.backend, (p) => alive && setLoading(p))
      .then((o) => {
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
    // keyed on loadKey (model and backend): a new lm or report callback does not reload the model
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadKey, wanted]);

  // live evaluation of the current setting
  const liveKey = JSON.stringify([loaded?.model, liveSpec, calib]);
  useEffect(() => {
    if (!loaded) return;
    let alive = true;
    const reportAs = lmLiveKey(loaded.model, liveSpec, calib);
    void lm
      .evaluate(loaded.model, liveSpec, calib, (p) => alive && setProgress(p))
      .then((o) => {
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
    // keyed on liveKey (model, setting, calibration): only a new setting re-evaluates
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
  const size = formatBytes(LM_MODELS[model].bytes);

  const controls = <LmPruningControls u={u} modelSwitch={modelSwitch} />;

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
        <p
          role="alert"
          className="rounded border border-red-400 bg-red-50 p-3 text-sm text-red-900 dark:border-red-700 dark:bg-red-950/50 dark:text-red-100"
          data-testid="lab-error"
        >
          {issueDetail(lm.error, locale)}
        </p>
      )}
      {!loaded ? (
        <div className="space-y-2">
          {loading ? (
            <p role="status" data-testid="lm-prune-loading">
              <progress
                max={loading.total || 1}
                value={loading.done}
                className="mr-2 w-48"
                aria-label={t.loading(t.live.phases[loading.phase])}
              />
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
          <LmLivePanel loaded={loaded} tableCells={tableCells} live={liveEval} stale={stale} progress={progress} />

          <LmTablePanel
            loaded={loaded}
            table={table}
            tableCells={tableCells}
            calib={calib}
            run={() => startBatch('table')}
            cancel={() => cancels.current.table?.()}
          />

          <LessonBeside id="lm-curve-panel" lesson={<LmLesson part="curve" cells={tableCells} dense={loaded.densePerplexity} />}>
            <section className="space-y-2" data-testid="lm-curve" data-points={curve.points.length} data-finished={curve.finished}>
              <h2 className="text-lg font-semibold">{t.curve.title}</h2>
              <BatchButtons
                state={curve}
                run={() => startBatch('curve')}
                cancel={() => cancels.current.curve?.()}
                label={t.curve.run}
                testId="lm-curve-run"
              />
              <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.curve.cached}</p>
              <LmCurveChart
                points={curve.points}
                dense={loaded.densePerplexity}
                exportName={`pruning-lm-perplexity-vs-sparsity-${loaded.model}-calib${calib}`}
              />
            </section>
          </LessonBeside>

          <LmSensitivityPanel
            loaded={loaded}
            state={state}
            sens={sens}
            structured={structured}
            setting={setting}
            run={() => startBatch('sensitivity')}
            cancel={() => cancels.current.sensitivity?.()}
          />

          <LmGeneratePanel loaded={loaded} state={state} update={update} gen={gen} busy={genBusy} run={runGenerate} />
        </>
      )}
    </LessonShell>
  );
}
