import { strict as assert } from 'node:assert';
import { openWorkspace, ROOT } from '../helpers/coreHarness';
import { headingNames, normalizeHeading } from '../../server/src/core/rules/requiredSections';
import { addCycle, parseDate } from '../../server/src/core/dates';

const configFindings = async (config: string) => {
  const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': config });
  return analyzer.findings(`${ROOT}/soc2-policy.yaml`).filter((f) => f.code === 'config-invalid').map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
};

describe('workspace config', () => {
  it('reports errors at their position', async () => {
    const found = await configFindings('scope:\n  categories: [security, avail]\n  exclusions:\n    - criteria: [CC6.4]\nrules:\n  unknown-rule: warning\n  missing-section: loud\ncolour: red\n');
    assert.ok(found.some((f) => f.startsWith('2:26') && /must be one of/.test(f)), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('4:') && /reason/.test(f)), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('7:20') && /must be one of/.test(f)), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('8:1') && /Unknown setting "colour"/.test(f)), found.join('\n'));
  });

  it('reports an unknown rule code by name', async () => {
    const found = await configFindings('rules:\n  unknown-rule: warning\n');
    assert.deepEqual(found.length, 1);
    assert.match(found[0], /^2:3 Unknown rule "unknown-rule"/);
  });

  it('reports YAML syntax errors in the config', async () => {
    const found = await configFindings('scope:\n  categories: [security\n');
    assert.ok(found.length >= 1);
    assert.match(found[0], /YAML error/);
  });

  it('keeps the valid parts of a config that has an error elsewhere', async () => {
    const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': 'scope:\n  categories: [security, availability]\nrules:\n  missing-section: loud\n' });
    assert.deepEqual(analyzer.currentConfig.scope.categories, ['security', 'availability']);
  });

  it('an empty config file is valid', async () => {
    assert.deepEqual(await configFindings(''), []);
    assert.deepEqual(await configFindings('# only a comment\n'), []);
  });
});

describe('headings and dates', () => {
  it('matches headings regardless of numbering, case, punctuation and "and"', () => {
    assert.equal(normalizeHeading('2.1 Roles & Responsibilities:'), 'roles and responsibilities');
    assert.equal(normalizeHeading('A. Purpose'), 'purpose');
    assert.deepEqual(headingNames('Purpose and Scope'), ['purpose and scope', 'purpose', 'scope']);
  });

  it('adds review cycles by calendar month, clamping to the month end', () => {
    assert.deepEqual(addCycle(parseDate('2026-01-31')!, { amount: 1, unit: 'months' }), { year: 2026, month: 2, day: 28 });
    assert.deepEqual(addCycle(parseDate('2024-02-29')!, { amount: 1, unit: 'years' }), { year: 2025, month: 2, day: 28 });
    assert.deepEqual(parseDate('Jun 1 2018'), { year: 2018, month: 6, day: 1 });
    assert.equal(parseDate('2026-02-30'), undefined);
  });
});

describe('config robustness', () => {
  it('a misspelt category or severity drops only that value', async () => {
    const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': 'scope:\n  categories: [availabilty, confidentiality]\nrules:\n  missing-section: loud\n  empty-section: off\n' });
    assert.deepEqual(analyzer.currentConfig.scope.categories, ['security', 'confidentiality']);
    assert.equal(analyzer.currentConfig.scope.declared, true, 'the scope stays declared, so gaps are still reported');
    assert.deepEqual(Object.fromEntries(analyzer.currentConfig.rules), { 'empty-section': 'off' });
  });

  it('reports exclusions that are not criteria, with a suggestion', async () => {
    const found = await configFindings('scope:\n  exclusions:\n    - criteria: [cc6.4, CC6.4.1, CC6.5]\n      reason: Cloud only\n');
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /^3:18 Exclusion "cc6.4" is not a TSC criterion. Did you mean CC6.4\?/);
    assert.match(found[1], /^3:25 CC6.4.1 is a point of focus/);
  });
});
