import type { ClientCapabilities } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';

/** What the client can do, read once from `initialize` so features never assume VS Code. */
export interface ClientFeatures {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  publishVersion: boolean;
  hoverMarkdown: boolean;
  completionMarkdown: boolean;
  /** Shows `labelDetails` in the list, so `detail` can wait for completionItem/resolve. */
  completionLabelDetails: boolean;
  /** Takes one edit range and one `data` for every item of a completion list (`itemDefaults`). */
  completionDefaults: boolean;
  hierarchicalSymbols: boolean;
  definitionLinks: boolean;
  codeActionLiterals: boolean;
  codeActionResolve: boolean;
  documentChanges: boolean;
  workDoneProgress: boolean;
  configuration: boolean;
  workspaceFolders: boolean;
  watchedFilesDynamic: boolean;
  configurationChangeDynamic: boolean;
  codeLensRefresh: boolean;
}

export function clientFeatures(caps: ClientCapabilities): ClientFeatures {
  const text = caps.textDocument;
  const workspace = caps.workspace;
  return {
    pullDiagnostics: !!text?.diagnostic,
    diagnosticRefresh: !!workspace?.diagnostics?.refreshSupport,
    publishVersion: !!text?.publishDiagnostics?.versionSupport,
    hoverMarkdown: (text?.hover?.contentFormat ?? []).includes(MarkupKind.Markdown),
    completionMarkdown: (text?.completion?.completionItem?.documentationFormat ?? []).includes(MarkupKind.Markdown),
    completionLabelDetails: !!text?.completion?.completionItem?.labelDetailsSupport,
    completionDefaults: ['editRange', 'data'].every((d) => (text?.completion?.completionList?.itemDefaults ?? []).includes(d)),
    hierarchicalSymbols: !!text?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    definitionLinks: !!text?.definition?.linkSupport,
    codeActionLiterals: !!text?.codeAction?.codeActionLiteralSupport,
    codeActionResolve: (text?.codeAction?.resolveSupport?.properties ?? []).includes('edit'),
    documentChanges: !!workspace?.workspaceEdit?.documentChanges,
    workDoneProgress: !!caps.window?.workDoneProgress,
    configuration: !!workspace?.configuration,
    workspaceFolders: !!workspace?.workspaceFolders,
    watchedFilesDynamic: !!workspace?.didChangeWatchedFiles?.dynamicRegistration,
    configurationChangeDynamic: !!workspace?.didChangeConfiguration?.dynamicRegistration,
    codeLensRefresh: !!workspace?.codeLens?.refreshSupport,
  };
}

/** A capable client, for benchmarks and in-process use. */
export const FULL_CLIENT: ClientFeatures = {
  pullDiagnostics: true,
  diagnosticRefresh: true,
  publishVersion: true,
  hoverMarkdown: true,
  completionMarkdown: true,
  completionLabelDetails: true,
  completionDefaults: true,
  hierarchicalSymbols: true,
  definitionLinks: true,
  codeActionLiterals: true,
  codeActionResolve: true,
  documentChanges: true,
  workDoneProgress: true,
  configuration: true,
  workspaceFolders: true,
  watchedFilesDynamic: true,
  configurationChangeDynamic: true,
  codeLensRefresh: true,
};
