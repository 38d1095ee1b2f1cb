// Finds Chromium for the end-to-end tests: $CHROMIUM_PATH, else /usr/bin/chromium.
// When neither exists and we are root, installs Debian's `chromium` package with apt-get;
// otherwise stops with a one-line instruction. (Never downloads a browser of its own.)
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(candidate)) {
  console.log(`Chromium: ${candidate}`);
  process.exit(0);
}
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist: point it at a Chromium binary.`);
  process.exit(1);
}
if (typeof process.getuid === 'function' && process.getuid() === 0) {
  console.log("Chromium not found: installing Debian's chromium package (apt-get)…");
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  if (existsSync('/usr/bin/chromium')) process.exit(0);
  console.error('apt-get finished but /usr/bin/chromium is still missing.');
  process.exit(1);
}
console.error('Chromium not found: run `sudo apt-get install chromium` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium binary.');
process.exit(1);
