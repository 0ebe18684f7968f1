import * as vscode from 'vscode';

/**
 * Commands that write files stay visible in Restricted Mode (an untrusted folder) but refuse, saying why,
 * rather than vanish from menus without a word. Returns true when the command must stop.
 */
export function refusedInRestrictedMode(action: string): boolean {
  if (vscode.workspace.isTrusted) return false;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window.showWarningMessage(
    vscode.l10n.t('SOC 2: {0} writes files into the workspace, which Restricted Mode does not allow. Trust this folder to use it.', action),
    manage,
  ).then((choice) => (choice === manage ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
  return true;
}
