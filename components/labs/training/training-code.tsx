'use client';

import { useMemo } from 'react';
import { CodePanel } from '@/components/lesson/code-panel';
import { useLocale } from '@/components/shell/locale-context';
import { trainingMessages } from '@/lib/i18n/training';
import type { TrainingConfig } from '@/lib/training/config';
import { SOURCE_TRAIN_SPARSE_MODEL, generatePytorchCode } from '@/lib/training/pytorch-code';

/** PyTorch code for the current settings, and the source's train_sparse_model with what is wrong with it. */
export function TrainingCode({ config }: { config: TrainingConfig | null }) {
  const m = trainingMessages[useLocale()].code;
  const code = useMemo(() => (config ? generatePytorchCode(config) : null), [config]);
  return (
    <div className="space-y-4">
      {code && config && (
        <CodePanel
          testId="code-ours"
          title={m.oursTitle}
          code={code}
          origin="ours"
          note={config.maskOrder === 'source' ? m.oursNoteSource : undefined}
        />
      )}
      <CodePanel
        testId="code-source"
        title={m.sourceTitle}
        code={SOURCE_TRAIN_SPARSE_MODEL}
        origin="source"
        note={
          <>
            <p className="mb-1">{m.sourceRight}</p>
            <ol className="list-decimal space-y-1 pl-5">
              {m.sourceProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ol>
          </>
        }
      />
    </div>
  );
}
