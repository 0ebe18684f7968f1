import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RisksChangedNotification, RisksRequest, type RiskInfo, type RiskLevelInfo, type RiskRatingInfo, type RisksResult, type RootRisks } from '../../../server/src/protocol';
import { ContextKeys, Views } from '../ids';
import { ServerFedTree } from './serverFedTree';

/** Levels of the matrix (highest first), then the risks whose current (residual) rating is at that level. */
export type RiskNode =
  | { kind: 'level'; level: RiskLevelInfo; risks: { root: RootRisks; risk: RiskInfo }[] }
  | { kind: 'risk'; root: RootRisks; risk: RiskInfo; level: RiskLevelInfo };

/** "Critical → Moderate": the inherent and the residual level names. */
export function ratingChange(risk: RiskInfo, levels: readonly RiskLevelInfo[]): string {
  const name = (rating: RiskRatingInfo | null) => (rating ? levels.find((l) => l.id === rating.level)?.name ?? rating.level : '?');
  return `${name(risk.inherent)} → ${name(risk.residual)}`;
}

/**
 * The Risks view: the register grouped by each risk's current level, as the matrix names the levels. Fetches the
 * register itself and again whenever the server says it changed.
 */
export class RiskTree extends ServerFedTree<RisksResult, RiskNode> {
  constructor(client: LanguageClient) {
    super(client, { viewId: Views.risks, request: RisksRequest.type, changed: RisksChangedNotification.type, presentContextKey: ContextKeys.risksPresent });
  }

  protected badge(result: RisksResult): vscode.ViewBadge | undefined {
    const overdue = result.roots.reduce((n, root) => n + root.risks.filter((r) => r.overdue).length, 0);
    return overdue ? { value: overdue, tooltip: vscode.l10n.t('{0} risk reviews overdue', overdue) } : undefined;
  }

  protected present(result: RisksResult): boolean {
    return result.roots.some((r) => r.risks.length > 0);
  }

  getChildren(node?: RiskNode): RiskNode[] {
    if (node) return node.kind === 'level' ? node.risks.map(({ root, risk }) => ({ kind: 'risk', root, risk, level: node.level })) : [];
    // Roots may name their levels differently: group by level id, in the order of the first root that has it.
    const groups = new Map<string, Extract<RiskNode, { kind: 'level' }>>();
    for (const root of this.result?.roots ?? []) {
      for (const level of [...root.levels].reverse()) if (!groups.has(level.id)) groups.set(level.id, { kind: 'level', level, risks: [] });
      for (const risk of root.risks) {
        const id = risk.residual?.level ?? risk.inherent?.level;
        if (id) groups.get(id)?.risks.push({ root, risk });
      }
    }
    return [...groups.values()].filter((g) => g.risks.length);
  }

  getTreeItem(node: RiskNode): vscode.TreeItem {
    if (node.kind === 'level') {
      const item = new vscode.TreeItem(node.level.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `level#${node.level.id}`;
      item.description = vscode.l10n.t('{0} risks · review every {1}', node.risks.length, node.level.review);
      item.iconPath = new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor(levelColor(node.level.id)));
      item.contextValue = 'riskLevel';
      return item;
    }
    const { root, risk } = node;
    const item = new vscode.TreeItem(risk.id, vscode.TreeItemCollapsibleState.None);
    item.id = `${root.rootUri}#${risk.id}`;
    const multiRoot = (this.result?.roots.filter((r) => r.risks.length).length ?? 0) > 1;
    const change = ratingChange(risk, root.levels);
    item.description = [risk.title, change, multiRoot ? root.name : undefined].filter(Boolean).join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${risk.id}** `).appendText(risk.title ?? '');
    tooltip.appendText('\n\n' + vscode.l10n.t('Inherent → residual: {0}', change));
    if (risk.owner) tooltip.appendText('\n\n' + vscode.l10n.t('Owner: {0}', risk.owner));
    if (risk.treatment) tooltip.appendText('\n\n' + vscode.l10n.t('Treatment: {0}', risk.treatment));
    if (risk.nextReview) tooltip.appendText('\n\n' + (risk.overdue ? vscode.l10n.t('Review overdue since {0}', risk.nextReview) : vscode.l10n.t('Next review: {0}', risk.nextReview)));
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(risk.overdue ? 'warning' : 'shield', risk.overdue ? new vscode.ThemeColor('editorWarning.foreground') : undefined);
    item.contextValue = risk.overdue ? 'risk.overdue' : 'risk';
    const { start, end } = risk.range;
    item.command = {
      command: 'vscode.open', title: vscode.l10n.t('Open'),
      arguments: [vscode.Uri.parse(risk.uri), { selection: new vscode.Range(start.line, start.character, end.line, end.character) } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }
}

/** Theme colours, not the matrix's hex values: tree icons only take theme colours. The highest levels stand out. */
function levelColor(levelId: string): string {
  if (/crit|sever|extreme/i.test(levelId)) return 'errorForeground';
  if (/high/i.test(levelId)) return 'editorWarning.foreground';
  if (/mod|med/i.test(levelId)) return 'editorInfo.foreground';
  return 'testing.iconPassed';
}
