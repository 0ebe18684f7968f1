import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { customize, parseSkeletons, snippetToText } from '../../client/src/templates/skeletons';
import { categoryOfId, restrictToScope } from '../../client/src/templates/snippetSession';
import { CORE_TEMPLATES, coreTemplatesFor, folderFor, workspaceConfig } from '../../client/src/templates/starterSet';
import { openWorkspace, ROOT } from '../helpers/coreHarness';

const REPO = path.resolve(__dirname, '..', '..');
const skeletons = parseSkeletons(readFileSync(path.join(REPO, 'snippets/soc2-policy.code-snippets'), 'utf8'));

describe('Initialize Workspace: the starter set', () => {
  it('names only templates that exist, and starts Security with the system description and the customer responsibilities', () => {
    const known = new Set(skeletons.map((s) => s.templateId));
    for (const [category, ids] of Object.entries(CORE_TEMPLATES)) assert.deepEqual(ids.filter((id) => !known.has(id)), [], category);
    const security = coreTemplatesFor(['security']);
    assert.ok(security.has('system-description') && security.has('customer-responsibilities'));
    assert.equal(skeletons.find((s) => s.templateId === 'system-description')!.type, 'narrative');
    assert.equal(coreTemplatesFor(['security', 'processing-integrity']).size, security.size + 2, 'change-management is listed once');
  });

  it('writes a soc2-policy.yaml whose exclusion comment sends carve-outs to the vendor files', () => {
    const text = workspaceConfig(['security', 'availability']);
    const comment = text.split('\n').find((l) => l.trimStart().startsWith('# exclusions:'))!;
    assert.match(comment, /only criteria that do not apply to the system at all/);
    assert.match(comment, /a criterion a vendor carries for you is a carve-out, written in vendors\/<id>\.md \(docs\/risks-and-vendors\.md\)/);
    assert.doesNotMatch(text, /reason:.*carve/i, 'the example exclusion is not a carve-out');
    assert.deepEqual(parse(text).scope, { categories: ['security', 'availability'] });
  });

  it('gives a Security workspace documents that raise no finding about scope, front matter, obligations or customer responsibilities', async () => {
    const categories = ['security'];
    const inScope = (id: string) => categories.includes(categoryOfId(id) ?? 'security');
    const files: Record<string, string> = { 'soc2-policy.yaml': workspaceConfig(categories) };
    for (const id of coreTemplatesFor(categories)) {
      const skeleton = skeletons.find((s) => s.templateId === id)!;
      files[`${folderFor(skeleton.type)}/${id}.md`] = snippetToText(customize({ ...skeleton, body: restrictToScope(skeleton.body, inScope) }, { id }));
    }
    const { analyzer } = await openWorkspace(files);
    const unexpected = ['out-of-scope-criterion', 'frontmatter-invalid', 'evidence-obligation-invalid', 'customer-responsibility-unstated', 'config-invalid', 'unknown-criterion'];
    const found = analyzer.allFindings().filter((f) => unexpected.includes(f.code)).map((f) => `${f.file.slice(ROOT.length + 1)} ${f.code} ${f.message}`);
    assert.deepEqual(found, []);
  });
});
