#!/usr/bin/env node
// Bundles the end-to-end suite (test/e2e/suite/index.ts, with mocha inside) into test/e2e/out/index.js,
// the extensionTestsPath both launchers (run-in-code-server.mjs, run-in-electron.mjs) load.
// One self-contained file: the extension host resolves no node_modules for it.
import { build } from 'esbuild';

await build({
  entryPoints: ['test/e2e/suite/index.ts'],
  outfile: 'test/e2e/out/index.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['vscode'],
  // Only mocha's parallel mode resolves files at run time, and the suite runs serially.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
console.log('built test/e2e/out/index.js');
