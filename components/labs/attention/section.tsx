/** A titled panel of the lab's figure column. */
export function Section({
  title,
  children,
  testId,
  aside,
}: {
  title: string;
  children: React.ReactNode;
  testId?: string;
  aside?: React.ReactNode;
}) {
  return (
    <section data-testid={testId} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

export function Legend({ items }: { items: { color: string; label: string }[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300">
      {items.map((it) => (
        <li key={it.label} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm border border-zinc-400/50" style={{ background: it.color }} />
          {it.label}
        </li>
      ))}
    </ul>
  );
}
