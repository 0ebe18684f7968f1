import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCli, copyFixture, runCli, tempDir } from './harness';

const TODAY = ['--today', '2026-12-01'];

interface Operating {
  status: string;
  obligations: string[];
  missing: number;
}

interface CoverageJson {
  criteria: { id: string; status: string; category: string; operating?: Operating }[];
  summary: { overall: { applicable: number; covered: number }; operating?: { operating: number; operatingGaps: number; notEvidenced: number; missing: number } };
}

/** The operating table of examples/acme-type2/EXPECTED.md (hand count), by criterion. */
function expectedOperating(repo: string): Map<string, { designed: string } & Operating> {
  const rows = readFileSync(path.join(repo, 'EXPECTED.md'), 'utf8').split('\n').filter((l) => /^\| (CC|A)\d+\.\d+ \| /.test(l));
  return new Map(rows.map((row) => {
    const [id, designed, status, obligations, missing] = row.split('|').slice(1, -1).map((c) => c.trim());
    return [id, { designed, status, obligations: obligations.split(', '), missing: Number(missing) }];
  }));
}

/** Designed and operating coverage side by side (issue 9), held to the Type II example's hand count. */
describe('cli: coverage, designed and operating', () => {
  let dir: string;
  let cleanup: () => void;
  let repo: string;
  before(() => {
    buildCli();
    ({ dir, cleanup } = tempDir());
    repo = copyFixture('examples/acme-type2', dir);
  });
  after(() => cleanup());

  const coverage = (format: string, cwd = repo) => {
    const result = runCli(['coverage', '--format', format, ...TODAY], { cwd });
    assert.equal(result.code, 0, result.stderr);
    return result.stdout;
  };

  it('json: each applicable criterion has the operating facts EXPECTED.md counts, beside its designed status', () => {
    const json: CoverageJson = JSON.parse(coverage('json'));
    const expected = expectedOperating(repo);
    assert.equal(expected.size, 5, 'the hand-count table has five evidenced criteria');
    for (const [id, want] of expected) {
      const criterion = json.criteria.find((c) => c.id === id)!;
      assert.equal(criterion.status, want.designed, `${id} designed`);
      assert.deepEqual(criterion.operating, { status: want.status, obligations: want.obligations, missing: want.missing }, id);
    }
    const others = json.criteria.filter((c) => !expected.has(c.id));
    const inScope = others.filter((c) => c.category === 'security' || c.category === 'availability');
    assert.equal(inScope.length, 31);
    for (const c of inScope) assert.deepEqual(c.operating, { status: 'not-evidenced', obligations: [], missing: 0 }, c.id);
    for (const c of others.filter((c) => !inScope.includes(c))) assert.equal(c.operating, undefined, `${c.id} is out of scope`);
    assert.deepEqual(json.summary.operating, { operating: 2, operatingGaps: 3, notEvidenced: 31, missing: 3 });
    assert.equal(json.summary.overall.covered, 8, 'designed coverage is unchanged');
  });

  it('text: a summary line and the operating gaps with their designed status', () => {
    const text = coverage('text');
    assert.match(text, /^Coverage 22\.2% \(8 of 36 applicable criteria covered\)$/m);
    assert.match(text, /^Operating \(Type II evidence so far\): 2 operating, 3 with gaps \(3 missing samples\), 31 not evidenced$/m);
    const gaps = text.slice(text.indexOf('Operating gaps')).split('\n').slice(1, 4);
    assert.match(gaps[0], /^ {2}CC6\.2 .*\(covered; 1 missing; access-review, offboarding-checklist\)$/);
    assert.match(gaps[1], /^ {2}CC6\.3 .*\(covered; 1 missing; access-review\)$/);
    assert.match(gaps[2], /^ {2}CC7\.1 .*\(covered; 2 missing; patch, vuln-scan-review\)$/);
  });

  it('markdown, csv and html show an operating column beside the status', () => {
    const markdown = coverage('markdown');
    assert.match(markdown, /^\| Criterion \| Title \| Status \| Operating \| Documents \|$/m);
    assert.match(markdown, /^\| CC7\.1 \| [^|]+ \| ✓ Covered \| ! Operating gaps \(2 missing\): patch, vuln-scan-review \| /m);
    assert.match(markdown, /^\| CC7\.4 \| [^|]+ \| ✓ Covered \| ● Operating: incident-tabletop \| /m);
    assert.match(markdown, /^- \*\*CC6\.3\*\* .*: 1 missing sample \(access-review\); designed: Covered\.$/m);

    const csv = coverage('csv').split('\r\n');
    assert.equal(csv[0], 'id,title,category,series,status,reason,documents,suggested_templates,operating,operating_obligations,missing_samples');
    assert.match(csv.find((l) => l.startsWith('CC7.1,'))!, /,covered,.*,operating-gaps,patch; vuln-scan-review,2$/);
    assert.match(csv.find((l) => l.startsWith('C1.1,'))!, /,out-of-scope,.*,,,$/);

    const html = coverage('html');
    assert.match(html, /<th scope="col">Status<\/th><th scope="col">Operating<\/th>/);
    assert.match(html, /<span class="op op-operating-gaps">! Operating gaps \(2 missing\)<\/span><br><code>patch<\/code>, <code>vuln-scan-review<\/code>/);
    assert.match(html, /<h3>Operating gaps \(3\)<\/h3>/);
  });

  it('recording the missing sample makes the criteria operating', () => {
    const copy = copyFixture('examples/acme-type2', dir, 'acme-type2-recorded');
    const recorded = runCli(['evidence', 'record', 'access-review', '--date', '2026-06-20', '--link', 'https://tickets.example/ACC-42', ...TODAY], { cwd: copy });
    assert.equal(recorded.code, 0, recorded.stderr);
    const json: CoverageJson = JSON.parse(coverage('json', copy));
    assert.deepEqual(json.criteria.find((c) => c.id === 'CC6.3')!.operating, { status: 'operating', obligations: ['access-review'], missing: 0 });
    assert.deepEqual(json.summary.operating, { operating: 4, operatingGaps: 1, notEvidenced: 31, missing: 2 });
  });

  it('a workspace without a Type II audit (acme-saas) gets no operating field, column or line', () => {
    const saas = copyFixture('examples/acme-saas', dir);
    const json: CoverageJson = JSON.parse(coverage('json', saas));
    assert.ok(json.criteria.every((c) => !('operating' in c)));
    assert.ok(!('operating' in json.summary));
    assert.equal(coverage('csv', saas).split('\r\n')[0], 'id,title,category,series,status,reason,documents,suggested_templates');
    assert.match(coverage('markdown', saas), /^\| Criterion \| Title \| Status \| Documents \|$/m);
    assert.doesNotMatch(coverage('text', saas), /Operating/);
    assert.doesNotMatch(coverage('html', saas), /Operating/);
  });
});
