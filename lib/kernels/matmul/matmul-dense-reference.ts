/**
 * Reference twin of the dense matmul and GEMV kernels (matmul-dense-program.ts).
 *
 * Convention for every matmul kernel of the acceleration lab: a weight matrix W [M, K]
 * (row-major, nn.Linear's [out, in]) times dense activations X [K, N] (row-major; N =
 * batch, the tokens processed together):
 *   Y[m, n] = Σ_k W[m, k] · X[k, n]          Y: [M, N]
 * With N = 1 this is a matrix-vector product y = W x (GEMV, token-by-token decoding).
 * Sums are taken in float64 and rounded once, so the twin is the more accurate side.
 */
export interface MatmulShape {
  /** Rows of W and Y (output features). */
  m: number;
  /** Columns of W = rows of X (input features). */
  k: number;
  /** Columns of X and Y (batch). */
  n: number;
}

export function assertMatmulShape(shape: MatmulShape): void {
  for (const [name, v] of Object.entries(shape)) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be an integer >= 1, got ${String(v)}`);
  }
}

/** Y = W X for dense W [M, K] and X [K, N]. */
export function denseMatmulReference(w: Float32Array, x: Float32Array, shape: MatmulShape): Float32Array {
  assertMatmulShape(shape);
  const { m, k, n } = shape;
  if (w.length !== m * k) throw new RangeError(`W must hold M·K = ${m * k} values, got ${w.length}`);
  if (x.length !== k * n) throw new RangeError(`X must hold K·N = ${k * n} values, got ${x.length}`);
  const y = new Float32Array(m * n);
  const acc = new Float64Array(n);
  for (let r = 0; r < m; r++) {
    acc.fill(0);
    for (let c = 0; c < k; c++) {
      const wv = w[r * k + c];
      if (wv === 0) continue;
      const xRow = c * n;
      for (let j = 0; j < n; j++) acc[j] += wv * x[xRow + j];
    }
    for (let j = 0; j < n; j++) y[r * n + j] = acc[j];
  }
  return y;
}
