import * as vscode from 'vscode';
import type { CoverageSnapshot, CoverageStore } from './coverageStore';
import { Commands } from './ids';
import { DOCUMENT_SELECTOR } from './languageClient';

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

/** "SOC 2 68%" next to the language indicator of policy documents; a click opens the gap panel. */
export function createStatusItem(store: CoverageStore): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('soc2Policy.coverage', DOCUMENT_SELECTOR);
  item.name = 'SOC 2 coverage';
  item.text = 'SOC 2 $(sync~spin)';
  item.detail = 'indexing policies';
  item.busy = true;
  item.command = { command: Commands.showGapPanel, title: 'Gap analysis', tooltip: 'Open the SOC 2 gap analysis' };
  const update = (snapshot: CoverageSnapshot) => {
    const percent = overallPercent(snapshot);
    const draftOnly = snapshot.coverage.roots.reduce((n, r) => n + r.summary.overall.draftOnly, 0);
    const uncovered = snapshot.coverage.roots.reduce((n, r) => n + r.summary.overall.uncovered, 0);
    item.busy = false;
    item.text = percent === undefined ? 'SOC 2 –' : `SOC 2 ${Math.round(percent)}%`;
    item.detail = percent === undefined ? 'no criteria in scope' : `${percent}% of in-scope criteria covered · ${uncovered} uncovered, ${draftOnly} draft only`;
    item.severity = uncovered > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  };
  const subscription = store.onDidChange(update);
  if (store.current) update(store.current);
  return vscode.Disposable.from(item, subscription);
}
