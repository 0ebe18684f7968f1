import { strict as assert } from 'node:assert';
import { CompletionItemTag, type MarkupContent } from 'vscode-languageserver';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { provideCompletion, resolveCompletionItem } from '../../server/src/features/completion';
import { provideHover } from '../../server/src/features/hover';
import { FULL_CLIENT } from '../../server/src/session/capabilities';
import { MemoryDocuments } from '../../server/src/session/memoryDocuments';
import { PolicySession } from '../../server/src/session/session';
import { SettingsCache } from '../../server/src/session/settings';
import { pathToUri } from '../../server/src/session/uris';
import { sharedBuiltins, TODAY } from '../helpers/coreHarness';

const POLICY = `---
title: Communication Policy
owner: Head of Security
type: policy
status: approved
controls: [CC2.2, CC2.2.9, CC6.1.9]
frameworks:
  iso27001: [A.5.3, A.8.34]
---

# Communication Policy

Staff learn their duties (CC2.2).
`;

/** Position of the first occurrence of `needle` (after `after`, if given), one character in. */
function at(text: string, needle: string, after = ''): { line: number; character: number } {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0) + 1;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Hover and completion over the catalog's applicability data, numbering note and mapping reasons. */
describe('catalog fidelity in hover and completion', () => {
  let session: PolicySession;
  let documents: MemoryDocuments;
  const uri = pathToUri('/ws/policies/communication.md');
  const ctx = () => ({ session, client: FULL_CLIENT });
  const hover = async (position: { line: number; character: number }, text = POLICY) => {
    documents.update(uri, text);
    session.didChange(uri);
    const result = await provideHover(ctx(), { textDocument: { uri }, position });
    return (result!.contents as MarkupContent).value;
  };

  beforeEach(async () => {
    documents = new MemoryDocuments();
    const disk = new InMemoryWorkspace({ '/ws/policies/communication.md': POLICY, '/ws/soc2-policy.yaml': 'scope:\n  categories: [security, availability]\n' });
    // Every point of focus in the hover, so the order of the whole list shows.
    const settings = new SettingsCache(async () => ({ hover: { maxPointsOfFocus: 20 } }));
    session = new PolicySession({ documents, disk, builtins: await sharedBuiltins(), today: () => TODAY, settings });
    await session.start([{ uri: pathToUri('/ws'), name: 'ws' }]);
    documents.open(uri, POLICY);
    session.didOpen(uri);
  });
  afterEach(() => session.dispose());

  it('says that point-of-focus numbers are our own, and when a point of focus does not apply', async () => {
    const point = await hover(at(POLICY, 'CC2.2.9'));
    assert.match(point, /\*\*CC2\.2\.9\*\* — Build privacy awareness among staff/);
    assert.match(point, /Not applicable: Privacy is not in this workspace's scope/);
    assert.match(point, /numbers are this product's own: the AICPA text lists points of focus without numbers/);
    const credentials = await hover(at(POLICY, 'CC6.1.9'));
    assert.match(credentials, /Register systems before issuing credentials/);
    assert.doesNotMatch(credentials, /Not applicable/);
  });

  it('lists a criterion\'s points of focus with those out of scope last, struck through and labelled', async () => {
    const criterion = await hover(at(POLICY, 'CC2.2', 'Staff learn'));
    assert.match(criterion, /Security · CC2 Information and Communication · COSO principle 14/);
    const ids = criterion.split('\n').flatMap((l) => /^- (?:~~)?(CC2\\?\.2\\?\.\d+)/.exec(l)?.[1].replace(/\\/g, '') ?? []);
    assert.deepEqual(ids, ['1', '2', '3', '4', '5', '6', '7', '8', '11', '12', '13', '9', '10'].map((n) => `CC2.2.${n}`));
    const struck = criterion.split('\n').filter((l) => l.startsWith('- ~~'));
    assert.equal(struck.length, 2);
    assert.ok(struck.every((l) => /\*\(not applicable: Privacy not in scope\)\*$/.test(l)), struck.join('\n'));
    assert.ok(criterion.includes("Point-of-focus numbers are this product's own"));
  });

  it('completes a point of focus out of scope greyed (deprecated), labelled and last', async () => {
    const typed = POLICY.replace('controls: [CC2.2, CC2.2.9, CC6.1.9]', 'controls: [CC2.2, CC6.1.9, CC2.2.]');
    documents.update(uri, typed);
    session.didChange(uri);
    const position = at(typed, ']', 'CC2.2.]');
    const list = await provideCompletion(ctx(), { textDocument: { uri }, position: { line: position.line, character: position.character - 1 } });
    const points = list.items.filter((i) => /^CC2\.2\.\d+$/.test(String(i.label)));
    assert.equal(points.length, 13);
    const privacy = points.filter((i) => i.tags?.includes(CompletionItemTag.Deprecated)).map((i) => i.label);
    assert.deepEqual(privacy, ['CC2.2.9', 'CC2.2.10']);
    const item = points.find((i) => i.label === 'CC2.2.9')!;
    assert.match(item.labelDetails!.description!, /not applicable: Privacy not in scope/);
    const sorted = [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0)).map((i) => i.label);
    assert.deepEqual(sorted.slice(-2), ['CC2.2.9', 'CC2.2.10'], 'after every applicable item');
    const system = points.find((i) => i.label === 'CC2.2.11')!;
    assert.equal(system.tags, undefined);
    // The description comes with resolve (the list stays small).
    assert.equal(system.documentation, undefined);
    // FULL_CLIENT takes list defaults: the client puts the list's data on the item it resolves.
    const resolved = await resolveCompletionItem(ctx(), { ...system, data: list.itemDefaults?.data });
    assert.match((resolved.documentation as MarkupContent).value, /system-level engagements/);
  });

  it('gives the reason for every ISO mapping, marks curated entries and lists what the curated list took out', async () => {
    const segregation = await hover(at(POLICY, 'A.5.3'));
    assert.match(segregation, /- Trust Services Criteria: CC1\.3, CC3\.3, CC5\.1, CC6\.3, CC8\.1 \*\(indicative\)\*/);
    assert.match(segregation, /\*\*Why\*\* \(Trust Services Criteria\)/);
    assert.match(segregation, /- CC5\.1 — .+ \*\(curated\)\*/);
    assert.match(segregation, /Curated by SOC 2 Policy Studio/);
    const audit = await hover(at(POLICY, 'A.8.34'));
    assert.match(audit, /- Trust Services Criteria: CC4\.1 \*\(indicative\)\*/);
    assert.match(audit, /- CC4\.1 — Audits and technical tests/);
    assert.match(audit, /Taken out by the curated list:\* CC1\.1, CC1\.5, CC2\.2, CC2\.3, CC3\.1, CC4\.2/);
  });
});
