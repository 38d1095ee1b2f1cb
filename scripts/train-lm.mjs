// `npm run train:lm [-- lm-en lm-zh moe-en]`: retrains the language models in public/models/
// with scripts/train_lm.py on Debian's PyTorch. Python packages come from Debian here, so the
// script needs /usr/bin/python3 with python3-torch, and libopenblas0-pthread (OpenBLAS instead
// of the generic BLAS, about 8x faster). When they are missing and we are root, it installs them
// with apt-get; otherwise it says what to install.
import { execFileSync, execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const PACKAGES = ['python3-torch', 'libopenblas0-pthread'];

function missing() {
  const absent = [];
  if (!existsSync(PYTHON)) return PACKAGES;
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    absent.push('python3-torch');
  }
  try {
    execFileSync('dpkg', ['-s', 'libopenblas0-pthread'], { stdio: 'ignore' });
  } catch {
    absent.push('libopenblas0-pthread');
  }
  return absent;
}

const absent = missing();
if (absent.length > 0) {
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    console.log(`Installing Debian's ${absent.join(' and ')} (apt-get)…`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${absent.join(' ')}`, { stdio: 'inherit' });
  } else {
    console.error(`train:lm needs Debian's ${absent.join(' and ')}: run \`sudo apt-get install ${absent.join(' ')}\`.`);
    process.exit(1);
  }
}

// glibc returns large blocks to the kernel at every free; PyTorch frees and reallocates its
// activations every step, and the page faults cost about a third of the step here.
const env = {
  ...process.env,
  MALLOC_MMAP_THRESHOLD_: '17179869184',
  MALLOC_TRIM_THRESHOLD_: '17179869184',
  MALLOC_TOP_PAD_: '1073741824',
};
const script = fileURLToPath(new URL('./train_lm.py', import.meta.url));
const result = spawnSync(PYTHON, [script, ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
