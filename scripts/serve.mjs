// Serves the static export in out/ with the `serve` package and serve.json (COOP/COEP
// headers for threaded WASM). Listens on 127.0.0.1:3000, or the next free port
// (WebGPU needs a secure context: localhost and 127.0.0.1 count as one).
// Usage: node scripts/serve.mjs [--port N] [--strict]   (--strict: fail if N is busy)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const outDir = join(root, 'out');
if (!existsSync(join(outDir, 'index.html'))) {
  console.error('No built site in out/. Run `npm run build` first (or `npm start`, which builds and serves).');
  process.exit(1);
}

const argPort = process.argv.indexOf('--port');
const first = argPort > 0 ? Number(process.argv[argPort + 1]) : Number(process.env.PORT ?? 3000);

function isFree(port) {
  return new Promise((ok) => {
    const srv = createServer();
    srv.once('error', () => ok(false));
    srv.once('listening', () => srv.close(() => ok(true)));
    srv.listen(port, '127.0.0.1');
  });
}

const strict = process.argv.includes('--strict');
let port = first;
while (!(await isFree(port))) {
  if (strict) {
    console.error(`Port ${first} is in use (--strict: not trying another).`);
    process.exit(1);
  }
  port++;
}
if (port > first + 100) {
  console.error(`No free port between ${first} and ${first + 100}.`);
  process.exit(1);
}

const require = createRequire(import.meta.url);
const serveBin = join(dirname(require.resolve('serve/package.json')), 'build', 'main.js');
console.log(`SparseLab: http://127.0.0.1:${port}/`);
const child = spawn(
  process.execPath,
  [serveBin, outDir, '--listen', `tcp://127.0.0.1:${port}`, '--config', join(root, 'serve.json'), '--no-clipboard', '--no-port-switching'],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
