#!/usr/bin/env node
// Checks the file list of the .vsix (`vsce ls`, the same list `vsce package` zips): the runtime files are
// there, and nothing else is (no sources, tests, fixtures, examples, source maps or node_modules).
//   node scripts/check-package.mjs        exit 1 and say why when the list is wrong
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsce = path.join(path.dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');

/** Everything the extension needs at run time (the server loads controls-catalog/ from disk). */
export const REQUIRED = [
  'package.json', 'package.nls.json', 'docs/rules.md', 'client/README.md', 'client/out/extension.js', 'server/out/server.js',
  // Built beside the server bundle: the compiled built-ins, and the libraries it requires on first use.
  'server/out/builtins.json', 'server/out/analysisWorker.js', ...serverVendorFiles(),
  'controls-catalog/tsc/catalog.yaml', 'controls-catalog/iso27001/catalog.yaml', 'controls-catalog/schema/catalog.schema.json',
  'controls-catalog/templates/access-control.yaml', 'snippets/soc2-policy.code-snippets',
  'syntaxes/soc2-criteria.injection.tmLanguage.json', 'syntaxes/soc2-frontmatter.injection.tmLanguage.json',
  'media/icon.png', 'media/soc2-activity.svg', 'media/gapPanel.js', 'media/gapPanel.css',
];

/** The only shapes a packaged file may have. */
export const ALLOWED = [
  /^(package\.json|CHANGELOG\.md|LICENSE(\.md|\.txt)?)$/,
  // Manifest strings, and the rules reference diagnostics link to.
  /^package\.nls(\.[a-z-]+)?\.json$/,
  /^docs\/rules\.md$/,
  // The extension's own README (vsce --readme-path): the repository README is about the whole project.
  /^client\/README\.md$/,
  /^client\/out\/extension\.js$/,
  /^server\/out\/server\.js$/,
  /^server\/out\/analysisWorker\.js$/,
  /^server\/out\/builtins\.json$/,
  /^server\/out\/vendor\/[\w.-]+\.js$/,
  /^controls-catalog\/(tsc|iso27001|templates|schema)\/[\w./-]+\.(ya?ml|json)$/,
  /^snippets\/[\w.-]+\.code-snippets$/,
  /^syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^media\/[\w./-]+\.(svg|png|css|js|md)$/,
];

/** The vendor files server.js requires (`require("./vendor/x.js")`), read from the built bundle. */
export function serverVendorFiles() {
  const bundle = path.join(repoRoot, 'server/out/server.js');
  if (!existsSync(bundle)) return [];
  return [...new Set([...readFileSync(bundle, 'utf8').matchAll(/require\("\.\/(vendor\/[\w.-]+\.js)"\)/g)].map((m) => `server/out/${m[1]}`))];
}

export function listPackagedFiles() {
  const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies', '--readme-path', 'client/README.md'], { cwd: repoRoot, encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim()).filter(Boolean).sort();
}

export function problems(files) {
  const found = [];
  for (const f of REQUIRED) if (!files.includes(f)) found.push(`missing: ${f}`);
  for (const f of files) if (!ALLOWED.some((re) => re.test(f))) found.push(`unexpected: ${f}`);
  return found;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = listPackagedFiles();
  const found = problems(files);
  if (found.length) {
    console.error(`packaged file list is wrong (fix .vscodeignore or build first):\n  ${found.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`packaged file list ok: ${files.length} files`);
}
