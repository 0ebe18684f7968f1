import * as vscode from 'vscode';
import type { CoverageSnapshot, CoverageStore } from './coverageStore';
import { Commands } from './ids';

/** The status bar entry's id (its DOM id is prefixed with the extension id). */
export const STATUS_ITEM_ID = 'soc2Policy.coverageStatus';

/** In-scope coverage over every root: covered / applicable, as the report computes it per root. */
export function overallPercent(snapshot: CoverageSnapshot): number | undefined {
  const roots = snapshot.coverage.roots;
  // One root: exactly the server's figure, so the status bar and the report never differ by rounding.
  if (roots.length === 1) return roots[0].summary.overall.applicable ? roots[0].summary.overall.percent : undefined;
  let applicable = 0;
  let covered = 0;
  for (const root of roots) {
    applicable += root.summary.overall.applicable;
    covered += root.summary.overall.covered;
  }
  return applicable ? Math.round((covered / applicable) * 1000) / 10 : undefined;
}

/**
 * "SOC 2 68%" in the status bar: the figure itself, not hidden behind the language indicator. Shown only in a
 * policy workspace (see CoverageStore.active); a click opens the gap panel.
 */
export function createStatusItem(store: CoverageStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('SOC 2 coverage');
  item.command = { command: Commands.showGapPanel, title: vscode.l10n.t('Open Gap Analysis') };
  const update = (snapshot: CoverageSnapshot) => {
    if (!store.active) {
      item.hide();
      return;
    }
    const percent = overallPercent(snapshot);
    const draftOnly = snapshot.coverage.roots.reduce((n, r) => n + r.summary.overall.draftOnly, 0);
    const uncovered = snapshot.coverage.roots.reduce((n, r) => n + r.summary.overall.uncovered, 0);
    item.text = percent === undefined ? '$(shield) SOC 2 –' : `$(shield) SOC 2 ${Math.round(percent)}%`;
    const detail = percent === undefined
      ? vscode.l10n.t('No criteria in scope.')
      : vscode.l10n.t('{0}% of in-scope criteria covered: {1} uncovered, {2} draft only.', percent, uncovered, draftOnly);
    const restricted = vscode.workspace.isTrusted ? '' : `\n${vscode.l10n.t('Restricted Mode: built-in catalog only.')}`;
    item.tooltip = `${detail}${restricted}\n${vscode.l10n.t('Click to open the gap analysis.')}`;
    item.accessibilityInformation = { label: vscode.l10n.t('SOC 2 coverage {0}', percent === undefined ? '–' : `${Math.round(percent)}%`) };
    item.show();
  };
  const subscription = store.onDidChange(update);
  if (store.current) update(store.current);
  return vscode.Disposable.from(item, subscription);
}
