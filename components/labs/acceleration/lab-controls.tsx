'use client';

import { Select } from '@/components/controls/select';
import { Slider } from '@/components/controls/slider';
import { Toggle } from '@/components/controls/toggle';
import { useLocale } from '@/components/shell/locale-context';
import { accelerationMessages } from '@/lib/i18n/acceleration';
import { BSR_BLOCK_SIZES, FORMAT_NAMES, FORMAT_REGISTRY } from '@/lib/kernels/format-registry';
import { ACCELERATION_SIZES, type AccelerationState } from '@/lib/state/acceleration';
import { secondaryButtonClass } from './section';
import { Group, NumberField } from '@/components/controls/number-field';

export interface LabControlsProps {
  state: AccelerationState;
  update: (p: Partial<AccelerationState>) => void;
  reset: () => void;
  emulated: boolean;
  disabled: boolean;
  /** URL parameters whose controls are hidden (embed mode's hide=a,b). */
  hidden?: readonly string[];
}

export function LabControls({ state, update, reset, emulated, disabled, hidden = [] }: LabControlsProps) {
  const m = accelerationMessages[useLocale()];
  const c = m.controls;
  const show = (param: keyof AccelerationState) => !hidden.includes(param);
  return (
    <div className="space-y-4" data-testid="acceleration-controls">
      <Group title={c.workload}>
        {show('size') && (
          <Select
            label={c.size}
            value={state.size}
            options={ACCELERATION_SIZES.map((s) => ({ value: s, label: c.sizeOption(Number(s)) }))}
            onChange={(size) => update({ size })}
            hint={emulated ? c.sizeHintSoftware : c.sizeHintGpu}
            testId="control-size"
          />
        )}
        {show('batch') && (
          <Select
            label={c.batch}
            value={state.batch}
            options={(['1', '64', '256'] as const).map((b) => ({ value: b, label: c.batchOption[b] }))}
            onChange={(batch) => update({ batch })}
            testId="control-batch"
          />
        )}
      </Group>
      <Group title={c.formats}>
        {FORMAT_NAMES.map((f) => FORMAT_REGISTRY[f].urlKey)
          .filter(show)
          .map((key) => (
            <Toggle key={key} label={c[key]} checked={state[key]} onChange={(on) => update({ [key]: on })} testId={`control-${key}`} />
          ))}
        {show('block') && (
          <Select
            label={c.block}
            value={state.block}
            options={BSR_BLOCK_SIZES.map((b) => ({ value: b, label: c.blockOption(Number(b)) }))}
            onChange={(block) => update({ block })}
            testId="control-block"
          />
        )}
      </Group>
      <Group title={m.measure.title}>
        {show('samples') && (
          <Slider
            label={c.samples}
            value={state.samples}
            min={20}
            max={200}
            step={5}
            onChange={(samples) => update({ samples })}
            hint={c.samplesHint}
            testId="control-samples"
            disabled={disabled}
          />
        )}
        {show('seed') && (
          <NumberField
            label={c.seed}
            value={state.seed}
            min={0}
            max={2 ** 31 - 1}
            onChange={(seed) => update({ seed })}
            hint={c.seedHint}
            testId="control-seed"
          />
        )}
      </Group>
      <button type="button" className={secondaryButtonClass} onClick={reset} data-testid="reset">
        {m.reset}
      </button>
    </div>
  );
}
