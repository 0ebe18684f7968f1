import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { CoverageResult } from '../../server/src/protocol';
import { buildServer, copyWorkspace, LspClient, REPO, TODAY, uriOf } from './lspHarness';

const CLI = path.join(REPO, 'server/out/cli.js');
const EXAMPLE = path.join(REPO, 'examples/acme-saas');
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

/** A finding as both sides can spell it. */
interface Finding {
  file: string;
  code: string;
  line: number;
  character: number;
}

/** A criterion's coverage: its status and the documents that cover it. */
interface Covered {
  id: string;
  status: string;
  files: string[];
}

type WorkspaceReport = { items: { uri: string; kind: string; items?: Diagnostic[] }[] };
type CliFindings = { findings: { file: string; code: string; range: { start: { line: number; character: number } } }[] };
type CliCoverage = { criteria: { id: string; status: string; documents: { file: string }[] }[] };

/** A new policy that repairs information-security-policy.md's broken link, and links to a folder that does not exist yet. */
const ACCEPTABLE_USE = `---
title: Acceptable Use Policy
id: acceptable-use-policy
type: policy
owner: Head of Security
status: approved
last_reviewed: 2026-06-01
controls: [CC1.4]
---

# Acceptable Use Policy

## Purpose

How people use company devices (CC1.4). The [device handbook](../handbook/) and its
[checklist](../handbook/devices.pdf) say how to set them up.
`;

function byPosition(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.character - b.character || a.code.localeCompare(b.code);
}

/**
 * Files and folders changed outside the editor (workspace/didChangeWatchedFiles): after each change, the server's
 * diagnostics of closed documents and its coverage must be what the CLI reports from disk at the same moment.
 * VS Code sends one event for a deleted or created folder, not one per file.
 */
describe('language server over stdio: files and folders changed on disk', function () {
  this.timeout(60000);
  let workspace: ReturnType<typeof copyWorkspace>;
  let client: LspClient;
  let initial: Finding[];
  /** Files the server was ever asked about, so deleted ones are pulled too (they must have no diagnostics). */
  const seen = new Set<string>();

  const at = (relative: string) => path.join(workspace.dir, relative);
  const relativeOf = (uri: string) => path.relative(workspace.dir, fileURLToPath(uri)).split(path.sep).join('/');

  /** The CLI's JSON on the workspace as it is on disk now. Exit code 1 only says there are error findings. */
  async function cli<T>(command: 'check' | 'coverage'): Promise<T> {
    const run = promisify(execFile)(process.execPath, [CLI, command, workspace.dir, '--format', 'json', '--today', TODAY], { cwd: workspace.dir, encoding: 'utf8' });
    const { stdout } = await run.catch((error: { code?: number; stdout: string; stderr: string }) => {
      if (error.code !== 1) throw new Error(`soc2-policy ${command} failed (${error.code}):\n${error.stderr}`);
      return error;
    });
    return JSON.parse(stdout) as T;
  }

  async function cliFindings(): Promise<Finding[]> {
    return (await cli<CliFindings>('check')).findings.map((f) => ({ file: f.file, code: f.code, line: f.range.start.line, character: f.range.start.character })).sort(byPosition);
  }

  async function cliCoverage(): Promise<Covered[]> {
    return (await cli<CliCoverage>('coverage')).criteria.map((c) => ({ id: c.id, status: c.status, files: c.documents.map((d) => d.file).sort() }));
  }

  function diagnosticsOf(file: string, diagnostics: Diagnostic[]): Finding[] {
    return diagnostics.map((d) => ({ file, code: String(d.code), line: d.range.start.line, character: d.range.start.character }));
  }

  async function workspaceFindings(): Promise<Finding[]> {
    const report = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
    assert.ok(report.items.every((item) => item.kind === 'full'));
    return report.items.flatMap((item) => diagnosticsOf(relativeOf(item.uri), item.items ?? [])).sort(byPosition);
  }

  async function coverage(): Promise<Covered[]> {
    const result = await client.request<CoverageResult>('soc2Policy/coverage', {});
    assert.equal(result.roots.length, 1);
    return result.roots[0].criteria.map((c) => ({ id: c.id, status: c.status, files: c.documents.map((d) => relativeOf(d.uri)).sort() }));
  }

  function markdownOnDisk(dir = workspace.dir): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return markdownOnDisk(full);
      return /\.md$/.test(entry.name) ? [path.relative(workspace.dir, full).split(path.sep).join('/')] : [];
    });
  }

  /** Compares the server with the CLI: workspace diagnostics, each closed document's pulled diagnostics, coverage. */
  async function expectSameAsCli(): Promise<Finding[]> {
    // Both CLI runs start before the server is asked, and nothing changes on disk meanwhile.
    const [expected, fromDisk] = await Promise.all([cliFindings(), cliCoverage()]);
    assert.deepEqual(await workspaceFindings(), expected, 'workspace/diagnostic');
    const files = new Set([...seen, ...markdownOnDisk(), 'soc2-policy.yaml', ...expected.map((f) => f.file)]);
    for (const file of [...files].sort()) {
      seen.add(file);
      const report = await client.pullDiagnostics(uriOf(at(file)));
      assert.equal(report.kind, 'full');
      assert.deepEqual(diagnosticsOf(file, report.items!).sort(byPosition), expected.filter((f) => f.file === file), `textDocument/diagnostic of ${file}`);
    }
    const server = await coverage();
    const documents = (criteria: Covered[]) => [...new Set(criteria.flatMap((c) => c.files))].sort();
    assert.deepEqual(documents(server), documents(fromDisk), 'documents listed by soc2Policy/coverage');
    assert.deepEqual(server, fromDisk, 'soc2Policy/coverage criteria');
    return expected;
  }

  /** Changes the disk, sends the events an editor would, and waits until the server asks for a diagnostics refresh. */
  async function onDisk(change: () => void, events: [string, 1 | 2 | 3][]): Promise<Finding[]> {
    const refreshes = client.countRequests('workspace/diagnostic/refresh');
    change();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: events.map(([file, type]) => ({ uri: uriOf(at(file)), type })) });
    await client.waitFor('workspace/diagnostic/refresh', () => client.countRequests('workspace/diagnostic/refresh') > refreshes);
    return expectSameAsCli();
  }

  const brokenLinks = (findings: Finding[]) => findings.filter((f) => f.code === 'broken-link').map((f) => `${f.file}:${f.line + 1}`);

  before(async () => {
    buildServer();
    workspace = copyWorkspace();
    client = (await LspClient.start({ workspace: workspace.dir, pull: true })).client;
    await client.indexed();
  });

  after(async () => {
    await client?.stop();
    workspace?.cleanup();
  });

  it('starts in agreement with the CLI', async () => {
    initial = await expectSameAsCli();
    assert.deepEqual(brokenLinks(initial), ['policies/information-security-policy.md:90']);
  });

  it('reports the broken link when a linked file is deleted', async () => {
    const findings = await onDisk(() => rmSync(at('policies/risk-management-policy.md')), [['policies/risk-management-policy.md', DELETED]]);
    assert.deepEqual(brokenLinks(findings), ['policies/information-security-policy.md:80', 'policies/information-security-policy.md:90']);
  });

  it('forgets every document of a deleted folder (one event for the folder)', async () => {
    const findings = await onDisk(() => rmSync(at('procedures'), { recursive: true }), [['procedures', DELETED]]);
    assert.deepEqual(brokenLinks(findings), [
      'policies/access-control-policy.md:90',
      'policies/change-management-policy.md:70',
      'policies/information-security-policy.md:80',
      'policies/information-security-policy.md:89',
      'policies/information-security-policy.md:90',
    ]);
    assert.ok(!(await coverage()).some((c) => c.files.some((f) => f.startsWith('procedures/'))));
  });

  it('reads a restored folder and file again, and clears their broken links', async () => {
    const findings = await onDisk(
      () => {
        cpSync(path.join(EXAMPLE, 'procedures'), at('procedures'), { recursive: true });
        cpSync(path.join(EXAMPLE, 'policies/risk-management-policy.md'), at('policies/risk-management-policy.md'));
      },
      [
        ['procedures', CREATED],
        ['policies/risk-management-policy.md', CREATED],
      ],
    );
    assert.deepEqual(findings, initial);
  });

  it('repairs a link when the new Markdown file it names is created', async () => {
    const findings = await onDisk(() => writeFileSync(at('policies/acceptable-use-policy.md'), ACCEPTABLE_USE), [['policies/acceptable-use-policy.md', CREATED]]);
    assert.deepEqual(brokenLinks(findings), ['policies/acceptable-use-policy.md:15', 'policies/acceptable-use-policy.md:16']);
  });

  it('repairs links to a folder and a file in it when the folder is created (one event for the folder)', async () => {
    const findings = await onDisk(
      () => {
        mkdirSync(at('handbook'));
        writeFileSync(at('handbook/devices.pdf'), '%PDF-1.4\n');
      },
      [['handbook', CREATED]],
    );
    assert.deepEqual(brokenLinks(findings), []);
  });

  it('breaks a folder link when the last file in the folder is deleted', async () => {
    const findings = await onDisk(() => rmSync(at('handbook/devices.pdf')), [['handbook/devices.pdf', DELETED]]);
    assert.ok(existsSync(at('handbook')), 'the folder is still there, empty');
    assert.deepEqual(brokenLinks(findings), ['policies/acceptable-use-policy.md:15', 'policies/acceptable-use-policy.md:16']);
  });

  it('follows a folder moved away and back (a delete and a create event each time)', async () => {
    const moved = await onDisk(() => renameSync(at('procedures'), at('runbooks')), [
      ['procedures', DELETED],
      ['runbooks', CREATED],
    ]);
    assert.deepEqual(brokenLinks(moved), [
      'policies/acceptable-use-policy.md:15',
      'policies/acceptable-use-policy.md:16',
      'policies/access-control-policy.md:90',
      'policies/change-management-policy.md:70',
      'policies/information-security-policy.md:89',
    ]);
    assert.ok((await coverage()).some((c) => c.files.some((f) => f.startsWith('runbooks/'))));
    await onDisk(() => renameSync(at('runbooks'), at('procedures')), [
      ['runbooks', DELETED],
      ['procedures', CREATED],
    ]);
  });

  it('re-reads a file changed on disk', async () => {
    const findings = await onDisk(() => writeFileSync(at('policies/acceptable-use-policy.md'), ACCEPTABLE_USE.replace('../handbook/devices.pdf', '../procedures/backup-and-restore-procedure.md')), [
      ['policies/acceptable-use-policy.md', CHANGED],
    ]);
    assert.deepEqual(brokenLinks(findings), ['policies/acceptable-use-policy.md:15']);
  });
});
