/**
 * WGSL fragments shared by the fused attention programs (dense and block-sparse), so
 * both compute exactly the same online softmax (Milakov & Gimelshein 2018; FlashAttention):
 * per invocation, a query qv[D] (pre-scaled by 1/sqrt(D)), the running max m, the running
 * sum l and the accumulator acc[D]; K and V rows staged in workgroup arrays kTile/vTile.
 */

/** Declares qv, acc, m, l and loads query `qi` of the head at `base` (only when `valid`). */
export const LOAD_QUERY_WGSL = `
        var qv : array<f32, D>;
        var acc : array<f32, D>;
        if (valid) {
          for (var t = 0; t < D; t++) { qv[t] = q[base + qi * D + t] * uniforms.scale; }
        }
        var m = -3.0e38;
        var l = 0.0;`;

/**
 * Attends staged key `t`: s = qv . k_t;  m' = max(m, s);
 * l = l e^(m - m') + e^(s - m');  acc = acc e^(m - m') + e^(s - m') v_t;  m = m'.
 */
export const ATTEND_STAGED_KEY_WGSL = `
                var s = 0.0;
                for (var c = 0; c < D; c++) { s += qv[c] * kTile[t * D + c]; }
                let mNew = max(m, s);
                let corr = exp(m - mNew);
                let p = exp(s - mNew);
                l = l * corr + p;
                for (var c = 0; c < D; c++) { acc[c] = acc[c] * corr + p * vTile[t * D + c]; }
                m = mNew;`;

/** Writes acc / l for query `qi` (zeros when no key was allowed). */
export const WRITE_OUTPUT_WGSL = `
        if (valid) {
          let inv = select(0.0, 1.0 / l, l > 0.0);
          for (var t = 0; t < D; t++) { result[base + qi * D + t] = acc[t] * inv; }
        }`;
