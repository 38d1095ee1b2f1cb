/** A titled panel of the lab's figure column. */
export function Section({
  title,
  children,
  testId,
  aside,
  id,
}: {
  title: string;
  children: React.ReactNode;
  testId?: string;
  aside?: React.ReactNode;
  id?: string;
}) {
  return (
    <section id={id} data-testid={testId} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

export function Notice({
  kind = 'info',
  children,
  testId,
}: {
  kind?: 'info' | 'warn' | 'error';
  children: React.ReactNode;
  testId?: string;
}) {
  const style = {
    info: 'border-teal-600 bg-teal-50 text-teal-950 dark:bg-teal-950/40 dark:text-teal-50',
    warn: 'border-amber-500 bg-amber-50 text-amber-950 dark:bg-amber-950/40 dark:text-amber-50',
    error: 'border-red-600 bg-red-50 text-red-950 dark:bg-red-950/40 dark:text-red-50',
  }[kind];
  return (
    <div role={kind === 'error' ? 'alert' : 'status'} data-testid={testId} className={`rounded-md border-l-4 p-3 text-sm ${style}`}>
      {children}
    </div>
  );
}

export const buttonClass =
  'rounded bg-teal-700 px-4 py-2 text-sm font-medium text-white hover:bg-teal-800 disabled:cursor-not-allowed disabled:opacity-50';
export const secondaryButtonClass =
  'rounded border border-zinc-400 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-600 dark:hover:bg-zinc-800';

/** Colours of the formats in the table and charts (readable in light and dark): the format registry's. */
export { FORMAT_COLORS } from '@/lib/kernels/format-registry';
