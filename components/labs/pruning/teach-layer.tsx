'use client';

/**
 * The teaching layer of the pruning lab, shared by its two halves (MNIST and language model):
 * the guided path at the top, and the check, the "In a real LLM" note and the next labs at the end.
 *
 * The halves are different components (switching `model=` unmounts one and mounts the other), yet
 * the guided path has to span both: the reader predicts, then a preset switches the model. So the
 * path and the end-of-lab block are rendered once, here, into two DOM containers created once per
 * page view (React portals into a stable container keep their state), and each half's LessonShell
 * only holds an empty slot that adopts the container. The live values are remembered here too:
 * every evaluation either half finishes reports its number under the name lib/teach/path-pruning.ts
 * gives its settings, so a later step can compare with a run made under the other model.
 */
import { useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { UrlState } from '@/components/hooks/use-url-state';
import { useLocale } from '@/components/shell/locale-context';
import { GuidedPath } from '@/components/teach/guided-path';
import { LabCheck } from '@/components/teach/lab-check';
import { NextLabs } from '@/components/teach/next-labs';
import { RealLlmNote } from '@/components/teach/real-llm-note';
import { pruningTeachMessages } from '@/lib/i18n/teach-pruning';
import type { pruningSchema } from '@/lib/state/pruning';
import { pruningPath } from '@/lib/teach/path-pruning';

/** Reports finished evaluations: name → number (accuracy or perplexity). */
export type ReportLive = (entries: Readonly<Record<string, number>>) => void;

export interface PruningTeach {
  /** Put where the guided path goes (LessonShell's `guide`). */
  guide: React.ReactNode;
  /** Put where the end-of-lab block goes (LessonShell's `after`). */
  after: React.ReactNode;
  report: ReportLive;
  /** The portals: render once, outside the halves. */
  portals: React.ReactNode;
}

/** An empty element that adopts `host` (a container created once per page view). */
function Slot({ host, testId }: { host: HTMLElement | null; testId: string }) {
  const adopt = useCallback(
    (el: HTMLDivElement | null) => {
      if (el && host && host.parentElement !== el) el.appendChild(host);
    },
    [host],
  );
  return <div ref={adopt} data-testid={testId} />;
}

export function usePruningTeach(u: UrlState<typeof pruningSchema>): PruningTeach {
  const locale = useLocale();
  const texts = pruningTeachMessages[locale];
  const [live, setLive] = useState<Record<string, number>>({});
  const report = useCallback<ReportLive>((entries) => {
    setLive((prev) => {
      const changed = Object.entries(entries).some(([k, v]) => Number.isFinite(v) && prev[k] !== v);
      if (!changed) return prev;
      const next = { ...prev };
      for (const [k, v] of Object.entries(entries)) if (Number.isFinite(v)) next[k] = v;
      return next;
    });
  }, []);
  // created after hydration (the static HTML has the empty slots only)
  const [hosts, setHosts] = useState<{ guide: HTMLElement; after: HTMLElement } | null>(null);
  useEffect(() => {
    const make = () => {
      const el = document.createElement('div');
      el.className = 'space-y-6';
      return el;
    };
    setHosts({ guide: make(), after: make() });
  }, []);

  const portals = hosts ? (
    <>
      {createPortal(
        <GuidedPath path={pruningPath} texts={texts.steps} state={u.state} live={live} navigate={u.navigate} update={u.update} />,
        hosts.guide,
      )}
      {createPortal(
        <>
          <LabCheck questions={pruningPath.check} texts={texts.checks} live={live} />
          <div className="max-w-3xl">
            <RealLlmNote topic="pruning" />
          </div>
          <NextLabs lab="pruning" />
        </>,
        hosts.after,
      )}
    </>
  ) : null;

  return {
    guide: <Slot host={hosts?.guide ?? null} testId="guide-slot" />,
    after: <Slot host={hosts?.after ?? null} testId="after-slot" />,
    report,
    portals,
  };
}
