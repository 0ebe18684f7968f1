import { strict as assert } from 'node:assert';
import type { MarkupContent } from 'vscode-languageserver';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { provideCompletion } from '../../server/src/features/completion';
import { documentDiagnostics } from '../../server/src/features/diagnostics';
import { provideHover } from '../../server/src/features/hover';
import { FULL_CLIENT } from '../../server/src/session/capabilities';
import { MemoryDocuments } from '../../server/src/session/memoryDocuments';
import { PolicySession } from '../../server/src/session/session';
import { pathToUri } from '../../server/src/session/uris';
import { sharedBuiltins, TODAY } from '../helpers/coreHarness';

const POLICY = `---
title: Vendor Policy
owner: Head of Security
type: narrative
status: approved
controls: [CC9.2, CC9.9]
effective: 2026-01-15
last_reviewed: 2026-06-01
---

# Vendor Policy

We review vendors (CC9.2) every year.
`;

/** The session and feature providers without a connection: what the benchmark drives. */
describe('language server features in process', () => {
  it('computes fresh diagnostics, hover and completion on an in-memory workspace', async () => {
    const documents = new MemoryDocuments();
    const disk = new InMemoryWorkspace({ '/ws/policies/vendor.md': POLICY, '/ws/soc2-policy.yaml': 'scope:\n  categories: [security]\n' });
    const session = new PolicySession({ documents, disk, builtins: await sharedBuiltins(), today: () => TODAY });
    const ctx = { session, client: FULL_CLIENT };
    try {
      await session.start([{ uri: pathToUri('/ws'), name: 'ws' }]);
      const uri = pathToUri('/ws/policies/vendor.md');
      documents.open(uri, POLICY);
      session.didOpen(uri);
      const first = await documentDiagnostics(ctx, uri);
      assert.deepEqual(first!.diagnostics.map((d) => d.code), ['unknown-criterion']);

      documents.update(uri, POLICY.replace(', CC9.9]', ']'));
      session.didChange(uri);
      const second = await documentDiagnostics(ctx, uri);
      assert.equal(second!.version, 2, 'computed on the latest text, without waiting for the debounce');
      assert.deepEqual(second!.diagnostics, []);

      const hover = await provideHover(ctx, { textDocument: { uri }, position: { line: 12, character: 20 } });
      assert.match((hover!.contents as MarkupContent).value, /\*\*CC9\.2\*\*[\s\S]*\[Vendor Policy\]\(file:\/\/\/ws\/policies\/vendor\.md\)/);

      documents.update(uri, POLICY.replace(', CC9.9]', ', ]'));
      session.didChange(uri);
      // `controls: [CC9.2, |]`
      const completion = await provideCompletion(ctx, { textDocument: { uri }, position: { line: 5, character: 18 } });
      const labels = completion.items.map((i) => i.label);
      assert.ok(labels.includes('CC9.1') && !labels.includes('CC9.2') && !labels.includes('A1.1'), labels.join(' '));
      assert.equal(await documentDiagnostics(ctx, pathToUri('/elsewhere/x.md')), undefined);

      // A strongdm/comply block list: `satisfies: TSC:` items.
      const comply = pathToUri('/ws/policies/comply.md');
      documents.open(comply, 'name: Access Policy\nsatisfies:\n  TSC:\n    - CC6.1\n    - CC\n---\n\n# Purpose\n\nText.\n');
      session.didOpen(comply);
      const block = await provideCompletion(ctx, { textDocument: { uri: comply }, position: { line: 4, character: 8 } });
      const blockLabels = block.items.map((i) => i.label);
      assert.ok(blockLabels.includes('CC6.2') && !blockLabels.includes('CC6.1'), blockLabels.join(' '));
      // A client that takes list defaults (FULL_CLIENT) gets the range the id replaces once, for every item.
      assert.deepEqual(block.itemDefaults?.editRange, { start: { line: 4, character: 6 }, end: { line: 4, character: 8 } });
      assert.equal(block.items.find((i) => i.label === 'CC6.2')!.textEdit, undefined);
    } finally {
      session.dispose();
    }
  });
});
