import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NewEvidenceRecordRequest, type EvidenceObligationInfo, type EvidenceWindowInfo, type RootEvidence } from '../../../server/src/protocol';
import { Commands } from '../ids';
import { today } from '../settings';
import { validDate } from '../text/frontMatter';
import { refusedInRestrictedMode } from '../trust';
import type { EvidenceNode, EvidenceTree } from '../views/evidenceTree';

/** Arguments from scripts and tests: everything given means no prompt at all. */
export interface RecordEvidenceArgs {
  obligation?: string;
  /** YYYY-MM-DD: the day the control ran. Default: today. */
  date?: string;
  link?: string;
}

type Target = { root: RootEvidence; obligation: EvidenceObligationInfo };

async function pickObligation(tree: EvidenceTree, id: string | undefined): Promise<Target | undefined> {
  if (!tree.obligations().length) await tree.refresh();
  const all = tree.obligations();
  if (id) {
    const found = all.find((t) => t.obligation.id === id);
    if (!found) void vscode.window.showErrorMessage(vscode.l10n.t('SOC 2: no policy or procedure declares the evidence obligation "{0}".', id));
    return found;
  }
  if (!all.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SOC 2: no evidence obligations to record. Declare them under evidence: in a policy or procedure, with a Type II audit period in soc2-policy.yaml.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    all.map((t) => ({ label: t.obligation.id, description: t.obligation.schedule, detail: t.obligation.summary, target: t })),
    { title: vscode.l10n.t('Record Evidence'), placeHolder: vscode.l10n.t('Which obligation did this evidence come from?'), matchOnDescription: true },
  );
  return picked?.target;
}

/** Today, or for a window that has closed, its last day: the record must fall inside the window it fills. */
function defaultDate(window: EvidenceWindowInfo | undefined): string {
  const day = today();
  if (!window || (day >= window.start && day <= window.end)) return day;
  return day < window.start ? window.start : window.end;
}

async function askDate(window: EvidenceWindowInfo | undefined): Promise<string | undefined> {
  const value = defaultDate(window);
  const date = await vscode.window.showInputBox({
    title: vscode.l10n.t('Record Evidence'),
    prompt: vscode.l10n.t('The day the control ran (YYYY-MM-DD)'),
    value,
    validateInput: (text) => (validDate(text.trim()) ? undefined : vscode.l10n.t('A date as YYYY-MM-DD, e.g. {0}', value)),
  });
  return date?.trim();
}

async function askLink(): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Record Evidence'),
    prompt: vscode.l10n.t('A link to the evidence (ticket, URL), or leave empty and add notes in the record'),
  });
}

/**
 * Writes `evidence/<obligation>/<date>.md` (the server picks a free name and renders the record, as the CLI
 * does) with a workspace edit that refuses to overwrite, then opens it for notes. Returns the record's URI.
 */
export async function recordEvidence(client: LanguageClient, tree: EvidenceTree, from?: EvidenceNode | RecordEvidenceArgs): Promise<vscode.Uri | undefined> {
  if (refusedInRestrictedMode(vscode.l10n.t('Record Evidence'))) return undefined;
  const node = from && 'kind' in from ? from : undefined;
  const args: RecordEvidenceArgs = from && !('kind' in from) ? from : {};
  const target = await pickObligation(tree, node?.obligation.id ?? args.obligation);
  if (!target) return undefined;
  const window = node?.kind === 'window' ? node.window : undefined;
  const scripted = !!args.obligation;
  const date = scripted ? args.date ?? today() : await askDate(window);
  if (!date) return undefined;
  if (!validDate(date)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('SOC 2: "{0}" is not a date (YYYY-MM-DD).', date));
    return undefined;
  }
  const link = scripted ? args.link : await askLink();
  if (link === undefined && !scripted) return undefined;
  const record = await client.sendRequest(NewEvidenceRecordRequest.type, { uri: target.root.rootUri, obligation: target.obligation.id, performed: date, link: link?.trim() || undefined });
  const uri = vscode.Uri.parse(record.uri);
  const edit = new vscode.WorkspaceEdit();
  // overwrite: false and ignoreIfExists: false make the edit fail, not replace, if the name was taken meanwhile.
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(record.text) });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('SOC 2: could not create {0}; an existing record is never overwritten.', vscode.workspace.asRelativePath(uri)));
    return undefined;
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  void vscode.window.showInformationMessage(vscode.l10n.t('SOC 2: recorded {0} performed {1} in {2}.', target.obligation.id, date, vscode.workspace.asRelativePath(uri)));
  return uri;
}

export function registerRecordEvidence(client: LanguageClient, tree: EvidenceTree): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.recordEvidence, (from?: EvidenceNode | RecordEvidenceArgs) => recordEvidence(client, tree, from));
}
