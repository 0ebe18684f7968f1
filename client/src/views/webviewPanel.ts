import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * What the gap panel and the answer review share: a panel that loads only our media folder, carries our icon, and
 * asks for a full re-render when it becomes visible after a change it missed (a hidden webview drops messages).
 */
export interface PanelHooks {
  onMessage(raw: unknown): unknown;
  /** A change arrived while the panel was hidden. */
  isStale(): boolean;
  /** The panel became visible again while stale. */
  onShownStale(panel: vscode.WebviewPanel): void;
  onDisposed(): void;
}

export function openWebviewPanel(extensionUri: vscode.Uri, viewType: string, title: string, hooks: PanelHooks): vscode.WebviewPanel {
  const media = mediaFolder(extensionUri);
  const panel = vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [media] });
  panel.iconPath = vscode.Uri.joinPath(media, 'soc2-panel.svg');
  const listeners = [
    panel.onDidChangeViewState(() => { if (panel.visible && hooks.isStale()) hooks.onShownStale(panel); }),
    panel.webview.onDidReceiveMessage((raw) => hooks.onMessage(raw)),
  ];
  panel.onDidDispose(() => {
    listeners.forEach((d) => d.dispose());
    hooks.onDisposed();
  });
  return panel;
}

/** The page's resources: the CSP source, a fresh nonce for its one script, and webview URIs of files in media/. */
export function pageResources(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, script: string): { cspSource: string; nonce: string; scriptUri: string; mediaUri: (file: string) => string } {
  const media = mediaFolder(extensionUri);
  const mediaUri = (file: string) => panel.webview.asWebviewUri(vscode.Uri.joinPath(media, file)).toString();
  return { cspSource: panel.webview.cspSource, nonce: randomBytes(16).toString('base64'), scriptUri: mediaUri(script), mediaUri };
}

function mediaFolder(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media');
}
