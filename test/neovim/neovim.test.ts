import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildServer, copyWorkspace, REPO, SERVER } from '../server/lspHarness';

const INIT = path.join(REPO, 'test/neovim/init.lua');

function nvimVersion(): string | undefined {
  const result = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0] : undefined;
}

interface NvimReport {
  arrived: boolean;
  error?: string;
  diagnostics: { lnum: number; col: number; code?: string; source?: string; message: string; severity: number }[];
  actions: { title: string; kind?: string }[];
  hover?: string;
}

/** Runs init.lua in headless Neovim on one file of a workspace copy and returns what it saw. */
function runNvim(root: string, relative: string, waitCode?: string): NvimReport {
  const out = path.join(root, '..', 'nvim-result.json');
  const result = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', INIT], {
    cwd: root,
    encoding: 'utf8',
    timeout: 90000,
    env: {
      ...process.env,
      // The Lua script starts `node`: make it the node running the tests.
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      SOC2_SERVER: SERVER,
      SOC2_ROOT: root,
      SOC2_FILE: path.join(root, relative),
      SOC2_OUT: out,
      SOC2_TIMEOUT_MS: '30000',
      ...(waitCode ? { SOC2_WAIT_CODE: waitCode } : {}),
    },
  });
  assert.ok(existsSync(out), `nvim wrote no result (status ${result.status}, signal ${result.signal})\n${result.stdout}\n${result.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as NvimReport;
  assert.equal(report.error, undefined);
  return report;
}

/** An editor we did not write: headless Neovim (Debian's 0.7, push diagnostics only) starts the bundled server. */
describe('Neovim as an LSP client', function () {
  this.timeout(120000);
  const workspaces: ReturnType<typeof copyWorkspace>[] = [];

  before(function () {
    if (!nvimVersion()) {
      // CI installs Debian's neovim; only a local machine without it may skip.
      console.warn('    skipped: `nvim` is not on PATH (install it with `apt-get install -y neovim`)');
      this.skip();
    }
    buildServer();
  });

  after(() => workspaces.forEach((w) => w.cleanup()));

  it('shows unknown-criterion for a policy that maps CC9.9, with a quick fix and a hover', () => {
    const workspace = copyWorkspace();
    workspaces.push(workspace);
    const report = runNvim(workspace.dir, 'policies/vendor-management-policy.md');
    assert.ok(report.arrived, 'diagnostics arrived within the bound');
    const unknown = report.diagnostics.filter((d) => d.code === 'unknown-criterion');
    assert.equal(unknown.length, 1, JSON.stringify(report.diagnostics));
    // `  - CC9.9` is line 15 of the file: 0-based line 14, column 4.
    assert.equal(unknown[0].lnum, 14);
    assert.equal(unknown[0].col, 4);
    assert.equal(unknown[0].source, 'soc2-policy');
    assert.match(unknown[0].message, /CC9\.9/);
    assert.ok(report.actions.some((a) => a.kind === 'quickfix' && /^Change to CC9\.[12]/.test(a.title)), JSON.stringify(report.actions));
    assert.match(report.hover ?? '', /CC9\.2/);
    assert.match(report.hover ?? '', /Vendor Management Policy/);
  });

  it('shows the Type II example\'s missing access review on the obligation (examples/acme-type2, today 2026-12-01)', () => {
    const workspace = copyWorkspace('examples/acme-type2');
    workspaces.push(workspace);
    const report = runNvim(workspace.dir, 'policies/access-control.md', 'evidence-missing');
    assert.ok(report.arrived, `evidence-missing arrived within the bound: ${JSON.stringify(report.diagnostics)}`);
    const missing = report.diagnostics.filter((d) => d.code === 'evidence-missing');
    assert.equal(missing.length, 1, JSON.stringify(report.diagnostics));
    // `  - id: access-review` is line 12: 0-based line 11, the id at column 8 (EXPECTED.md, finding 2).
    assert.deepEqual([missing[0].lnum, missing[0].col], [11, 8]);
    assert.equal(missing[0].severity, 2, 'a warning');
    assert.match(missing[0].message, /access-review in 2026-Q2/);
  });
});
