import { describe, expect, it } from 'vitest';
import { embedSnippet, embedUrl } from './embed';

describe('embed code', () => {
  it('adds embed=1 and keeps the other parameters, hide= included', () => {
    const url = new URL(embedUrl('https://sparselab.example/en/attention?v=1&pattern=bigbird&hide=seed,heads'));
    expect(url.pathname).toBe('/en/attention');
    expect(url.searchParams.get('embed')).toBe('1');
    expect(url.searchParams.get('pattern')).toBe('bigbird');
    expect(url.searchParams.get('hide')).toBe('seed,heads');
    expect(new URL(embedUrl(url.toString())).searchParams.getAll('embed')).toEqual(['1']);
  });

  it('is an iframe whose attributes a title or URL cannot break out of', () => {
    const code = embedSnippet('https://sparselab.example/en/moe?k=2&seed=7', 'Mixture "of" <experts> & co');
    expect(code.startsWith('<iframe src="https://sparselab.example/en/moe?k=2&amp;seed=7&amp;embed=1"')).toBe(true);
    expect(code).toContain('title="Mixture &quot;of&quot; &lt;experts&gt; &amp; co"');
    expect(code.endsWith('></iframe>')).toBe(true);
    expect(code.match(/"/g)!.length % 2).toBe(0);
  });
});
