// The environment `npm run bench -- --node` starts scripts/bench-node.ts with, so that Dawn
// (npm `webgpu`) finds an adapter on a development machine (shared/DESIGN.md, "WebGPU on a
// machine without a GPU"):
//  - Dawn's Vulkan backend dlopens libvulkan.so.1, the Vulkan loader, which reads its drivers
//    (ICDs) from VK_ICD_FILENAMES / VK_DRIVER_FILES or the JSON files in the standard folders;
//  - Debian's chromium ships SwiftShader's Vulkan ICD and its own loader in /usr/lib/chromium;
//    glibc reads LD_LIBRARY_PATH when a process starts, so that folder must be in it before
//    Node starts when the system has no libvulkan1;
//  - Mesa's llvmpipe through OpenGL ES needs EGL_PLATFORM=surfaceless without a display.
// Pure: the file system is read through EnvProbe, so the choice is unit-tested.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** --adapter: 'auto' (a Vulkan driver the loader finds, else SwiftShader, else llvmpipe), or one of them. */
export type AdapterChoice = 'auto' | 'vulkan' | 'swiftshader' | 'llvmpipe';

export const ADAPTER_CHOICES: readonly AdapterChoice[] = ['auto', 'vulkan', 'swiftshader', 'llvmpipe'];

/** Folders where the Vulkan loader looks for driver manifests on Linux (Khronos loader, LoaderDriverInterface.md). */
export const ICD_DIRS = ['/etc/vulkan/icd.d', '/etc/xdg/vulkan/icd.d', '/usr/local/share/vulkan/icd.d', '/usr/share/vulkan/icd.d'];

export const CHROMIUM_LIB_DIR = '/usr/lib/chromium';

/** The variables read (process.env or a test's). */
export type Environment = Readonly<Record<string, string | undefined>>;

export interface EnvProbe {
  exists(path: string): boolean;
  /** JSON files in a folder ([] when it is missing). */
  jsonFiles(dir: string): string[];
  /** Whether the dynamic linker finds this library without LD_LIBRARY_PATH (ldconfig's cache). */
  systemHasLib(soname: string): boolean;
}

export interface NodeBenchEnv {
  /** Variables to add to the child's environment. */
  env: Record<string, string>;
  /** Dawn backend for scripts/bench-node.ts --backend. */
  backend: 'auto' | 'vulkan' | 'opengles';
  /** What was chosen and why, for the log. */
  note: string;
}

function withLoader(env: Environment, probe: EnvProbe, out: Record<string, string>): void {
  if (probe.systemHasLib('libvulkan.so.1') || !probe.exists(join(CHROMIUM_LIB_DIR, 'libvulkan.so.1'))) return;
  out.LD_LIBRARY_PATH = [CHROMIUM_LIB_DIR, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
}

export function nodeBenchEnv(choice: AdapterChoice, env: Environment, probe: EnvProbe): NodeBenchEnv {
  const out: Record<string, string> = {};
  const swiftshaderIcd = join(CHROMIUM_LIB_DIR, 'vk_swiftshader_icd.json');
  if (choice === 'llvmpipe') {
    out.EGL_PLATFORM = env.EGL_PLATFORM ?? 'surfaceless';
    return { env: out, backend: 'opengles', note: 'OpenGL ES through EGL (Mesa llvmpipe)' };
  }
  if (choice === 'swiftshader') {
    if (!probe.exists(swiftshaderIcd))
      throw new Error(
        `SwiftShader's Vulkan driver is not at ${swiftshaderIcd}: install Debian's chromium package, or use --adapter llvmpipe`,
      );
    out.VK_ICD_FILENAMES = swiftshaderIcd;
    withLoader(env, probe, out);
    return { env: out, backend: 'vulkan', note: `Vulkan with SwiftShader (${swiftshaderIcd})` };
  }
  const userIcd = env.VK_ICD_FILENAMES || env.VK_DRIVER_FILES;
  const systemIcds = ICD_DIRS.flatMap((d) => probe.jsonFiles(d));
  if (choice === 'vulkan' || userIcd || systemIcds.length > 0) {
    withLoader(env, probe, out);
    const which = userIcd
      ? `VK_ICD_FILENAMES/VK_DRIVER_FILES=${userIcd}`
      : systemIcds.length > 0
        ? systemIcds.join(', ')
        : 'no driver manifest found';
    return { env: out, backend: choice === 'vulkan' ? 'vulkan' : 'auto', note: `Vulkan, drivers: ${which}` };
  }
  if (probe.exists(swiftshaderIcd)) return nodeBenchEnv('swiftshader', env, probe);
  out.EGL_PLATFORM = env.EGL_PLATFORM ?? 'surfaceless';
  return { env: out, backend: 'auto', note: 'no Vulkan driver found: Vulkan, then OpenGL ES (llvmpipe)' };
}

/** The real file system and ldconfig. */
export const systemProbe: EnvProbe = {
  exists: existsSync,
  jsonFiles(dir) {
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(dir, f));
    } catch {
      return [];
    }
  },
  systemHasLib(soname) {
    for (const ldconfig of ['/sbin/ldconfig', '/usr/sbin/ldconfig', 'ldconfig']) {
      try {
        return execFileSync(ldconfig, ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes(soname);
      } catch {
        // try the next path of ldconfig
      }
    }
    return false;
  },
};
