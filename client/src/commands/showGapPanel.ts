import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { GapPanel } from '../views/gapPanel';

export function registerShowGapPanel(panel: GapPanel): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.showGapPanel, () => { panel.show(); });
}
