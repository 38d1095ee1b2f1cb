import { describe, expect, it } from 'vitest';
import { uniformArray } from '../random';
import { denseTo24, denseToBsr } from '../sparsity/formats';
import { kernelsAt, llmShapesFor, pruneForKernel } from './llm-shapes';

describe("Llama-2-7B's layer shapes at batch 1", () => {
  it('a hardware adapter gets the real shapes; a software adapter the same shapes divided by 8', () => {
    expect(llmShapesFor(false).map((s) => `${s.rows}x${s.cols}`)).toEqual(['4096x4096', '11008x4096', '4096x11008']);
    expect(llmShapesFor(true).map((s) => `${s.rows}x${s.cols}`)).toEqual(['512x512', '1376x512', '512x1376']);
  });

  it('2:4 runs at 50% only, BSR only where b divides both dimensions', () => {
    const [attn, up] = llmShapesFor(true);
    expect(kernelsAt(['dense', 'csr', 'bsr', '2:4'], attn, 0.5, 32)).toEqual(['csr', 'bsr', '2:4']);
    expect(kernelsAt(['csr', 'bsr', '2:4'], attn, 0.9, 32)).toEqual(['csr', 'bsr']);
    expect(kernelsAt(['csr', 'bsr'], up, 0.7, 64)).toEqual(['csr']); // 1376 / 64 is not whole
    expect(kernelsAt(['csr', 'bsr'], llmShapesFor(false)[1], 0.7, 64)).toEqual(['csr', 'bsr']);
  });

  it('weights pruned per kernel have the sparsity and structure the kernel stores', () => {
    const w = uniformArray(64 * 96, 3);
    const zeros = (a: Float32Array) => a.filter((v) => v === 0).length / a.length;
    expect(zeros(pruneForKernel(w, 64, 96, 'csr', 0.7, 32))).toBeCloseTo(0.7, 3);
    const bsr = denseToBsr(pruneForKernel(w, 64, 96, 'bsr', 0.5, 32), 64, 96, 32);
    expect(bsr.blockRowPtr[2]).toBe(3); // 6 tiles, half kept
    expect(() => denseTo24(pruneForKernel(w, 64, 96, '2:4', 0.9, 32), 64, 96)).not.toThrow();
    expect(pruneForKernel(w, 64, 96, 'dense', 0.9, 32)).toBe(w);
  });
});
