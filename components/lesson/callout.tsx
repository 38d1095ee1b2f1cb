export function Callout({
  kind = 'info',
  title,
  children,
}: {
  kind?: 'info' | 'warn' | 'claim';
  title?: string;
  children: React.ReactNode;
}) {
  const styles = {
    info: 'border-teal-600 bg-teal-50 dark:bg-teal-950/40',
    warn: 'border-amber-500 bg-amber-50 dark:bg-amber-950/40',
    claim: 'border-fuchsia-600 bg-fuchsia-50 dark:bg-fuchsia-950/40',
  }[kind];
  return (
    <aside className={`rounded-md border-l-4 p-3 text-sm ${styles}`}>
      {title && <p className="font-semibold">{title}</p>}
      <div className="mt-1 space-y-2">{children}</div>
    </aside>
  );
}
