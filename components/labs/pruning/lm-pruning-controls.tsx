'use client';

import { Select } from '@/components/controls/select';
import { Slider } from '@/components/controls/slider';
import { Toggle } from '@/components/controls/toggle';
import type { UrlState } from '@/components/hooks/use-url-state';
import { useCommon, useLocale } from '@/components/shell/locale-context';
import { formatNumber } from '@/lib/i18n/locales';
import { pruningLmMessages } from '@/lib/i18n/pruning';
import { LINEAR_KINDS, LM_PATTERNS, LM_PRUNE_METHODS, needsCalibration } from '@/lib/lm/prune';
import { WINDOW } from '@/lib/lm/prune-data';
import type { pruningSchema } from '@/lib/state/pruning';
import { formatPercent } from '@/lib/runtime/format';
import { button } from './lm-batch-panels';

/** The language-model pruning controls: model, method, pattern, amount, calibration, layers, backend. */
export function LmPruningControls({ u, modelSwitch }: { u: UrlState<typeof pruningSchema>; modelSwitch: React.ReactNode }) {
  const locale = useLocale();
  const common = useCommon();
  const t = pruningLmMessages[locale];
  const { state, update } = u;
  const pct = (v: number, d = 1) => formatPercent(v, locale, d);
  const structured = state.lmMethod === 'heads' || state.lmMethod === 'channels';
  const nm = !structured && state.pattern !== 'unstructured';
  return (
    <div className="space-y-5" data-testid="lm-pruning-controls">
      {modelSwitch}
      <Select
        label={t.whichLm}
        value={state.lm}
        options={(['auto', 'lm-en', 'lm-zh'] as const).map((value) => ({ value, label: t.lmOptions[value] }))}
        onChange={(v) => update({ lm: v })}
        testId="lm-select"
      />
      <Select
        label={t.methodLabel}
        value={state.lmMethod}
        options={LM_PRUNE_METHODS.map((value) => ({ value, label: t.methods[value].label }))}
        onChange={(lmMethod) => update({ lmMethod })}
        hint={t.methods[state.lmMethod].hint}
        testId="lm-method-select"
      />
      {!structured && (
        <Select
          label={t.pattern}
          value={state.pattern}
          options={LM_PATTERNS.map((value) => ({ value, label: t.patterns[value] }))}
          onChange={(pattern) => update({ pattern })}
          testId="lm-pattern-select"
        />
      )}
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
      {state.lmMethod === 'magnitude' && (
        <Select
          label={t.group}
          value={state.group}
          options={(['layer', 'row'] as const).map((value) => ({ value, label: t.groups[value] }))}
          onChange={(group) => update({ group })}
          testId="lm-group-select"
        />
      )}
      {needsCalibration(state.lmMethod) && (
        <Slider
          label={t.calib}
          value={state.calib}
          values={[1, 4, 8, 16, 32, 64, 128]}
          onChange={(c) => update({ calib: c })}
          hint={t.calibHint(formatNumber(state.calib * WINDOW, locale, 0))}
          testId="lm-calib"
        />
      )}
      {!structured && (
        <>
          <Select
            label={t.only}
            value={state.only}
            options={(['all', ...LINEAR_KINDS] as const).map((value) => ({ value, label: value === 'all' ? t.onlyAll : value }))}
            onChange={(only) => update({ only })}
            testId="lm-only-select"
          />
          <Toggle label={t.head} checked={state.head} onChange={(head) => update({ head })} hint={t.headHint} testId="lm-head-toggle" />
        </>
      )}
      <Select
        label={t.backend}
        value={state.backend}
        options={(['auto', 'webgpu', 'wasm'] as const).map((value) => ({ value, label: t.backends[value] }))}
        onChange={(backend) => update({ backend })}
        testId="lm-backend-select"
      />
      <button type="button" onClick={u.reset} className={button} data-testid="reset">
        {common.controls.reset}
      </button>
    </div>
  );
}
