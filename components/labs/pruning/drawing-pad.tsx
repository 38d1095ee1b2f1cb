'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocale } from '@/components/shell/locale-context';
import { MNIST_PIXELS, type MnistData } from '@/lib/data/mnist';
import { pruningMessages } from '@/lib/i18n/pruning';
import { type MlpWeights, mlpForward, softmaxRows } from '@/lib/models/mlp';
import { DIGIT_SIDE, preprocessDrawing } from '@/lib/pruning/digit-preprocess';
import { formatPercent } from '@/lib/runtime/format';
import { KEPT_COLOR } from './format';

/** Drawing resolution (the canvas is shown at up to 280 CSS pixels). */
const PAD = 280;
/** Stroke width: ~1/14 of the pad, so a digit filling the pad ends ~1.5-2 px wide in 20 × 20, like MNIST. */
const STROKE = 20;

interface Model {
  key: 'dense' | 'pruned' | 'tuned';
  weights: MlpWeights;
  masks?: readonly (Uint8Array | undefined)[];
}

interface Props {
  weights: MlpWeights;
  masks: readonly (Uint8Array | undefined)[] | null;
  tuned: MlpWeights | null;
  test: MnistData;
}

/**
 * A 28 × 28 digit pad: draw with pointer or touch, the drawing is preprocessed like MNIST
 * (lib/pruning/digit-preprocess.ts), and the dense, pruned (and fine-tuned) models' class
 * probabilities are shown side by side.
 */
export function DrawingPad({ weights, masks, tuned, test }: Props) {
  const locale = useLocale();
  const t = pruningMessages[locale].pad;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const previewRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  const sampleIndex = useRef(0);
  const [input, setInput] = useState<Float32Array | null>(null);

  const readInput = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d', { willReadFrequently: true });
    if (!canvas || !ctx) return;
    const img = ctx.getImageData(0, 0, PAD, PAD).data;
    const ink = new Float32Array(PAD * PAD);
    for (let i = 0; i < ink.length; i++) ink[i] = img[4 * i + 3] / 255; // alpha = ink coverage
    setInput(preprocessDrawing(ink, PAD, PAD));
  }, []);

  const schedule = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      readInput();
    });
  }, [readInput]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * PAD, y: ((e.clientY - r.top) / r.height) * PAD };
  };

  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d', { willReadFrequently: true });
    if (!canvas || !ctx) return;
    ctx.strokeStyle = getComputedStyle(canvas).color;
    ctx.fillStyle = ctx.strokeStyle;
    ctx.lineWidth = STROKE;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + 0.01, to.y);
    ctx.stroke();
  };

  const clear = () => {
    canvasRef.current?.getContext('2d')?.clearRect(0, 0, PAD, PAD);
    setInput(null);
  };

  /** Paints test digit k onto the pad: each MNIST pixel as a 10 × 10 square with alpha = intensity. */
  const loadSample = () => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d', { willReadFrequently: true });
    if (!canvas || !ctx || test.count === 0) return;
    const k = (sampleIndex.current * 97 + 13) % test.count;
    sampleIndex.current++;
    ctx.clearRect(0, 0, PAD, PAD);
    ctx.fillStyle = getComputedStyle(canvas).color; // any CSS colour (Tailwind 4 uses oklch)
    const s = PAD / DIGIT_SIDE;
    for (let y = 0; y < DIGIT_SIDE; y++) {
      for (let x = 0; x < DIGIT_SIDE; x++) {
        const v = test.images[k * MNIST_PIXELS + y * DIGIT_SIDE + x];
        if (v === 0) continue;
        ctx.globalAlpha = v;
        ctx.fillRect(x * s, y * s, s, s);
      }
    }
    ctx.globalAlpha = 1;
    readInput();
  };

  // The 28 × 28 input as MNIST shows it: white ink on black.
  useEffect(() => {
    const canvas = previewRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const img = ctx.createImageData(DIGIT_SIDE, DIGIT_SIDE);
    for (let i = 0; i < DIGIT_SIDE * DIGIT_SIDE; i++) {
      const v = input ? Math.round(255 * input[i]) : 0;
      img.data.set([v, v, v, 255], 4 * i);
    }
    ctx.putImageData(img, 0, 0);
  }, [input]);

  const models: Model[] = useMemo(() => {
    const out: Model[] = [{ key: 'dense', weights }];
    if (masks) out.push({ key: 'pruned', weights, masks });
    if (tuned) out.push({ key: 'tuned', weights: tuned });
    return out;
  }, [weights, masks, tuned]);

  const predictions = useMemo(() => {
    if (!input) return null;
    return models.map((m) => ({ key: m.key, p: softmaxRows(mlpForward(m.weights, input, 1, m.masks), 1) }));
  }, [input, models]);

  return (
    <section className="space-y-3" data-testid="drawing-pad">
      <h2 className="text-lg font-semibold">{t.title}</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.hint}</p>
      <div className="flex flex-wrap items-start gap-6">
        <div className="space-y-2">
          <canvas
            ref={canvasRef}
            width={PAD}
            height={PAD}
            aria-label={t.canvasLabel}
            role="img"
            className="block aspect-square w-[min(280px,80vw)] cursor-crosshair touch-none rounded border border-zinc-300 bg-white text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              const p = point(e);
              drawing.current = p;
              stroke(p, p);
              schedule();
            }}
            onPointerMove={(e) => {
              if (!drawing.current) return;
              const p = point(e);
              stroke(drawing.current, p);
              drawing.current = p;
              schedule();
            }}
            onPointerUp={() => {
              drawing.current = null;
              readInput();
            }}
            onPointerCancel={() => {
              drawing.current = null;
            }}
            data-testid="pad-canvas"
          />
          <div className="flex gap-2">
            <button
              type="button"
              onClick={clear}
              className="rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              data-testid="pad-clear"
            >
              {t.clear}
            </button>
            <button
              type="button"
              onClick={loadSample}
              className="rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              data-testid="pad-sample"
            >
              {t.sample}
            </button>
          </div>
        </div>
        <div className="space-y-1">
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.input}</p>
          <canvas
            ref={previewRef}
            width={DIGIT_SIDE}
            height={DIGIT_SIDE}
            className="h-28 w-28 border border-zinc-300 [image-rendering:pixelated] dark:border-zinc-700"
            data-testid="pad-preview"
          />
        </div>
        <div className="min-w-[16rem] flex-1" aria-live="polite">
          {!predictions ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.empty}</p>
          ) : (
            <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
              {predictions.map(({ key, p }) => {
                let best = 0;
                for (let c = 1; c < 10; c++) if (p[c] > p[best]) best = c;
                return (
                  <div key={key} data-testid={`pad-prediction-${key}`} data-digit={best}>
                    <p className="text-sm font-medium">{t[key]}</p>
                    <p className="text-sm">{t.predicts(best, formatPercent(p[best], locale, 1))}</p>
                    <ul className="mt-1 space-y-0.5">
                      {Array.from(p, (v, c) => (
                        <li key={c} className="flex items-center gap-2 font-mono text-xs">
                          <span className="w-3">{c}</span>
                          <span className="h-2.5 flex-1 rounded-sm bg-zinc-100 dark:bg-zinc-800">
                            <span
                              className="block h-full rounded-sm"
                              style={{ width: `${(v * 100).toFixed(1)}%`, background: c === best ? KEPT_COLOR : '#a1a1aa' }}
                            />
                          </span>
                          <span className="w-12 text-right tabular-nums">{formatPercent(v, locale, 1)}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
