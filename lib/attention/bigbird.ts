/**
 * BigBird block layout (Zaheer et al. 2020, "Big Bird: Transformers for Longer Sequences"),
 * following Hugging Face transformers' `BigBirdBlockSparseAttention` ITC variant
 * (models/big_bird/modeling_big_bird.py, `bigbird_block_sparse_attention` and
 * `_bigbird_block_rand_mask`).
 *
 * Layout L: numBlocks × numBlocks, row-major, L[qb * n + kb] = 1 when query block qb
 * attends key block kb (n = numBlocks):
 *   - global rows:     qb = 0 and qb = n-1 attend every block;
 *   - global columns:  every qb attends kb = 0 and kb = n-1;
 *   - sliding blocks:  qb in 1..n-2 attends qb-1, qb, qb+1, so block 1 attends {0, 1, 2, n-1}
 *                      and block n-2 attends {0, n-3, n-2, n-1};
 *   - random blocks:   each qb in 1..n-2 adds r blocks drawn without replacement, uniformly,
 *                      from the blocks it does not already attend (HF draws from the middle
 *                      blocks outside the sliding window: the same set). We draw with
 *                      mulberry32 + Floyd's sampling, rows in order 1..n-2, so a seed fixes
 *                      the layout (HF uses numpy's global RNG: its exact draws are not
 *                      reproduced, only their distribution).
 * HF switches to full attention when seq_length <= (5 + 2r) * block_size, i.e. when
 * n <= 5 + 2r (n = ceil(seq_length / block_size)); we do the same (all ones).
 */
import { checkRandomBlocks, checkWholeNumber, MAX_SEED, MAX_SEQ_LEN, throwIfProblems, type PatternProblem } from './params';
import { createSeededRandom, sampleDistinctIndices } from './random';

/** True when HF BigBird falls back to full attention: numBlocks <= 5 + 2 * numRandomBlocks. */
export function bigBirdIsFull(numBlocks: number, numRandomBlocks: number): boolean {
  return numBlocks <= 5 + 2 * numRandomBlocks;
}

/**
 * The BigBird ITC block layout described above: Uint8Array(numBlocks²), row-major.
 * Throws a RangeError when numBlocks is not in 1..MAX_SEQ_LEN, when the seed is not a
 * 32-bit unsigned integer, or when r exceeds the free blocks of a middle row (numBlocks - 5).
 */
export function bigBirdBlockLayout(numBlocks: number, numRandomBlocks: number, seed: number): Uint8Array {
  const problems: PatternProblem[] = [];
  if (checkWholeNumber(problems, 'numBlocks', numBlocks, 1, MAX_SEQ_LEN)) {
    checkRandomBlocks(problems, numRandomBlocks, numBlocks);
  } else {
    checkWholeNumber(problems, 'randomBlocks', numRandomBlocks, 0, Number.POSITIVE_INFINITY);
  }
  checkWholeNumber(problems, 'seed', seed, 0, MAX_SEED);
  throwIfProblems(problems);

  const n = numBlocks;
  const layout = new Uint8Array(n * n);
  if (bigBirdIsFull(n, numRandomBlocks)) {
    layout.fill(1);
    return layout;
  }
  // Not full: n >= 6 + 2r >= 6, so rows 1 and n-2 are distinct middle rows.
  const last = n - 1;
  layout.fill(1, 0, n); // global first row
  layout.fill(1, last * n, n * n); // global last row
  const random = createSeededRandom(seed);
  for (let qb = 1; qb < last; qb++) {
    const row = qb * n;
    layout[row] = 1;
    layout[row + last] = 1;
    layout[row + qb - 1] = 1;
    layout[row + qb] = 1;
    layout[row + qb + 1] = 1;
    if (numRandomBlocks === 0) continue;
    // Candidates: blocks 1..n-2 minus the sliding blocks qb-1, qb, qb+1 (those in 1..n-2).
    // The t-th free candidate (t from 0) is found by skipping the sorted taken blocks.
    const taken = [qb - 1, qb, qb + 1].filter((kb) => kb >= 1 && kb <= last - 1);
    const freeCount = last - 1 - taken.length;
    for (const t of sampleDistinctIndices(freeCount, numRandomBlocks, random)) {
      let kb = 1 + t;
      for (const blocked of taken) if (blocked <= kb) kb++;
      layout[row + kb] = 1;
    }
  }
  return layout;
}
