import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CatalogSet } from '../../server/src/core/catalog/catalog';
import { PolicyAnalyzer } from '../../server/src/core/analyzer';
import { parsePolicyDocument } from '../../server/src/core/parse/policyDocument';
import { expandAbbreviations, NO_ABBREVIATIONS, parseAbbreviations } from '../../server/src/core/suggest/abbreviations';
import { buildSuggestionIndex } from '../../server/src/core/suggest/index';
import { parseVocabulary } from '../../server/src/core/suggest/vocabulary';
import { answeringContext, workspaceSections } from '../../server/src/core/questionnaires/workspaceSections';
import { buildSectionIndex } from '../../server/src/core/questionnaires/match';
import { draftAnswer } from '../../server/src/core/questionnaires/draft';
import { loadBuiltins } from '../../server/src/node/builtins';
import { NodeWorkspace } from '../../server/src/node/nodeWorkspace';
import { openWorkspace, sharedBuiltins, TODAY } from '../helpers/coreHarness';

const CATALOG_DIR = path.join(__dirname, '../../controls-catalog/tsc');
const VOCABULARY = readFileSync(path.join(CATALOG_DIR, 'vocabulary.yaml'), 'utf8');
const ABBREVIATIONS = readFileSync(path.join(CATALOG_DIR, 'abbreviations.yaml'), 'utf8');

const cited = (answer: { citations: { document: string; section: string }[] }) => answer.citations.map((c) => `${c.document}#${c.section}`);

describe('questionnaire abbreviations', () => {
  const small = parseAbbreviations('abbreviations:\n  MFA: multi-factor authentication\n  SOC 2: SOC 2 audit report\n  SOC: security operations center\n  CI/CD: continuous integration and deployment\n  HA: high availability\n  VPN: virtual private network\nsynonyms:\n  leaver: terminated employees\n');

  it('adds each meaning after its abbreviation, longest key first, in any case and in the plural', () => {
    assert.deepEqual(small.problems, []);
    const expand = (text: string) => expandAbbreviations(text, small.abbreviations);
    assert.equal(expand('Is MFA enforced?'), 'Is MFA (multi-factor authentication) enforced?');
    assert.equal(expand('mfa for VPNs'), 'mfa (multi-factor authentication) for VPNs (virtual private network)');
    assert.equal(expand('A SOC 2 report and a 24/7 SOC'), 'A SOC 2 (SOC 2 audit report) report and a 24/7 SOC (security operations center)');
    assert.equal(expand('CI/CD pipelines'), 'CI/CD (continuous integration and deployment) pipelines');
    assert.equal(expand('How fast are leavers removed?'), 'How fast are leavers (terminated employees) removed?');
    // "has" is not the plural of "HA", and meanings are not expanded again.
    assert.equal(expand('Has the plan been tested?'), 'Has the plan been tested?');
    assert.equal(expand('Are HA setups tested?'), 'Are HA (high availability) setups tested?');
    assert.equal(expandAbbreviations('Is MFA enforced?', NO_ABBREVIATIONS), 'Is MFA enforced?');
  });

  it('reports bad entries with their position and keeps the good ones', () => {
    const text = 'abbreviations:\n  MFA: multi-factor authentication\n  mfa: again\n  one two three four five: too long\n  EDR: ""\nsynonyms: [not, a, map]\n';
    const { abbreviations, problems } = parseAbbreviations(text);
    assert.deepEqual(
      problems.map((p) => [p.message, text.slice(p.span.start, p.span.end)]),
      [
        ['"mfa" is listed twice (also as "MFA"); keep one', 'mfa'],
        ['"one two three four five": a key is one to 4 words', 'one two three four five'],
        ['"EDR" needs a meaning of 1 to 200 characters', '""'],
        ['"synonyms" must map each abbreviation to its meaning', '[not, a, map]'],
      ],
    );
    assert.equal(expandAbbreviations('MFA', abbreviations), 'MFA (multi-factor authentication)');
    assert.match(parseAbbreviations('abbreviations: [').problems[0].message, /./);
    assert.match(parseAbbreviations('- a list').problems[0].message, /needs "abbreviations:"/);
  });

  it('the built-in file is read once with the builtins, without problems', async () => {
    const builtins = await sharedBuiltins();
    assert.ok(builtins.abbreviations && builtins.abbreviations.byFirstWord.size > 50);
    assert.deepEqual(parseAbbreviations(ABBREVIATIONS).problems, []);
    const loaded = await loadBuiltins();
    assert.deepEqual(loaded.findings.filter((f) => f.file.endsWith('abbreviations.yaml')), []);
  });

  it('a question using only the abbreviation cites the same section as the spelled-out question', async () => {
    const policy = `---
title: Access Control Policy
controls: [CC6.1, CC6.3]
---
# Access Control Policy

## Signing in

<!-- controls: CC6.1 -->
Every person signs in with multi-factor authentication; a code sent by SMS is not accepted.

## Privileged accounts

<!-- controls: CC6.3 -->
Admin rights are given only to on-call engineers, and the role catalogue is enforced for admins by the identity team.
`;
    const catalogs = new CatalogSet((await sharedBuiltins()).catalogs);
    const lookup = workspaceSections([parsePolicyDocument('/ws/policies/access.md', policy)], '/ws', catalogs);
    const indexWith = (abbreviations = NO_ABBREVIATIONS) => buildSectionIndex(lookup.sections, buildSuggestionIndex(catalogs.tsc.controls, parseVocabulary(VOCABULARY), abbreviations));
    const index = indexWith(parseAbbreviations(ABBREVIATIONS).abbreviations);
    const spelled = draftAnswer('Is multi-factor authentication enforced for administrators?', index);
    const abbreviated = draftAnswer('Is 2FA enforced for admins?', index);
    assert.deepEqual(cited(spelled), ['policies/access.md#signing-in']);
    assert.deepEqual(cited(abbreviated), cited(spelled));
    assert.ok(abbreviated.criteria.includes('CC6.1'), abbreviated.criteria.join());
    // Without the expansion "enforced for admins" points at the wrong section: the test above can fail.
    assert.notDeepEqual(cited(draftAnswer('Is 2FA enforced for admins?', indexWith())), cited(spelled));
  });
});

describe('questionnaire answers about excluded and carved-out criteria', function () {
  this.timeout(60000);

  it('answers n/a with the exclusion reason for an excluded criterion, and only for questions clearly about it', async () => {
    const { analyzer } = await openWorkspace({
      'soc2-policy.yaml': 'scope:\n  categories: [security]\n  exclusions:\n    - criteria: [CC6.4]\n      reason: We run no offices or data centres of our own; staff work remotely.\n',
      'policies/access.md': '---\ntitle: Access Control Policy\ncontrols: [CC6.1]\n---\n# Access Control Policy\n\n## Signing in\n\nEvery person signs in with multi-factor authentication.\n',
    });
    const context = answeringContext(analyzer);
    const index = buildSectionIndex(context.lookup.sections, analyzer.suggestionIndex());
    const options = { exclusions: context.exclusions, carveOuts: context.carveOuts };
    const physical = draftAnswer('Describe physical security controls at your data centers', index, options);
    assert.equal(physical.value, 'n/a');
    assert.match(physical.text, /^Not applicable: .*\(CC6\.4\) is excluded from the scope of our SOC 2 audit\. We run no offices or data centres of our own; staff work remotely\.$/);
    assert.deepEqual(physical.citations, []);
    assert.notEqual(draftAnswer('Is MFA enforced?', index, options).value, 'n/a');
    assert.notEqual(draftAnswer('What is the weather like?', index, options).value, 'n/a');
  });

  it('on examples/acme-saas, cites the AWS carve-out and our vendor monitoring instead of claiming our own policy covers physical security', async () => {
    const builtins = await sharedBuiltins();
    const root = path.resolve(__dirname, '../../examples/acme-saas').replace(/\\/g, '/');
    const analyzer = await PolicyAnalyzer.open({ root, workspace: new NodeWorkspace(), builtins, today: () => TODAY });
    const context = answeringContext(analyzer);
    assert.deepEqual([...context.carveOuts.keys()].sort(), ['CC6.4', 'CC6.5']);
    const index = buildSectionIndex(context.lookup.sections, analyzer.suggestionIndex());
    const options = { exclusions: context.exclusions, carveOuts: context.carveOuts };

    const physical = draftAnswer('Describe physical security controls at your data centers', index, options);
    assert.deepEqual(cited(physical), ['vendors/aws.md#amazon-web-services', 'policies/vendor-management-policy.md#vendor-risk-assessment']);
    assert.equal(physical.value, 'yes', 'the vendor management policy maps CC9.2 and names AWS');
    assert.match(physical.text, /carried by our subservice organization Amazon Web Services \(carve-out method\), not by our own policies: physical access to data centres is restricted/);
    assert.match(physical.text, /We monitor Amazon Web Services/);
    assert.equal(physical.citations[0].hash, context.lookup.find('vendors/aws.md', 'amazon-web-services')!.hash);

    // CC6.5 is carved out too, but our own section tagged CC6.5 answers for laptops: our policy, not AWS.
    assert.deepEqual(cited(draftAnswer('Are laptops wiped before they are disposed of?', index, options)), ['policies/data-handling-standard.md#33-disposal-of-equipment-and-media']);
    // Our office is not AWS's data centre: no carve-out claim for a question that shares nothing with AWS's controls.
    assert.ok(!cited(draftAnswer('Do visitors sign in at your office?', index, options)).some((c) => c.startsWith('vendors/')));
  });

  it('answers partial, citing the vendor file, when no approved document monitors the vendor', async () => {
    const { analyzer } = await openWorkspace({
      'soc2-policy.yaml': 'scope:\n  categories: [security]\n',
      'policies/access.md': '---\ntitle: Access Control Policy\nstatus: approved\ncontrols: [CC6.1]\n---\n# Access Control Policy\n\n## Signing in\n\nEvery person signs in with multi-factor authentication.\n',
      'vendors/colo.md':
        '---\nid: colo\nname: Harbour Colocation\ncriticality: critical\nmethod: carve-out\ncsocs:\n  - control: Entry to the data hall needs a badge and is logged.\n    criteria: [CC6.4]\n---\n# Harbour Colocation\n\nOur servers stand in a cage at Harbour Colocation, which runs the physical security of the building.\n',
    });
    const context = answeringContext(analyzer);
    const index = buildSectionIndex(context.lookup.sections, analyzer.suggestionIndex());
    const answer = draftAnswer('Is physical access to the data center badge-controlled?', index, { exclusions: context.exclusions, carveOuts: context.carveOuts });
    assert.equal(answer.value, 'partial');
    assert.deepEqual(cited(answer), ['vendors/colo.md#harbour-colocation']);
    assert.match(answer.text, /^Partially\. .* is carried by our subservice organization Harbour Colocation .*: entry to the data hall needs a badge and is logged\. No approved document that maps vendor monitoring \(CC9\.2\) names Harbour Colocation yet\.$/);
  });
});
