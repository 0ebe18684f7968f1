import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');

describe('packaged .vsix file list', () => {
  it('carries the bundles, catalog and assets, and no sources, tests, fixtures or maps', function () {
    this.timeout(60_000);
    // scripts/check-package.mjs runs `vsce ls` and exits 1 with the offending files.
    const out = execFileSync(process.execPath, [path.join(REPO, 'scripts/check-package.mjs')], { cwd: REPO, encoding: 'utf8', stdio: 'pipe' });
    assert.match(out, /packaged file list ok/);
  });
});
