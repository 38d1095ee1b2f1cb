import { describe, expect, it } from 'vitest';
import { type EnvProbe, nodeBenchEnv } from './bench-node-env';

/** A file system with the given files, JSON manifests and ldconfig entries. */
function probe(files: string[], libs: string[] = []): EnvProbe {
  return {
    exists: (p) => files.includes(p),
    jsonFiles: (dir) => files.filter((f) => f.startsWith(`${dir}/`) && f.endsWith('.json')),
    systemHasLib: (s) => libs.includes(s),
  };
}

const chromium = ['/usr/lib/chromium/vk_swiftshader_icd.json', '/usr/lib/chromium/libvulkan.so.1'];

describe('nodeBenchEnv', () => {
  it("this machine: no Vulkan driver, Debian chromium: SwiftShader with chromium's loader", () => {
    const r = nodeBenchEnv('auto', { LD_LIBRARY_PATH: '/opt/x' }, probe(chromium));
    expect(r.backend).toBe('vulkan');
    expect(r.env).toEqual({ VK_ICD_FILENAMES: '/usr/lib/chromium/vk_swiftshader_icd.json', LD_LIBRARY_PATH: '/usr/lib/chromium:/opt/x' });
  });

  it('a system loader is kept', () => {
    expect(nodeBenchEnv('swiftshader', {}, probe(chromium, ['libvulkan.so.1'])).env).toEqual({
      VK_ICD_FILENAMES: '/usr/lib/chromium/vk_swiftshader_icd.json',
    });
  });

  it('a GPU server: the installed driver manifest wins over SwiftShader, nothing is overridden', () => {
    const r = nodeBenchEnv('auto', {}, probe([...chromium, '/usr/share/vulkan/icd.d/nvidia_icd.json'], ['libvulkan.so.1']));
    expect(r.env).toEqual({});
    expect(r.backend).toBe('auto');
    expect(r.note).toContain('nvidia_icd.json');
  });

  it('VK_ICD_FILENAMES set by the user is left alone', () => {
    const r = nodeBenchEnv('auto', { VK_ICD_FILENAMES: '/etc/vulkan/icd.d/nvidia_icd.json' }, probe(chromium, ['libvulkan.so.1']));
    expect(r.env).toEqual({});
    expect(r.note).toContain('/etc/vulkan/icd.d/nvidia_icd.json');
  });

  it('llvmpipe: OpenGL ES through surfaceless EGL', () => {
    expect(nodeBenchEnv('llvmpipe', {}, probe([]))).toMatchObject({ backend: 'opengles', env: { EGL_PLATFORM: 'surfaceless' } });
  });

  it('nothing at all: let Dawn try Vulkan, then OpenGL ES', () => {
    expect(nodeBenchEnv('auto', {}, probe([]))).toMatchObject({ backend: 'auto', env: { EGL_PLATFORM: 'surfaceless' } });
  });

  it('asking for SwiftShader without chromium says what to install', () => {
    expect(() => nodeBenchEnv('swiftshader', {}, probe([]))).toThrow(/chromium/);
  });
});
