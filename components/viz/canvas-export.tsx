'use client';

import { ExportButtons } from '../controls/export-buttons';
import { canvasToPng } from '../controls/download';

/**
 * PNG (and JSON when `json` is given) download of a canvas picture: the PNG is the canvas's
 * own pixels (one pixel per matrix cell), the JSON the values behind them.
 */
export function CanvasExport({
  name,
  canvas,
  json,
  label,
  testId,
  className,
}: {
  /** File name stem. */
  name: string;
  canvas: React.RefObject<HTMLCanvasElement | null>;
  json?: () => string;
  label?: string;
  /** The row gets `${testId}-export`, its buttons `${testId}-export-png` / `-json`. */
  testId?: string;
  className?: string;
}) {
  return (
    <ExportButtons
      testId={testId ? `${testId}-export` : undefined}
      label={label}
      className={className}
      items={[
        {
          format: 'PNG',
          filename: `${name}.png`,
          make: () => {
            if (!canvas.current) throw new Error('nothing drawn yet');
            return canvasToPng(canvas.current);
          },
        },
        ...(json ? [{ format: 'JSON', filename: `${name}.json`, make: () => new Blob([json()], { type: 'application/json' }) }] : []),
      ]}
    />
  );
}
