import { strict as assert } from 'node:assert';
import type { CoverageModel } from '../../server/src/core/coverage/coverageModel';
import type { DateOnly } from '../../server/src/core/dates';
import { ROOT, openWorkspace } from '../helpers/coreHarness';

/**
 * Designed and operating coverage (issue 9): the operating side of each in-scope criterion, read from the
 * evidence calendar. "Today" is chosen per test so windows are closed, in grace, open or in the future.
 */

const day = (text: string): DateOnly => ({ year: +text.slice(0, 4), month: +text.slice(5, 7), day: +text.slice(8, 10) });

const TYPE_II = 'scope:\n  categories: [security]\n  exclusions:\n    - criteria: [CC9.2]\n      reason: No vendors in scope.\naudit:\n  type: II\n  period: {start: 2026-01-01, end: 2026-12-31}\n';

function policy(name: string, frontMatter: string, status = 'approved'): string {
  return `---\ntitle: ${name}\ntype: policy\nowner: Head of IT\nstatus: ${status}\nlast_reviewed: 2026-01-15\nreview_cycle: 12 months\n${frontMatter}---\n\n# ${name}\n\n## Purpose\n\nWhy.\n`;
}

const record = (obligation: string, performed: string) => `---\nobligation: ${obligation}\nperformed: ${performed}\nrecorded: ${performed}\nby: alice\nresult: pass\n---\n\nDone.\n`;

/** An access review every quarter (grace 10 days) for CC6.2 and CC6.3, a monthly scan review for CC7.1. */
const FILES: Record<string, string> = {
  'soc2-policy.yaml': TYPE_II,
  'policies/access.md': policy('Access', 'controls: [CC6.2, CC6.3]\nevidence:\n  - id: access-review\n    every: quarter\n    grace: 10d\n'),
  'policies/vulns.md': policy('Vulns', 'controls: [CC7.1]\nevidence:\n  - id: scan-review\n    every: month\n'),
  'evidence/access-review/2026-03-20.md': record('access-review', '2026-03-20'),
  'evidence/scan-review/2026-01.md': record('scan-review', '2026-01-30'),
  'evidence/scan-review/2026-03.md': record('scan-review', '2026-03-02'),
};

async function coverageOn(today: string, files: Record<string, string> = FILES): Promise<CoverageModel> {
  const { analyzer } = await openWorkspace(files, day(today));
  return analyzer.coverage();
}

const operatingOf = (model: CoverageModel, id: string) => model.criteria.find((c) => c.id === id)!.operating;

describe('designed and operating coverage', () => {
  it('counts only windows closed so far: a quarter still open is not a gap', async () => {
    // 2026-05-01: Q1 recorded, Q2 open; January and March scans recorded, February closed without one, April closed too.
    const model = await coverageOn('2026-05-01');
    assert.deepEqual(operatingOf(model, 'CC6.2'), { status: 'operating', obligations: ['access-review'], missing: 0 });
    assert.deepEqual(operatingOf(model, 'CC6.3'), { status: 'operating', obligations: ['access-review'], missing: 0 });
    assert.deepEqual(operatingOf(model, 'CC7.1'), { status: 'operating-gaps', obligations: ['scan-review'], missing: 2 });
    assert.equal(model.criteria.find((c) => c.id === 'CC7.1')!.status, 'covered', 'designed status is unchanged');
  });

  it('a closed window within its grace is due, not missing; the day after the grace it is a gap', async () => {
    // Q2 closes 2026-06-30; grace 10 days: due through 2026-07-10.
    assert.equal(operatingOf(await coverageOn('2026-07-10'), 'CC6.2')!.status, 'operating');
    assert.deepEqual(operatingOf(await coverageOn('2026-07-11'), 'CC6.2'), { status: 'operating-gaps', obligations: ['access-review'], missing: 1 });
  });

  it('after the period every window counts, and the summary counts each missing sample once', async () => {
    const model = await coverageOn('2027-02-01');
    // Access review: Q2, Q3, Q4 missing, for each of CC6.2 and CC6.3. Scans: 10 of 12 months missing.
    assert.equal(operatingOf(model, 'CC6.2')!.missing, 3);
    assert.equal(operatingOf(model, 'CC6.3')!.missing, 3);
    assert.equal(operatingOf(model, 'CC7.1')!.missing, 10);
    const applicable = model.summary.overall.applicable;
    assert.deepEqual(model.summary.operating, { operating: 0, operatingGaps: 3, notEvidenced: applicable - 3, missing: 13 });
  });

  it('a criterion no obligation names is not evidenced, even when a policy covers it', async () => {
    const model = await coverageOn('2026-05-01', { ...FILES, 'policies/crypto.md': policy('Crypto', 'controls: [CC6.7]\n') });
    assert.equal(model.criteria.find((c) => c.id === 'CC6.7')!.status, 'covered');
    assert.deepEqual(operatingOf(model, 'CC6.7'), { status: 'not-evidenced', obligations: [], missing: 0 });
  });

  it('an event obligation evidences its criteria without windows to miss', async () => {
    const files = { ...FILES, 'policies/people.md': policy('People', 'controls: [CC1.4]\nevidence:\n  - id: offboarding\n    on: event\n') };
    assert.deepEqual(operatingOf(await coverageOn('2026-12-01', files), 'CC1.4'), { status: 'operating', obligations: ['offboarding'], missing: 0 });
  });

  it('reads obligation criteria written as points of focus as their criterion, and ignores drafts', async () => {
    const files = {
      ...FILES,
      'policies/change.md': policy('Change', 'controls: [CC8.1]\nevidence:\n  - id: change-review\n    every: year\n    criteria: [CC8.1.3]\n'),
      'policies/draft.md': policy('Draft', 'controls: [CC5.1]\nevidence:\n  - id: draft-review\n    every: month\n', 'draft'),
    };
    const model = await coverageOn('2026-05-01', files);
    assert.deepEqual(operatingOf(model, 'CC8.1'), { status: 'operating', obligations: ['change-review'], missing: 0 });
    assert.deepEqual(operatingOf(model, 'CC5.1'), { status: 'not-evidenced', obligations: [], missing: 0 }, "a draft's obligations are plans, not controls");
  });

  it('leaves excluded and out-of-scope criteria without an operating value, even when an obligation names them', async () => {
    const files = { ...FILES, 'policies/vendors.md': policy('Vendors', 'controls: [CC9.2, A1.2]\nevidence:\n  - id: vendor-review\n    every: month\n') };
    const model = await coverageOn('2026-12-01', files);
    assert.equal(model.criteria.find((c) => c.id === 'CC9.2')!.status, 'excluded');
    assert.equal(operatingOf(model, 'CC9.2'), undefined);
    assert.equal(model.criteria.find((c) => c.id === 'A1.2')!.status, 'out-of-scope');
    assert.equal(operatingOf(model, 'A1.2'), undefined);
    // Missing on 2026-12-01: access review Q2 and Q3 (2), scans February and April to November (9). The 11 missing
    // vendor reviews name no applicable criterion, so they are behind no operating gap.
    assert.equal(model.summary.operating!.missing, 11);
    assert.equal(operatingOf(model, 'CC7.1')!.missing, 9);
    assert.equal(model.criteria.filter((c) => c.operating).length, model.summary.overall.applicable);
  });

  for (const [name, config] of [
    ['a Type I audit', 'scope:\n  categories: [security]\naudit:\n  type: I\n  as_of: 2026-06-30\n'],
    ['no audit', 'scope:\n  categories: [security]\n'],
  ] as const) {
    it(`adds nothing with ${name}`, async () => {
      const model = await coverageOn('2026-12-01', { ...FILES, 'soc2-policy.yaml': config });
      assert.ok(model.criteria.every((c) => !('operating' in c)), 'no criterion has an operating key');
      assert.ok(!('operating' in model.summary), 'the summary has no operating key');
    });
  }

  it('computes the calendar once per change and shares it between the evidence rules and coverage', async () => {
    const { analyzer } = await openWorkspace(FILES, day('2026-05-01'));
    const plan = analyzer.evidencePlan();
    analyzer.allFindings();
    analyzer.coverage();
    assert.equal(analyzer.evidencePlan(), plan, 'the same calendar after findings and coverage asked for it');
    analyzer.updateDocument(`${ROOT}/evidence/scan-review/2026-02.md`, record('scan-review', '2026-02-10'));
    assert.notEqual(analyzer.evidencePlan(), plan, 'a new record drops the calendar');
    assert.equal(analyzer.coverage().criteria.find((c) => c.id === 'CC7.1')!.operating!.missing, 1, 'only April is missing now');
    assert.ok(!analyzer.allFindings().some((f) => f.code === 'evidence-missing' && f.message.includes('2026-02')), 'the rules see the same new calendar');
  });
});
