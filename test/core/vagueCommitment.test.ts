import { strict as assert } from 'node:assert';
import { openWorkspace, ROOT } from '../helpers/coreHarness';
import { effectiveTerms } from '../../server/src/core/rules/vagueCommitment';

const vague = async (body: string, config?: string) => {
  const { analyzer } = await openWorkspace({ 'p.md': `---\ntitle: P\ncontrols: [CC6.1]\n---\n\n${body}`, ...(config ? { 'soc2-policy.yaml': config } : {}) });
  return analyzer.findings(`${ROOT}/p.md`).filter((f) => f.code === 'vague-commitment');
};

describe('vague-commitment', () => {
  it('says what is missing and offers concrete wording, keeping capitals', async () => {
    const [finding] = await vague('Periodically, owners review access.\n');
    assert.match(finding.message, /state a frequency/);
    assert.deepEqual(finding.fixes!.map((f) => f.edits[0].newText), ['At least quarterly', 'At least annually', 'Monthly']);
  });

  it('leaves headings, quotes, quoted phrases and code alone', async () => {
    assert.deepEqual(await vague('## Reviewed regularly\n\n> regularly\n\nThe term "as needed" is banned; `should` too.\n\n    periodically\n'), []);
  });

  it('takes extra and allowed words from soc2-policy.yaml', async () => {
    const config = 'vagueCommitment:\n  words: [best effort]\n  allow: [should]\n';
    const findings = await vague('Staff should patch with best effort.\n', config);
    assert.deepEqual(findings.map((f) => f.subject), ['best effort']);
    assert.ok(!effectiveTerms({ words: [], allow: ['should'] }).some((t) => t.phrase === 'should'));
  });
});
