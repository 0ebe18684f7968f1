import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CompletionList } from 'vscode-languageserver-protocol';
import type { RisksResult } from '../../server/src/protocol';
import { LspClient, positionOf, uriOf, useServerOn } from './lspHarness';

/** A custom matrix with its own level names, to see the configuration reloaded. */
const MATRIX = `likelihood: [Rare, Unlikely, Possible, Likely, Almost certain]
impact: [Minor, Moderate, Major, Severe, Critical]
levels:
  - {id: low, name: Calm, color: "#2e7d32", review: 12 months}
  - {id: moderate, name: Watch, color: "#f9a825", review: 6 months}
  - {id: severe, name: Alarm, color: "#c62828", review: 3 months}
grid:
  - [low, low, low, moderate, moderate]
  - [low, low, moderate, moderate, severe]
  - [low, moderate, moderate, severe, severe]
  - [moderate, moderate, severe, severe, severe]
  - [moderate, severe, severe, severe, severe]
`;

/** Risks and vendors in the language server, on a copy of examples/acme-saas (today 2026-12-01). */
describe('language server over stdio: risks and vendors', function () {
  this.timeout(60000);
  const server = useServerOn('examples/acme-saas');
  let client: LspClient;
  before(() => (client = server.client));

  const hoverAt = async (uri: string, needle: string, after = '') =>
    (await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), needle, after) }))?.contents.value ?? '';

  it('hover on a risk id in its own file shows title, owner, levels, treatment and mitigations', async () => {
    const uri = await client.open('risks/R-001.md');
    const value = await hoverAt(uri, 'R-001', 'id: ');
    assert.match(value, /R-001\*\* — Compromised administrator credentials/);
    assert.match(value, /Owner: CTO/);
    assert.match(value, /Inherent: Critical \(likelihood 4 × impact 5 = 20\)/);
    assert.match(value, /Residual: Moderate \(likelihood 2 × impact 4 = 8\)/);
    assert.match(value, /Treatment: mitigate/);
    assert.match(value, /access-control-policy\.md#authentication-and-logical-access/);
  });

  it('hover on a risk id mentioned in a policy, and on a vendor id', async () => {
    const uri = await client.open('policies/risk-management-policy.md');
    await client.change(uri, `${client.text(uri)}\nSee R-007 for laptops; aws carries physical security.\n`);
    const risk = await hoverAt(uri, 'R-007', 'See ');
    assert.match(risk, /Malware on employee laptops/);
    assert.match(risk, /Inherent: High[\s\S]*Residual: High .*no residual rating yet/);
    assert.match(risk, /Treatment: transfer/);
    const vendor = await hoverAt(uri, 'aws', 'laptops; ');
    assert.match(vendor, /Amazon Web Services\*\* \(aws\)/);
    assert.match(vendor, /Criticality: critical/);
    assert.match(vendor, /SOC 2 report: current .*period end 2026-03-31/);
    assert.match(vendor, /Carved-out criteria: CC6\.4, CC6\.5/);
    // A word that is no id: the usual hover (none here).
    assert.equal(await hoverAt(uri, 'laptops', 'See '), '');
  });

  it('completes section links and obligation ids in a risk\'s mitigations', async () => {
    const uri = await client.open('risks/R-007.md');
    await client.change(uri, client.text(uri).replace('  - policies/operations-security-policy.md#protection-against-malicious-software\n', '  - policies/operations-security-policy.md#protection-against-malicious-software\n  - \n'));
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(client.text(uri), '\n', 'software\n  - ') });
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('policies/access-control-policy.md#authentication-and-logical-access'), labels.slice(0, 20).join(', '));
    assert.ok(labels.every((l) => l.startsWith('obligation:') || /^(policies|procedures)\/.+\.md#[\p{L}\p{N}_-]+$/u.test(l)), labels.filter((l) => !l.includes('#')).join(', '));
    // Not in other lists: `criteria` keeps its criterion completion.
    const criteria = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(client.text(uri), ']', 'criteria: [CC6.8') });
    assert.ok(!criteria.items.some((i) => String(i.label).includes('#')), criteria.items.slice(0, 5).map((i) => i.label).join(', '));
    await client.change(uri, client.text(uri).replace('software\n  - \n', 'software\n'));
  });

  it('answers soc2Policy/risks with the register and reloads when risk-matrix.yaml changes', async () => {
    const before = await client.request<RisksResult>('soc2Policy/risks', {});
    const [root] = before.roots;
    assert.equal(root.risks.length, 10);
    assert.deepEqual(root.levels.map((l) => l.id), ['low', 'moderate', 'high', 'critical']);
    const r001 = root.risks.find((r) => r.id === 'R-001')!;
    assert.equal(r001.inherent?.level, 'critical');
    assert.equal(r001.residual?.level, 'moderate');
    assert.equal(r001.uri, uriOf(path.join(server.workspace.dir, 'risks/R-001.md')));
    assert.equal(r001.range.start.line, 1);
    assert.ok(root.heatMap.residual.flat().some((cell) => cell.risks.includes('R-001') && cell.likelihood === 2 && cell.impact === 4));

    const notified = client.notifications.filter((n) => n.method === 'soc2Policy/risksChanged').length;
    const matrix = path.join(server.workspace.dir, 'risk-matrix.yaml');
    writeFileSync(matrix, MATRIX);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(matrix), type: 1 }] });
    await client.waitFor('soc2Policy/risksChanged', () => client.notifications.filter((n) => n.method === 'soc2Policy/risksChanged').length > notified);
    const after = await client.request<RisksResult>('soc2Policy/risks', {});
    assert.deepEqual(after.roots[0].levels.map((l) => l.name), ['Calm', 'Watch', 'Alarm']);
    const uri = await client.open('risks/R-001.md');
    assert.match(await hoverAt(uri, 'R-001', 'id: '), /Inherent: Alarm[\s\S]*Residual: Watch/);
  });
});
