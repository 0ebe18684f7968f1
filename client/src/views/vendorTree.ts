import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { VENDOR_ATTENTION, VendorsChangedNotification, VendorsRequest, type CarvedOutCriterionInfo, type RootVendors, type VendorAttention, type VendorInfo, type VendorsResult } from '../../../server/src/protocol';
import { Commands, ContextKeys, Views } from '../ids';
import { ServerFedTree } from './serverFedTree';

/** Groups by what needs doing (the server's order, most urgent first), then vendors, then a carve-out's criteria. */
export type VendorNode =
  | { kind: 'group'; attention: VendorAttention; vendors: { root: RootVendors; vendor: VendorInfo }[] }
  | { kind: 'vendor'; root: RootVendors; vendor: VendorInfo }
  | { kind: 'criterion'; root: RootVendors; vendor: VendorInfo; carved: CarvedOutCriterionInfo };

function groupLabel(attention: VendorAttention): string {
  switch (attention) {
    case 'report-stale': return vscode.l10n.t('Report stale');
    case 'review-overdue': return vscode.l10n.t('Review overdue');
    case 'report-missing': return vscode.l10n.t('Report missing');
    case 'other-finding': return vscode.l10n.t('Other findings');
    case 'ok': return vscode.l10n.t('OK');
  }
}

/** "critical · carve-out · report to 2026-03-31": what an auditor asks of each vendor first. */
export function vendorSummary(vendor: VendorInfo): string {
  return [
    vendor.criticality ?? vscode.l10n.t('criticality not set'),
    vendor.method ?? undefined,
    vendor.reportPeriodEnd ? vscode.l10n.t('report to {0}', vendor.reportPeriodEnd) : vscode.l10n.t('no report'),
  ].filter(Boolean).join(' · ');
}

/**
 * The Vendors view: the inventory grouped by the findings open on each vendor file, as the server reports them.
 * Fetches the inventory itself and again whenever the server says it changed.
 */
export class VendorTree extends ServerFedTree<VendorsResult, VendorNode> {
  constructor(client: LanguageClient) {
    super(client, { viewId: Views.vendors, request: VendorsRequest.type, changed: VendorsChangedNotification.type, presentContextKey: ContextKeys.vendorsPresent });
  }

  protected badge(result: VendorsResult): vscode.ViewBadge | undefined {
    const attention = result.roots.reduce((n, root) => n + root.vendors.filter((v) => v.attention !== 'ok').length, 0);
    return attention ? { value: attention, tooltip: vscode.l10n.t('{0} vendors need attention', attention) } : undefined;
  }

  protected present(result: VendorsResult): boolean {
    return result.roots.some((r) => r.vendors.length > 0);
  }

  getChildren(node?: VendorNode): VendorNode[] {
    if (!node) {
      // The server sorts each root's vendors by attention; groups keep that order across roots.
      const groups = new Map<VendorAttention, Extract<VendorNode, { kind: 'group' }>>();
      const all = (this.result?.roots ?? []).flatMap((root) => root.vendors.map((vendor) => ({ root, vendor })));
      for (const entry of [...all].sort((a, b) => rankOf(a.vendor) - rankOf(b.vendor))) {
        const group = groups.get(entry.vendor.attention) ?? groups.set(entry.vendor.attention, { kind: 'group', attention: entry.vendor.attention, vendors: [] }).get(entry.vendor.attention)!;
        group.vendors.push(entry);
      }
      return [...groups.values()];
    }
    if (node.kind === 'group') return node.vendors.map(({ root, vendor }) => ({ kind: 'vendor', root, vendor }));
    if (node.kind === 'vendor') return node.vendor.carvedOut.map((carved) => ({ kind: 'criterion', root: node.root, vendor: node.vendor, carved }));
    return [];
  }

  getTreeItem(node: VendorNode): vscode.TreeItem {
    if (node.kind === 'group') return this.groupItem(node);
    if (node.kind === 'criterion') return criterionItem(node);
    const { root, vendor } = node;
    const item = new vscode.TreeItem(vendor.name, vendor.carvedOut.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = `${root.rootUri}#${vendor.id}`;
    const multiRoot = (this.result?.roots.filter((r) => r.vendors.length).length ?? 0) > 1;
    item.description = [vendorSummary(vendor), multiRoot ? root.name : undefined].filter(Boolean).join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(vendor.name).appendMarkdown('** ').appendText(`(${vendor.id})`);
    tooltip.appendText('\n\n' + vscode.l10n.t('SOC 2 report: {0}', vendor.status));
    if (vendor.method) tooltip.appendText('\n\n' + vscode.l10n.t('Subservice organization: {0}', vendor.method));
    for (const finding of vendor.findings) tooltip.appendText(`\n\n${finding.code}: ${finding.message}`);
    item.tooltip = tooltip;
    item.iconPath = vendor.attention === 'ok' ? new vscode.ThemeIcon('organization') : new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
    item.contextValue = vendor.attention === 'ok' ? 'vendor' : 'vendor.attention';
    // Open at the first finding when there is one: that is what needs changing.
    const { start, end } = vendor.findings[0]?.range ?? vendor.range;
    item.command = {
      command: 'vscode.open', title: vscode.l10n.t('Open'),
      arguments: [vscode.Uri.parse(vendor.uri), { selection: new vscode.Range(start.line, start.character, end.line, end.character) } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }

  private groupItem(node: Extract<VendorNode, { kind: 'group' }>): vscode.TreeItem {
    const item = new vscode.TreeItem(groupLabel(node.attention), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `group#${node.attention}`;
    item.description = node.vendors.length === 1 ? vscode.l10n.t('1 vendor') : vscode.l10n.t('{0} vendors', node.vendors.length);
    item.iconPath = node.attention === 'ok' ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
    item.contextValue = 'vendorGroup';
    return item;
  }
}

/** A carved-out criterion: the vendor's controls we rely on, and whether our monitoring of the vendor is documented. */
function criterionItem(node: Extract<VendorNode, { kind: 'criterion' }>): vscode.TreeItem {
  const { vendor, carved } = node;
  const item = new vscode.TreeItem(carved.criterion, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.root.rootUri}#${vendor.id}#${carved.criterion}`;
  const monitoring = carved.monitoredBy.length ? vscode.l10n.t('monitored') : vscode.l10n.t('not monitored');
  item.description = [carved.title ?? undefined, monitoring].filter(Boolean).join(' · ');
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${carved.criterion}** `).appendText(carved.title ?? '');
  tooltip.appendText('\n\n' + vscode.l10n.t('Carved out to {0}. Controls we rely on:', vendor.name));
  for (const control of carved.controls) tooltip.appendText(`\n- ${control}`);
  tooltip.appendText('\n\n' + (carved.monitoredBy.length ? vscode.l10n.t('Monitoring documented in: {0}', carved.monitoredBy.join(', ')) : vscode.l10n.t('No approved document mapping a monitoring criterion names {0} yet.', vendor.name)));
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon(carved.monitoredBy.length ? 'link' : 'warning', carved.monitoredBy.length ? undefined : new vscode.ThemeColor('editorWarning.foreground'));
  item.contextValue = 'vendorCriterion';
  item.command = { command: Commands.revealCriterion, title: vscode.l10n.t('Reveal in Coverage'), arguments: [carved.criterion] };
  return item;
}

const rankOf = (vendor: VendorInfo) => VENDOR_ATTENTION.indexOf(vendor.attention);
