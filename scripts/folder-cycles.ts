/**
 * Folder-level import cycles between the top-level folders of lib/ and components/ (lib/state,
 * components/viz, ...). An edge A → B means a non-test file in A imports a file in B; the cycles are
 * the strongly connected components of that graph with more than one folder (Tarjan 1972).
 * Test files (*.test.ts, *.spec.ts) are left out: a test may reach across folders without making
 * the code it tests depend on them.
 *
 * The layering of lib/ this holds: a folder imports from the lines above its own, and within a line
 * one way only (attention → viz, io → lm, pruning → models, ...):
 *   random.ts, sparsity, data, compute, attention (mask patterns, block layout), moe (routing maths),
 *     viz, export, runtime (Issue's shape, worker protocol, Locale and formatters)
 *   kernels (the WGSL programs and their twins)
 *   lm, training, models; then io, pruning, acceleration, labs (the labs' jobs)
 *   state (the URL schemas)
 *   teach (the guided paths)
 *   i18n (the message tables, the app-wide IssueKey), bench
 * An import against it closes a cycle, which this check reports. `npm run lint` runs this file
 * (`tsx scripts/folder-cycles.ts`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOTS = ['lib', 'components'] as const;

/**
 * Known wrong-way edges, left out before the cycles are sought. Empty: every folder keeps to the
 * layering above. An entry here would name an edge that other work is about to remove.
 */
export const KNOWN_EDGES: readonly (readonly [string, string])[] = [];

const SOURCE = /\.(ts|tsx|mjs)$/;
const TEST = /\.(test|spec)\.tsx?$/;
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;

/** The folder a repository path belongs to: `lib/state/parse.ts` → `lib/state`; files directly in a root → null. */
export function folderOf(path: string): string | null {
  const parts = path.split('/');
  if (parts.length < 3 || !(ROOTS as readonly string[]).includes(parts[0])) return null;
  return `${parts[0]}/${parts[1]}`;
}

/** Specifiers imported by one file's text (static imports, re-exports, dynamic import()). */
export function importSpecifiers(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The repository path a specifier names (`@/x` or relative), or null for a package. */
export function resolveSpecifier(fromFile: string, spec: string): string | null {
  if (spec.startsWith('@/')) return spec.slice(2);
  if (spec.startsWith('.'))
    return normalize(join(dirname(fromFile), spec))
      .split('\\')
      .join('/');
  return null;
}

/** Folder edges A → B (A ≠ B) with, for each, the imports that make it (`file: specifier`). */
export function folderEdges(files: { path: string; text: string }[]): Map<string, Map<string, string[]>> {
  const edges = new Map<string, Map<string, string[]>>();
  for (const { path, text } of files) {
    const from = folderOf(path);
    if (!from || TEST.test(path)) continue;
    for (const spec of importSpecifiers(text)) {
      const target = resolveSpecifier(path, spec);
      const to = target && folderOf(target);
      if (!to || to === from) continue;
      const out = edges.get(from) ?? new Map<string, string[]>();
      out.set(to, [...(out.get(to) ?? []), `${path}: ${spec}`]);
      edges.set(from, out);
    }
  }
  return edges;
}

/** Strongly connected components with ≥ 2 folders, each sorted, in sorted order (Tarjan's algorithm). */
export function folderCycles(edges: Map<string, Map<string, string[]>>): string[][] {
  const nodes = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])])].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of [...(edges.get(v)?.keys() ?? [])].sort()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) out.push(component.sort());
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The edges less the known ones (`known`: [from, to] folder pairs). */
export function withoutKnown(
  edges: Map<string, Map<string, string[]>>,
  known: readonly (readonly [string, string])[] = KNOWN_EDGES,
): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const [from, targets] of edges) {
    const kept = new Map([...targets].filter(([to]) => !known.some(([a, b]) => a === from && b === to)));
    if (kept.size > 0) out.set(from, kept);
  }
  return out;
}

/** Every source file under the roots, as repository paths with their text. */
export function readSources(repo: string): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(repo, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name)) files.push({ path, text: readFileSync(join(repo, path), 'utf8') });
    }
  };
  for (const root of ROOTS) walk(root);
  return files;
}

function main() {
  const repo = relative(process.cwd(), join(dirname(fileURLToPath(import.meta.url)), '..')) || '.';
  const all = folderEdges(readSources(repo));
  const stale = KNOWN_EDGES.filter(([a, b]) => !all.get(a)?.has(b));
  for (const [a, b] of stale) console.error(`known edge ${a} → ${b} is gone: delete it from KNOWN_EDGES (scripts/folder-cycles.ts)`);
  const edges = withoutKnown(all);
  const bad = folderCycles(edges);
  if (stale.length > 0) process.exitCode = 1;
  if (bad.length === 0) return;
  for (const cycle of bad) {
    console.error(`folder import cycle: ${cycle.join(' ⇄ ')}`);
    for (const a of cycle)
      for (const [b, why] of edges.get(a) ?? []) if (cycle.includes(b)) console.error(`  ${a} → ${b}\n    ${why.join('\n    ')}`);
  }
  process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
