/**
 * The register tile the tiled GEMMs share (DenseMatmulProgram, BsrMatmulProgram), written once.
 *
 * A workgroup of 8 × 8 invocations has staged a tile of W as `wTile[row][k / 4]` (vec4 along k)
 * and a tile of X as `xTile[k][column / 4]` (vec4 along the columns). Invocation (tx, ty) owns
 * `rows` rows of the output tile (row i of the invocation is `wRow(i)`) and `colVecs` vec4 columns
 * (column vec4 j is `col + 8·j`), accumulated in registers `acc[i]` (colVecs = 1) or `acc[i][j]`.
 *
 * tileMacWgsl: for each inner vec4 step kk < innerVec4, the four rows of X x0..x3 =
 * xTile[4kk + 0..3][column] and, per row i, a = wTile[wRow(i)][kk]:
 *   acc_i += a.x·x0 + a.y·x1 + a.z·x2 + a.w·x3     (four fma in this order)
 * the summation order of tfjs's MatMulPackedProgram (vec4 variant), so the comparison with
 * tf.matMul measures the same arithmetic. tileStoreWgsl: writes each accumulator to
 * out[outRow(i) · n4 + column] when the column is inside n4 (rows inside the matrix are the
 * caller's guard: `rowGuard(i)`, or none).
 *
 * Every name the fragments read is a parameter: the host passes its own WGSL expressions.
 */
export interface GemmTile {
  wTile: string;
  xTile: string;
  /** The accumulator array: array<vec4<f32>, rows> (colVecs 1) or array<array<vec4<f32>, colVecs>, rows>. */
  acc: string;
  /** The invocation's first vec4 column inside the tile (e.g. `tx`). */
  col: string;
  /** Rows per invocation (a WGSL expression or a number). */
  rows: string | number;
  /** vec4 output columns per invocation, 8 apart. */
  colVecs: number;
  /** acc is array<array<vec4<f32>, colVecs>, rows> (indexed acc[i][j], a j loop even for colVecs 1) rather than array<vec4<f32>, rows>. */
  nested: boolean;
  /** The tile row of the invocation's row `i` (a WGSL expression in `i`). */
  wRow: string;
}

function column(t: GemmTile): string {
  return t.nested ? `${t.col} + 8 * j` : t.col;
}

function accOf(t: GemmTile): string {
  return t.nested ? `${t.acc}[i][j]` : `${t.acc}[i]`;
}

/** The multiply–accumulate over one staged tile pair (see the top); `innerVec4` vec4 steps along k. */
export function tileMacWgsl(t: GemmTile, innerVec4: string | number): string {
  const c = column(t);
  const acc = accOf(t);
  const body = `
              let x0 = ${t.xTile}[kk * 4][${c}];
              let x1 = ${t.xTile}[kk * 4 + 1][${c}];
              let x2 = ${t.xTile}[kk * 4 + 2][${c}];
              let x3 = ${t.xTile}[kk * 4 + 3][${c}];
              for (var i = 0; i < ${t.rows}; i++) {
                let a = ${t.wTile}[${t.wRow}][kk];
                ${acc} = fma(vec4<f32>(a.x), x0, ${acc});
                ${acc} = fma(vec4<f32>(a.y), x1, ${acc});
                ${acc} = fma(vec4<f32>(a.z), x2, ${acc});
                ${acc} = fma(vec4<f32>(a.w), x3, ${acc});
              }`;
  const inner = t.nested ? `\n            for (var j = 0; j < ${t.colVecs}; j++) {${body}\n            }` : body;
  return `
          for (var kk = 0; kk < ${innerVec4}; kk++) {${inner}
          }`;
}

/**
 * The epilogue: out[r · n4 + c4] = acc for r = outRow (an expression in i) and each column c4 of
 * the invocation, columns at or beyond n4 skipped and, with `rowGuard` (an expression in r), rows too.
 */
export function tileStoreWgsl(t: GemmTile, o: { out: string; colBase: string; n4: string; outRow: string; rowGuard?: string }): string {
  const write = `${o.out}[r * ${o.n4} + c4] = ${accOf(t)};`;
  const store = `
          let c4 = ${o.colBase} + ${column(t)};
          if (c4 < ${o.n4}) {
            for (var i = 0; i < ${t.rows}; i++) {
              let r = ${o.outRow};
              ${o.rowGuard ? `if (${o.rowGuard}) { ${write} }` : write}
            }
          }`;
  return t.nested
    ? `
        for (var j = 0; j < ${t.colVecs}; j++) {${store}
        }`
    : store;
}

/** The register tile of the dense and 2:4 GEMMs: 4 rows × 1 vec4 column per invocation. */
export const DENSE_REGISTER_TILE: GemmTile = {
  wTile: 'wTile',
  xTile: 'xTile',
  acc: 'acc',
  col: 'tx',
  rows: 4,
  colVecs: 1,
  nested: false,
  wRow: 'ty * 4 + i',
};

/** The names the dense and 2:4 GEMMs stage X with (their loops over K tiles of 32 rows). */
export const DENSE_X_STAGE = { x: 'x', xTile: 'xTile', kt: 'kt', k: 'uniforms.k', n4: 'n4', col4: 'col4', r: 'r', c: 'c' };

/**
 * One element of the staged X tile: xTile[r][c] = X[kt + r, vec4 column col4 + c] (n4 = N / 4
 * vec4 columns), zero outside X. The dense and 2:4 GEMMs walk K in the same 32-row steps and
 * stage X identically.
 */
export function xTileElementWgsl(o: {
  x: string;
  xTile: string;
  kt: string;
  k: string;
  n4: string;
  col4: string;
  r: string;
  c: string;
}): string {
  return `
            var xv = vec4<f32>(0.0);
            if (${o.kt} + ${o.r} < ${o.k} && ${o.col4} + ${o.c} < ${o.n4}) { xv = ${o.x}[(${o.kt} + ${o.r}) * ${o.n4} + ${o.col4} + ${o.c}]; }
            ${o.xTile}[${o.r}][${o.c}] = xv;`;
}
