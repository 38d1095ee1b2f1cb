'use client';

/** A titled group of controls (a fieldset whose legend is the group's title). */
export function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4 border-t border-zinc-200 pt-3 first:border-t-0 first:pt-0 dark:border-zinc-800">
      <legend className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{title}</legend>
      {children}
    </fieldset>
  );
}

/** A whole-number field for values too wide for a slider (the seed). Commits on Enter or blur. */
export function NumberField({
  label,
  value,
  min,
  max,
  onChange,
  hint,
  testId,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (v: number) => void;
  hint?: string;
  testId?: string;
}) {
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
