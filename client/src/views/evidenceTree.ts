import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EvidenceChangedNotification, EvidenceRequest,
  type EvidenceObligationInfo, type EvidenceResult, type EvidenceWindowInfo, type EvidenceWindowStatus, type RootEvidence,
} from '../../../server/src/protocol';
import { ContextKeys, Views } from '../ids';
import { EVIDENCE_SEVERITY as SEVERITY, worstStatus } from './evidenceCalendarHtml';
import { ServerFedTree } from './serverFedTree';

/** Obligations, then their windows (scheduled) or records (per event). */
export type EvidenceNode =
  | { kind: 'obligation'; root: RootEvidence; obligation: EvidenceObligationInfo }
  | { kind: 'window'; root: RootEvidence; obligation: EvidenceObligationInfo; window: EvidenceWindowInfo }
  | { kind: 'record'; root: RootEvidence; obligation: EvidenceObligationInfo; uri: string };

const STATUS_ICON: Record<EvidenceWindowStatus, [string, string]> = {
  recorded: ['pass-filled', 'testing.iconPassed'],
  failed: ['warning', 'editorWarning.foreground'],
  missing: ['error', 'errorForeground'],
  due: ['watch', 'editorInfo.foreground'],
  future: ['circle-outline', 'disabledForeground'],
};


export function statusText(status: EvidenceWindowStatus): string {
  switch (status) {
    case 'recorded': return vscode.l10n.t('recorded');
    case 'failed': return vscode.l10n.t('failed');
    case 'missing': return vscode.l10n.t('missing');
    case 'due': return vscode.l10n.t('due');
    case 'future': return vscode.l10n.t('future');
  }
}

function open(uri: string, range?: vscode.Range): vscode.Command {
  return {
    command: 'vscode.open', title: vscode.l10n.t('Open'),
    arguments: [vscode.Uri.parse(uri), { selection: range, preserveFocus: false } satisfies vscode.TextDocumentShowOptions],
  };
}

function openObligation(obligation: EvidenceObligationInfo): vscode.Command {
  const { start, end } = obligation.range;
  return open(obligation.documentUri, new vscode.Range(start.line, start.character, end.line, end.character));
}

/**
 * The Evidence view: each obligation (overdue first) with its windows in the audit period and their status.
 * Fetches the calendar itself and again whenever the server says it changed.
 */
export class EvidenceTree extends ServerFedTree<EvidenceResult, EvidenceNode> {
  constructor(client: LanguageClient) {
    super(client, { viewId: Views.evidence, request: EvidenceRequest.type, changed: EvidenceChangedNotification.type, presentContextKey: ContextKeys.evidencePlanned });
  }

  /** Every obligation of every root, for the record command's pick. */
  obligations(): { root: RootEvidence; obligation: EvidenceObligationInfo }[] {
    return this.result?.roots.flatMap((root) => root.obligations.map((obligation) => ({ root, obligation }))) ?? [];
  }

  protected badge(result: EvidenceResult): vscode.ViewBadge | undefined {
    const missing = this.obligations().reduce((n, { obligation }) => n + obligation.windows.filter((w) => w.status === 'missing').length, 0);
    return missing ? { value: missing, tooltip: vscode.l10n.t('{0} evidence windows missing', missing) } : undefined;
  }

  protected present(result: EvidenceResult): boolean {
    return this.obligations().length > 0;
  }

  getChildren(node?: EvidenceNode): EvidenceNode[] {
    if (!node) {
      const all = this.obligations();
      const rank = (o: EvidenceObligationInfo) => SEVERITY.indexOf(worstStatus(o));
      return all.sort((a, b) => rank(a.obligation) - rank(b.obligation) || a.obligation.id.localeCompare(b.obligation.id))
        .map(({ root, obligation }) => ({ kind: 'obligation', root, obligation }));
    }
    if (node.kind !== 'obligation') return [];
    const { root, obligation } = node;
    if (!obligation.windows.length) return obligation.recordsInPeriod.map((uri) => ({ kind: 'record', root, obligation, uri }));
    return obligation.windows.map((window) => ({ kind: 'window', root, obligation, window }));
  }

  getParent(node: EvidenceNode): EvidenceNode | undefined {
    return node.kind === 'obligation' ? undefined : { kind: 'obligation', root: node.root, obligation: node.obligation };
  }

  /** Shows a node in the view, its obligation expanded (tests, and links from other views). */
  async reveal(node: EvidenceNode): Promise<void> {
    await this.view.reveal(node, { select: true, focus: false, expand: true });
  }

  getTreeItem(node: EvidenceNode): vscode.TreeItem {
    switch (node.kind) {
      case 'obligation': return this.obligationItem(node.root, node.obligation);
      case 'window': return this.windowItem(node.obligation, node.window);
      case 'record': {
        const item = new vscode.TreeItem(vscode.Uri.parse(node.uri), vscode.TreeItemCollapsibleState.None);
        item.id = `${node.obligation.documentUri}#${node.obligation.id}#${node.uri}`;
        item.contextValue = 'record';
        item.command = open(node.uri);
        return item;
      }
    }
  }

  private obligationItem(root: RootEvidence, obligation: EvidenceObligationInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(obligation.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${root.rootUri}#${obligation.id}`;
    const multiRoot = (this.result?.roots.filter((r) => r.obligations.length).length ?? 0) > 1;
    item.description = multiRoot ? `${obligation.summary} · ${root.name}` : obligation.summary;
    const scheduled = obligation.windows.length > 0;
    const [icon, color] = scheduled ? STATUS_ICON[worstStatus(obligation)] : ['list-unordered', 'foreground'];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${obligation.id}**: `).appendText(obligation.schedule);
    if (obligation.kind) tooltip.appendText('\n\n' + vscode.l10n.t('Kind: {0}', obligation.kind));
    if (obligation.owner) tooltip.appendText('\n\n' + vscode.l10n.t('Owner: {0}', obligation.owner));
    if (obligation.criteria.length) tooltip.appendText('\n\n' + vscode.l10n.t('Criteria: {0}', obligation.criteria.join(', ')));
    item.tooltip = tooltip;
    item.contextValue = 'obligation';
    item.command = openObligation(obligation);
    return item;
  }

  private windowItem(obligation: EvidenceObligationInfo, window: EvidenceWindowInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(window.label, vscode.TreeItemCollapsibleState.None);
    item.id = `${obligation.documentUri}#${obligation.id}#${window.start}`;
    item.description = window.status === 'missing' || window.status === 'due'
      ? vscode.l10n.t('{0} · due by {1}', statusText(window.status), window.dueBy)
      : statusText(window.status);
    const [icon, color] = STATUS_ICON[window.status];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.tooltip = vscode.l10n.t('{0} to {1}: {2}', window.start, window.end, statusText(window.status));
    // Screen readers (and the view's row label) say the window and its status, not only the tooltip's dates.
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1}', window.label, String(item.description)) };
    item.contextValue = `window.${window.status}`;
    // A recorded window opens its record; one without a record opens the obligation that asks for it.
    item.command = window.records.length ? open(window.records[0]) : openObligation(obligation);
    return item;
  }
}
