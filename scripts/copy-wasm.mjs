// Copies tfjs's WebAssembly binaries from node_modules into public/tfjs-wasm/ so the
// static site serves them itself (they are build outputs, not committed).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
const from = join(dist, 'dist');
const to = join(process.cwd(), 'public', 'tfjs-wasm');
mkdirSync(to, { recursive: true });
const files = readdirSync(from).filter((f) => f.endsWith('.wasm'));
for (const f of files) copyFileSync(join(from, f), join(to, f));
console.log(`copied ${files.length} tfjs wasm binaries to public/tfjs-wasm/`);
