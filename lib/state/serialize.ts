import { formatValue } from './parse';
import type { Schema, StateOf } from './schema';

export interface SerializeOptions {
  embed?: boolean;
  hidden?: readonly string[];
}

/**
 * serializeState: typed state -> URLSearchParams, the canonical form: `v` first, then
 * every parameter in schema order (defaults included, so a link means the same thing
 * even if a later version changes a default), then the embed parameters if set.
 */
export function serializeState<S extends Schema>(schema: S, state: StateOf<S>, options: SerializeOptions = {}): URLSearchParams {
  const out = new URLSearchParams();
  out.set('v', String(schema.version));
  const values = state as Record<string, unknown>;
  for (const [name, spec] of Object.entries(schema.params)) out.set(name, formatValue(spec, values[name]));
  if (options.embed) out.set('embed', '1');
  if (options.hidden && options.hidden.length > 0) out.set('hide', options.hidden.join(','));
  return out;
}

/** The canonical query string, with its leading '?'. */
export function canonicalQuery<S extends Schema>(schema: S, state: StateOf<S>, options: SerializeOptions = {}): string {
  return `?${serializeState(schema, state, options).toString()}`;
}
