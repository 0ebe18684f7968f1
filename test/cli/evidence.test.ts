import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCli, copyFixture, runCli, tempDir } from './harness';

/** The Type II example holds the tool to its hand count (examples/acme-type2/EXPECTED.md). */
describe('cli: evidence', () => {
  let dir: string;
  let cleanup: () => void;
  before(() => {
    buildCli();
    ({ dir, cleanup } = tempDir());
  });
  after(() => cleanup());

  const EVIDENCE_CODES = /^(evidence|audit)-/;

  it('acme-type2: check reports exactly the six evidence findings of EXPECTED.md', () => {
    const repo = copyFixture('examples/acme-type2', dir);
    const result = runCli(['check', '--format', 'json', '--today', '2026-12-01'], { cwd: repo });
    const findings = (JSON.parse(result.stdout) as { findings: { file: string; code: string; severity: string; range: { start: { line: number; character: number } } }[] }).findings;
    const actual = findings.filter((f) => EVIDENCE_CODES.test(f.code)).map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code}`);
    const table = readFileSync(path.join(repo, 'EXPECTED.md'), 'utf8').split('\n').filter((l) => /^\| \d+ \| /.test(l));
    const expected = table.map((l) => l.split('|').map((c) => c.trim())).map((c) => `${c[2]}:${c[3]} ${c[5]} ${c[4]}`);
    assert.equal(expected.length, 6);
    assert.deepEqual(actual.sort(), expected.sort());
    assert.deepEqual(findings.filter((f) => !EVIDENCE_CODES.test(f.code)), [], 'the example is clean for every other rule');
  });

  it('acme-type2: the JSON calendar has the counted windows and the documented shape', () => {
    const repo = copyFixture('examples/acme-type2', dir, 'acme-type2-json');
    const result = runCli(['evidence', '--format', 'json', '--today', '2026-12-01'], { cwd: repo });
    assert.equal(result.code, 0, result.stderr);
    const plan = JSON.parse(result.stdout);
    assert.deepEqual(plan.period, { start: '2026-01-01', end: '2026-12-31' });
    const counts: Record<string, number> = {};
    for (const o of plan.obligations) for (const w of o.windows) counts[w.status] = (counts[w.status] ?? 0) + 1;
    assert.deepEqual(counts, { recorded: 22, missing: 3, due: 5, future: 1 });
    const access = plan.obligations.find((o: { id: string }) => o.id === 'access-review');
    assert.equal(access.document, 'policies/access-control.md');
    assert.equal(access.every, 'quarter');
    assert.deepEqual(access.criteria, ['CC6.2', 'CC6.3']);
    assert.deepEqual(access.windows[0], { start: '2026-01-01', end: '2026-03-31', status: 'recorded', records: ['evidence/access-review/2026-03-27.md'] });
    assert.equal(plan.obligations.find((o: { id: string }) => o.id === 'patch').cron, '0 0 0 15 * *');
    assert.equal(plan.obligations.find((o: { id: string }) => o.id === 'offboarding-checklist').on, 'event');
  });

  it('csv and markdown list every obligation', () => {
    const repo = copyFixture('examples/acme-type2', dir, 'acme-type2-csv');
    const csv = runCli(['evidence', '--format', 'csv', '--today', '2026-12-01'], { cwd: repo }).stdout.trim().split('\n');
    assert.equal(csv[0], 'obligation,document,criteria,schedule,owner,window_start,window_end,status,records');
    assert.equal(csv.length, 1 + 31 + 1, 'a row per window, and one for the event obligation');
    assert.match(runCli(['evidence', '--format', 'markdown', '--today', '2026-12-01'], { cwd: repo }).stdout, /\| access-review /);
  });

  it('html is one self-contained page: a calendar row per obligation, each window\'s status in words, the request list', () => {
    const repo = copyFixture('examples/acme-type2', dir, 'acme-type2-html');
    const result = runCli(['evidence', '--format', 'html', '--today', '2026-12-01'], { cwd: repo });
    assert.equal(result.code, 0, result.stderr);
    const html = result.stdout;
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe| src=|url\(|@import|https?:\/\//i, 'no scripts and nothing remote');
    const rows = [...html.matchAll(/<tr data-obligation="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => ({ id: m[1], cells: [...m[2].matchAll(/<td class="w s-(\w+)"[^>]*>([\s\S]*?)<\/td>/g)] }));
    assert.deepEqual(rows.map((r) => r.id), ['access-review', 'incident-tabletop', 'offboarding-checklist', 'patch', 'restore-test', 'vuln-scan-review']);
    const access = rows.find((r) => r.id === 'access-review')!.cells;
    assert.deepEqual(access.map((c) => c[1]), ['recorded', 'missing', 'recorded', 'due']);
    // Colour is not the only signal: each cell says its window and its status as text.
    for (const cell of rows.flatMap((r) => r.cells)) assert.match(cell[2], new RegExp(`</span> ${cell[1]}$`));
    assert.match(access[1][2], /2026-Q2/);
    const counts: Record<string, number> = {};
    for (const cell of rows.flatMap((r) => r.cells)) counts[cell[1]] = (counts[cell[1]] ?? 0) + 1;
    assert.deepEqual(counts, { recorded: 22, missing: 3, due: 5, future: 1 }, 'EXPECTED.md\'s totals');
    assert.match(html, /<tr data-obligation="offboarding-checklist">[\s\S]*?3 records in the period, counted per event/);
    // The request list says where each sampled record lives.
    assert.match(html, /<section aria-labelledby="requests">[\s\S]*<code>evidence\/access-review\/2026-03-27\.md<\/code>/);
    assert.match(html, /status as of 2026-12-01/);
  });

  it('html escapes workspace text (owners, kinds, record paths)', () => {
    const repo = copyFixture('examples/acme-type2', dir, 'acme-type2-html-hostile');
    const policy = path.join(repo, 'policies/access-control.md');
    writeFileSync(policy, readFileSync(policy, 'utf8')
      .replace('    owner: Head of IT\n', '    owner: "<script>alert(1)</script>"\n')
      .replace('    kind: access review\n', '    kind: "<img src=x onerror=alert(2)>"\n'));
    const record = readFileSync(path.join(repo, 'evidence/access-review/2026-09-24.md'), 'utf8');
    writeFileSync(path.join(repo, 'evidence/access-review/2026-06-20 <b>&"x".md'), record.replace(/performed: \S+/, 'performed: 2026-06-20'));
    const html = runCli(['evidence', '--format', 'html', '--today', '2026-12-01'], { cwd: repo }).stdout;
    assert.ok(!html.includes('<script>') && !html.includes('<img') && !html.includes('<b>'), html);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=alert\(2\)&gt;/);
    assert.match(html, /2026-06-20 &lt;b&gt;&amp;&quot;x&quot;\.md/);
  });

  it('evidence record writes a record with the file hash, never overwrites, and clears the finding', () => {
    const repo = copyFixture('examples/acme-type2', dir, 'acme-type2-record');
    writeFileSync(path.join(repo, 'evidence', 'q2-export.csv'), 'user,decision\nbob,keep\n');
    const first = runCli(['evidence', 'record', 'access-review', '--date', '2026-06-20', '--file', 'evidence/q2-export.csv', '--today', '2026-12-01'], { cwd: repo });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /evidence\/access-review\/2026-06-20\.md/);
    const text = readFileSync(path.join(repo, 'evidence/access-review/2026-06-20.md'), 'utf8');
    assert.match(text, /sha256: [0-9a-f]{64}/);
    const second = runCli(['evidence', 'record', 'access-review', '--date', '2026-06-20', '--link', 'https://x.example/1', '--today', '2026-12-01'], { cwd: repo });
    assert.match(second.stdout, /2026-06-20-2\.md/);
    assert.equal(readFileSync(path.join(repo, 'evidence/access-review/2026-06-20.md'), 'utf8'), text, 'the first record is unchanged');
    const check = runCli(['check', '--format', 'json', '--today', '2026-12-01'], { cwd: repo });
    const codes = JSON.parse(check.stdout).findings.map((f: { code: string }) => f.code);
    assert.equal(codes.filter((c: string) => c === 'evidence-missing').length, 2, 'Q2 is no longer missing');
    const unknown = runCli(['evidence', 'record', 'nope', '--link', 'https://x.example', '--today', '2026-12-01'], { cwd: repo });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /known: access-review/);
  });

  it('evidence record starts the record with the checklist of the template for the obligation\'s kind, or the plain notes', () => {
    const repo = copyFixture('examples/acme-type2', dir, 'acme-type2-record-checklist');
    const access = runCli(['evidence', 'record', 'access-review', '--date', '2026-06-20', '--link', 'https://x.example/2', '--today', '2026-12-01'], { cwd: repo });
    assert.equal(access.code, 0, access.stderr);
    const text = readFileSync(path.join(repo, 'evidence/access-review/2026-06-20.md'), 'utf8');
    assert.match(text, /\n## Checklist\n\nFrom the User Access Review Procedure template: /);
    assert.match(text, /^- \[ \] Export the account listing of every in-scope system/m);
    // patch is a comply cron procedure without a kind: no template matches it.
    const patch = runCli(['evidence', 'record', 'patch', '--date', '2026-06-15', '--link', 'https://x.example/3', '--today', '2026-12-01'], { cwd: repo });
    assert.equal(patch.code, 0, patch.stderr);
    const plain = readFileSync(path.join(repo, 'evidence/patch/2026-06-15.md'), 'utf8');
    assert.ok(plain.endsWith('---\n\nNotes: what was checked, by whom, and what was found.\n'), plain);
  });
});
