import * as vscode from 'vscode';
import type { CoverageStore } from '../coverageStore';
import { Commands } from '../ids';

/** Refetches coverage now (the views normally follow the server's change notifications on their own). */
export function registerRefreshCoverage(store: CoverageStore): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.refreshCoverage, () =>
    vscode.window.withProgress({ location: { viewId: 'soc2Policy.coverage' } }, () => store.refresh()));
}
