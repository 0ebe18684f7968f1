import { strict as assert } from 'node:assert';
import type { CoverageChangedParams, CoverageResult, NewEvidenceRecordResult } from '../../server/src/protocol';
import { LspClient, useServerOn } from './lspHarness';

/** soc2Policy/coverage carries the operating side of a Type II root, and new evidence announces its change. */
describe('language server over stdio: designed and operating coverage', function () {
  this.timeout(60000);
  const server = useServerOn('examples/acme-type2');
  let client: LspClient;
  before(() => (client = server.client));

  const criterion = async (id: string) => (await client.request<CoverageResult>('soc2Policy/coverage', {})).roots[0].criteria.find((c) => c.id === id)!;

  it('carries each criterion\'s operating facts and the summary counts (examples/acme-type2/EXPECTED.md)', async () => {
    const root = (await client.request<CoverageResult>('soc2Policy/coverage', {})).roots[0];
    assert.deepEqual(root.summary.operating, { operating: 2, operatingGaps: 3, notEvidenced: 31, missing: 3 });
    const cc71 = root.criteria.find((c) => c.id === 'CC7.1')!;
    assert.equal(cc71.status, 'covered');
    assert.deepEqual(cc71.operating, { status: 'operating-gaps', obligations: ['patch', 'vuln-scan-review'], missing: 2 });
    assert.equal(root.criteria.find((c) => c.id === 'C1.1')!.operating, undefined, 'out of scope');
  });

  it('sends coverageChanged naming the criteria a new record moved, though no mapping changed', async () => {
    const changed = () => client.notifications.filter((n) => n.method === 'soc2Policy/coverageChanged').map((n) => n.params as CoverageChangedParams);
    const before = changed().length;
    const record = await client.request<NewEvidenceRecordResult>('soc2Policy/newEvidenceRecord', { obligation: 'access-review', performed: '2026-06-20' });
    await client.open('evidence/access-review/2026-06-20.md', record.text);
    const notification = await client.waitFor('coverageChanged after the record', () => changed().slice(before).find((n) => n.criteria.length));
    assert.deepEqual(notification.criteria, ['CC6.2', 'CC6.3']);
    assert.deepEqual((await criterion('CC6.3')).operating, { status: 'operating', obligations: ['access-review'], missing: 0 });
    assert.deepEqual((await criterion('CC6.2')).operating, { status: 'operating', obligations: ['access-review', 'offboarding-checklist'], missing: 0 });
  });
});
