import * as vscode from 'vscode';
import { ClientCommands } from '../../../server/src/protocol';
import { Views } from '../ids';
import type { EvidenceTree } from '../views/evidenceTree';

const same = (a: string, b: string) => vscode.Uri.parse(a).toString() === vscode.Uri.parse(b).toString();

/** The server's lens on an obligation ("9 of 12 monthly samples"): the obligation in the Evidence view, its windows expanded. */
export function registerShowEvidenceObligation(tree: EvidenceTree): vscode.Disposable {
  return vscode.commands.registerCommand(ClientCommands.showEvidenceObligation, async (documentUri?: unknown, id?: unknown): Promise<boolean> => {
    if (typeof id !== 'string') return false;
    await vscode.commands.executeCommand(`${Views.evidence}.focus`);
    if (!tree.obligations().some((t) => t.obligation.id === id)) await tree.refresh();
    const candidates = tree.obligations().filter((t) => t.obligation.id === id);
    // Several roots may each declare the id: the lens's document says which.
    const found = candidates.find((t) => typeof documentUri === 'string' && same(t.obligation.documentUri, documentUri)) ?? candidates[0];
    if (!found) {
      void vscode.window.showWarningMessage(vscode.l10n.t('SOC 2: the evidence obligation "{0}" is not in the calendar (is the document a draft, or is there no Type II audit period?).', id));
      return false;
    }
    await tree.reveal({ kind: 'obligation', root: found.root, obligation: found.obligation });
    return true;
  });
}
