'use client';

import { Select } from '@/components/controls/select';
import { Slider } from '@/components/controls/slider';
import { Toggle } from '@/components/controls/toggle';
import { useLocale } from '@/components/shell/locale-context';
import { accelerationMessages } from '@/lib/i18n/acceleration';
import { ACCELERATION_SIZES, type AccelerationState } from '@/lib/state/acceleration';
import { secondaryButtonClass } from './section';

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4 border-t border-zinc-200 pt-3 first:border-t-0 first:pt-0 dark:border-zinc-800">
      <legend className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{title}</legend>
      {children}
    </fieldset>
  );
}

/** A whole-number field for values too wide for a slider (the seed). Commits on Enter or blur. */
function NumberField({ label, value, min, max, onChange, hint, testId }: { label: string; value: number; min: number; max: number; onChange: (v: number) => void; hint?: string; testId?: string }) {
  return (
    <div className="space-y-1">
      <label className="block text-sm font-medium">
        {label}
        <input
          key={value}
          type="number"
          min={min}
          max={max}
          step={1}
          defaultValue={value}
          data-testid={testId}
          className="mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
          onBlur={(e) => {
            const v = Math.round(Number(e.target.value));
            if (Number.isFinite(v) && v >= min && v <= max && v !== value) onChange(v);
            else e.target.value = String(value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          }}
        />
      </label>
      {hint && <p className="text-xs text-zinc-600 dark:text-zinc-400">{hint}</p>}
    </div>
  );
}

export function LabControls({ state, update, reset, emulated, disabled }: { state: AccelerationState; update: (p: Partial<AccelerationState>) => void; reset: () => void; emulated: boolean; disabled: boolean }) {
  const m = accelerationMessages[useLocale()];
  const c = m.controls;
  return (
    <div className="space-y-4" data-testid="acceleration-controls">
      <Group title={c.workload}>
        <Select
          label={c.size}
          value={state.size}
          options={ACCELERATION_SIZES.map((s) => ({ value: s, label: c.sizeOption(Number(s)) }))}
          onChange={(size) => update({ size })}
          hint={emulated ? c.sizeHintSoftware : c.sizeHintGpu}
          testId="control-size"
        />
        <Select
          label={c.batch}
          value={state.batch}
          options={(['1', '64', '256'] as const).map((b) => ({ value: b, label: c.batchOption[b] }))}
          onChange={(batch) => update({ batch })}
          testId="control-batch"
        />
      </Group>
      <Group title={c.formats}>
        <Toggle label={c.csr} checked={state.csr} onChange={(csr) => update({ csr })} testId="control-csr" />
        <Toggle label={c.bsr} checked={state.bsr} onChange={(bsr) => update({ bsr })} testId="control-bsr" />
        <Toggle label={c.nm24} checked={state.nm24} onChange={(nm24) => update({ nm24 })} testId="control-nm24" />
        <Select
          label={c.block}
          value={state.block}
          options={(['16', '32', '64'] as const).map((b) => ({ value: b, label: c.blockOption(Number(b)) }))}
          onChange={(block) => update({ block })}
          testId="control-block"
        />
      </Group>
      <Group title={m.measure.title}>
        <Slider label={c.samples} value={state.samples} min={20} max={200} step={5} onChange={(samples) => update({ samples })} hint={c.samplesHint} testId="control-samples" disabled={disabled} />
        <NumberField label={c.seed} value={state.seed} min={0} max={2 ** 31 - 1} onChange={(seed) => update({ seed })} hint={c.seedHint} testId="control-seed" />
      </Group>
      <button type="button" className={secondaryButtonClass} onClick={reset} data-testid="reset">
        {m.reset}
      </button>
    </div>
  );
}
