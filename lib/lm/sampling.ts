/**
 * Sampling the next character: logits / T, keep the k most likely (0 = all), softmax, draw with
 * a seeded mulberry32 (lib/random.ts) so a seed reproduces the text. T = 0 is greedy (argmax,
 * lowest id on ties). Same semantics as transformers' TemperatureLogitsWarper + TopKLogitsWarper.
 */
export function sampleNext(logits: ArrayLike<number>, temperature: number, topK: number, random: () => number): number {
  const V = logits.length;
  let best = 0;
  for (let i = 1; i < V; i++) if (logits[i] > logits[best]) best = i;
  if (!(temperature > 0)) return best;
  const order = Array.from({ length: V }, (_, i) => i);
  let kept = order;
  if (topK > 0 && topK < V) kept = order.sort((a, b) => logits[b] - logits[a] || a - b).slice(0, topK);
  const max = logits[best];
  const weights = kept.map((i) => Math.exp((logits[i] - max) / temperature));
  const z = weights.reduce((a, b) => a + b, 0);
  let u = random() * z;
  for (let j = 0; j < kept.length; j++) {
    u -= weights[j];
    if (u < 0) return kept[j];
  }
  return kept[kept.length - 1];
}
