/**
 * URL state: each lab declares one schema, a table of its parameters (in the manner of
 * TensorFlow Playground's src/state.ts). One parser (parse.ts) turns URLSearchParams into
 * typed state and one serializer (serialize.ts) does the reverse.
 */

/** An integer in [min, max]; `step` (optional) snaps to multiples of it from min. */
export interface IntParam {
  kind: 'int';
  default: number;
  min: number;
  max: number;
  step?: number;
}

/** A real number in [min, max], written with at most `digits` decimals (default 4). */
export interface FloatParam {
  kind: 'float';
  default: number;
  min: number;
  max: number;
  digits?: number;
}

/** One of a fixed list of strings. */
export interface EnumParam<V extends string = string> {
  kind: 'enum';
  default: V;
  values: readonly V[];
}

/** true / false, written as 1 / 0 (true, false, yes, no, on, off are read too). */
export interface BoolParam {
  kind: 'bool';
  default: boolean;
}

/** Free text of at most `maxLength` Unicode code points (longer text is cut, and the cut reported). */
export interface TextParam {
  kind: 'text';
  default: string;
  maxLength: number;
}

export type ParamSpec = IntParam | FloatParam | EnumParam | BoolParam | TextParam;

export interface Schema<P extends Record<string, ParamSpec> = Record<string, ParamSpec>> {
  /** Lab name, e.g. 'attention'. */
  lab: string;
  /** Schema version, written as `v`. Bump it when a parameter's meaning changes. */
  version: number;
  params: P;
}

type ValueOf<S extends ParamSpec> =
  S extends EnumParam<infer V> ? V : S extends BoolParam ? boolean : S extends TextParam ? string : number;

/** The typed state a schema describes. */
export type StateOf<S extends Schema> = { [K in keyof S['params']]: ValueOf<S['params'][K]> };

/** Parameters every page accepts besides its lab's own (embed mode: embed=1 and hide=…). */
export const GLOBAL_PARAMS = ['v', 'embed', 'hide'] as const;

/** Builds a schema with literal types kept (so StateOf gives enum unions). */
export function defineSchema<const P extends Record<string, ParamSpec>>(lab: string, version: number, params: P): Schema<P> {
  for (const [name, spec] of Object.entries(params)) {
    if ((GLOBAL_PARAMS as readonly string[]).includes(name)) throw new Error(`invalid schema: '${name}' is reserved`);
    if (spec.kind === 'int' || spec.kind === 'float') {
      if (!(spec.min <= spec.default && spec.default <= spec.max))
        throw new Error(`invalid schema: ${lab}.${name} default outside [min, max]`);
    }
    if (spec.kind === 'enum' && !spec.values.includes(spec.default))
      throw new Error(`invalid schema: ${lab}.${name} default not among values`);
  }
  return { lab, version, params };
}

/** The state made of every default. */
export function defaultState<S extends Schema>(schema: S): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema.params)) out[name] = spec.default;
  return out as StateOf<S>;
}
