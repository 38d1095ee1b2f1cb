'use client';

import { ProblemBox } from '@/components/labs/models/use-lm-model';
import { formatBytes } from '@/lib/i18n/locales';
import type { MoeLmMessages } from '@/lib/i18n/moe-lm';
import { LM_MODELS } from '@/lib/lm/models';
import { BACKEND_LABEL, Figure, primary, secondary } from './moe-parts';
import type { useMoeLm } from './use-moe-lm';

/** moe-en's download, progress, backend or problem. */
export function LmModelStatus({ lm, t }: { lm: ReturnType<typeof useMoeLm>; t: MoeLmMessages }) {
  const { load } = lm;
  return (
    <Figure title={t.modelTitle} testId="figure-lm-model">
      <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="lm-status">
        {load.kind === 'idle' && load.cached === false && (
          <>
            <button type="button" className={primary} onClick={lm.startLoad} data-testid="lm-download">
              {t.download(formatBytes(LM_MODELS['moe-en'].bytes))}
            </button>
            <span className="text-zinc-600 dark:text-zinc-400">{t.downloadWhat}</span>
          </>
        )}
        {load.kind === 'loading' && (
          <>
            <progress
              max={load.total || 1}
              value={load.loaded}
              className="w-48"
              aria-label={t.downloading(formatBytes(load.loaded), formatBytes(load.total))}
            />
            <span>{load.fromCache ? t.loadingCache : t.downloading(formatBytes(load.loaded), formatBytes(load.total))}</span>
            <button type="button" className={secondary} onClick={lm.cancelLoad} data-testid="lm-cancel-download">
              {t.cancel}
            </button>
          </>
        )}
        {load.kind === 'ready' && (
          <span data-testid="lm-ready" data-backend={load.info.backend}>
            {t.loadedOn(BACKEND_LABEL[load.info.backend] ?? load.info.backend, load.info.fromCache)}
          </span>
        )}
        {load.kind === 'error' && (
          <>
            <ProblemBox error={load.error} />
            <button type="button" className={secondary} onClick={lm.startLoad}>
              {t.download(formatBytes(LM_MODELS['moe-en'].bytes))}
            </button>
          </>
        )}
      </div>
    </Figure>
  );
}
