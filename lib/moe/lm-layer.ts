/**
 * Deprecated path: moe-en's layer moved to lib/lm/moe-layer.ts (it builds on lib/lm). This re-export
 * stays only for e2e/harness/kernels-entry.ts, which is being edited elsewhere; delete this file, and
 * the lib/moe → lib/lm entry in scripts/folder-cycles.ts KNOWN_EDGES, once it imports lib/lm/moe-layer.
 */
export { moeBlockReference, packSwigluLayer } from '../lm/moe-layer';
