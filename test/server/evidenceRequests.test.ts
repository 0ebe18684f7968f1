import { strict as assert } from 'node:assert';
import type { EvidenceResult, NewEvidenceRecordResult } from '../../server/src/protocol';
import { LspClient, uriOf, useServerOn } from './lspHarness';

/** soc2Policy/evidence, soc2Policy/newEvidenceRecord and soc2Policy/evidenceChanged, on a copy of examples/acme-type2. */
describe('language server over stdio: evidence requests', function () {
  this.timeout(60000);
  const server = useServerOn('examples/acme-type2');
  let client: LspClient;
  before(() => (client = server.client));

  const evidence = () => client.request<EvidenceResult>('soc2Policy/evidence', {});
  const windowsOf = (result: EvidenceResult, id: string) => result.roots[0].obligations.find((o) => o.id === id)!.windows;

  it('returns the calendar of EXPECTED.md: windows per obligation, failed samples apart', async () => {
    const result = await evidence();
    assert.equal(result.roots.length, 1);
    assert.deepEqual(result.roots[0].period, { start: '2026-01-01', end: '2026-12-31' });
    assert.deepEqual(result.roots[0].obligations.map((o) => o.id), ['access-review', 'incident-tabletop', 'offboarding-checklist', 'patch', 'restore-test', 'vuln-scan-review']);
    const access = result.roots[0].obligations.find((o) => o.id === 'access-review')!;
    assert.equal(access.documentUri, uriOf(`${server.workspace.dir}/policies/access-control.md`));
    assert.equal(access.range.start.line, 11);
    assert.equal(access.schedule, 'every quarter');
    // Q3's only record is an exception (remediated), so the sample is flagged rather than shown clean.
    assert.deepEqual(access.windows.map((w) => [w.label, w.status]), [['2026-Q1', 'recorded'], ['2026-Q2', 'missing'], ['2026-Q3', 'failed'], ['2026-Q4', 'due']]);
    assert.equal(access.windows[1].dueBy, '2026-07-10');
    assert.match(access.windows[0].records[0], /evidence\/access-review\/2026-03-27\.md$/);
    assert.equal(windowsOf(result, 'incident-tabletop')[0].status, 'failed');
    const offboarding = result.roots[0].obligations.find((o) => o.id === 'offboarding-checklist')!;
    assert.deepEqual(offboarding.windows, []);
    assert.equal(offboarding.recordsInPeriod.length, 3);
  });

  it('names a free record file and renders its text, never an existing name', async () => {
    const fresh = await client.request<NewEvidenceRecordResult>('soc2Policy/newEvidenceRecord', { obligation: 'access-review', performed: '2026-06-20', link: 'https://tickets.example/ACC-42' });
    assert.match(fresh.uri, /evidence\/access-review\/2026-06-20\.md$/);
    assert.match(fresh.text, /^obligation: access-review\nperformed: 2026-06-20\nrecorded: 2026-12-01\nresult: pass\nlink: /m);
    assert.match(fresh.text, /\n## Checklist\n\nFrom the User Access Review Procedure template: [^\n]*\n\n- \[ \] Export the account listing/, 'the access review checklist, as the CLI writes it');
    const restore = await client.request<NewEvidenceRecordResult>('soc2Policy/newEvidenceRecord', { obligation: 'restore-test', performed: '2026-06-20' });
    assert.match(restore.text, /From the Backup Restoration Test Procedure template/);
    const patch = await client.request<NewEvidenceRecordResult>('soc2Policy/newEvidenceRecord', { obligation: 'patch', performed: '2026-06-15' });
    assert.doesNotMatch(patch.text, /## Checklist/, 'no template for an obligation without a kind');
    const taken = await client.request<NewEvidenceRecordResult>('soc2Policy/newEvidenceRecord', { obligation: 'access-review', performed: '2026-03-27' });
    assert.match(taken.uri, /evidence\/access-review\/2026-03-27-2\.md$/);
    await assert.rejects(client.request('soc2Policy/newEvidenceRecord', { obligation: 'nope', performed: '2026-06-20' }), /No policy or procedure declares the obligation "nope"/);
    await assert.rejects(client.request('soc2Policy/newEvidenceRecord', { obligation: 'access-review', performed: '20 June' }), /not a date/);
  });

  it('sends evidenceChanged when a record fills a window, and the calendar shows it', async () => {
    const before = client.notifications.filter((n) => n.method === 'soc2Policy/evidenceChanged').length;
    const record = await client.request<NewEvidenceRecordResult>('soc2Policy/newEvidenceRecord', { obligation: 'access-review', performed: '2026-06-20' });
    await client.open('evidence/access-review/2026-06-20.md', record.text);
    await client.waitFor('soc2Policy/evidenceChanged', () => client.notifications.filter((n) => n.method === 'soc2Policy/evidenceChanged').length > before);
    assert.equal(windowsOf(await evidence(), 'access-review')[1].status, 'recorded');
  });
});
