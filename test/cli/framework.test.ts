import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const REPO = path.resolve(__dirname, '..', '..');
const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO, 'server/out/cli.js'), ...args], { cwd: REPO, encoding: 'utf8' });

describe('cli: coverage --framework', () => {
  it('reports the ISO 27001 lens of the example, marked indicative', () => {
    const result = cli('coverage', 'examples/acme-saas', '--framework', 'iso27001', '--format', 'json', '--today', '2026-12-01');
    assert.equal(result.status, 0, result.stderr);
    const lens = JSON.parse(result.stdout);
    assert.equal(lens.catalog.indicative, true);
    assert.equal(lens.controls.length, 93);
    assert.ok(lens.summary.touched > 0 && lens.summary.touched < 93);
    const a515 = lens.controls.find((c: { id: string }) => c.id === 'A.5.15');
    assert.equal(a515.touched, true, 'access control is covered through CC6.x');
    assert.ok(a515.viaTsc.includes('CC6.1'));
  });

  it('refuses an unknown framework with exit 2', () => {
    const result = cli('coverage', 'examples/acme-saas', '--framework', 'nist');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown framework "nist" \(known: iso27001\)/);
  });

  it('renders the lens as markdown with the indicative note', () => {
    const result = cli('coverage', 'examples/acme-saas', '--framework', 'iso27001', '--format', 'markdown');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Indicative mapping/);
    assert.match(result.stdout, /\| A\.8\.34 \|/);
  });
});
