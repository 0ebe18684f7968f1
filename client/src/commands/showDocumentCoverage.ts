import * as vscode from 'vscode';
import { ClientCommands } from '../../../server/src/protocol';
import { Views } from '../ids';
import type { CoverageTree } from '../views/coverageTree';

/** The server's code lens ("Covers 5 criteria"): the coverage tree filtered to that document. */
export function registerShowDocumentCoverage(tree: CoverageTree): vscode.Disposable {
  return vscode.commands.registerCommand(ClientCommands.showDocumentCoverage, async (uri?: unknown) => {
    const target = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : vscode.window.activeTextEditor?.document.uri.toString();
    tree.setDocumentFilter(target);
    await vscode.commands.executeCommand(`${Views.coverage}.focus`);
  });
}
