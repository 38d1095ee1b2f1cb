/**
 * Deprecated path: the MoE lab's language-model protocol moved to lib/lm/moe-protocol.ts. This
 * re-export stays only for e2e/harness/kernels-entry.ts, which is being edited elsewhere; delete this
 * file, and the lib/moe → lib/lm entry in scripts/folder-cycles.ts KNOWN_EDGES, once it imports
 * lib/lm/moe-protocol (or LayerInputs from lib/kernels/moe/run-moe-swiglu.ts).
 */
export type { LayerInputs } from '../lm/moe-protocol';
