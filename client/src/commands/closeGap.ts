import * as vscode from 'vscode';
import type { CoverageStore } from '../coverageStore';
import { Commands } from '../ids';
import { addControlEdit } from '../text/frontMatter';

type Action = 'create' | 'createOther' | 'map';
type ActionItem = vscode.QuickPickItem & { action: Action };
type DocumentItem = vscode.QuickPickItem & { uri: string };

/** Policy documents the server indexed; those mapping criteria of the same series first (the likeliest home). */
function candidateDocuments(store: CoverageStore, criterionId: string): DocumentItem[] {
  const series = criterionId.replace(/\.\d+$/, '');
  const byUri = new Map<string, DocumentItem & { related: boolean }>();
  for (const criterion of store.current?.coverage.roots.flatMap((r) => r.criteria) ?? []) {
    for (const d of criterion.documents) {
      const known = byUri.get(d.uri);
      const related = criterion.series === series || !!known?.related;
      byUri.set(d.uri, {
        uri: d.uri, related, label: d.title || d.docId,
        description: vscode.workspace.asRelativePath(vscode.Uri.parse(d.uri)),
        detail: related ? vscode.l10n.t('already maps criteria of {0}', series) : undefined,
      });
    }
  }
  return [...byUri.values()].sort((a, b) => Number(b.related) - Number(a.related) || a.label.localeCompare(b.label));
}

/** Adds the criterion to the document's `controls` (unsaved, selected), so the author sees and keeps or undoes it. */
async function mapIntoDocument(store: CoverageStore, criterionId: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showQuickPick(candidateDocuments(store, criterionId), {
    title: vscode.l10n.t('Map {0} into an existing document', criterionId),
    placeHolder: vscode.l10n.t('Document whose front matter should list {0}', criterionId),
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(picked.uri));
  const editor = await vscode.window.showTextDocument(document);
  const edit = addControlEdit(document.getText(), criterionId);
  if (!edit) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SOC 2: add {0} to this document by hand: it has no front matter list to add it to, or lists it already.', criterionId));
    return document.uri;
  }
  const workspaceEdit = new vscode.WorkspaceEdit();
  if (edit.insert) workspaceEdit.insert(document.uri, new vscode.Position(edit.line, 0), `${edit.text}${document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}`);
  else workspaceEdit.replace(document.uri, document.lineAt(edit.line).range, edit.text);
  await vscode.workspace.applyEdit(workspaceEdit);
  const start = new vscode.Position(edit.line, edit.column);
  editor.selection = new vscode.Selection(start, start.translate(0, criterionId.length));
  editor.revealRange(editor.selection);
  return document.uri;
}

/** A click on an uncovered criterion in the tree: create a policy from the best template, or map it somewhere. */
export async function closeGap(store: CoverageStore, criterionId: string): Promise<vscode.Uri | undefined> {
  const gap = store.current?.gaps.find((g) => g.id === criterionId);
  const best = gap?.suggestedTemplates[0];
  const items: ActionItem[] = [
    ...(best ? [{
      action: 'create' as const, label: `$(new-file) ${vscode.l10n.t('Create a policy from "{0}"', best.title)}`,
      description: vscode.l10n.t('best template for {0}', criterionId),
    }] : []),
    { action: 'createOther', label: `$(files) ${vscode.l10n.t('Create a policy from another template…')}` },
    { action: 'map', label: `$(link) ${vscode.l10n.t('Map {0} into an existing document…', criterionId)}` },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: gap ? vscode.l10n.t('{0} {1} is not covered', criterionId, gap.title) : criterionId,
    placeHolder: vscode.l10n.t('How should {0} be covered?', criterionId),
  });
  switch (picked?.action) {
    case 'create': return vscode.commands.executeCommand<vscode.Uri | undefined>(Commands.newPolicy, { templateId: best?.id, criterion: criterionId });
    case 'createOther': return vscode.commands.executeCommand<vscode.Uri | undefined>(Commands.newPolicy, { criterion: criterionId });
    case 'map': return mapIntoDocument(store, criterionId);
    default: return undefined;
  }
}

export function registerCloseGap(store: CoverageStore): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.closeGap, (id: unknown) => (typeof id === 'string' ? closeGap(store, id) : undefined));
}
