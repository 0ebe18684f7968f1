import * as vscode from 'vscode';
import type { CoverageStore } from '../coverageStore';
import { Commands, Views } from '../ids';
import { customize, snippetToText, type Skeleton } from '../templates/skeletons';
import { categoryOfId, restrictToScope } from '../templates/snippetSession';
import { coreTemplatesFor, workspaceConfig } from '../templates/starterSet';
import { exists, folderFor, loadSkeletons } from '../templates/templateSource';
import { refusedInRestrictedMode } from '../trust';

export interface InitWorkspaceArgs {
  /** Workspace folder URI; default: the only folder, else a pick. */
  folder?: string;
  /** Scope categories (security is always added); default: a pick. */
  categories?: string[];
  /** Template ids to create; default: a pick with the core set for the categories preselected. */
  templates?: string[];
}

export interface InitWorkspaceResult {
  created: vscode.Uri[];
  /** Files that existed already and were left alone. */
  kept: vscode.Uri[];
}

/** Used when the server has not sent its catalog yet. */
function fallbackCategories(): { id: string; title: string }[] {
  return [
    { id: 'security', title: vscode.l10n.t('Security') },
    { id: 'availability', title: vscode.l10n.t('Availability') },
    { id: 'confidentiality', title: vscode.l10n.t('Confidentiality') },
    { id: 'processing-integrity', title: vscode.l10n.t('Processing Integrity') },
    { id: 'privacy', title: vscode.l10n.t('Privacy') },
  ];
}

async function pickFolder(args: InitWorkspaceArgs): Promise<vscode.Uri | undefined> {
  if (args.folder) return vscode.Uri.parse(args.folder);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (!folders.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SOC 2: open a folder first, then initialize it as a policy workspace.'));
    return undefined;
  }
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder to initialize as a SOC 2 policy workspace') }))?.uri;
}

async function pickCategories(store: CoverageStore): Promise<string[] | undefined> {
  const fromCatalog = store.current?.catalog?.catalogs.find((c) => c.id === 'tsc')?.categories;
  const categories = fromCatalog?.length ? fromCatalog : fallbackCategories();
  const picked = await vscode.window.showQuickPick(
    categories.map((c) => ({ label: c.title, id: c.id, picked: c.id === 'security', description: c.id === 'security' ? vscode.l10n.t('always in scope') : undefined })),
    { title: vscode.l10n.t('SOC 2 scope (1/2): Trust Services Categories'), placeHolder: vscode.l10n.t('Categories your SOC 2 report covers'), canPickMany: true },
  );
  return picked?.map((p) => p.id);
}

async function pickTemplates(skeletons: Skeleton[], core: Set<string>): Promise<string[] | undefined> {
  const ordered = [...skeletons].sort((a, b) => Number(core.has(b.templateId)) - Number(core.has(a.templateId)));
  const picked = await vscode.window.showQuickPick(
    ordered.map((s) => ({ label: s.title, description: s.templateId, detail: s.summary, picked: core.has(s.templateId), id: s.templateId })),
    { title: vscode.l10n.t('SOC 2 scope (2/2): core policies to create'), placeHolder: vscode.l10n.t('Existing files are never overwritten'), canPickMany: true, matchOnDetail: true },
  );
  return picked?.map((p) => p.id);
}

async function writeIfMissing(uri: vscode.Uri, text: string, result: InitWorkspaceResult): Promise<void> {
  if (await exists(uri)) {
    result.kept.push(uri);
    return;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  result.created.push(uri);
}

/** The next step: open the first policy written (or kept), or the coverage view. Not awaited: a toast. */
function offerNextStep(result: InitWorkspaceResult, policies: { uri: vscode.Uri; title: string }[]): void {
  const kept = result.kept.length ? vscode.l10n.t('; kept {0} existing file(s) unchanged', result.kept.length) : '';
  const first = policies.find((p) => result.created.some((u) => u.toString() === p.uri.toString())) ?? policies[0];
  const open = first && vscode.l10n.t('Open {0}', first.title);
  const coverage = vscode.l10n.t('Show Coverage');
  void vscode.window.showInformationMessage(vscode.l10n.t('SOC 2: created {0} file(s){1}.', result.created.length, kept), ...(open ? [open] : []), coverage)
    .then((choice) => {
      if (choice === coverage) return vscode.commands.executeCommand(`${Views.coverage}.focus`);
      if (choice && choice === open) return vscode.window.showTextDocument(first.uri);
      return undefined;
    });
}

export async function initWorkspace(extensionUri: vscode.Uri, store: CoverageStore, args: InitWorkspaceArgs = {}): Promise<InitWorkspaceResult | undefined> {
  if (refusedInRestrictedMode(vscode.l10n.t('Initialize Workspace'))) return undefined;
  const folder = await pickFolder(args);
  if (!folder) return undefined;
  const chosen = args.categories ?? (await pickCategories(store));
  if (!chosen) return undefined;
  const categories = ['security', ...chosen.filter((c) => c !== 'security')];
  const skeletons = await loadSkeletons(extensionUri);
  const core = coreTemplatesFor(categories);
  const templateIds = args.templates ?? (await pickTemplates(skeletons, core));
  if (!templateIds) return undefined;

  const result: InitWorkspaceResult = { created: [], kept: [] };
  await writeIfMissing(vscode.Uri.joinPath(folder, 'soc2-policy.yaml'), workspaceConfig(categories), result);
  // Documents map only what the chosen scope covers: a fresh workspace starts without out-of-scope warnings.
  const inScope = (id: string) => categories.includes(categoryOfId(id) ?? 'security');
  const policies: { uri: vscode.Uri; title: string }[] = [];
  for (const id of templateIds) {
    const skeleton = skeletons.find((s) => s.templateId === id);
    if (!skeleton) continue;
    const uri = vscode.Uri.joinPath(folder, folderFor(skeleton.type), `${id}.md`);
    const scoped = { ...skeleton, body: restrictToScope(skeleton.body, inScope) };
    await writeIfMissing(uri, snippetToText(customize(scoped, { id })), result);
    policies.push({ uri, title: skeleton.title });
  }
  offerNextStep(result, policies);
  return result;
}

export function registerInitWorkspace(extensionUri: vscode.Uri, store: CoverageStore): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.initWorkspace, (args?: InitWorkspaceArgs) => initWorkspace(extensionUri, store, args && typeof args === 'object' ? args : {}));
}
