import * as vscode from 'vscode';
import { Commands } from '../ids';

/** The output channel with versions, start lines and index summaries: the first thing a bug report needs. */
export function registerShowOutput(output: vscode.OutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.showOutput, () => output.show(true));
}
