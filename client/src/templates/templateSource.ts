import * as vscode from 'vscode';
import { parseSkeletons, type Skeleton } from './skeletons';

/** Reads the skeletons from the extension's generated snippets file (the one `contributes.snippets` names). */
export async function loadSkeletons(extensionUri: vscode.Uri): Promise<Skeleton[]> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'snippets', 'soc2-policy.code-snippets'));
  return parseSkeletons(new TextDecoder().decode(bytes));
}

/** Folder of the policy workspace a new document belongs to: the active document's root, else the first one. */
export function policyRoot(rootUris: string[]): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const roots = rootUris.map((u) => vscode.Uri.parse(u)).filter((u) => u.scheme === 'file');
  const containing = active && roots.filter((r) => active.path.startsWith(r.path.endsWith('/') ? r.path : `${r.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (containing) return containing;
  if (roots.length) return roots[0];
  const folder = active ? vscode.workspace.getWorkspaceFolder(active) : vscode.workspace.workspaceFolders?.[0];
  return folder?.uri;
}

export { folderFor } from './starterSet';

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
