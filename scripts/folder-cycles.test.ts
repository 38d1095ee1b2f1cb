import { describe, expect, it } from 'vitest';
import { folderCycles, folderEdges, folderOf, importSpecifiers, withoutKnown } from './folder-cycles';

const file = (path: string, ...imports: string[]) => ({ path, text: imports.map((s, i) => `import { x${i} } from '${s}';`).join('\n') });

describe('folder import cycles', () => {
  it('names the top-level folder of lib/ and components/ only', () => {
    expect(folderOf('lib/state/parse.ts')).toBe('lib/state');
    expect(folderOf('components/viz/chart.tsx')).toBe('components/viz');
    expect(folderOf('lib/random.ts')).toBeNull();
    expect(folderOf('app/[locale]/page.tsx')).toBeNull();
  });

  it('reads static, type-only, multi-line, re-export and dynamic imports', () => {
    const text = [
      "import type { A } from '../a/x';",
      "import {\n  b,\n  c,\n} from '@/lib/b/y';",
      "export { d } from './d';",
      "const e = await import('../e/z');",
      "import './side.css';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['../a/x', '@/lib/b/y', './d', '../e/z', './side.css']);
  });

  it('finds a two-folder cycle through relative and alias imports, and ignores tests and packages', () => {
    const edges = folderEdges([
      file('lib/a/one.ts', '../b/two', 'd3-scale'),
      file('lib/b/two.ts', '@/lib/a/one'),
      file('lib/c/three.test.ts', '../a/one'),
      file('lib/a/three.ts', '../c/x'),
    ]);
    expect([...edges.get('lib/b')!.keys()]).toEqual(['lib/a']);
    expect(edges.has('lib/c')).toBe(false);
    expect(folderCycles(edges)).toEqual([['lib/a', 'lib/b']]);
  });

  it('finds a longer cycle as one component, and none once a known edge is left out', () => {
    const edges = folderEdges([
      file('lib/a/x.ts', '../b/x'),
      file('lib/b/x.ts', '../c/x'),
      file('lib/c/x.ts', '../a/x'),
      file('lib/d/x.ts', '../a/x'),
    ]);
    expect(folderCycles(edges)).toEqual([['lib/a', 'lib/b', 'lib/c']]);
    expect(folderCycles(withoutKnown(edges, [['lib/c', 'lib/a']]))).toEqual([]);
  });
});
