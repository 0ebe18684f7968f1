// Bundles the language server, CLI, benchmark and VS Code client with esbuild.
// remark and unified are ESM-only; bundling to CommonJS lets Node and VS Code load them without loaders.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

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
};

const entries = [
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/bench/bench.ts'], outfile: 'server/out/bench.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' },
].filter((e) => existsSync(e.entryPoints[0]));

await Promise.all(entries.map((e) => build({ ...common, ...e })));
if (!watch) console.log(`built ${entries.map((e) => e.outfile).join(', ')}`);
