/**
 * WGSL fragments shared by the fused attention programs (dense and block-sparse), so
 * both compute exactly the same online softmax (Milakov & Gimelshein 2018; FlashAttention):
 * per invocation, a query qv[D] (pre-scaled by 1/sqrt(D)), the running max m, the running
 * sum l and the accumulator acc[D]; K and V rows staged in workgroup arrays.
 *
 * Each fragment is a function of the names it reads and writes: the host program passes the
 * WGSL expressions for them (its buffers, its indices), so nothing relies on a name the host
 * happens to declare. The state names (qv, acc, m, l) are declared by loadQueryWgsl and passed
 * on to the other two. `D` is the head dimension, a WGSL constant of the host program.
 */

/** The online-softmax state of one query: the names loadQueryWgsl declares. */
export interface SoftmaxState {
  qv: string;
  acc: string;
  m: string;
  l: string;
}

export const SOFTMAX_STATE: SoftmaxState = { qv: 'qv', acc: 'acc', m: 'm', l: 'l' };

/**
 * Declares the state and loads query `qi` of the head starting at `base` of buffer `q`
 * (only when `valid`), scaled by `scale`: qv[t] = q[base + qi·D + t] · scale; m = −3e38; l = 0.
 */
export function loadQueryWgsl(o: { q: string; base: string; qi: string; valid: string; scale: string; state?: SoftmaxState }): string {
  const s = o.state ?? SOFTMAX_STATE;
  return `
        var ${s.qv} : array<f32, D>;
        var ${s.acc} : array<f32, D>;
        if (${o.valid}) {
          for (var t = 0; t < D; t++) { ${s.qv}[t] = ${o.q}[${o.base} + ${o.qi} * D + t] * ${o.scale}; }
        }
        var ${s.m} = -3.0e38;
        var ${s.l} = 0.0;`;
}

/**
 * Attends staged key `t` (row t of kTile / vTile, D floats each): s = qv · k_t; m' = max(m, s);
 * l = l e^(m − m') + e^(s − m'); acc = acc e^(m − m') + e^(s − m') v_t; m = m'.
 */
export function attendStagedKeyWgsl(o: { kTile: string; vTile: string; t: string; state?: SoftmaxState }): string {
  const s = o.state ?? SOFTMAX_STATE;
  return `
                var s = 0.0;
                for (var c = 0; c < D; c++) { s += ${s.qv}[c] * ${o.kTile}[${o.t} * D + c]; }
                let mNew = max(${s.m}, s);
                let corr = exp(${s.m} - mNew);
                let p = exp(s - mNew);
                ${s.l} = ${s.l} * corr + p;
                for (var c = 0; c < D; c++) { ${s.acc}[c] = ${s.acc}[c] * corr + p * ${o.vTile}[${o.t} * D + c]; }
                ${s.m} = mNew;`;
}

/** Writes acc / l for query `qi` into `out` at `base` (zeros when no key was allowed). */
export function writeOutputWgsl(o: { out: string; base: string; qi: string; valid: string; state?: SoftmaxState }): string {
  const s = o.state ?? SOFTMAX_STATE;
  return `
        if (${o.valid}) {
          let inv = select(0.0, 1.0 / ${s.l}, ${s.l} > 0.0);
          for (var t = 0; t < D; t++) { ${o.out}[${o.base} + ${o.qi} * D + t] = ${s.acc}[t] * inv; }
        }`;
}
