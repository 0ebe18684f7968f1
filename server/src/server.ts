/**
 * The SOC 2 Policy Studio language server. A thin layer: the session owns the analyzers, each feature module
 * translates one part of LSP, and the analysis itself lives in core/. The transport comes from argv
 * (`--node-ipc` for VS Code, `--stdio` for tests and other editors).
 */
import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { VERSION } from './cli/version';
import { parseDate, today as realToday, type DateOnly } from './core/dates';
import { basename } from './core/paths';
import { loadBuiltins } from './node/builtins';
import { DIAGNOSTIC_SOURCE, SETTINGS_SECTION, type InitializationOptions } from './protocol';
import { clientFeatures } from './session/capabilities';
import { PolicySession, type WorkspaceFolderRef } from './session/session';
import { SettingsCache } from './session/settings';
import { pathToUri, uriToPath } from './session/uris';
import { CODE_ACTION_KINDS, registerCodeActions } from './features/codeActions';
import { CodeLensFeature } from './features/codeLens';
import type { FeatureContext } from './features/common';
import { COMPLETION_TRIGGERS, registerCompletion } from './features/completion';
import { CoverageFeature } from './features/coverageRequests';
import { EvidenceFeature } from './features/evidenceRequests';
import { RegisterFeature } from './features/registerRequests';
import { registerDefinition } from './features/definition';
import { DiagnosticsFeature } from './features/diagnostics';
import { registerHover } from './features/hover';
import { registerImportRequests } from './features/importRequests';
import { registerQuestionnaireRequests } from './features/questionnaireRequests';
import { registerReferences } from './features/references';
import { registerSymbols } from './features/symbols';
import { WorkspaceIndexFeature } from './features/workspaceIndex';
import { paramsProblem } from './features/requestParams';
import { connect } from './transport/connect';

/** Wires the features to a connection. Everything lives in this closure: one server per connection. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  // TextDocuments reports an open as open + content change; the open is handled on its own (no debounce).
  const justOpened = new Set<string>();
  let session: PolicySession | undefined;
  let index: WorkspaceIndexFeature | undefined;
  let folders: WorkspaceFolderRef[] = [];

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    const client = clientFeatures(params.capabilities);
    const builtins = await loadBuiltins();
    for (const finding of builtins.findings) connection.console.error(`built-in catalog problem: ${finding.file}: ${finding.message}`);
    const settings = new SettingsCache(client.configuration ? (scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }) : undefined);
    const options = params.initializationOptions as InitializationOptions | undefined;
    const cacheFolder = typeof options?.cacheFolder === 'string' && options.cacheFolder ? options.cacheFolder : undefined;
    session = new PolicySession({ documents, builtins, today: todayFrom(options), customCatalogs: options?.restrictedMode !== true, settings, cacheFolder, log: (m) => connection.console.log(m) });
    if (options?.restrictedMode === true) connection.console.log('Restricted Mode: custom catalogs named in soc2-policy.yaml are not loaded.');
    const ctx: FeatureContext = { session, client };

    new DiagnosticsFeature(connection, ctx).register();
    new CoverageFeature(connection, ctx).register();
    new EvidenceFeature(connection, ctx).register();
    new RegisterFeature(connection, ctx).register();
    new CodeLensFeature(connection, ctx).register();
    index = new WorkspaceIndexFeature(connection, ctx);
    index.register();
    registerHover(connection, ctx);
    registerCompletion(connection, ctx);
    registerCodeActions(connection, ctx);
    registerDefinition(connection, ctx);
    registerReferences(connection, ctx);
    registerSymbols(connection, ctx);
    registerImportRequests(connection, ctx);
    registerQuestionnaireRequests(connection, ctx);

    folders = workspaceFolders(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        // Criterion descriptions come with resolve: listing them all made answers of 26 KB. The client sends labelDetails back.
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: true, completionItem: { labelDetailsSupport: true } },
        codeActionProvider: client.codeActionLiterals ? { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true } : false,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        diagnosticProvider: client.pullDiagnostics ? { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: true, workspaceDiagnostics: true } : undefined,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'soc2-policy', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    void index?.start(folders).catch((error) => connection.console.error(`start failed: ${String(error)}`));
  });

  connection.onDidChangeConfiguration((params) => session?.settingsChanged(params.settings));

  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    session?.didOpen(event.document.uri);
  });
  documents.onDidChangeContent((event) => {
    if (justOpened.delete(event.document.uri)) return;
    session?.didChange(event.document.uri);
  });
  documents.onDidClose((event) => {
    justOpened.delete(event.document.uri);
    session?.didClose(event.document.uri);
  });

  connection.onShutdown(() => session?.dispose());
  documents.listen(connection);
  connection.listen();
}

/** Workspace folders, or the legacy root, as the client sent them. */
function workspaceFolders(params: InitializeParams): WorkspaceFolderRef[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map((f) => ({ uri: f.uri, name: f.name }));
  const rootUri = params.rootUri ?? (params.rootPath ? pathToUri(params.rootPath) : undefined);
  const path = rootUri ? uriToPath(rootUri) : undefined;
  return rootUri && path ? [{ uri: rootUri, name: basename(path) }] : [];
}

/** "Today", pinned by `initializationOptions.today` (tests, demos) or the real date. */
function todayFrom(options: unknown): () => DateOnly {
  const pinned = parseDate((options as InitializationOptions | undefined)?.today);
  return pinned ? () => pinned : () => realToday();
}

startServer(connect(paramsProblem));
