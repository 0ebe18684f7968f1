import { strict as assert } from 'node:assert';
import { applyEdits } from '../../server/src/core/fixes/applyFixes';
import type { Finding } from '../../server/src/core/types';
import { openWorkspace, ROOT } from '../helpers/coreHarness';

/**
 * The quick fix of carve-out-as-exclusion moves the criterion from soc2-policy.yaml to the vendor's csocs: both files
 * edited at once, and the result checked again (no finding left, nothing invalid, the criterion carved out).
 */
const POLICY = `---
title: Vendor Management Policy
owner: Head of Security
status: approved
effective: 2026-01-01
last_reviewed: 2026-06-01
controls: [CC9.2]
---
# Vendor Management Policy

We read the SOC 2 report of every critical vendor each year, Amazon Web Services included.
`;

const vendor = (csocs: string) => `---
id: aws
name: Amazon Web Services
criticality: critical
method: carve-out
${csocs}review_cycle: 12 months
last_reviewed: 2026-06-10
---

# Amazon Web Services

Hosting of the whole platform.
`;

const CSOCS_CC65 = `csocs:
  - control: Storage media are wiped before disposal.
    criteria: [CC6.5]
`;

async function fixOnce(files: Record<string, string>, criterion: string): Promise<{ files: Record<string, string>; fixed: Finding }> {
  const { analyzer } = await openWorkspace(files);
  const finding = analyzer.allFindings().find((f) => f.code === 'carve-out-as-exclusion' && f.subject === criterion);
  assert.ok(finding, `carve-out-as-exclusion on ${criterion}`);
  const fix = finding.fixes?.[0];
  assert.ok(fix, 'the finding offers a fix');
  assert.ok(!fix.preferred, 'moving a criterion is for a person to choose, never --fix');
  const next = { ...files };
  for (const file of new Set(fix.edits.map((e) => e.file ?? finding.file))) {
    const relative = file.slice(ROOT.length + 1);
    next[relative] = applyEdits(files[relative], fix.edits.filter((e) => (e.file ?? finding.file) === file)).text;
  }
  return { files: next, fixed: finding };
}

async function findingsOf(files: Record<string, string>): Promise<string[]> {
  const { analyzer } = await openWorkspace(files);
  return analyzer.allFindings().filter((f) => ['carve-out-as-exclusion', 'config-invalid', 'vendor-invalid', 'frontmatter-invalid'].includes(f.code)).map((f) => `${f.code} ${f.subject ?? ''}`);
}

describe('carve-out-as-exclusion quick fix: moves the criterion to the vendor file', () => {
  it('removes the only exclusion (and the exclusions key) and adds a CSOC after the existing ones', async () => {
    const files = {
      'soc2-policy.yaml': 'scope:\n  categories: [security]\n  exclusions:\n    - criteria: [CC6.4]\n      reason: Carved out to AWS, which runs the data centres.\nreview:\n  defaultCycle: 12 months\n',
      'policies/vendor-management.md': POLICY,
      'vendors/aws.md': vendor(CSOCS_CC65),
    };
    const { files: after } = await fixOnce(files, 'CC6.4');
    assert.equal(after['soc2-policy.yaml'], 'scope:\n  categories: [security]\nreview:\n  defaultCycle: 12 months\n');
    assert.match(after['vendors/aws.md'], /criteria: \[CC6\.5\]\n  - control: "TODO: what Amazon Web Services does for CC6\.4, as its SOC 2 report describes it"\n    criteria: \[CC6\.4\]\nreview_cycle/);
    assert.deepEqual(await findingsOf(after), []);
    const { analyzer } = await openWorkspace(after);
    assert.equal(analyzer.coverage().criteria.find((c) => c.id === 'CC6.4')?.status, 'carved-out');
  });

  it('takes one criterion out of a list, keeps the other exclusions, and adds the csocs key when there is none', async () => {
    const files = {
      'soc2-policy.yaml': [
        'scope:',
        '  categories: [security, privacy]',
        '  exclusions:',
        '    - criteria: [P1.1]',
        '      reason: We collect no personal information from data subjects directly.',
        '    - criteria: [CC6.4, CC6.5]',
        '      reason: Carve-out to Amazon Web Services.',
        '',
      ].join('\n'),
      'policies/vendor-management.md': POLICY,
      'vendors/aws.md': vendor(''),
    };
    const { files: after } = await fixOnce(files, 'CC6.4');
    assert.match(after['soc2-policy.yaml'], /- criteria: \[CC6\.5\]\n/);
    assert.match(after['soc2-policy.yaml'], /- criteria: \[P1\.1\]/);
    assert.match(after['vendors/aws.md'], /last_reviewed: 2026-06-10\ncsocs:\n  - control: "TODO: [^"]*CC6\.4[^"]*"\n    criteria: \[CC6\.4\]\n---\n/);
    assert.deepEqual(await findingsOf(after), ['carve-out-as-exclusion CC6.5']);
    // The second one, from the state the first fix left: now the entry goes, the P1.1 exclusion stays.
    const { files: done } = await fixOnce(after, 'CC6.5');
    assert.doesNotMatch(done['soc2-policy.yaml'], /CC6/);
    assert.match(done['soc2-policy.yaml'], /exclusions:\n    - criteria: \[P1\.1\]\n      reason: We collect/);
    assert.match(done['vendors/aws.md'], /criteria: \[CC6\.4\]\n  - control: "TODO: [^"]*CC6\.5[^"]*"\n    criteria: \[CC6\.5\]\n/);
    assert.deepEqual(await findingsOf(done), []);
  });

  it('only removes the exclusion when the vendor lists the criterion already', async () => {
    const files = {
      'soc2-policy.yaml': 'scope:\n  categories: [security]\n  exclusions:\n    - criteria:\n        - CC6.5\n      reason: AWS carves this out.\n',
      'policies/vendor-management.md': POLICY,
      'vendors/aws.md': vendor(CSOCS_CC65),
    };
    const { files: after, fixed } = await fixOnce(files, 'CC6.5');
    assert.equal(fixed.fixes![0].edits.length, 1);
    assert.equal(after['vendors/aws.md'], files['vendors/aws.md']);
    assert.equal(after['soc2-policy.yaml'], 'scope:\n  categories: [security]\n');
    assert.deepEqual(await findingsOf(after), []);
  });

  it('offers no fix when the reason names no carve-out vendor of the workspace', async () => {
    const { analyzer } = await openWorkspace({
      'soc2-policy.yaml': 'scope:\n  categories: [security]\n  exclusions:\n    - criteria: [CC6.4]\n      reason: Carved out to our colocation provider.\n',
      'policies/vendor-management.md': POLICY,
    });
    const finding = analyzer.allFindings().find((f) => f.code === 'carve-out-as-exclusion');
    assert.ok(finding);
    assert.equal(finding.fixes, undefined);
  });
});
