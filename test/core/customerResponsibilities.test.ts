import { strict as assert } from 'node:assert';
import { markedRanges, openWorkspace, ROOT } from '../helpers/coreHarness';

/**
 * customer-responsibility-unstated on small in-memory workspaces: where the finding sits and what it says. The
 * fixture folders under fixtures/rules/customer-responsibilities* cover the matching cases line by line.
 */
const CODE = 'customer-responsibility-unstated';

const description = (items: string, heading = '## Complementary User Entity Controls') => `---
title: System Description
type: narrative
owner: Head of Security
controls: []
---

# System Description

${heading}

${items}
`;

const customerDocument = (body: string, frontMatter = 'id: customer-responsibilities') => `---
title: What Customers Do
owner: Customer Success
${frontMatter}
controls: []
---

# What Customers Do

${body}
`;

async function findings(files: Record<string, string>) {
  const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': 'scope:\n  categories: [security]\n', ...files });
  return { analyzer, found: analyzer.allFindings().filter((f) => f.code === CODE) };
}

describe('customer-responsibility-unstated', () => {
  it('reports an unstated responsibility on its list item, without the bullet, with the text in the message', async () => {
    const marked = description('- Customers manage the accounts of their own users.\n- [[Customers rotate their **API keys** every year.]]\n');
    const { text, ranges } = markedRanges(marked);
    const { found } = await findings({ 'narratives/system-description.md': text, 'customer.md': customerDocument('Customers manage the accounts of their own users.') });
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    const [finding] = found;
    assert.equal(finding.file, `${ROOT}/narratives/system-description.md`);
    assert.deepEqual(finding.span, ranges[0]);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /^Customer responsibility "Customers rotate their API keys every year\." is declared in the system description but no customer-facing document states it \(customer-responsibilities\)\./);
  });

  it('is quiet when the responsibility is stated, verbatim or in other words with most of its content words', async () => {
    const { found } = await findings({
      'narratives/system-description.md': description('- Customers are responsible for reviewing the access rights of their users every quarter, and for documenting it.\n- Customers keep their API keys secret.\n'),
      'customer.md': customerDocument('Review your users\' access rights each quarter.\n\n- Keep your API keys secret.'),
    });
    assert.deepEqual(found.map((f) => f.message), []);
  });

  it('needs most content words in one passage, not scattered over the document', async () => {
    const { found } = await findings({
      'narratives/system-description.md': description('- Customers encrypt exported reports before sharing them.\n'),
      'customer.md': customerDocument('We encrypt traffic.\n\nExported data is yours.\n\nReports are generated nightly.\n\nSharing is disabled by default.'),
    });
    assert.equal(found.length, 1);
    assert.match(found[0].message, /The closest passage, in customer-responsibilities, has 1 of its 4 key words\./);
  });

  it('reports an item once when a responsibilities section sits inside the other, and leaves nested detail items out of its words', async () => {
    const items = '- Customers keep their API keys secret.\n  - Details: never paste them into tickets, chats or screenshots.\n';
    const { found } = await findings({
      'narratives/system-description.md': description(`### Customer Responsibilities\n\n${items}`),
      'customer.md': customerDocument('Store your API keys in a vault.'),
    });
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    assert.match(found[0].message, /"Customers keep their API keys secret\." .* has 2 of its 4 key words/);
  });

  it('reports once on the section heading when no document is customer-facing', async () => {
    const marked = description('- Customers manage their users.\n- Customers keep their API keys secret.\n', '## [[customer responsibilities]]');
    const { text, ranges } = markedRanges(marked);
    const { found } = await findings({ 'narratives/system-description.md': text });
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].span, ranges[0]);
    assert.match(found[0].message, /"customer responsibilities" declares 2 customer responsibilities, but no document is customer-facing \(front matter audience: customer/);
  });

  it('takes the configured globs instead of the default, and says when they match nothing', async () => {
    const files = {
      'narratives/system-description.md': description('- Customers keep their API keys secret.\n'),
      'guides/keys.md': customerDocument('Keep your API keys secret.', 'audience: customer'),
    };
    assert.equal((await findings(files)).found.length, 0, 'audience: customer counts by default');
    const configured = await openWorkspace({ ...files, 'soc2-policy.yaml': 'customerResponsibilities:\n  customerFacing: [legal/**]\n' });
    const found = configured.analyzer.allFindings().filter((f) => f.code === CODE);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /customerResponsibilities\.customerFacing in soc2-policy\.yaml \(legal\/\*\*\) matches no document/);
  });

  it('follows edits: a responsibility removed from the customer document is reported again', async () => {
    const { analyzer } = await findings({
      'narratives/system-description.md': description('- Customers keep their API keys secret.\n'),
      'customer.md': customerDocument('Keep your API keys secret.'),
    });
    assert.equal(analyzer.allFindings().filter((f) => f.code === CODE).length, 0);
    analyzer.updateDocument(`${ROOT}/customer.md`, customerDocument('Nothing about keys here.'));
    assert.equal(analyzer.allFindings().filter((f) => f.code === CODE).length, 1);
  });

  it('ignores other sections and retired descriptions (no customer-facing document here, so anything checked would be reported)', async () => {
    const { found } = await findings({
      'narratives/system-description.md': description('- Customers keep their API keys secret.\n', '## Services'),
      'narratives/old-system-description.md': description('- Customers keep their API keys secret.\n').replace('owner:', 'status: retired\nowner:'),
    });
    assert.deepEqual(found.map((f) => f.message), []);
  });

  it('leaves alone a description that is itself customer-facing', async () => {
    const shared = description('- Customers keep their API keys secret.\n').replace('type: narrative', 'type: narrative\naudience: customer');
    assert.deepEqual((await findings({ 'narratives/system-description.md': shared })).found.map((f) => f.message), []);
    assert.equal((await findings({ 'narratives/system-description.md': shared.replace('audience: customer', 'audience: internal') })).found.length, 1);
  });
});
