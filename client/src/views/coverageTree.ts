import * as vscode from 'vscode';
import type { CoverageLocation, CoverageStatus, CoveringDocument, CriterionCoverage, RootCoverage } from '../../../server/src/protocol';
import type { CoverageSnapshot, CoverageStore } from '../coverageStore';
import { Commands, ContextKeys, Views } from '../ids';
import { escapeMarkdown } from '../text/markdown';
import { criterionDescription, operatingDetail, operatingLabel } from './operatingText';

/** Tree nodes. Parents are stored so `reveal` (from the gap panel) can walk up without a search. */
export type CoverageNode =
  | { kind: 'root'; key: string; parent?: undefined; root: RootCoverage; children: CoverageNode[] }
  | { kind: 'category'; key: string; parent?: CoverageNode; title: string; percent?: number; counts: string; children: CoverageNode[] }
  | { kind: 'series'; key: string; parent: CoverageNode; title: string; counts: string; children: CoverageNode[] }
  | { kind: 'criterion'; key: string; parent: CoverageNode; criterion: CriterionCoverage; description?: string; children: CoverageNode[] }
  | { kind: 'document'; key: string; parent: CoverageNode; document: CoveringDocument; children: CoverageNode[] }
  | { kind: 'location'; key: string; parent: CoverageNode; uri: string; location: CoverageLocation; children: CoverageNode[] };

const STATUS_ICON: Record<CoverageStatus, [string, string]> = {
  covered: ['pass-filled', 'testing.iconPassed'],
  'carved-out': ['cloud', 'testing.iconPassed'],
  'draft-only': ['issue-draft', 'editorWarning.foreground'],
  uncovered: ['error', 'errorForeground'],
  excluded: ['circle-slash', 'disabledForeground'],
  'out-of-scope': ['dash', 'disabledForeground'],
};

function statusText(status: CoverageStatus): string {
  switch (status) {
    case 'covered': return vscode.l10n.t('covered');
    case 'carved-out': return vscode.l10n.t('carved out');
    case 'draft-only': return vscode.l10n.t('draft only');
    case 'uncovered': return vscode.l10n.t('uncovered');
    case 'excluded': return vscode.l10n.t('excluded');
    case 'out-of-scope': return vscode.l10n.t('out of scope');
  }
}

/**
 * What the view says while it is filtered to one document: the document and its figures, in the description
 * (hidden while the view is alone in its container) and in the message above the tree, with the way back.
 */
export function documentFilterTexts(snapshot: CoverageSnapshot | undefined, uri: string): { description: string; message: string } {
  const mapped = snapshot?.coverage.roots.flatMap((r) => r.criteria).filter((c) => c.documents.some((d) => d.uri === uri)) ?? [];
  const count = (status: CoverageStatus) => mapped.filter((c) => c.status === status).length;
  const name = vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
  const figures = [mapped.length, count('covered'), count('draft-only')];
  return {
    description: vscode.l10n.t('{0} · maps {1} criteria: {2} covered, {3} draft only', name, ...figures),
    message: vscode.l10n.t('Only what {0} maps: {1} criteria, {2} covered, {3} draft only. "Clear Document Filter" in the title bar shows every criterion again.', name, ...figures),
  };
}

export interface TreeFilter {
  /** Also list criteria of categories out of scope. */
  showAll: boolean;
  /** Only criteria this document maps (code lens "Covers N criteria"). */
  documentUri?: string;
}

/** Builds the node hierarchy: [root,] category, series, criterion, covering document[, location]. */
export function buildNodes(snapshot: CoverageSnapshot, filter: TreeFilter): CoverageNode[] {
  const catalog = snapshot.catalog?.catalogs.find((c) => c.id === 'tsc') ?? snapshot.catalog?.catalogs[0];
  const seriesTitle = new Map(catalog?.series.map((s) => [s.id, s.title]));
  const descriptions = new Map(catalog?.controls.map((c) => [c.id, c.description]));
  const multiRoot = snapshot.coverage.roots.length > 1;
  const top: CoverageNode[] = [];
  for (const root of snapshot.coverage.roots) {
    const rootNode: CoverageNode = { kind: 'root', key: root.rootUri, root, children: [] };
    const rootParent = multiRoot ? rootNode : undefined;
    const visible = root.criteria.filter((c) =>
      (filter.showAll || c.status !== 'out-of-scope') &&
      (!filter.documentUri || c.documents.some((d) => d.uri === filter.documentUri)));
    for (const category of root.summary.categories) {
      const criteria = visible.filter((c) => c.category === category.id);
      if (!criteria.length) continue;
      const node: CoverageNode = {
        kind: 'category', key: `${root.rootUri}#${category.id}`, parent: rootParent, title: category.title, children: [],
        percent: category.inScope && category.applicable ? category.percent : undefined,
        counts: category.inScope ? vscode.l10n.t('{0}/{1} covered', category.covered, category.applicable) : vscode.l10n.t('out of scope'),
      };
      const seriesIds = [...new Set(criteria.map((c) => c.series))];
      for (const seriesId of seriesIds) {
        const inSeries = criteria.filter((c) => c.series === seriesId);
        const covered = inSeries.filter((c) => c.status === 'covered').length;
        const applicable = inSeries.filter((c) => c.status !== 'excluded' && c.status !== 'out-of-scope').length;
        const series: CoverageNode = {
          kind: 'series', key: `${node.key}#${seriesId}`, parent: node, children: [],
          title: seriesTitle.has(seriesId) ? `${seriesId} · ${seriesTitle.get(seriesId)}` : seriesId,
          counts: applicable ? `${covered}/${applicable}` : '',
        };
        for (const criterion of inSeries) {
          const cNode: CoverageNode = {
            kind: 'criterion', key: `${root.rootUri}#${criterion.id}`, parent: series, criterion,
            description: descriptions.get(criterion.id), children: [],
          };
          for (const document of criterion.documents) {
            const dNode: CoverageNode = { kind: 'document', key: `${cNode.key}#${document.uri}`, parent: cNode, document, children: [] };
            if (document.locations.length > 1) {
              dNode.children = document.locations.map((location, i) => ({
                kind: 'location', key: `${dNode.key}#${i}`, parent: dNode, uri: document.uri, location, children: [],
              }));
            }
            cNode.children.push(dNode);
          }
          series.children.push(cNode);
        }
        node.children.push(series);
      }
      (multiRoot ? rootNode.children : top).push(node);
    }
    if (multiRoot) top.push(rootNode);
  }
  return top;
}

function openAt(uri: string, location: CoverageLocation | undefined): vscode.Command {
  const { start } = location?.range ?? { start: { line: 0, character: 0 } };
  const position = new vscode.Position(start.line, start.character);
  return {
    command: 'vscode.open', title: vscode.l10n.t('Open'),
    arguments: [vscode.Uri.parse(uri), { selection: new vscode.Range(position, position), preserveFocus: false } satisfies vscode.TextDocumentShowOptions],
  };
}

function criterionItem(node: Extract<CoverageNode, { kind: 'criterion' }>): vscode.TreeItem {
  const c = node.criterion;
  const item = new vscode.TreeItem(`${c.id} · ${c.title}`, c.documents.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const [icon, color] = STATUS_ICON[c.status];
  item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
  const docs = c.documents.length === 1 ? vscode.l10n.t('1 doc') : vscode.l10n.t('{0} docs', c.documents.length);
  // Type II: designed and operating side by side, e.g. "covered · operating gaps (3 missing) · 2 docs".
  item.description = criterionDescription(c, statusText(c.status), vscode.l10n.t);
  // Escaped text, not appendText: that turns spaces into &nbsp; and the tooltip would never wrap.
  const tooltip = new vscode.MarkdownString(`**${escapeMarkdown(c.id)}** · ${escapeMarkdown(c.title)}\n\n_${escapeMarkdown(statusText(c.status))}_`);
  if (c.reason) tooltip.appendMarkdown(`\n\n${escapeMarkdown(vscode.l10n.t('Excluded: {0}', c.reason))}`);
  if (c.operating) tooltip.appendMarkdown(`\n\n${escapeMarkdown(operatingDetail(c.operating, vscode.l10n.t))}`);
  if (node.description) tooltip.appendMarkdown(`\n\n${escapeMarkdown(node.description)}`);
  if (c.status === 'uncovered') tooltip.appendMarkdown(`\n\n${escapeMarkdown(vscode.l10n.t('Click to create a policy for it or map it into a document.'))}`);
  item.tooltip = tooltip;
  item.contextValue = `criterion.${c.status}`;
  const operating = c.operating ? `, ${operatingLabel(c.operating, vscode.l10n.t)}` : '';
  item.accessibilityInformation = { label: `${c.id} ${c.title}, ${statusText(c.status)}${operating}, ${docs}` };
  if (c.status === 'uncovered') item.command = { command: Commands.closeGap, title: vscode.l10n.t('Close this gap'), arguments: [c.id] };
  return item;
}

function nodeItem(node: CoverageNode): vscode.TreeItem {
  const { Collapsed, Expanded, None } = vscode.TreeItemCollapsibleState;
  let item: vscode.TreeItem;
  switch (node.kind) {
    case 'root':
      item = new vscode.TreeItem(node.root.name, Expanded);
      item.description = `${node.root.summary.overall.percent}%`;
      item.iconPath = new vscode.ThemeIcon('root-folder');
      break;
    case 'category':
      item = new vscode.TreeItem(node.title, Expanded);
      item.description = node.percent === undefined ? node.counts : `${node.percent}% · ${node.counts}`;
      item.iconPath = new vscode.ThemeIcon('shield');
      break;
    case 'series':
      item = new vscode.TreeItem(node.title, Collapsed);
      item.description = node.counts;
      break;
    case 'criterion':
      item = criterionItem(node);
      break;
    case 'document': {
      const d = node.document;
      item = new vscode.TreeItem(d.title || d.docId, node.children.length ? Collapsed : None);
      item.description = `${d.status}${d.locations[0]?.section ? ` · § ${d.locations[0].section}` : ''}`;
      item.resourceUri = vscode.Uri.parse(d.uri);
      item.iconPath = vscode.ThemeIcon.File;
      item.tooltip = vscode.workspace.asRelativePath(item.resourceUri);
      item.command = openAt(d.uri, d.locations[0]);
      break;
    }
    case 'location':
      item = new vscode.TreeItem(node.location.kind === 'section' ? `§ ${node.location.section ?? ''}` : vscode.l10n.t('front matter'), None);
      item.description = node.location.mappedId;
      item.command = openAt(node.uri, node.location);
      break;
  }
  item.id = node.key;
  return item;
}

/** The `soc2Policy.coverage` view: refreshed from the store, never asking the server itself. */
export class CoverageTree implements vscode.TreeDataProvider<CoverageNode>, vscode.Disposable {
  private nodes: CoverageNode[] = [];
  private readonly filter: TreeFilter = { showAll: false };
  private readonly changed = new vscode.EventEmitter<CoverageNode | undefined>();
  private readonly view: vscode.TreeView<CoverageNode>;
  private readonly disposables: vscode.Disposable[];

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: CoverageStore) {
    this.view = vscode.window.createTreeView(Views.coverage, { treeDataProvider: this, showCollapseAll: true });
    this.disposables = [this.view, this.changed, store.onDidChange(() => this.rebuild())];
    void this.setContext();
    this.rebuild();
  }

  get treeView(): vscode.TreeView<CoverageNode> {
    return this.view;
  }

  setShowAll(showAll: boolean): void {
    this.filter.showAll = showAll;
    void this.setContext();
    this.rebuild();
  }

  /** Only the criteria `uri` maps (undefined: all). */
  setDocumentFilter(uri: string | undefined): void {
    this.filter.documentUri = uri;
    void this.setContext();
    this.rebuild();
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    return nodeItem(node);
  }

  getChildren(node?: CoverageNode): CoverageNode[] {
    return node ? node.children : this.nodes;
  }

  getParent(node: CoverageNode): CoverageNode | undefined {
    return node.parent;
  }

  /** Selects a criterion (of the first root that has it), widening the filter when it hides it. */
  async reveal(criterionId: string): Promise<boolean> {
    let node = this.find(criterionId);
    if (!node && (this.filter.documentUri || !this.filter.showAll)) {
      this.filter.documentUri = undefined;
      this.setShowAll(true);
      node = this.find(criterionId);
    }
    if (!node) return false;
    await this.view.reveal(node, { select: true, focus: true, expand: false });
    return true;
  }

  private find(criterionId: string): CoverageNode | undefined {
    const stack = [...this.nodes];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.kind === 'criterion' && node.criterion.id === criterionId) return node;
      if (node.kind !== 'criterion') stack.push(...node.children);
    }
    return undefined;
  }

  private rebuild(): void {
    // Outside a policy workspace: no nodes, badge or message, so the welcome view invites to start one.
    const snapshot = this.store.active ? this.store.current : undefined;
    this.nodes = snapshot ? buildNodes(snapshot, this.filter) : [];
    const uncovered = snapshot?.coverage.roots.reduce((n, r) => n + r.summary.overall.uncovered, 0) ?? 0;
    this.view.badge = uncovered ? { value: uncovered, tooltip: vscode.l10n.t('{0} uncovered criteria', uncovered) } : undefined;
    const filtered = this.filter.documentUri ? documentFilterTexts(snapshot, this.filter.documentUri) : undefined;
    this.view.description = filtered?.description;
    this.view.message = filtered?.message ?? (snapshot && !this.nodes.length ? vscode.l10n.t('No criteria to show.') : undefined);
    this.changed.fire(undefined);
  }

  private async setContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', ContextKeys.showAll, this.filter.showAll);
    await vscode.commands.executeCommand('setContext', ContextKeys.filtered, !!this.filter.documentUri);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** Toolbar commands of the view. */
export function registerTreeCommands(tree: CoverageTree): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.showAllCriteria, () => tree.setShowAll(true)),
    vscode.commands.registerCommand(Commands.showInScopeCriteria, () => tree.setShowAll(false)),
    vscode.commands.registerCommand(Commands.clearDocumentFilter, () => tree.setDocumentFilter(undefined)),
    vscode.commands.registerCommand(Commands.revealCriterion, (id: unknown) => (typeof id === 'string' ? tree.reveal(id) : false)),
  );
}
