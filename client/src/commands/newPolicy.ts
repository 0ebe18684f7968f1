import * as vscode from 'vscode';
import type { CoverageStore } from '../coverageStore';
import { Commands } from '../ids';
import { today } from '../settings';
import { snippetToText, type Skeleton } from '../templates/skeletons';
import { sessionSnippet, slugOf } from '../templates/snippetSession';
import { exists, folderFor, loadSkeletons, policyRoot } from '../templates/templateSource';
import { refusedInRestrictedMode } from '../trust';
import type { CoverageNode } from '../views/coverageTree';

export interface NewPolicyArgs {
  /** Skip the quick pick. */
  templateId?: string;
  /** Map this criterion too (a gap being closed from the gap panel). */
  criterion?: string;
  /** An untitled editor instead of a file in the workspace. */
  untitled?: boolean;
  /** The document's title (its file name follows from it); asked for when absent. */
  title?: string;
}

/** Templates that suggest `criterion`, most focused first (the server's gap list already ranks them). */
function suggestedFor(store: CoverageStore, criterion: string | undefined): string[] {
  if (!criterion) return [];
  const gap = store.current?.gaps.find((g) => g.id === criterion);
  if (gap) return gap.suggestedTemplates.map((t) => t.id);
  // As the server ranks them (TemplateSet.suggestFor): narratives last, then the most focused first.
  const narrative = (t: { type: string }) => Number(t.type === 'narrative');
  return (store.current?.catalog?.templates ?? []).filter((t) => t.suggestedCriteria.includes(criterion))
    .sort((a, b) => narrative(a) - narrative(b) || a.suggestedCriteria.length - b.suggestedCriteria.length).map((t) => t.id);
}

async function pickSkeleton(skeletons: Skeleton[], suggested: string[], criterion: string | undefined): Promise<Skeleton | undefined> {
  type Item = vscode.QuickPickItem & { skeleton?: Skeleton };
  const item = (s: Skeleton): Item => ({ label: s.title, description: `${s.type} · ${s.templateId}`, detail: s.summary, skeleton: s });
  const first = suggested.map((id) => skeletons.find((s) => s.templateId === id)).filter((s): s is Skeleton => !!s);
  const rest = skeletons.filter((s) => !first.includes(s));
  const items: Item[] = first.length
    ? [{ label: vscode.l10n.t('Suggested for {0}', criterion ?? ''), kind: vscode.QuickPickItemKind.Separator }, ...first.map(item),
      { label: vscode.l10n.t('All templates'), kind: vscode.QuickPickItemKind.Separator }, ...rest.map(item)]
    : rest.map(item);
  const picked = await vscode.window.showQuickPick(items, {
    title: criterion ? vscode.l10n.t('New policy document mapping {0}', criterion) : vscode.l10n.t('New policy document'),
    placeHolder: vscode.l10n.t('Choose a policy type'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.skeleton;
}

/** A document that already has this title (any file), or the file this title would be written to. */
async function duplicateOf(store: CoverageStore, title: string, target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const wanted = title.trim().toLowerCase();
  for (const root of store.current?.coverage.roots ?? []) {
    for (const document of root.criteria.flatMap((c) => c.documents)) {
      if (document.title.trim().toLowerCase() === wanted) return vscode.Uri.parse(document.uri);
    }
  }
  return target && (await exists(target)) ? target : undefined;
}

/** What a title becomes: its file, or that it exists already, or why it cannot be used. */
async function titleMessage(store: CoverageStore, value: string, folder: vscode.Uri | undefined): Promise<vscode.InputBoxValidationMessage | undefined> {
  if (!slugOf(value)) {
    return { severity: vscode.InputBoxValidationSeverity.Error, message: vscode.l10n.t('Give the document a title with letters or digits: its file name is made from them.') };
  }
  const target = folder && vscode.Uri.joinPath(folder, `${slugOf(value)}.md`);
  const duplicate = await duplicateOf(store, value, target);
  if (duplicate) {
    return { severity: vscode.InputBoxValidationSeverity.Warning, message: vscode.l10n.t('{0} already exists. Press Enter to be offered to open it, or change the title.', vscode.workspace.asRelativePath(duplicate)) };
  }
  return target ? { severity: vscode.InputBoxValidationSeverity.Info, message: vscode.l10n.t('Creates {0}', vscode.workspace.asRelativePath(target)) } : undefined;
}

/**
 * Title of the new document, prefilled with the template's. An input box rather than showInputBox: that shows its
 * validation only once the user types, and the file the prefilled title becomes (or that it exists) matters first.
 */
function askTitle(store: CoverageStore, skeleton: Skeleton, folder: vscode.Uri | undefined): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('New document from the "{0}" template', skeleton.title);
  box.prompt = vscode.l10n.t('Title of the document. Its file name and id are made from it.');
  box.value = skeleton.title;
  box.valueSelection = [0, skeleton.title.length];
  const describe = async (value: string) => {
    const message = await titleMessage(store, value, folder);
    if (box.value === value) box.validationMessage = message;
  };
  return new Promise((resolve) => {
    const listeners = [
      box.onDidChangeValue((value) => void describe(value)),
      box.onDidAccept(() => {
        if (!slugOf(box.value)) return;
        resolve(box.value);
        box.hide();
      }),
      box.onDidHide(() => {
        resolve(undefined);
        listeners.forEach((d) => d.dispose());
        box.dispose();
      }),
    ];
    box.show();
    void describe(box.value);
  });
}

/** Never a second document with the same title or file, and never silently: say so and offer the existing one. */
function offerExisting(title: string, existing: vscode.Uri): void {
  const open = vscode.l10n.t('Open Existing');
  void vscode.window.showWarningMessage(
    vscode.l10n.t('SOC 2: "{0}" already exists ({1}), so nothing was created.', title, vscode.workspace.asRelativePath(existing)), open,
  ).then((choice) => (choice === open ? vscode.window.showTextDocument(existing) : undefined));
}

/** The skeleton as a live snippet over the whole document: tab through owner, approver, dates, controls, sections. */
async function startSession(editor: vscode.TextEditor, snippet: string): Promise<void> {
  const document = editor.document;
  const all = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  await editor.insertSnippet(new vscode.SnippetString(snippet), all);
}

export async function newPolicy(extensionUri: vscode.Uri, store: CoverageStore, args: NewPolicyArgs = {}): Promise<vscode.Uri | undefined> {
  if (!args.untitled && refusedInRestrictedMode(vscode.l10n.t('New Policy'))) return undefined;
  const skeletons = await loadSkeletons(extensionUri);
  const skeleton = args.templateId
    ? skeletons.find((s) => s.templateId === args.templateId)
    : await pickSkeleton(skeletons, suggestedFor(store, args.criterion), args.criterion);
  if (!skeleton) {
    if (args.templateId) void vscode.window.showErrorMessage(vscode.l10n.t('SOC 2: no policy template "{0}".', args.templateId));
    return undefined;
  }
  const root = args.untitled ? undefined : policyRoot(store.current?.coverage.roots.map((r) => r.rootUri) ?? []);
  const folder = root && vscode.Uri.joinPath(root, folderFor(skeleton.type));
  const title = (args.title ?? (await askTitle(store, skeleton, folder)))?.trim();
  if (!title) return undefined;
  const id = slugOf(title) || skeleton.templateId;
  const snippet = sessionSnippet(skeleton, { title, id, criterion: args.criterion, today: today() });
  if (!folder) {
    // No folder to put it in: an untitled document the author saves where they like.
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown' }));
    await startSession(editor, snippet);
    return editor.document.uri;
  }
  const uri = vscode.Uri.joinPath(folder, `${id}.md`);
  const existing = await duplicateOf(store, title, uri);
  if (existing) {
    offerExisting(title, existing);
    return undefined;
  }
  // A real file from the start (the index and links see it at once); the session then fills it in the editor.
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(snippetToText(snippet.split('\n'))));
  const editor = await vscode.window.showTextDocument(uri);
  await startSession(editor, snippet);
  // Same text as on disk: saved, so only what the author types makes it dirty (the session stays active).
  await editor.document.save();
  return uri;
}

/** Arguments from the palette (none), the gap panel (NewPolicyArgs) or a criterion's inline action in the tree (its node). */
function toArgs(raw: unknown): NewPolicyArgs {
  if (!raw || typeof raw !== 'object') return {};
  const node = raw as Partial<CoverageNode>;
  if (node.kind === 'criterion' && node.criterion) return { criterion: node.criterion.id };
  const { templateId, criterion, untitled, title } = raw as NewPolicyArgs;
  return { templateId, criterion, untitled, title: typeof title === 'string' ? title : undefined };
}

export function registerNewPolicy(extensionUri: vscode.Uri, store: CoverageStore): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.newPolicy, (raw?: unknown) => newPolicy(extensionUri, store, toArgs(raw)));
}
