'use client';

import { TableCsv } from '@/components/controls/table-csv';
import { colorAt, textColorOn } from '@/lib/viz/colors';

/**
 * Groups × experts share table: each cell coloured by its share of the group's routed slots
 * (scaled to the largest share), with the percentage printed when the grid is small enough.
 */
export function UsageGrid({
  usage,
  groups,
  experts,
  groupLabel,
  expertLabel,
  testId,
  label,
  exportName = 'moe-usage',
}: {
  usage: Float32Array;
  groups: number;
  experts: number;
  groupLabel: (g: number) => string;
  expertLabel: (e: number) => string;
  testId: string;
  label: string;
  /** File name stem of the CSV download. */
  exportName?: string;
}) {
  let max = 0;
  for (let i = 0; i < usage.length; i++) max = Math.max(max, usage[i]);
  const showText = experts <= 16;
  return (
    <div className="overflow-x-auto" data-testid={testId}>
      <table className="w-full border-collapse text-[10px]" aria-label={label}>
        <thead>
          <tr>
            <th className="w-14" />
            {Array.from({ length: experts }, (_, e) => (
              <th key={e} scope="col" className="px-0.5 pb-1 font-normal text-zinc-600 dark:text-zinc-400">
                {experts <= 32 || e % 4 === 0 ? expertLabel(e) : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: groups }, (_, g) => (
            <tr key={g}>
              <th scope="row" className="pr-1 text-right font-normal whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                {groupLabel(g)}
              </th>
              {Array.from({ length: experts }, (_, e) => {
                const v = usage[g * experts + e];
                const t = max > 0 ? v / max : 0;
                return (
                  <td
                    key={e}
                    title={`${groupLabel(g)}, ${expertLabel(e)}: ${(100 * v).toFixed(1)}%`}
                    className="h-5 border border-white text-center font-mono dark:border-zinc-950"
                    style={{ background: colorAt(t), color: textColorOn(colorAt(t)) }}
                  >
                    {showText && v >= 0.005 ? Math.round(100 * v) : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <TableCsv
        name={exportName}
        header={['group', 'expert', 'share_of_routed_slots']}
        rows={() => Array.from({ length: groups * experts }, (_, i) => [Math.floor(i / experts), expertLabel(i % experts), usage[i]])}
        label={label}
        testId={`${testId}-export`}
      />
    </div>
  );
}
