// Post-build: gives every exported HTML page a Content-Security-Policy <meta> tag (so the
// policy travels with the static files to any host). Next.js's static export inlines a few
// bootstrap scripts per page; each is allowed by its SHA-256 hash, nothing else inline.
//
//   default-src 'self'                 everything from this origin only (no remote scripts)
//   script-src  'self' 'wasm-unsafe-eval' 'sha256-…'   tfjs compiles its .wasm binaries;
//                                      no 'unsafe-eval', no 'unsafe-inline'
//   worker-src  'self' blob:           our module workers; tfjs's threaded WASM workers
//   style-src   'self' 'unsafe-inline' React renders style="" attributes in server HTML
//   img-src     'self' data: blob:     canvas exports (PNG data/blob URLs)
//   connect-src 'self'                 fetches of our own data, models and wasm files
//   object-src 'none'; base-uri 'self'; form-action 'none'
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function policyFor(html) {
  const hashes = new Set();
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.add(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${[...hashes].join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.html') ? [p] : [];
  });
}

const outDir = join(process.cwd(), 'out');
let count = 0;
for (const file of walk(outDir)) {
  const html = readFileSync(file, 'utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(html)}"/>`;
  const at = html.indexOf('<meta charSet="utf-8"/>');
  const patched =
    at >= 0 ? html.replace('<meta charSet="utf-8"/>', `<meta charSet="utf-8"/>${meta}`) : html.replace('<head>', `<head>${meta}`);
  writeFileSync(file, patched);
  count++;
}
console.log(`Content-Security-Policy added to ${count} pages`);
