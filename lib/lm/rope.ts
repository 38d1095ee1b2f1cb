/**
 * Rotary position embedding (RoPE, Su et al. 2021) as transformers applies it (modeling_llama.py):
 * θ_i = t · base^(−2i/d), i < d/2, in float32; the pair (i, i + d/2) turns (a, b) → (a cos θ − b sin θ, b cos θ + a sin θ)
 * (rotate_half, not interleaved). Used by the float64 reference (reference.ts) and the tfjs fast path (tf-lm.ts).
 */

/** cos θ and sin θ for every position and frequency, θ = fround(t · fround(base^(−2i/d))) as transformers' float32 RoPE. */
export function ropeTables(n: number, headDim: number, base: number): { cos: Float64Array; sin: Float64Array } {
  const half = headDim / 2;
  const cos = new Float64Array(n * half);
  const sin = new Float64Array(n * half);
  for (let i = 0; i < half; i++) {
    const inv = Math.fround(1 / Math.fround(base ** Math.fround((2 * i) / headDim)));
    for (let t = 0; t < n; t++) {
      const theta = Math.fround(t * inv);
      cos[t * half + i] = Math.cos(theta);
      sin[t * half + i] = Math.sin(theta);
    }
  }
  return { cos, sin };
}

/** Rotates `heads` heads of size d of v in place at position t (tables from ropeTables). */
export function applyRope(v: Float64Array, heads: number, d: number, t: number, cos: Float64Array, sin: Float64Array): void {
  const half = d / 2;
  for (let h = 0; h < heads; h++) {
    const base = h * d;
    for (let i = 0; i < half; i++) {
      const c = cos[t * half + i];
      const s = sin[t * half + i];
      const a = v[base + i];
      const b = v[base + i + half];
      v[base + i] = a * c - b * s;
      v[base + i + half] = b * c + a * s;
    }
  }
}
