import { strict as assert } from 'node:assert';
import { openWorkspace, ROOT, sharedBuiltins } from '../helpers/coreHarness';
import { checklistFor, recordPath, renderRecord, type NewRecord } from '../../server/src/core/evidence/recordText';
import type { TemplateSet } from '../../server/src/core/templates/templates';

/**
 * A new evidence record starts with the checklist of the evidence template whose obligation kind matches the
 * obligation's kind (docs/evidence.md#evidence-templates): the same code serves `evidence record` and the editor.
 */
const RECORD: NewRecord = { obligation: 'q-access', performed: { year: 2026, month: 6, day: 20 }, recorded: { year: 2026, month: 6, day: 21 }, by: 'alice', result: 'pass' };
const PLAIN_BODY = '\nNotes: what was checked, by whom, and what was found.\n';

describe('evidence records prefilled from evidence templates', () => {
  let templates: TemplateSet;
  before(async () => {
    templates = (await sharedBuiltins()).templates;
  });

  it('gives a record of an access review obligation the access review checklist, as boxes to tick', () => {
    const checklist = checklistFor(templates, 'access review');
    const expected = templates.get('access-review')!.obligations[0].checklist;
    assert.deepEqual(checklist, { template: 'User Access Review Procedure', items: expected });
    const text = renderRecord({ ...RECORD, checklist });
    const body = text.slice(text.indexOf('\n---\n') + 5);
    assert.ok(body.startsWith(PLAIN_BODY), 'the notes line comes first, as before');
    assert.match(body, /\n## Checklist\n\nFrom the User Access Review Procedure template: tick each step done, and say why for any step skipped\.\n\n- \[ \] /);
    assert.deepEqual(body.split('\n').filter((l) => l.startsWith('- [ ] ')), expected.map((item) => `- [ ] ${item}`));
  });

  it('matches the kind whatever its case and spacing, and each common kind to its own template', () => {
    assert.deepEqual(checklistFor(templates, '  Access   REVIEW '), checklistFor(templates, 'access review'));
    const sources = Object.fromEntries(['restore test', 'vulnerability scan review', 'incident tabletop', 'onboarding checklist', 'offboarding checklist',
      'security training', 'vendor review', 'risk assessment'].map((kind) => [kind, templates.obligationOfKind(kind)?.template.id]));
    assert.deepEqual(sources, {
      'restore test': 'backup-restore-test',
      'vulnerability scan review': 'vulnerability-scan-review',
      'incident tabletop': 'incident-tabletop',
      'onboarding checklist': 'onboarding-offboarding',
      'offboarding checklist': 'onboarding-offboarding',
      'security training': 'security-training',
      'vendor review': 'vendor-review',
      'risk assessment': 'risk-assessment-procedure',
    });
    assert.notDeepEqual(checklistFor(templates, 'onboarding checklist'), checklistFor(templates, 'offboarding checklist'));
  });

  it('keeps the plain body for an unknown kind or an obligation without one', () => {
    const plain = renderRecord(RECORD);
    assert.ok(plain.endsWith(`---\n${PLAIN_BODY}`), plain);
    for (const kind of ['penetration test', 'access', '', undefined]) {
      const checklist = checklistFor(templates, kind);
      assert.equal(checklist, undefined, String(kind));
      assert.equal(renderRecord({ ...RECORD, checklist }), plain);
    }
  });

  it('still never takes the name of an existing record', () => {
    const taken = new Set(['evidence/q-access/2026-06-20.md', 'evidence/q-access/2026-06-20-2.md']);
    assert.equal(recordPath('q-access', RECORD.performed, (p) => taken.has(p)), 'evidence/q-access/2026-06-20-3.md');
    assert.equal(recordPath('q-access', RECORD.performed, () => false), 'evidence/q-access/2026-06-20.md');
  });

  it('writes a record the rules accept, and a failed one still asks for its remediation', async () => {
    const policy = [
      '---', 'title: Access Control Policy', 'owner: Head of IT', 'status: approved', 'last_reviewed: 2026-03-01', 'controls: [CC6.2]',
      'evidence:', '  - id: q-access', '    kind: Access Review', '    every: quarter', '---', '', '# Access Control Policy', '',
      '## Reviews', '', 'Access is reviewed every quarter (CC6.2).', '',
    ].join('\n');
    const checklist = checklistFor(templates, 'Access Review');
    const passed = renderRecord({ ...RECORD, link: 'https://tickets.example/ACC-1', checklist });
    const failed = renderRecord({ ...RECORD, performed: { year: 2026, month: 9, day: 1 }, recorded: { year: 2026, month: 9, day: 2 }, result: 'fail', link: 'https://tickets.example/ACC-2', checklist });
    const { analyzer } = await openWorkspace({
      'soc2-policy.yaml': 'scope:\n  categories: [security]\naudit:\n  type: II\n  period: {start: 2026-01-01, end: 2026-12-31}\n',
      'policies/access-control.md': policy,
      'evidence/q-access/2026-06-20.md': passed,
      'evidence/q-access/2026-09-01.md': failed,
    });
    const codes = (file: string) => analyzer.findings(`${ROOT}/${file}`).map((f) => f.code);
    assert.deepEqual(codes('evidence/q-access/2026-06-20.md'), []);
    assert.deepEqual(codes('evidence/q-access/2026-09-01.md'), ['evidence-failed-unresolved'], 'a checklist is not a remediation');
  });
});
