import { strict as assert } from 'node:assert';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, useServerOn } from './lspHarness';

/** The code lens on each evidence obligation, over stdio on a copy of examples/acme-type2 (today 2026-12-01, EXPECTED.md). */
describe('language server over stdio: evidence code lenses', function () {
  this.timeout(60000);
  const server = useServerOn('examples/acme-type2');
  let client: LspClient;
  before(() => (client = server.client));

  const lensesOf = (uri: string) => client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  /** Lens titles on the line of each `- id: <obligation>`, by obligation, of a document opened from disk. */
  const obligationLenses = async (relative: string) => titlesOf(await client.open(relative));
  async function titlesOf(uri: string): Promise<Record<string, string>> {
    const text = client.text(uri);
    const byLine = new Map((await lensesOf(uri)).filter((l) => l.command?.command === 'soc2Policy.showEvidenceObligation').map((l) => [l.range.start.line, l]));
    const found: Record<string, string> = {};
    for (const [line, lens] of byLine) {
      const id = String(lens.command!.arguments![1]);
      assert.equal(line, positionOf(text, id, 'id: ').line, `${id}'s lens sits on its id`);
      assert.equal(lens.command!.arguments![0], uri);
      found[id] = lens.command!.title;
    }
    return found;
  }

  it('counts the samples of each obligation, missing and failed ones, and the next due date', async () => {
    assert.deepEqual(await obligationLenses('policies/access-control.md'), {
      // Q1 recorded, Q2 missing, Q3 an exception (a failed sample), Q4 open until 31 December plus 10 days' grace.
      'access-review': '2 of 4 quarterly samples · 1 missing · 1 failed · next due 2027-01-10',
      'offboarding-checklist': '3 records · per event',
    });
    assert.deepEqual(await obligationLenses('policies/vulnerability-management.md'), {
      'vuln-scan-review': '9 of 12 monthly samples · 1 missing · next due 2026-12-05',
    });
    assert.deepEqual(await obligationLenses('procedures/backup-restore.md'), { 'restore-test': '1 of 1 yearly sample' });
  });

  it('puts a comply procedure\'s lens on its id, next to the coverage lens', async () => {
    const uri = await client.open('procedures/patch.md');
    const lenses = await lensesOf(uri);
    assert.deepEqual(lenses.map((l) => l.command!.command), ['soc2Policy.showDocumentCoverage', 'soc2Policy.showEvidenceObligation']);
    assert.equal(lenses[1].command!.title, '9 of 12 scheduled samples · 1 missing · next due 2026-12-14');
    assert.deepEqual(lenses[1].command!.arguments, [uri, 'patch']);
  });

  it('asks the client to refresh lenses when a new record changes a count, even one that changes no finding', async () => {
    // A per-event record: no window fills and no finding or coverage changes; only the policy's lens does.
    let refreshes = client.countRequests('workspace/codeLens/refresh');
    const event = await client.request<{ text: string }>('soc2Policy/newEvidenceRecord', { obligation: 'offboarding-checklist', performed: '2026-11-02' });
    await client.open('evidence/offboarding-checklist/2026-11-02.md', event.text);
    await client.waitFor('a code lens refresh', () => client.countRequests('workspace/codeLens/refresh') > refreshes);
    assert.equal((await obligationLenses('policies/access-control.md'))['offboarding-checklist'], '4 records · per event');
    refreshes = client.countRequests('workspace/codeLens/refresh');
    const sample = await client.request<{ text: string }>('soc2Policy/newEvidenceRecord', { obligation: 'vuln-scan-review', performed: '2026-07-20' });
    await client.open('evidence/vuln-scan-review/2026-07-20.md', sample.text);
    await client.waitFor('a code lens refresh', () => client.countRequests('workspace/codeLens/refresh') > refreshes);
    assert.equal((await obligationLenses('policies/vulnerability-management.md'))['vuln-scan-review'], '10 of 12 monthly samples · next due 2026-12-05');
  });

  it('says a draft\'s obligations are not checked yet, as the calendar leaves them out', async () => {
    const uri = await client.open('policies/incident-response.md');
    const approved = client.text(uri);
    await client.change(uri, approved.replace('status: approved', 'status: draft'));
    try {
      assert.deepEqual(await titlesOf(uri), { 'incident-tabletop': 'Not checked while the document is draft' });
    } finally {
      await client.change(uri, approved);
    }
  });

  it('shows no lens at all when soc2Policy.codeLens.enable is off', async () => {
    const uri = await client.open('policies/access-control.md');
    const options = client.options as { settings?: Record<string, unknown> };
    options.settings = { codeLens: { enable: false } };
    try {
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      assert.deepEqual(await lensesOf(uri), []);
    } finally {
      options.settings = undefined;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    }
    assert.ok((await lensesOf(uri)).some((l) => l.command?.command === 'soc2Policy.showEvidenceObligation'));
  });
});
