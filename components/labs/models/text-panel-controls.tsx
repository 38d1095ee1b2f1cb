'use client';

import { Select } from '@/components/controls/select';
import { Slider } from '@/components/controls/slider';
import { NumberField } from '@/components/controls/number-field';
import { useLocale } from '@/components/shell/locale-context';
import { lmMessages } from '@/lib/i18n/lm';
import { formatBytes, formatNumber } from '@/lib/i18n/locales';
import type { Passage } from '@/lib/lm/corpus';
import { LM_MODELS, LM_NAMES, defaultModelFor } from '@/lib/lm/models';
import { MAX_TEXT, type ModelsState } from '@/lib/state/models';

/** The text panel's settings: model, backend, passage or own text, and the generation's temperature, top-k, length, seed. */
export function TextPanelControls({
  settings,
  update,
  text,
  passages,
  passageIndex,
}: {
  settings: ModelsState;
  update: (patch: Partial<ModelsState>) => void;
  /** The text read now (the passage's or the reader's). */
  text: string;
  passages: Passage[] | null;
  passageIndex: number;
}) {
  const locale = useLocale();
  const m = lmMessages[locale];
  const modelOptions = [
    { value: 'auto' as const, label: m.panel.modelAuto(defaultModelFor(locale)) },
    ...LM_NAMES.map((n) => ({ value: n, label: `${n} · ${formatBytes(LM_MODELS[n].bytes)}` })),
  ];
  return (
    <aside aria-label={m.panel.title} className="space-y-4 self-start rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <Select
        label={m.panel.model}
        value={settings.model}
        options={modelOptions}
        onChange={(v) => update({ model: v })}
        testId="lm-model"
      />
      <Select
        label={m.panel.backend}
        value={settings.backend}
        options={[
          { value: 'auto', label: m.panel.backendAuto },
          { value: 'webgpu', label: 'WebGPU' },
          { value: 'wasm', label: 'WebAssembly (WASM)' },
        ]}
        onChange={(v) => update({ backend: v })}
        testId="lm-backend"
      />
      <Select
        label={m.panel.source}
        value={settings.source}
        options={[
          { value: 'passage', label: m.panel.passage },
          { value: 'text', label: m.panel.ownText },
        ]}
        onChange={(v) => update({ source: v, text: v === 'text' && settings.text === '' ? text : settings.text })}
        testId="lm-source"
      />
      {settings.source === 'passage' ? (
        <Select
          label={m.panel.passage}
          value={String(passageIndex)}
          options={(passages ?? []).map((p, i) => ({
            value: String(i),
            label: `${i + 1}. ${Array.from(p.text.replace(/\n/g, ' ')).slice(0, 28).join('')}…`,
          }))}
          onChange={(v) => update({ passage: Number(v) })}
          testId="lm-passage"
        />
      ) : (
        <label className="block text-sm">
          <span className="font-medium">{m.panel.textLabel}</span>
          <textarea
            value={settings.text}
            onChange={(e) => update({ text: Array.from(e.target.value).slice(0, MAX_TEXT).join('') })}
            rows={6}
            className="mt-1 block w-full rounded border border-zinc-300 bg-white p-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
            data-testid="lm-text"
          />
          <span className="text-xs text-zinc-600 dark:text-zinc-400">{m.panel.textCount(Array.from(settings.text).length, MAX_TEXT)}</span>
        </label>
      )}
      <fieldset className="space-y-3 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <legend className="text-sm font-semibold">{m.panel.generate}</legend>
        <Slider
          label={m.panel.temperature}
          value={settings.temp}
          min={0}
          max={2}
          step={0.05}
          onChange={(v) => update({ temp: v })}
          format={(v) => formatNumber(v, locale, 2)}
          testId="lm-temp"
        />
        <Slider
          label={m.panel.topK}
          value={settings.topk}
          min={0}
          max={100}
          onChange={(v) => update({ topk: v })}
          format={(v) => (v === 0 ? m.panel.topKAll : String(v))}
          testId="lm-topk"
        />
        <Slider
          label={m.panel.length}
          value={settings.length}
          min={1}
          max={500}
          onChange={(v) => update({ length: v })}
          testId="lm-length"
        />
        <NumberField
          label={m.panel.seed}
          value={settings.seed}
          min={0}
          max={999999}
          onChange={(v) => update({ seed: v })}
          testId="lm-seed"
        />
      </fieldset>
    </aside>
  );
}
