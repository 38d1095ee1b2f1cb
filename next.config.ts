import type { NextConfig } from 'next';
import { fileURLToPath } from 'node:url';

// Static export: `next build` writes a self-contained site to out/ that any static
// host can serve (see scripts/serve.mjs for the COOP/COEP headers threaded WASM needs).
const nextConfig: NextConfig = {
  output: 'export',
  trailingSlash: false,
  images: { unoptimized: true },
  reactStrictMode: true,
  // A package-lock.json in a parent folder would confuse Turbopack's root detection.
  turbopack: { root: fileURLToPath(new URL('.', import.meta.url)) },
};

export default nextConfig;
