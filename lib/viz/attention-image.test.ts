import { describe, expect, it } from 'vitest';
import { attentionPixels } from './attention-image';

describe('attentionPixels', () => {
  it('future keys are empty, kept pairs use the table on three decades of log p, dropped pairs turn red', () => {
    const table = Uint32Array.from({ length: 256 }, (_, i) => i);
    const p = [1, 0, 0.01, 0.1];
    const px = attentionPixels(p, 2, Uint8Array.from([1, 0, 0, 1]), table, 7);
    expect(px[0]).toBe(255); // log10 1 = 0 → t = 1
    expect(px[1]).toBe(7); // j > i
    expect(px[3]).toBe(Math.round((2 / 3) * 255)); // log10 0.1 = −1 → t = 2/3
    expect(attentionPixels([1e-5], 1, null, table, 7)[0]).toBe(0); // below 1e-3: the bottom of the scale
    const red = px[2];
    expect(red & 255).toBe(Math.round(90 + 165 / 3)); // log10 0.01 = −2 → t = 1/3
    expect((red >>> 24) & 255).toBe(255); // opaque
  });
});
