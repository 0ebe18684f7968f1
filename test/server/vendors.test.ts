import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { VendorsResult } from '../../server/src/protocol';
import { LspClient, uriOf, useServerOn } from './lspHarness';

/** soc2Policy/vendors, what the Vendors view shows, on a copy of examples/acme-saas (today 2026-12-01). */
describe('language server over stdio: vendor inventory', function () {
  this.timeout(60000);
  const server = useServerOn('examples/acme-saas');
  let client: LspClient;
  before(() => (client = server.client));

  it('groups the vendors by the findings on their files, as EXPECTED.md counts them, most urgent first', async () => {
    const { roots: [root] } = await client.request<VendorsResult>('soc2Policy/vendors', {});
    assert.deepEqual(root.vendors.map((v) => [v.id, v.attention]), [
      ['datadog', 'report-stale'],
      ['stripe', 'report-missing'],
      // ok: critical before high before medium, then by id.
      ['aws', 'ok'],
      ['okta', 'ok'],
      ['github', 'ok'],
      ['slack', 'ok'],
    ]);
    const datadog = root.vendors.find((v) => v.id === 'datadog')!;
    assert.deepEqual(datadog.findings.map((f) => f.code), ['vendor-report-stale']);
    assert.equal(datadog.reportPeriodEnd, '2025-09-30');
    assert.equal(datadog.status, 'stale');
    assert.equal(datadog.uri, uriOf(path.join(server.workspace.dir, 'vendors/datadog.md')));
    assert.equal(datadog.range.start.line, 1, 'the id in the front matter');
  });

  it('lists the criteria a carved-out vendor carries, with its CSOCs and who monitors it', async () => {
    const { roots: [root] } = await client.request<VendorsResult>('soc2Policy/vendors', {});
    const aws = root.vendors.find((v) => v.id === 'aws')!;
    assert.equal(aws.method, 'carve-out');
    assert.equal(aws.criticality, 'critical');
    assert.deepEqual(aws.carvedOut.map((c) => [c.criterion, c.monitoredBy]), [['CC6.4', ['risk-management-policy', 'vendor-management-policy']], ['CC6.5', ['risk-management-policy', 'vendor-management-policy']]]);
    assert.match(aws.carvedOut[0].controls[0], /^Physical access to data centres/);
    assert.ok(aws.carvedOut[0].title);
    assert.ok(root.vendors.filter((v) => v.id !== 'aws').every((v) => v.carvedOut.length === 0));
  });

  it('notifies and regroups when a vendor\'s review falls overdue', async () => {
    const uri = await client.open('vendors/okta.md');
    const notified = client.notifications.filter((n) => n.method === 'soc2Policy/vendorsChanged').length;
    await client.change(uri, client.text(uri).replace('last_reviewed: 2026-09-15', 'last_reviewed: 2025-09-15'));
    await client.waitFor('soc2Policy/vendorsChanged', () => client.notifications.filter((n) => n.method === 'soc2Policy/vendorsChanged').length > notified);
    const { roots: [root] } = await client.request<VendorsResult>('soc2Policy/vendors', {});
    assert.deepEqual(root.vendors.slice(0, 3).map((v) => [v.id, v.attention]), [['datadog', 'report-stale'], ['okta', 'review-overdue'], ['stripe', 'report-missing']]);
    assert.match(root.vendors[1].findings[0].message, /Vendor review overdue: Okta/);
  });
});
