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

/** An editor we did not write: headless Neovim (Debian's 0.7, push diagnostics only) starts the bundled server. */
describe('Neovim as an LSP client', function () {
  this.timeout(120000);
  let workspace: ReturnType<typeof copyWorkspace>;

  before(function () {
    if (!nvimVersion()) {
      // CI installs Debian's neovim; only a local machine without it may skip.
      console.warn('    skipped: `nvim` is not on PATH (install it with `apt-get install -y neovim`)');
      this.skip();
    }
    buildServer();
    workspace = copyWorkspace();
  });

  after(() => workspace?.cleanup());

  it('shows unknown-criterion for a policy that maps CC9.9, with a quick fix and a hover', () => {
    const out = path.join(workspace.dir, '..', 'nvim-result.json');
    const file = path.join(workspace.dir, 'policies/vendor-management-policy.md');
    const result = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', INIT], {
      cwd: workspace.dir,
      encoding: 'utf8',
      timeout: 90000,
      env: {
        ...process.env,
        // The Lua script starts `node`: make it the node running the tests.
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
        SOC2_SERVER: SERVER,
        SOC2_ROOT: workspace.dir,
        SOC2_FILE: file,
        SOC2_OUT: out,
        SOC2_TIMEOUT_MS: '30000',
      },
    });
    assert.ok(existsSync(out), `nvim wrote no result (status ${result.status}, signal ${result.signal})\n${result.stdout}\n${result.stderr}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      arrived: boolean;
      error?: string;
      diagnostics: { lnum: number; col: number; code?: string; source?: string; message: string }[];
      actions: { title: string; kind?: string }[];
      hover?: string;
    };
    assert.equal(report.error, undefined);
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
});
