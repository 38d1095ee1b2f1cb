/**
 * The iframe snippet of "Copy embed code": the lab's canonical URL with embed=1 (the
 * site's navigation, footer and lesson text hidden, lib/state/parse.ts), keeping hide=.
 * Pure; the attribute values are escaped, so a title can never break out of them.
 */
export const EMBED_HEIGHT = 900;

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The URL with embed=1 set (other parameters, hide= included, unchanged). */
export function embedUrl(href: string): string {
  const url = new URL(href);
  url.searchParams.set('embed', '1');
  return url.toString();
}

/** `<iframe src="…embed=1" title="…" …></iframe>` for a course page or slides. */
export function embedSnippet(href: string, title: string): string {
  return `<iframe src="${escapeAttribute(embedUrl(href))}" title="${escapeAttribute(title)}" width="100%" height="${EMBED_HEIGHT}" style="border:0" loading="lazy"></iframe>`;
}
