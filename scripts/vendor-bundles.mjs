// Libraries only imports and questionnaires use, each bundled on its own in server/out/vendor/ and required
// on first use. Inside the main bundles they made every start compile (and evaluate) several MB of code that
// `check`, hover and the rest never run: the CLI's start-up fell from 0.20 s to 0.14 s of CPU without them.
// Sources import them with `await import('name')`; the plugin below turns that into a lazy require of the file.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Package -> file under server/out/vendor/. */
export const VENDOR_BUNDLES = {
  exceljs: 'exceljs.js',
  mammoth: 'mammoth.js',
  turndown: 'turndown.js',
  '@joplin/turndown-plugin-gfm': 'turndown-plugin-gfm.js',
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const PACKAGE_FILTER = new RegExp(`^(${Object.keys(VENDOR_BUNDLES).map(escape).join('|')})$`);
const NAMESPACE = 'vendor-bundle';

/** For the main bundles: `import('exceljs')` becomes a module that requires ./vendor/exceljs.js beside the bundle. */
export const vendorPlugin = {
  name: 'vendor-bundles',
  setup(b) {
    b.onResolve({ filter: PACKAGE_FILTER }, (args) => ({ path: args.path, namespace: NAMESPACE }));
    b.onResolve({ filter: /^\.\/vendor\//, namespace: NAMESPACE }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`./vendor/${VENDOR_BUNDLES[args.path]}`)});`,
      loader: 'js',
    }));
  },
};

/** One self-contained CommonJS file per package (no source maps: they are not ours to debug). */
export async function buildVendorBundles() {
  await Promise.all(Object.entries(VENDOR_BUNDLES).map(([name, file]) => build({
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: repoRoot, loader: 'js' },
    outfile: path.join(repoRoot, 'server/out/vendor', file),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  })));
  return Object.values(VENDOR_BUNDLES).map((file) => `server/out/vendor/${file}`);
}
