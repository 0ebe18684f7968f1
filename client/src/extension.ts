import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCloseGap } from './commands/closeGap';
import { registerExportReport } from './commands/exportReport';
import { registerImportPolicies } from './commands/importPolicies';
import { registerAnswerQuestionnaire } from './commands/answerQuestionnaire';
import { registerImportQuestionnaire } from './commands/importQuestionnaire';
import { registerReviewAnswer } from './commands/reviewAnswer';
import { registerInitWorkspace } from './commands/initWorkspace';
import { registerMarkReviewed } from './commands/markReviewed';
import { registerNewPolicy } from './commands/newPolicy';
import { registerRecordEvidence } from './commands/recordEvidence';
import { registerRefreshCoverage } from './commands/refreshCoverage';
import { registerRestartServer } from './commands/restartServer';
import { registerShowDocumentCoverage } from './commands/showDocumentCoverage';
import { registerShowEvidenceObligation } from './commands/showEvidenceObligation';
import { registerShowGapPanel } from './commands/showGapPanel';
import { registerShowOutput } from './commands/showOutput';
import { CoverageStore } from './coverageStore';
import { createLanguageClient } from './languageClient';
import { TODAY_SETTING } from './settings';
import { ServerControl } from './serverControl';
import { createStatusItem } from './status';
import { createTraceChannel } from './traceChannel';
import { CoverageTree, registerTreeCommands } from './views/coverageTree';
import { EvidenceTree } from './views/evidenceTree';
import { RiskTree } from './views/riskTree';
import { VendorTree } from './views/vendorTree';
import { GapPanel } from './views/gapPanel';
import { QuestionnairePanel, registerReviewQuestionnaire } from './views/questionnairePanel';
import { QuestionnaireTree } from './views/questionnaireTree';

/** What `activate` returns: used by the end-to-end suite, not a stable API. */
export interface Soc2PolicyApi {
  client: LanguageClient;
  coverage: CoverageStore;
  tree: CoverageTree;
  evidence: EvidenceTree;
  risks: RiskTree;
  vendors: VendorTree;
  gapPanel: GapPanel;
  questionnaires: QuestionnaireTree;
  questionnairePanel: QuestionnairePanel;
  output: vscode.LogOutputChannel;
  /** Where `soc2Policy.trace.server` writes. */
  trace: vscode.LogOutputChannel;
  server: ServerControl;
}

export async function activate(context: vscode.ExtensionContext): Promise<Soc2PolicyApi> {
  const output = vscode.window.createOutputChannel('SOC 2 Policy Studio', { log: true });
  const trace = createTraceChannel(vscode.l10n.t('SOC 2 Policy Studio (server trace)'));
  const client = createLanguageClient(context, output, trace);
  const coverage = new CoverageStore(client);
  const server = new ServerControl(client, output, coverage, String(context.extension.packageJSON.version ?? ''));
  const tree = new CoverageTree(coverage);
  const evidence = new EvidenceTree(client);
  const risks = new RiskTree(client);
  const vendors = new VendorTree(client);
  const gapPanel = new GapPanel(context.extensionUri, coverage, risks, evidence);
  const questionnaires = new QuestionnaireTree(client);
  const questionnairePanel = new QuestionnairePanel(context.extensionUri, client, questionnaires);
  const rootUris = () => coverage.current?.coverage.roots.map((r) => r.rootUri) ?? [];

  context.subscriptions.push(
    output, trace, coverage, tree, gapPanel, evidence, risks, vendors, server,
    createStatusItem(coverage),
    registerTreeCommands(tree),
    registerShowGapPanel(gapPanel),
    registerNewPolicy(context.extensionUri, coverage),
    registerInitWorkspace(context.extensionUri, coverage),
    registerMarkReviewed(),
    registerExportReport(client, rootUris),
    registerImportPolicies(client, rootUris),
    registerAnswerQuestionnaire(client),
    questionnaires, questionnairePanel,
    registerImportQuestionnaire(client, rootUris),
    registerReviewQuestionnaire(questionnairePanel, questionnaires),
    registerReviewAnswer(client),
    registerRefreshCoverage(coverage),
    registerShowDocumentCoverage(tree),
    registerShowEvidenceObligation(evidence),
    registerCloseGap(coverage),
    registerRecordEvidence(client, evidence),
    registerRestartServer(server),
    registerShowOutput(output),
    { dispose: () => void client.stop() },
  );

  void server.start();
  // "Today" and trust reach the server only at initialisation: restart it so dates and catalogs are read again.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(TODAY_SETTING)) void server.restart(vscode.l10n.t('{0} changed', TODAY_SETTING));
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void server.restart(vscode.l10n.t('the workspace is now trusted, so custom catalogs load'))),
  );
  return { client, coverage, tree, gapPanel, evidence, risks, vendors, questionnaires, questionnairePanel, output, trace, server };
}

export function deactivate(): Promise<void> | undefined {
  // Subscriptions stop the client; nothing else holds resources.
  return undefined;
}
