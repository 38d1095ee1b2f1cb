/**
 * The sparse storage formats the acceleration lab times against dense, one entry each:
 * the conversion from a dense matrix and back (formats.ts), its byte count, the CPU twin of
 * its WGSL matmul kernel (lib/kernels/matmul-<name>-reference.ts), the zero structure its
 * random operands have, its colour, and the keys it goes by in the URL (`csr`, `bsr`,
 * `nm24`), in operands and byte tables (`s24`) and in the speed table (`24`).
 * The format list, the URL toggles, BSR's block sizes, the colours and README's rows derive
 * from here; the labels are in lib/i18n/acceleration.ts.
 */
import { bsrMatmulReference } from './matmul/matmul-bsr-reference';
import { csrMatmulReference } from './matmul/matmul-csr-reference';
import { sparse24MatmulReference } from './matmul/matmul-24-reference';
import {
  bsrBytes,
  bsrToDense,
  bytes24,
  csrBytes,
  csrToDense,
  denseTo24,
  denseToBsr,
  denseToCsr,
  from24ToDense,
  type BsrMatrix,
  type CsrMatrix,
  type SparseStructure,
  type Sparse24Matrix,
} from '../sparsity/formats';

export interface FormatEntry<M> {
  /** The acceleration URL's on/off parameter for the format. */
  urlKey: string;
  /** Its key in operands (lib/acceleration/operands.ts) and byte tables (lib/acceleration/bytes.ts). */
  operandKey: string;
  /** The zeros its random operands have (formats.ts randomSparseMatrix). */
  structure: SparseStructure;
  /** The only sparsity the format can hold, if it has one (2:4: exactly half). */
  fixedSparsity?: number;
  /** Block sizes b of its b × b tiles the kernels are built for, if it is blocked. */
  blockSizes?: readonly string[];
  /** Colour of its series, markers and table rows (readable on light and dark). */
  color: string;
  /** Dense row-major [rows, cols] -> the format (b = block size, read by blocked formats). */
  fromDense(dense: Float32Array, rows: number, cols: number, blockSize: number): M;
  /** The format -> dense row-major [rows, cols]. */
  toDense(matrix: M): Float32Array;
  /** Bytes stored, 4 per index and per value. */
  bytes(matrix: M): number;
  /** The CPU twin of its WGSL kernel: W [rows, cols] times X [cols, n] -> [rows, n]. */
  matmulTwin(matrix: M, x: Float32Array, n: number): Float32Array;
  /** README's name of the format in the parameter table. */
  readme: string;
}

const FORMATS = {
  csr: {
    urlKey: 'csr' as const,
    operandKey: 'csr' as const,
    structure: 'unstructured',
    color: '#d97706',
    fromDense: (dense, rows, cols) => denseToCsr(dense, rows, cols),
    toDense: csrToDense,
    bytes: csrBytes,
    matmulTwin: csrMatmulReference,
    readme: 'CSR',
  } satisfies FormatEntry<CsrMatrix>,
  bsr: {
    urlKey: 'bsr' as const,
    operandKey: 'bsr' as const,
    structure: 'block',
    blockSizes: ['16', '32', '64'],
    color: '#0d9488',
    fromDense: denseToBsr,
    toDense: bsrToDense,
    bytes: bsrBytes,
    matmulTwin: bsrMatmulReference,
    readme: 'BSR',
  } satisfies FormatEntry<BsrMatrix>,
  '24': {
    urlKey: 'nm24' as const,
    operandKey: 's24' as const,
    structure: '2:4',
    fixedSparsity: 0.5,
    color: '#7c3aed',
    fromDense: (dense, rows, cols) => denseTo24(dense, rows, cols),
    toDense: from24ToDense,
    bytes: bytes24,
    matmulTwin: sparse24MatmulReference,
    readme: '2:4',
  } satisfies FormatEntry<Sparse24Matrix>,
} as const;

export type FormatName = keyof typeof FORMATS;

/** Every format's entry, in the order the lab lists them. */
export const FORMAT_REGISTRY: { readonly [F in FormatName]: (typeof FORMATS)[F] } = FORMATS;

/**
 * Every format, in the order the lab lists them (tables, charts, CSV columns). Written out:
 * Object.keys would put the integer-like key '24' first.
 */
export const FORMAT_NAMES = ['csr', 'bsr', '24'] as const satisfies readonly FormatName[];

/** Compile-time check that FORMAT_NAMES lists every entry. */
const everyFormatListed: [Exclude<FormatName, (typeof FORMAT_NAMES)[number]>] extends [never] ? true : never = true;
void everyFormatListed;

/** A format's entry with its matrix type erased, for code that treats every format alike. */
export function formatEntry(name: FormatName): FormatEntry<unknown> {
  const entry: FormatEntry<unknown> = FORMATS[name];
  return entry;
}

/** Colours of the formats, by name. */
export const FORMAT_COLORS = Object.fromEntries(FORMAT_NAMES.map((f) => [f, FORMATS[f].color])) as Record<FormatName, string>;

/** BSR's block sizes (the acceleration URL's `block`). */
export const BSR_BLOCK_SIZES = FORMATS.bsr.blockSizes;

/** True unless the format holds one sparsity only and `sparsity` is not it (2:4 has only a 50% row). */
export function formatAppliesAt(format: FormatName, sparsity: number): boolean {
  const fixed: number | undefined = formatEntry(format).fixedSparsity;
  return fixed === undefined || Math.abs(sparsity - fixed) < 1e-9;
}

/** The acceleration URL's on/off parameters, one per format. */
export type FormatUrlKey = (typeof FORMATS)[FormatName]['urlKey'];
