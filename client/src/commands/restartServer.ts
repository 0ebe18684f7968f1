import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { ServerControl } from '../serverControl';

/** For a server that misbehaves, or to pick up changed catalogs now: no window reload needed. */
export function registerRestartServer(control: ServerControl): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.restartServer, () => control.restart(vscode.l10n.t('requested with the Restart Language Server command')));
}
