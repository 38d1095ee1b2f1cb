import { cachedModels } from '@/lib/lm/download';
import type { LmName } from '@/lib/lm/models';

/**
 * A model already in Cache Storage loads at once (`load`); otherwise the reader is offered the
 * download first (`offer`). Returns a cleanup for an effect: an answer that comes after it is dropped.
 */
export function loadIfCached(models: readonly LmName[], load: () => void, offer: () => void): () => void {
  let live = true;
  cachedModels(typeof caches === 'undefined' ? null : caches, models)
    .catch(() => [])
    .then((hits) => {
      if (!live) return;
      if (hits.length > 0) load();
      else offer();
    });
  return () => {
    live = false;
  };
}
