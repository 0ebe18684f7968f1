import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PageResources } from './gapPanelHtml';

/** The page's resources (gapPanelHtml.ts), with webview URIs of any file in media/ for its stylesheets. */
export type PanelResources = Omit<PageResources, 'styleUri'> & { mediaUri: (file: string) => string };

/** What a panel of ours shows and hears. */
export interface PanelContent {
  /** The script the page loads from media/. */
  script: string;
  /** The whole page (head, CSP, script, body), written when the panel opens or comes back after a missed change. */
  page(resources: PanelResources): string;
  /** The page's body alone, posted to the open page on a change. */
  body(): string;
  onMessage(raw: unknown): unknown;
  onDisposed(): void;
}

/**
 * What the gap panel and the answer review share: a panel that loads only our media folder and carries our icon,
 * whose changes are posted to the page while it is visible, and which gets the whole page again when it becomes
 * visible after a change it missed (a hidden webview drops messages).
 */
export class WebviewPanelHost {
  readonly panel: vscode.WebviewPanel;
  /** A change arrived while the panel was hidden. */
  private stale = false;

  constructor(private readonly extensionUri: vscode.Uri, viewType: string, title: string, private readonly content: PanelContent) {
    const media = mediaFolder(extensionUri);
    const panel = vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [media] });
    panel.iconPath = vscode.Uri.joinPath(media, 'soc2-panel.svg');
    const listeners = [
      panel.onDidChangeViewState(() => { if (panel.visible && this.stale) this.showPage(); }),
      panel.webview.onDidReceiveMessage((raw) => content.onMessage(raw)),
    ];
    panel.onDidDispose(() => {
      listeners.forEach((d) => d.dispose());
      content.onDisposed();
    });
    this.panel = panel;
  }

  /** Writes the whole page. */
  showPage(): void {
    const media = mediaFolder(this.extensionUri);
    const webview = this.panel.webview;
    const mediaUri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(media, file)).toString();
    webview.html = this.content.page({ cspSource: webview.cspSource, nonce: randomBytes(16).toString('base64'), scriptUri: mediaUri(this.content.script), mediaUri });
    this.stale = false;
  }

  /** Posts the new body to a visible page; a hidden one gets the whole page when it is shown again. */
  render(): void {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    void this.panel.webview.postMessage({ type: 'render', html: this.content.body() });
  }
}

function mediaFolder(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media');
}
