import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../server/src/protocol';

export const TRACE_SETTING = `${SETTINGS_SECTION}.trace.server`;

function traceEnabled(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>('trace.server', 'off') !== 'off';
}

/**
 * The language client's trace output. vscode-languageclient 11 traces only when its channel's log level is
 * Trace, so `soc2Policy.trace.server` alone did nothing. This channel reports Trace while the setting is on
 * (and fires the change, so the client tells the server) and writes to its own output channel.
 */
export function createTraceChannel(name: string): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel(name);
  const levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  const level = () => (traceEnabled() ? vscode.LogLevel.Trace : vscode.LogLevel.Off);
  const settingChanged = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(TRACE_SETTING)) levelChanged.fire(level());
  });
  const line = (message: string) => channel.appendLine(`[${new Date().toISOString()}] ${message}`);
  return {
    name: channel.name,
    get logLevel() { return level(); },
    onDidChangeLogLevel: levelChanged.event,
    trace: (message) => line(message),
    debug: (message) => line(message),
    info: (message) => line(message),
    warn: (message) => line(message),
    error: (error) => line(error instanceof Error ? error.message : error),
    append: (value) => channel.append(value),
    appendLine: (value) => channel.appendLine(value),
    replace: (value) => channel.replace(value),
    clear: () => channel.clear(),
    show: (column?: unknown, preserveFocus?: boolean) => channel.show(typeof column === 'boolean' ? column : preserveFocus),
    hide: () => channel.hide(),
    dispose: () => { settingChanged.dispose(); levelChanged.dispose(); channel.dispose(); },
  };
}
