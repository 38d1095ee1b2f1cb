/**
 * A shipped model ready to run, for the workers that run one (the models page, the pruning,
 * MoE and decoding labs): its files from lib/lm/download.ts, then config, weights and vocabulary
 * parsed. Kept apart from download.ts so the pages, which import that file for the cache list,
 * do not load the checkpoint parser.
 */
import { type Checkpoint, loadCheckpoint } from './checkpoint';
import { type DownloadDeps, type Progress, loadModelFiles } from './download';
import { LmError } from './errors';
import type { LmName } from './models';
import { type Vocab, parseVocab } from './vocab';

/**
 * loadModelFiles, then its config, weights and vocabulary parsed.
 * A copy that does not parse (JSON, tensors, vocabulary) is discarded, so the next try downloads
 * afresh; one that parses is kept in Cache Storage.
 */
export async function loadModel(
  name: LmName,
  totalBytes: number,
  deps: DownloadDeps,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<{ ckpt: Checkpoint; vocab: Vocab; fromCache: boolean }> {
  const download = await loadModelFiles(name, totalBytes, deps, onProgress, signal);
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  let ckpt: Checkpoint;
  let vocab: Vocab;
  try {
    let config: unknown;
    let vocabRaw: unknown;
    try {
      config = JSON.parse(text(download.files['config.json']));
      vocabRaw = JSON.parse(text(download.files['vocab.json']));
    } catch {
      throw new LmError('bad-config', 'config.json or vocab.json is not valid JSON.', { field: '' });
    }
    ckpt = loadCheckpoint(config, download.files['model.safetensors']);
    vocab = parseVocab(vocabRaw, ckpt.config.vocabSize);
  } catch (err) {
    await download.discard();
    throw err;
  }
  await download.keep();
  return { ckpt, vocab, fromCache: download.fromCache };
}
