'use client';

import { CodePanel } from '@/components/lesson/code-panel';
import { useLocale } from '@/components/shell/locale-context';
import { formatNumber } from '@/lib/i18n/locales';
import { pruningMessages } from '@/lib/i18n/pruning';
import type { PruneSettings } from '@/lib/pruning/model-masks';
import { SOURCE_STRUCTURED, SOURCE_UNSTRUCTURED, generatePytorchCode, sourceSnippetFacts } from '@/lib/pruning/pytorch-code';
import { formatPercent } from '@/lib/runtime/format';

/** PyTorch for the current settings, then the source's two snippets with what is wrong with them. */
export function CodePanels({ settings, finetune }: { settings: PruneSettings; finetune: number }) {
  const locale = useLocale();
  const t = pruningMessages[locale].code;
  const facts = sourceSnippetFacts();
  const list = (items: string[]) => (
    <ul className="list-disc space-y-1 pl-5">
      {items.map((s) => (
        <li key={s}>{s}</li>
      ))}
    </ul>
  );
  return (
    <section className="space-y-4">
      <CodePanel title={t.ours} code={generatePytorchCode(settings, finetune)} origin="ours" testId="code-ours" />
      <CodePanel
        title={t.sourceUnstructured}
        code={SOURCE_UNSTRUCTURED}
        origin="source"
        note={list(t.unstructuredNotes(formatNumber(facts.linearZeros, locale, 0), formatPercent(facts.linearSparsity, locale, 2)))}
        testId="code-source-unstructured"
      />
      <CodePanel
        title={t.sourceStructured}
        code={SOURCE_STRUCTURED}
        origin="source"
        note={list(t.structuredNotes(String(facts.convFiltersPruned), formatPercent(facts.convNonZero, locale, 2)))}
        testId="code-source-structured"
      />
    </section>
  );
}
