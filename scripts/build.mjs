// Bundles the language server, CLI, benchmark and VS Code client with esbuild.
// remark and unified are ESM-only; bundling to CommonJS lets Node and VS Code load them without loaders.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { compileCatalog } from './compile-catalog.mjs';
import { buildVendorBundles, vendorPlugin } from './vendor-bundles.mjs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // VS Code provides `vscode` at run time.
  external: ['vscode'],
  plugins: [vendorPlugin],
};

const entries = [
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Worker threads of a large cold start (server/src/node/analysisPool.ts).
  { entryPoints: ['server/src/node/analysisWorker.ts'], outfile: 'server/out/analysisWorker.js' },
  { entryPoints: ['server/src/bench/bench.ts'], outfile: 'server/out/bench.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' },
].filter((e) => existsSync(e.entryPoints[0]));

// First: the bundles import the generated schema validators, and read builtins.json beside them.
const compiled = await compileCatalog();
const [vendor] = await Promise.all([buildVendorBundles(), ...entries.map((e) => build({ ...common, ...e }))]);
if (!watch) console.log(`built ${[...compiled, ...entries.map((e) => e.outfile), ...vendor].join(', ')}`);
