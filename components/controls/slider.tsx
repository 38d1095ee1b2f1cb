'use client';

import { useEffect, useId, useState } from 'react';
import { markInput } from './perf-marks';

export interface SliderProps {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
  /** Discrete allowed values (e.g. powers of two); the range input then moves by index. */
  values?: readonly number[];
  /** Formats the value shown beside the label. */
  format?: (value: number) => string;
  hint?: string;
  testId?: string;
  disabled?: boolean;
  /** With `values`: the number field accepts any value in range on the `step` grid, not only the listed values. */
  freeInput?: boolean;
}

/**
 * A labelled range input with a number field. Both are keyboard operable; the range
 * reports every move at once (pictures follow the pointer), the number field commits
 * on Enter or blur and clamps to the allowed range.
 */
export function Slider({
  label,
  value,
  onChange,
  min = 0,
  max = 100,
  step = 1,
  values,
  format,
  hint,
  testId,
  disabled,
  freeInput,
}: SliderProps) {
  const id = useId();
  const lo = values ? values[0] : min;
  const hi = values ? values[values.length - 1] : max;
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);

  const onGrid = (v: number) => {
    const clamped = Math.min(hi, Math.max(lo, v));
    return Number((Math.round((clamped - lo) / step) * step + lo).toFixed(6));
  };
  const nearest = (v: number) => {
    if (values) return values.reduce((best, x) => (Math.abs(x - v) < Math.abs(best - v) ? x : best), values[0]);
    return onGrid(v);
  };
  const commit = () => {
    const n = Number(draft);
    if (draft.trim() === '' || !Number.isFinite(n)) {
      setDraft(String(value));
      return;
    }
    const v = freeInput ? onGrid(n) : nearest(n);
    setDraft(String(v));
    if (v !== value) onChange(v);
  };
  const index = values ? Math.max(0, values.indexOf(nearest(value))) : 0;

  return (
    <div className="space-y-1" data-testid={testId}>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={`${id}-range`} className="text-sm font-medium">
          {label}
        </label>
        <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400" aria-hidden="true">
          {format ? format(value) : value}
        </span>
      </div>
      <div className="flex items-center gap-2">
        <input
          id={`${id}-range`}
          type="range"
          className="h-2 w-full cursor-pointer accent-teal-700 disabled:cursor-not-allowed"
          min={values ? 0 : min}
          max={values ? values.length - 1 : max}
          step={values ? 1 : step}
          value={values ? index : value}
          aria-valuetext={format ? format(value) : String(value)}
          disabled={disabled}
          onChange={(e) => {
            const raw = Number(e.target.value);
            markInput();
            onChange(values ? values[raw] : raw);
          }}
          data-testid={testId ? `${testId}-range` : undefined}
        />
        <input
          type="number"
          aria-label={label}
          className="w-20 rounded border border-zinc-300 bg-white px-1.5 py-0.5 text-right font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
          min={lo}
          max={hi}
          step={values ? 'any' : step}
          value={draft}
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
          data-testid={testId ? `${testId}-input` : undefined}
        />
      </div>
      {hint && <p className="text-xs text-zinc-600 dark:text-zinc-400">{hint}</p>}
    </div>
  );
}
