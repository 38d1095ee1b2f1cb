/**
 * Pixels of one head's attention picture (n × n, row = query, column = key), for an ImageData
 * Uint32 view: brightness follows log10 p over three decades, t = clamp((log10 p + 3) / 3, 0, 1)
 * (a row spreads 1 over up to n keys, so most probabilities are far below 1 and a linear scale
 * would show only the largest); keys after the query (j > i, never readable) get `empty`; pairs the
 * pattern drops (j <= i, mask 0) are drawn on a red ramp of the same t, so what a pattern
 * throws away stays visible.
 */
export function attentionPixels(p: ArrayLike<number>, n: number, mask: Uint8Array | null, table: Uint32Array, empty: number): Uint32Array {
  const out = new Uint32Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (j > i) {
        out[row + j] = empty;
        continue;
      }
      const v = p[row + j];
      const t = v > 0 ? Math.min(1, Math.max(0, (Math.log10(v) + 3) / 3)) : 0;
      if (!mask || mask[row + j]) {
        out[row + j] = table[Math.min(255, Math.round(t * 255))];
      } else {
        // red ramp: (90 + 165 t, 20 + 60 t, 30 + 40 t)
        const r = Math.round(90 + 165 * t);
        const g = Math.round(20 + 60 * t);
        const b = Math.round(30 + 40 * t);
        out[row + j] = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
      }
    }
  }
  return out;
}
