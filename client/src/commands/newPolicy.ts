import * as vscode from 'vscode';
import type { CoverageStore } from '../coverageStore';
import { Commands } from '../ids';
import { customize, snippetToText, type Skeleton } from '../templates/skeletons';
import { exists, folderFor, loadSkeletons, policyRoot } from '../templates/templateSource';
import type { CoverageNode } from '../views/coverageTree';

export interface NewPolicyArgs {
  /** Skip the quick pick. */
  templateId?: string;
  /** Map this criterion too (a gap being closed from the gap panel). */
  criterion?: string;
  /** An untitled editor instead of a file in the workspace. */
  untitled?: boolean;
}

/** Templates that suggest `criterion`, most focused first (the server's gap list already ranks them). */
function suggestedFor(store: CoverageStore, criterion: string | undefined): string[] {
  if (!criterion) return [];
  const gap = store.current?.gaps.find((g) => g.id === criterion);
  if (gap) return gap.suggestedTemplates.map((t) => t.id);
  return (store.current?.catalog?.templates ?? []).filter((t) => t.suggestedCriteria.includes(criterion))
    .sort((a, b) => a.suggestedCriteria.length - b.suggestedCriteria.length).map((t) => t.id);
}

async function pickSkeleton(skeletons: Skeleton[], suggested: string[], criterion: string | undefined): Promise<Skeleton | undefined> {
  type Item = vscode.QuickPickItem & { skeleton?: Skeleton };
  const item = (s: Skeleton): Item => ({ label: s.title, description: `${s.type} · ${s.templateId}`, detail: s.summary, skeleton: s });
  const first = suggested.map((id) => skeletons.find((s) => s.templateId === id)).filter((s): s is Skeleton => !!s);
  const rest = skeletons.filter((s) => !first.includes(s));
  const items: Item[] = first.length
    ? [{ label: `Suggested for ${criterion}`, kind: vscode.QuickPickItemKind.Separator }, ...first.map(item),
      { label: 'All templates', kind: vscode.QuickPickItemKind.Separator }, ...rest.map(item)]
    : rest.map(item);
  const picked = await vscode.window.showQuickPick(items, {
    title: criterion ? `New policy document mapping ${criterion}` : 'New policy document',
    placeHolder: 'Choose a policy type',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.skeleton;
}

/** `policies/<template>.md`, or `-2`, `-3`… when taken: never overwrite. */
async function freeFile(folder: vscode.Uri, base: string): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, `${base}${n === 1 ? '' : `-${n}`}.md`);
    if (!(await exists(uri))) return uri;
  }
}

export async function newPolicy(extensionUri: vscode.Uri, store: CoverageStore, args: NewPolicyArgs = {}): Promise<vscode.Uri | undefined> {
  const skeletons = await loadSkeletons(extensionUri);
  const skeleton = args.templateId
    ? skeletons.find((s) => s.templateId === args.templateId)
    : await pickSkeleton(skeletons, suggestedFor(store, args.criterion), args.criterion);
  if (!skeleton) {
    if (args.templateId) void vscode.window.showErrorMessage(`SOC 2: no policy template "${args.templateId}".`);
    return undefined;
  }
  const root = args.untitled ? undefined : policyRoot(store.current?.coverage.roots.map((r) => r.rootUri) ?? []);
  if (!root) {
    // No folder to put it in: an untitled document with the skeleton as a live snippet (tab through the blanks).
    const document = await vscode.workspace.openTextDocument({ language: 'markdown' });
    const editor = await vscode.window.showTextDocument(document);
    await editor.insertSnippet(new vscode.SnippetString(customize(skeleton, { criterion: args.criterion }).join('\n')));
    return document.uri;
  }
  const uri = await freeFile(vscode.Uri.joinPath(root, folderFor(skeleton.type)), skeleton.templateId);
  const id = uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/\.md$/, '');
  const text = snippetToText(customize(skeleton, { id, criterion: args.criterion }));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(uri);
  // Put the cursor on the owner, the first blank the author has to fill.
  const ownerLine = text.split('\n').findIndex((l) => l.startsWith('owner: '));
  if (ownerLine >= 0) {
    const line = editor.document.lineAt(ownerLine);
    editor.selection = new vscode.Selection(line.range.start.translate(0, 'owner: '.length), line.range.end);
  }
  return uri;
}

/** Arguments from the palette (none), the gap panel (NewPolicyArgs) or a criterion's inline action in the tree (its node). */
function toArgs(raw: unknown): NewPolicyArgs {
  if (!raw || typeof raw !== 'object') return {};
  const node = raw as Partial<CoverageNode>;
  if (node.kind === 'criterion' && node.criterion) return { criterion: node.criterion.id };
  const { templateId, criterion, untitled } = raw as NewPolicyArgs;
  return { templateId, criterion, untitled };
}

export function registerNewPolicy(extensionUri: vscode.Uri, store: CoverageStore): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.newPolicy, (raw?: unknown) => newPolicy(extensionUri, store, toArgs(raw)));
}
