import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SETTINGS_SECTION, type InitializationOptions } from '../../server/src/protocol';
import { pinnedToday } from './settings';

/** Documents the server checks: Markdown (files and untitled) and the workspace config. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
  { scheme: 'file', pattern: '**/soc2-policy.yaml' },
  // Questionnaires: their citations are checked against the policies (answer-stale, answer-citation-broken).
  { scheme: 'file', pattern: '**/questionnaires/*.{yaml,yml}' },
];

/** What the server gets at (re)start: the pinned date, whether the workspace is trusted, and where it may keep its cache. */
export function initializationOptions(storage?: vscode.Uri): InitializationOptions {
  const today = pinnedToday();
  return {
    ...(today ? { today } : {}),
    ...(vscode.workspace.isTrusted ? {} : { restrictedMode: true }),
    // The extension's workspace storage, never the user's folder: VS Code removes it with the workspace.
    ...(storage?.scheme === 'file' ? { cacheFolder: vscode.Uri.joinPath(storage, 'facts-cache').fsPath } : {}),
  };
}

/**
 * The language client for server/out/server.js over IPC. Thin: no middleware, the server does the work.
 * Its id must be `soc2Policy`: the client reads its trace level from `<id>.trace.server`.
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, trace: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: {
      // Files changed outside the editor (git checkout, scripts) change coverage and links too.
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.md'), vscode.workspace.createFileSystemWatcher('**/soc2-policy.yaml'), vscode.workspace.createFileSystemWatcher('**/risk-matrix.yaml'), vscode.workspace.createFileSystemWatcher('**/questionnaires/*.{yaml,yml}')],
    },
    // A function, so a restart (new `soc2Policy.today`, trust granted) sends the current values.
    initializationOptions: () => initializationOptions(context.storageUri),
    outputChannel: output,
    traceOutputChannel: trace,
  };
  return new LanguageClient(SETTINGS_SECTION, 'SOC 2 Policy Studio', serverOptions, clientOptions);
}
