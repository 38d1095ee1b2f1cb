'use client';

import { useEffect, useRef } from 'react';

/** A one-row picture (e.g. the keys one query reads), stretched to the full width. */
export function StripCanvas({
  pixels,
  label,
  testId,
  className = 'h-4',
}: {
  pixels: Uint32Array | null;
  label: string;
  testId?: string;
  className?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !pixels || pixels.length === 0) return;
    canvas.width = pixels.length;
    canvas.height = 1;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(pixels.length, 1);
    new Uint32Array(img.data.buffer).set(pixels);
    ctx.putImageData(img, 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={label}
      data-testid={testId}
      className={`block w-full border border-zinc-200 [image-rendering:pixelated] dark:border-zinc-800 ${className}`}
    />
  );
}

/** Bins n values into at most `maxPixels` buckets: the fraction of non-zero entries per bucket. */
export function binFractions(values: ArrayLike<number>, maxPixels: number, test: (v: number) => boolean = (v) => v !== 0): Float32Array {
  const n = values.length;
  const per = Math.max(1, Math.ceil(n / maxPixels));
  const out = new Float32Array(Math.ceil(n / per));
  for (let j = 0; j < n; j++) if (test(values[j])) out[Math.floor(j / per)] += 1;
  for (let b = 0; b < out.length; b++) out[b] /= Math.min(per, n - b * per);
  return out;
}
