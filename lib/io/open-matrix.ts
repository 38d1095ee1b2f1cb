/**
 * One entry point for an uploaded matrix file, whatever its format: a NumPy .npy (recognised by its
 * "\x93NUMPY" signature) becomes a matrix at once; a Hugging Face .safetensors (recognised by its header,
 * or by its name when the header is damaged) first lists its 2-D tensors, then becomes the matrix of the
 * tensor picked (`tensor`). Anything else is refused as not-npy.
 */
import { MatrixFileError, type LoadedMatrix, type MatrixProblem } from './matrix';
import { hasNpyMagic, readNpyMatrix } from './npy';
import { listSafetensorsMatrices, looksLikeSafetensors, readSafetensorsMatrix, type SafetensorsListing } from './safetensors-matrix';

export type OpenedFile = { kind: 'matrix'; matrix: LoadedMatrix; tensor: string | null } | ({ kind: 'tensors' } & SafetensorsListing);

export function openMatrixFile(buffer: ArrayBuffer, fileName: string, tensor: string | null): OpenedFile {
  const bytes = new Uint8Array(buffer);
  if (!hasNpyMagic(bytes) && (looksLikeSafetensors(bytes) || /\.safetensors$/i.test(fileName))) {
    return tensor === null
      ? { kind: 'tensors', ...listSafetensorsMatrices(buffer) }
      : { kind: 'matrix', matrix: readSafetensorsMatrix(buffer, tensor), tensor };
  }
  return { kind: 'matrix', matrix: readNpyMatrix(buffer), tensor: null };
}

/** The problem to show for a reader's error (the UI translates `key`), or null for an error that is not the file's fault. */
export function fileProblem(err: unknown): { key: MatrixProblem; message: string } | null {
  return err instanceof MatrixFileError ? { key: err.key, message: err.message } : null;
}
