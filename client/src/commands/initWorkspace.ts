import * as vscode from 'vscode';
import type { CoverageStore } from '../coverageStore';
import { Commands } from '../ids';
import { customize, snippetToText, type Skeleton } from '../templates/skeletons';
import { exists, folderFor, loadSkeletons } from '../templates/templateSource';

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
const CATEGORIES = [
  { id: 'security', title: 'Security' },
  { id: 'availability', title: 'Availability' },
  { id: 'confidentiality', title: 'Confidentiality' },
  { id: 'processing-integrity', title: 'Processing Integrity' },
  { id: 'privacy', title: 'Privacy' },
];

/** The policy set most SOC 2 audits of a category ask for first. */
const CORE_TEMPLATES: Record<string, string[]> = {
  security: ['information-security', 'access-control', 'change-management', 'incident-response', 'risk-assessment',
    'vendor-management', 'hr-security', 'logging-monitoring', 'vulnerability-management'],
  availability: ['backup-restore', 'business-continuity', 'capacity-availability'],
  confidentiality: ['data-classification', 'data-retention', 'encryption'],
  'processing-integrity': ['change-management', 'secure-development'],
  privacy: ['privacy', 'data-retention'],
};

export function workspaceConfig(categories: string[]): string {
  return [
    '# SOC 2 Policy Studio workspace configuration (see the extension README for every key).',
    'scope:',
    `  categories: [${categories.join(', ')}]`,
    '  # exclusions:',
    '  #   - criteria: [CC6.4]',
    '  #     reason: Physical security of the data centres is carved out to the hosting provider.',
    'include: ["policies/**/*.md", "procedures/**/*.md"]',
    'review:',
    '  defaultCycle: 12 months',
    '',
  ].join('\n');
}

async function pickFolder(args: InitWorkspaceArgs): Promise<vscode.Uri | undefined> {
  if (args.folder) return vscode.Uri.parse(args.folder);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (!folders.length) {
    void vscode.window.showWarningMessage('SOC 2: open a folder first, then initialise it as a policy workspace.');
    return undefined;
  }
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to initialise as a SOC 2 policy workspace' }))?.uri;
}

async function pickCategories(store: CoverageStore): Promise<string[] | undefined> {
  const fromCatalog = store.current?.catalog?.catalogs.find((c) => c.id === 'tsc')?.categories;
  const categories = fromCatalog?.length ? fromCatalog : CATEGORIES;
  const picked = await vscode.window.showQuickPick(
    categories.map((c) => ({ label: c.title, id: c.id, picked: c.id === 'security', description: c.id === 'security' ? 'always in scope' : undefined })),
    { title: 'SOC 2 scope (1/2): Trust Services Categories', placeHolder: 'Categories your SOC 2 report covers', canPickMany: true },
  );
  return picked?.map((p) => p.id);
}

async function pickTemplates(skeletons: Skeleton[], core: Set<string>): Promise<string[] | undefined> {
  const ordered = [...skeletons].sort((a, b) => Number(core.has(b.templateId)) - Number(core.has(a.templateId)));
  const picked = await vscode.window.showQuickPick(
    ordered.map((s) => ({ label: s.title, description: s.templateId, detail: s.summary, picked: core.has(s.templateId), id: s.templateId })),
    { title: 'SOC 2 scope (2/2): core policies to create', placeHolder: 'Existing files are never overwritten', canPickMany: true, matchOnDetail: true },
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

export async function initWorkspace(extensionUri: vscode.Uri, store: CoverageStore, args: InitWorkspaceArgs = {}): Promise<InitWorkspaceResult | undefined> {
  const folder = await pickFolder(args);
  if (!folder) return undefined;
  const chosen = args.categories ?? (await pickCategories(store));
  if (!chosen) return undefined;
  const categories = ['security', ...chosen.filter((c) => c !== 'security')];
  const skeletons = await loadSkeletons(extensionUri);
  const core = new Set(categories.flatMap((c) => CORE_TEMPLATES[c] ?? []));
  const templateIds = args.templates ?? (await pickTemplates(skeletons, core));
  if (!templateIds) return undefined;

  const result: InitWorkspaceResult = { created: [], kept: [] };
  await writeIfMissing(vscode.Uri.joinPath(folder, 'soc2-policy.yaml'), workspaceConfig(categories), result);
  for (const id of templateIds) {
    const skeleton = skeletons.find((s) => s.templateId === id);
    if (!skeleton) continue;
    const uri = vscode.Uri.joinPath(folder, folderFor(skeleton.type), `${id}.md`);
    await writeIfMissing(uri, snippetToText(customize(skeleton, { id })), result);
  }
  const kept = result.kept.length ? `; kept ${result.kept.length} existing file${result.kept.length === 1 ? '' : 's'} unchanged` : '';
  void vscode.window.showInformationMessage(`SOC 2: created ${result.created.length} file${result.created.length === 1 ? '' : 's'}${kept}.`);
  return result;
}

export function registerInitWorkspace(extensionUri: vscode.Uri, store: CoverageStore): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.initWorkspace, (args?: InitWorkspaceArgs) => initWorkspace(extensionUri, store, args && typeof args === 'object' ? args : {}));
}
