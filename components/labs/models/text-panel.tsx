'use client';

import { useEffect, useRef, useState } from 'react';
import { useDebounced } from '@/components/hooks/use-url-state';
import { useLocale } from '@/components/shell/locale-context';
import { lmMessages } from '@/lib/i18n/lm';
import { formatNumber } from '@/lib/i18n/locales';
import { LM_MODELS, type LmName, defaultModelFor } from '@/lib/lm/models';
import type { GeneratedText, ScoredText } from '@/lib/lm/worker-protocol';
import type { Issue } from '@/lib/i18n/issues';
import type { ModelsState } from '@/lib/state/models';
import { ScoredTextView } from './scored-text';
import { ModelStatus, primary, ProblemBox, secondary, useLmModel } from './use-lm-model';
import { TextPanelControls } from './text-panel-controls';
import { useLmWorker } from './use-lm-worker';
import { usePassages } from './use-passages';

type Job<R> =
  | { kind: 'idle' }
  | { kind: 'running'; id: number; done: number; total: number }
  | { kind: 'done'; result: R }
  | { kind: 'error'; error: Issue };

/** What the panel measured, for a page's guided path: a scored text (key <model>.p<passage> or <model>.text) or a generation. */
export type TextPanelLive =
  | { kind: 'score'; key: string; bitsPerChar: number; uniformBits: number; model: LmName }
  | { kind: 'generate'; charsPerSecond: number; model: LmName };

/**
 * The text panel: pick a model and a passage (or type), see each character's loss and the
 * model's predictions, and generate a continuation. Its settings live in the page's URL state.
 * `onLive` (optional) hears every finished score and generation.
 */
export function TextPanel({
  settings,
  update,
  onLive,
}: {
  settings: ModelsState;
  update: (patch: Partial<ModelsState>) => void;
  onLive?: (e: TextPanelLive) => void;
}) {
  const locale = useLocale();
  const m = lmMessages[locale];
  const model: LmName = settings.model === 'auto' ? defaultModelFor(locale) : settings.model;
  const entry = LM_MODELS[model];
  const passages = usePassages(entry.lang);
  const worker = useLmWorker();
  const lm = useLmModel(worker, model, settings.backend);
  const { load, ready } = lm;
  const [scoreJob, setScoreJob] = useState<Job<ScoredText>>({ kind: 'idle' });
  const [genJob, setGenJob] = useState<Job<GeneratedText>>({ kind: 'idle' });
  const [streamed, setStreamed] = useState('');

  const passageIndex = passages && passages.length > 0 ? Math.min(settings.passage, passages.length - 1) : 0;
  const text = settings.source === 'passage' ? (passages?.[passageIndex]?.text ?? '') : settings.text;
  const debouncedText = useDebounced(text, 250);
  // which text the panel shows now (a score is reported only for the text it belongs to)
  const shownRef = useRef({ text, key: '' });
  const shownKey = `${model}.${settings.source === 'passage' ? `p${passageIndex}` : 'text'}`;
  useEffect(() => {
    shownRef.current = { text, key: shownKey };
  }, [text, shownKey]);
  const onLiveRef = useRef(onLive);
  useEffect(() => {
    onLiveRef.current = onLive;
  }, [onLive]);

  // a new model or backend starts with nothing scored or generated
  useEffect(() => {
    setScoreJob({ kind: 'idle' });
    setGenJob({ kind: 'idle' });
  }, [model, settings.backend]);

  // Score the text whenever it (or the model) changes; a newer request supersedes the older.
  useEffect(() => {
    if (!ready) return;
    if (Array.from(debouncedText).length < 2) {
      setScoreJob({ kind: 'error', error: { key: 'empty-text' } });
      return;
    }
    const job = worker.request(
      'score',
      { model, text: debouncedText },
      {
        channel: 'score',
        onProgress: (p) => setScoreJob({ kind: 'running', id: job.id, done: p.done, total: p.total }),
      },
    );
    setScoreJob({ kind: 'running', id: job.id, done: 0, total: Array.from(debouncedText).length });
    let live = true;
    void job.outcome.then((o) => {
      if (!live || o.status === 'cancelled') return;
      if (o.status === 'failed') {
        setScoreJob({ kind: 'error', error: o.issue });
        return;
      }
      const result = o.value;
      setScoreJob({ kind: 'done', result });
      const vocab = lm.load.kind === 'ready' ? lm.load.info.vocab.length : 0;
      if (shownRef.current.text === debouncedText && vocab > 0) {
        onLiveRef.current?.({
          kind: 'score',
          key: shownRef.current.key,
          bitsPerChar: result.score.bitsPerChar,
          uniformBits: Math.log2(vocab),
          model,
        });
      }
    });
    return () => {
      live = false;
    };
    // `ready` stands for lm.load: a new load object with the same state does not re-score
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, debouncedText, model, worker]);

  // A finished or failed continuation belongs to the text it continued: a new text clears it.
  useEffect(() => {
    setGenJob((j) => (j.kind === 'running' ? j : { kind: 'idle' }));
    setStreamed('');
  }, [text, model]);

  const generate = () => {
    setStreamed('');
    const job = worker.request(
      'generate',
      { model, prompt: text, length: settings.length, temperature: settings.temp, topK: settings.topk, seed: settings.seed },
      {
        channel: 'generate',
        onProgress: (p) => {
          setStreamed((s) => s + p.text);
          setGenJob({ kind: 'running', id: job.id, done: p.done, total: p.total });
        },
      },
    );
    setGenJob({ kind: 'running', id: job.id, done: 0, total: settings.length });
    void job.outcome.then((o) => {
      if (o.status === 'done') {
        setGenJob({ kind: 'done', result: o.value });
        onLiveRef.current?.({ kind: 'generate', charsPerSecond: o.value.charsPerSecond, model });
      } else {
        // the reader's Cancel (or a newer Generate) leaves the quiet "Cancelled." notice
        setGenJob((j) =>
          j.kind === 'running' && j.id !== job.id ? j : { kind: 'error', error: o.status === 'failed' ? o.issue : { key: 'cancelled' } },
        );
      }
    });
  };

  const score = scoreJob.kind === 'done' ? scoreJob.result : null;
  const genRunning = genJob.kind === 'running';

  return (
    <section
      id="text-panel"
      aria-labelledby="text-panel-title"
      className="grid scroll-mt-4 gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]"
      data-testid="text-panel"
    >
      <TextPanelControls settings={settings} update={update} text={text} passages={passages} passageIndex={passageIndex} />

      <div className="min-w-0 space-y-4">
        <h2 id="text-panel-title" className="text-xl font-semibold">
          {m.panel.title}
        </h2>
        <ModelStatus lm={lm} cancel={worker.cancel} />

        {ready && scoreJob.kind === 'running' && (
          <p className="text-sm" role="status">
            <progress max={scoreJob.total} value={scoreJob.done} className="mr-2 w-48 align-middle" aria-hidden="true" />
            {m.panel.scoring(scoreJob.done, scoreJob.total)}
          </p>
        )}
        {ready && scoreJob.kind === 'error' && <ProblemBox error={scoreJob.error} />}
        {ready && score && (
          <div className="space-y-3" data-testid="lm-score">
            <dl className="grid grid-cols-3 gap-3 text-center">
              {[
                [m.panel.bpc, formatNumber(score.score.bitsPerChar, locale, 3), 'lm-bpc', score.score.bitsPerChar],
                [m.panel.ppl, formatNumber(score.score.perplexity, locale, 2), 'lm-ppl', score.score.perplexity],
                [m.panel.nats, formatNumber(score.score.meanNll, locale, 3), 'lm-nats', score.score.meanNll],
              ].map(([label, value, id, exact]) => (
                <div key={id} className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
                  <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
                  <dd className="font-mono text-lg" data-testid={id} data-value={exact}>
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
            <ScoredTextView key={`${model}/${debouncedText}`} scored={score} vocab={load.kind === 'ready' ? load.info.vocab : []} />
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {score.unknown.length > 0 && <span data-testid="lm-unknown">{m.panel.unknown(score.unknown.length)} </span>}
              {score.score.windows > 1 && <span>{m.panel.longText(load.kind === 'ready' ? load.info.context : 256)} </span>}
              {m.panel.scoredIn(formatNumber(score.ms, locale, 0), score.score.windows)}
            </p>
          </div>
        )}

        {ready && (
          <div className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
            <div className="flex flex-wrap items-center gap-3">
              <button type="button" className={primary} onClick={generate} disabled={genRunning} data-testid="lm-generate">
                {m.panel.generate}
              </button>
              {genRunning && (
                <>
                  <button type="button" className={secondary} onClick={() => worker.cancel(genJob.id)} data-testid="lm-cancel-generate">
                    {m.panel.cancel}
                  </button>
                  <progress max={genJob.total} value={genJob.done} className="w-40" aria-hidden="true" />
                  <span className="text-sm" role="status">
                    {m.panel.generating(genJob.done, genJob.total)}
                  </span>
                </>
              )}
            </div>
            {(streamed !== '' || genJob.kind === 'done') && (
              <figure>
                <figcaption className="text-sm font-medium">{m.panel.continuation}</figcaption>
                <p
                  className="mt-1 whitespace-pre-wrap break-words rounded bg-zinc-50 p-3 font-mono text-sm dark:bg-zinc-900"
                  data-testid="lm-continuation"
                >
                  <span className="text-zinc-500 dark:text-zinc-400">{Array.from(text).slice(-80).join('')}</span>
                  <span className="text-zinc-900 dark:text-zinc-100">{genJob.kind === 'done' ? genJob.result.text : streamed}</span>
                </p>
              </figure>
            )}
            {genJob.kind === 'done' && (
              <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="lm-speed">
                {m.panel.speed(formatNumber(genJob.result.charsPerSecond, locale, 0))}
                {genJob.result.promptUsed < Array.from(text).length &&
                  ` ${m.panel.promptCut(genJob.result.promptUsed, load.kind === 'ready' ? load.info.context : 256)}`}
                {genJob.result.slid && ` ${m.panel.slid(load.kind === 'ready' ? load.info.context : 256)}`}
              </p>
            )}
            {genJob.kind === 'error' && <ProblemBox error={genJob.error} />}
          </div>
        )}
      </div>
    </section>
  );
}
