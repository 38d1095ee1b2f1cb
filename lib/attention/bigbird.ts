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
import { checkRandomBlocks, checkWholeNumber, MAX_SEED, MAX_SEQ_LEN, throwIfProblems, type PatternProblem } from './checks';
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

/**
 * Runs of consecutive attended key blocks of every query block row of a layout: row qb's
 * runs are [runs[2t], runs[2t + 1]) in blocks for t in offsets[qb] .. offsets[qb + 1] - 1;
 * `widest` is the most runs of any row (the row-segment capacity BigBird needs).
 */
export function blockLayoutRuns(layout: Uint8Array, numBlocks: number): { offsets: Int32Array; runs: Int32Array; widest: number } {
  const offsets = new Int32Array(numBlocks + 1);
  const runs: number[] = [];
  let widest = 1;
  for (let qb = 0; qb < numBlocks; qb++) {
    offsets[qb] = runs.length / 2;
    const row = qb * numBlocks;
    let kb = 0;
    while (kb < numBlocks) {
      if (layout[row + kb] === 0) {
        kb++;
        continue;
      }
      const start = kb;
      while (kb < numBlocks && layout[row + kb] === 1) kb++;
      runs.push(start, kb);
    }
    widest = Math.max(widest, runs.length / 2 - offsets[qb]);
  }
  offsets[numBlocks] = runs.length / 2;
  return { offsets, runs: Int32Array.from(runs), widest };
}

/**
 * Python lines that build the layout of bigBirdBlockLayout(nb, r, seed) as a bool tensor
 * LAYOUT [NB, NB] for FlexAttention (flex-code.ts): the random blocks are written out, so
 * the Python layout is the lab's, block for block.
 */
export function bigBirdLayoutPython(seqLen: number, blockSize: number, r: number, seed: number): string[] {
  const nb = Math.ceil(seqLen / blockSize);
  if (bigBirdIsFull(nb, r)) {
    return [
      `NB = ${nb}  # ceil(SEQ_LEN / BLOCK_SIZE)`,
      `# NB <= 5 + 2 * ${r}: Hugging Face BigBird falls back to full attention, and so do we`,
      'LAYOUT = torch.ones(NB, NB, dtype=torch.bool, device=DEVICE)',
    ];
  }
  const layout = bigBirdBlockLayout(nb, r, seed);
  const random: number[][] = [];
  for (let qb = 1; qb < nb - 1; qb++) {
    const extra: number[] = [];
    for (let kb = 1; kb < nb - 1; kb++) if (layout[qb * nb + kb] === 1 && Math.abs(kb - qb) > 1) extra.push(kb);
    random.push(extra);
  }
  const rows = random.map((x) => `[${x.join(', ')}]`);
  const chunks: string[] = [];
  for (let i = 0; i < rows.length; i += 8) chunks.push(`    ${rows.slice(i, i + 8).join(', ')},`);
  return [
    `NB = ${nb}  # ceil(SEQ_LEN / BLOCK_SIZE)`,
    `# random key blocks of query blocks 1 .. NB-2 (r = ${r}, seed ${seed}, as drawn by the lab)`,
    'RANDOM = [',
    ...chunks,
    ']',
    'LAYOUT = torch.zeros(NB, NB, dtype=torch.bool, device=DEVICE)',
    'LAYOUT[[0, NB - 1], :] = True  # global first and last query blocks',
    'LAYOUT[:, [0, NB - 1]] = True  # every block attends them',
    'for i in range(1, NB - 1):',
    '    LAYOUT[i, i - 1 : i + 2] = True  # sliding blocks i-1, i, i+1',
    '    LAYOUT[i, RANDOM[i - 1]] = True',
  ];
}
