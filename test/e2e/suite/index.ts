/**
 * Entry of the end-to-end suite (extensionTestsPath): runs inside the VS Code extension host, under
 * test/e2e/run-in-code-server.mjs (CI) or test/e2e/run-in-electron.mjs. Bundled by scripts/build-e2e.mjs.
 */
import Mocha from 'mocha';
import { format } from 'node:util';
import { defineClientSuite, selectScenario } from './client.e2e';
import { defineExtensionSuite } from './extension.e2e';
import { defineLanguageFeaturesSuite } from './languageFeatures.e2e';
import { defineExistingPoliciesSuite } from './existingPolicies.e2e';
import { defineQuestionnairesSuite } from './questionnaires.e2e';
import { defineQuestionnaireReviewSuite } from './questionnaireReview.e2e';
import { defineEvidenceSuite } from './evidence.e2e';
import { defineRisksSuite } from './risks.e2e';

export function run(): Promise<void> {
  // The code-server launcher prints console.log arguments joined, not printf-formatted: format here.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // One bundle, several folders (test/e2e/scenarios.mjs): run the tests of the folder opened.
  selectScenario(mocha);
  // Bundled: there are no spec files to load, so give the suite mocha's globals (describe, it) by hand.
  mocha.suite.emit('pre-require', globalThis, 'extension.e2e', mocha);
  defineExtensionSuite();
  defineLanguageFeaturesSuite();
  defineClientSuite();
  defineExistingPoliciesSuite();
  defineQuestionnairesSuite();
  defineQuestionnaireReviewSuite();
  defineEvidenceSuite();
  defineRisksSuite();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      console.log(`e2e: ${failures ? `${failures} failed` : 'all passed'}`);
      if (failures) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
