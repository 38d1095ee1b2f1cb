import { GLOBAL_PARAMS, type ParamSpec, type Schema, type StateOf, defaultState } from './schema';

/** Longest raw value we read at all; anything longer is replaced by the default. */
export const MAX_VALUE_LENGTH = 64;
/** At most this many corrections are listed (a URL with 10,000 junk keys stays cheap). */
export const MAX_CORRECTIONS = 20;

export type CorrectionReason =
  | 'unknown' // a parameter this lab does not have
  | 'invalid' // not a number / not one of the allowed values
  | 'clamped' // outside [min, max], moved to the nearest bound
  | 'snapped' // not on the step grid, moved to the nearest step
  | 'repeated' // given more than once; the first is used
  | 'too-long' // longer than MAX_VALUE_LENGTH characters
  | 'version'; // written by another schema version

export interface Correction {
  param: string;
  reason: CorrectionReason;
  /** What the URL said, cut to 40 characters. Render as text only, never as HTML. */
  given: string;
  /** What the page uses instead, as it would be written in the URL ('' for dropped). */
  used: string;
}

export interface ParseResult<S extends Schema> {
  state: StateOf<S>;
  corrections: Correction[];
  /** Global parameters (embed mode): embed=1 and hide=a,b,c. */
  embed: boolean;
  hidden: string[];
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

function cut(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** Writes one value the way serialize.ts does. */
export function formatValue(spec: ParamSpec, value: unknown): string {
  switch (spec.kind) {
    case 'bool':
      return value ? '1' : '0';
    case 'int':
      return String(value);
    case 'float': {
      const digits = spec.digits ?? 4;
      return String(Number((value as number).toFixed(digits)));
    }
    case 'enum':
    case 'text':
      return String(value);
  }
}

/**
 * Reads one raw value against its spec. Returns the value to use and, when the raw
 * value had to change, why.
 */
export function parseValue(spec: ParamSpec, raw: string): { value: unknown; reason?: CorrectionReason } {
  if (spec.kind === 'text') {
    // Text is kept as typed (never trimmed); React renders it as text, never as markup.
    const chars = Array.from(raw);
    return chars.length > spec.maxLength ? { value: chars.slice(0, spec.maxLength).join(''), reason: 'too-long' } : { value: raw };
  }
  if (raw.length > MAX_VALUE_LENGTH) return { value: spec.default, reason: 'too-long' };
  const text = raw.trim();
  switch (spec.kind) {
    case 'bool': {
      const lower = text.toLowerCase();
      if (TRUE.includes(lower)) return { value: true };
      if (FALSE.includes(lower)) return { value: false };
      return { value: spec.default, reason: 'invalid' };
    }
    case 'enum':
      return spec.values.includes(text) ? { value: text } : { value: spec.default, reason: 'invalid' };
    case 'int':
    case 'float': {
      // Number('') is 0 and Number('0x10') is 16: accept plain decimal notation only.
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return { value: spec.default, reason: 'invalid' };
      let n = Number(text);
      if (!Number.isFinite(n)) return { value: spec.default, reason: 'invalid' };
      let reason: CorrectionReason | undefined;
      if (spec.kind === 'int' && !Number.isInteger(n)) {
        n = Math.round(n);
        reason = 'snapped';
      }
      if (n < spec.min || n > spec.max) {
        n = Math.min(spec.max, Math.max(spec.min, n));
        reason = 'clamped';
      }
      if (spec.kind === 'int' && spec.step && spec.step > 1) {
        const snapped = Math.min(spec.max, spec.min + Math.round((n - spec.min) / spec.step) * spec.step);
        if (snapped !== n) {
          n = snapped;
          reason ??= 'snapped';
        }
      }
      if (spec.kind === 'float') n = Number(n.toFixed(spec.digits ?? 4));
      return reason ? { value: n, reason } : { value: n };
    }
  }
}

/**
 * parseState: URLSearchParams -> typed state. Never throws: every bad value is replaced
 * by its default or clamped, and listed in `corrections` so the page can say so.
 * Cost is linear in the URL's length; nothing from the URL is kept but the parsed values
 * and cut, text-only echoes of bad input.
 */
export function parseState<S extends Schema>(schema: S, params: URLSearchParams): ParseResult<S> {
  const state = defaultState(schema) as Record<string, unknown>;
  const corrections: Correction[] = [];
  const note = (c: Correction) => {
    if (corrections.length < MAX_CORRECTIONS) corrections.push(c);
  };
  const seen = new Set<string>();
  let embed = false;
  let hidden: string[] = [];

  for (const [key, raw] of params) {
    if (seen.has(key)) {
      note({ param: cut(key), reason: 'repeated', given: cut(raw), used: '' });
      continue;
    }
    seen.add(key);
    if (key === 'v') {
      if (raw !== String(schema.version)) note({ param: 'v', reason: 'version', given: cut(raw), used: String(schema.version) });
      continue;
    }
    if (key === 'embed') {
      embed = TRUE.includes(raw.trim().toLowerCase());
      continue;
    }
    if (key === 'hide') {
      const names = raw
        .slice(0, 400)
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      hidden = names.filter((s) => Object.hasOwn(schema.params, s));
      // a misspelt name hides nothing: say so, so the teacher preparing the embed sees it
      for (const s of names)
        if (!Object.hasOwn(schema.params, s)) note({ param: cut(`hide=${s}`), reason: 'unknown', given: cut(s), used: '' });
      continue;
    }
    if (!Object.hasOwn(schema.params, key)) {
      note({ param: cut(key), reason: 'unknown', given: cut(raw), used: '' });
      continue;
    }
    const spec = schema.params[key];
    const { value, reason } = parseValue(spec, raw);
    state[key] = value;
    if (reason) note({ param: key, reason, given: cut(raw), used: formatValue(spec, value) });
  }
  return { state: state as StateOf<S>, corrections, embed, hidden };
}

/** True when `name` is a global parameter rather than a lab's own. */
export function isGlobalParam(name: string): boolean {
  return (GLOBAL_PARAMS as readonly string[]).includes(name);
}
