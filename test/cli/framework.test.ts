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

  it('says in every rendering that the lens is indicative, and that it includes curated changes', () => {
    const text = cli('coverage', 'examples/acme-saas', '--framework', 'iso27001', '--today', '2026-12-01');
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout.split('\n')[1], /^Indicative mapping: .*"touched through TSC" is an estimate \(a consensus of public mappings plus our curated changes\)/);
    const json = JSON.parse(cli('coverage', 'examples/acme-saas', '--framework', 'iso27001', '--format', 'json', '--today', '2026-12-01').stdout);
    assert.match(json.catalog.note, /Indicative mapping/);
    assert.match(json.catalog.curated, /Curated by SOC 2 Policy Studio/);
    assert.deepEqual(json.controls.find((c: { id: string }) => c.id === 'A.8.34').viaTsc, ['CC4.1'], 'audit testing reaches CC4.1 only');
    const html = cli('coverage', 'examples/acme-saas', '--framework', 'iso27001', '--format', 'html', '--today', '2026-12-01');
    assert.match(html.stdout, /class="note">Indicative mapping/);
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
