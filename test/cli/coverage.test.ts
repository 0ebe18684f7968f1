import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCli, CLEAN_POLICY, copyFixture, runCli, tempDir, writeFiles } from './harness';

const TODAY = ['--today', '2026-12-01'];

interface CoverageJson {
  criteria: { id: string; status: string; documents: { file: string; id: string; title: string; status: string; locations: { kind: string; line: number; character: number; section?: string }[] }[] }[];
  summary: { categories: { id: string; percent: number; inScope: boolean }[]; overall: { percent: number } };
}

describe('cli: coverage', () => {
  let dir: string;
  let cleanup: () => void;
  let acme: string;
  let ids: string[];
  before(() => {
    buildCli();
    ({ dir, cleanup } = tempDir());
    acme = copyFixture('examples/acme-saas', dir);
    ids = JSON.parse(runCli(['catalog', '--format', 'json'], { cwd: dir }).stdout).catalogs.find((c: { id: string }) => c.id === 'tsc').controls.map((c: { id: string }) => c.id);
  });
  after(() => cleanup());

  it('json: every criterion with status and documents located in them', () => {
    const result = runCli(['coverage', '--format', 'json', ...TODAY], { cwd: acme });
    assert.equal(result.code, 0, result.stderr);
    const coverage: CoverageJson = JSON.parse(result.stdout);
    assert.deepEqual(coverage.criteria.map((c) => c.id), ids);
    const cc61 = coverage.criteria.find((c) => c.id === 'CC6.1')!;
    const doc = cc61.documents.find((d) => d.file === 'policies/access-control-policy.md')!;
    assert.deepEqual(Object.keys(doc).sort(), ['file', 'id', 'locations', 'status', 'title']);
    assert.equal(doc.status, 'approved');
    assert.ok(doc.locations.some((l) => l.kind === 'frontmatter'));
    for (const l of doc.locations) assert.ok(Number.isInteger(l.line) && Number.isInteger(l.character));
    // The location points at the id as written (zero-based).
    const text = readFileSync(path.join(acme, doc.file), 'utf8').split('\n');
    const front = doc.locations.find((l) => l.kind === 'frontmatter')!;
    assert.equal(text[front.line].slice(front.character, front.character + 5), 'CC6.1');
    assert.ok(doc.locations.filter((l) => l.kind === 'section').every((l) => typeof l.section === 'string'));
  });

  it('html: a self-contained page with every criterion, a legend and the gaps with templates', () => {
    const html = runCli(['coverage', '--format', 'html', ...TODAY], { cwd: acme }).stdout;
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\(/i, 'no scripts or external resources');
    assert.doesNotMatch(html, /(?:src|href)\s*=\s*"(?:https?:)?\/\//i, 'no remote URLs');
    for (const id of ids) assert.ok(html.includes(`>${id}<`), `${id} is on the heat map`);
    for (const label of ['Covered', 'Draft only', 'Uncovered', 'Excluded', 'Out of scope']) assert.ok(html.includes(label), label);
    for (const pct of ['87.9%', '66.7%', '50.0%', '84.2%']) assert.ok(html.includes(pct), pct);
    assert.match(html, /CC3\.3<\/b><\/a> Fraud risk considered in risk assessment\. <span class="templates">Suggested templates: Risk Assessment Procedure \(<code>risk-assessment-procedure<\/code>\), Risk Assessment Policy/);
  });

  it('html and markdown escape what documents say', () => {
    const { dir: other, cleanup: done } = tempDir();
    try {
      const evil = CLEAN_POLICY.replace('title: Access Control Policy', 'title: "<script>alert(1)</script> & | *bold*"');
      writeFiles(other, { 'policies/access.md': evil });
      const html = runCli(['coverage', '--format', 'html', ...TODAY], { cwd: other }).stdout;
      assert.doesNotMatch(html, /<script>/);
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; | *bold*'));
      const md = runCli(['coverage', '--format', 'markdown', ...TODAY], { cwd: other }).stdout;
      assert.ok(md.includes('\\<script\\>alert(1)\\</script\\> \\& \\| \\*bold\\*'), 'table cells stay intact');
    } finally {
      done();
    }
  });

  it('csv: a header and one row per criterion (61)', () => {
    const csv = runCli(['coverage', '--format', 'csv', ...TODAY], { cwd: acme }).stdout;
    const rows = csv.split('\r\n').filter(Boolean);
    assert.equal(rows[0], 'id,title,category,series,status,reason,documents,suggested_templates');
    assert.equal(rows.length - 1, 61);
    assert.deepEqual(rows.slice(1).map((r) => r.split(',')[0]), ids);
    assert.match(csv, /\r\nCC6\.4,Physical access limited to authorized personnel,security,CC6,carved-out,"carved out to Amazon Web Services: Physical access to data centres/);
  });

  it('markdown: percentages per category, gaps with suggested templates, every criterion', () => {
    const md = runCli(['coverage', '--format', 'markdown', ...TODAY], { cwd: acme }).stdout;
    assert.match(md, /^# SOC 2 coverage$/m);
    assert.match(md, /^\| Security \| 87\.9% \| 29 \| 0 \| 4 \| 0 \| 33 \|$/m);
    assert.match(md, /^\| Privacy \| out of scope \|/m);
    assert.match(md, /^- \*\*C1\.2\*\* Disposing of confidential information\. Suggested templates: Data Retention and Disposal Policy \(`data-retention`\)\.$/m);
    for (const id of ids) assert.match(md, new RegExp(`^\\| ${id.replace('.', '\\.')} \\|`, 'm'));
  });

  it('text is the default, and --output writes the report to a file', () => {
    const text = runCli(['coverage', ...TODAY], { cwd: acme });
    assert.match(text.stdout, /^Coverage 84\.2% \(32 of 38 applicable criteria covered\)$/m);
    const out = path.join(dir, 'report.html');
    const written = runCli(['coverage', '--format', 'html', '--output', out, ...TODAY], { cwd: acme });
    assert.equal(written.code, 0);
    assert.equal(written.stdout, '');
    assert.match(readFileSync(out, 'utf8'), /^<!doctype html>/);
    const failed = runCli(['coverage', '--output', path.join(dir, 'no/such/dir/r.txt')], { cwd: acme });
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, /^soc2-policy: cannot write /);
  });
});
