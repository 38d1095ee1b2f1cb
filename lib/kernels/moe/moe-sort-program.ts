/**
 * The permutation step of MoE dispatch: a counting sort of routing slots by expert, as two
 * tfjs WebGPU programs. Twin: moe-dispatch-reference.ts (countingSortByExpert in
 * lib/moe/dispatch.ts) and moe-padded-reference.ts.
 *
 * Slots: experts [S] int32, S = T·k, slot s = t·k + j; −1 = dropped.
 *
 * MoeExpertOffsetsProgram (one workgroup of 256): histogram of the slots per expert with
 * workgroup atomics, then an exclusive prefix sum by one invocation:
 *   offsets[e] = #{s : experts[s] < e, experts[s] >= 0},  offsets[E] = kept slots.   [E + 1]
 *
 * MoeCountingSortProgram (one workgroup per expert, plus one for the dropped slots): each
 * workgroup scans the slots in chunks of 256, flags its own, and ranks them with a
 * workgroup inclusive scan (Hillis–Steele, 8 steps), so ranks follow slot order (a stable
 * sort: tokens keep their order inside an expert, as countingSortByExpert does).
 *   grouped:  row = offsets[e] + rank
 *   padded:   row = e·C + rank if rank < C, else the slot is dropped (capacity C per
 *             expert, a uniform); rows e·C + load_e … e·C + C − 1 are padding.
 * Output, one int32 buffer holding the permutation and its inverse:
 *   result[0 .. rows)        perm:     the slot placed at row p (−1: an empty row)
 *   result[rows .. rows+S)   position: the row slot s went to  (−1: dropped)
 * where rows = S (grouped) or E·C (padded). Every entry is written (tfjs reuses buffers).
 *
 * shaderKey: grouped/padded and MAX_EXPERTS (64, the workgroup histogram's size).
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export const SORT_WORKGROUP = 256;
export const SORT_MAX_EXPERTS = 64;

export class MoeExpertOffsetsProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = `sparselab_moe_expert_offsets_max${SORT_MAX_EXPERTS}`;
  dispatchLayout = { x: [0], y: [] as number[] };
  dispatch: [number, number, number] = [1, 1, 1];
  workgroupSize: [number, number, number] = [SORT_WORKGROUP, 1, 1];
  variableNames = ['experts'];
  uniforms = 'numSlots : i32, numExperts : i32,';

  constructor(numExperts: number) {
    if (numExperts > SORT_MAX_EXPERTS) throw new RangeError(`${numExperts} experts exceed the kernel's maximum of ${SORT_MAX_EXPERTS}`);
    this.outputShape = [numExperts + 1];
  }

  getUserCode(): string {
    return `
      var<workgroup> counts : array<atomic<i32>, ${SORT_MAX_EXPERTS}>;

      fn main(index : i32) {
        let li = i32(localIndex);
        let S = uniforms.numSlots;
        let E = uniforms.numExperts;
        for (var e = li; e < ${SORT_MAX_EXPERTS}; e += ${SORT_WORKGROUP}) { atomicStore(&counts[e], 0); }
        workgroupBarrier();
        for (var s = li; s < S; s += ${SORT_WORKGROUP}) {
          let e = experts[s];
          if (e >= 0 && e < E) { atomicAdd(&counts[e], 1); }
        }
        workgroupBarrier();
        if (li == 0) {
          var run = 0;
          for (var e = 0; e < E; e++) {
            result[e] = run;
            run += atomicLoad(&counts[e]);
          }
          result[E] = run;
        }
      }
    `;
  }
}

export class MoeCountingSortProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0], y: [] as number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [SORT_WORKGROUP, 1, 1];
  variableNames: string[];
  uniforms = 'numSlots : i32, numExperts : i32, numRows : i32, capacity : i32,';
  private readonly padded: boolean;

  /** rows = S for grouped, E·C for padded. */
  constructor(numSlots: number, numExperts: number, rows: number, padded: boolean) {
    if (numExperts > SORT_MAX_EXPERTS) throw new RangeError(`${numExperts} experts exceed the kernel's maximum of ${SORT_MAX_EXPERTS}`);
    this.padded = padded;
    this.outputShape = [rows + numSlots];
    this.dispatch = [numExperts + 1, 1, 1];
    this.variableNames = padded ? ['experts'] : ['experts', 'offsets'];
    this.shaderKey = `sparselab_moe_counting_sort_${padded ? 'padded' : 'grouped'}_wg${SORT_WORKGROUP}`;
  }

  getUserCode(): string {
    const W = SORT_WORKGROUP;
    const base = this.padded ? 'e * uniforms.capacity' : 'offsets[min(e, E)]';
    const cap = this.padded ? 'uniforms.capacity' : '2147483647';
    const fill = this.padded
      ? `if (e < E) {
           let used = min(running, uniforms.capacity);
           for (var r = used + li; r < uniforms.capacity; r += ${W}) { result[e * uniforms.capacity + r] = -1; }
         }`
      : `if (e == E) {
           for (var r = offsets[E] + li; r < R; r += ${W}) { result[r] = -1; }
         }`;
    return `
      var<workgroup> scan : array<i32, ${W}>;
      var<workgroup> chunkTotal : i32;

      fn main(index : i32) {
        let li = i32(localIndex);
        let e = i32(workgroupId.x);
        let S = uniforms.numSlots;
        let E = uniforms.numExperts;
        let R = uniforms.numRows;
        // workgroup E collects the dropped slots (expert -1)
        let want = select(e, -1, e == E);
        let base = ${base};
        let cap = ${cap};
        var running = 0;
        for (var c0 = 0; c0 < S; c0 += ${W}) {
          let s = c0 + li;
          var flag = 0;
          if (s < S && experts[s] == want) { flag = 1; }
          scan[li] = flag;
          workgroupBarrier();
          for (var off = 1; off < ${W}; off = off * 2) {
            var v = scan[li];
            if (li >= off) { v += scan[li - off]; }
            workgroupBarrier();
            scan[li] = v;
            workgroupBarrier();
          }
          if (flag == 1) {
            let rank = running + scan[li] - 1;
            if (e < E && rank < cap) {
              result[base + rank] = s;
              result[R + s] = base + rank;
            } else {
              result[R + s] = -1;
            }
          }
          if (li == ${W - 1}) { chunkTotal = scan[${W - 1}]; }
          running += workgroupUniformLoad(&chunkTotal);
        }
        ${fill}
      }
    `;
  }
}
