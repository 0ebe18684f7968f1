import * as vscode from 'vscode';
import { State, type LanguageClient, type NotificationType, type RequestType } from 'vscode-languageclient/node';
import type { ScopeParams } from '../../../server/src/protocol';
import { LatestFetch } from '../latestFetch';

/** Where a view's data comes from: the request that fetches it and the notification that says it changed. */
export interface TreeSource<R> {
  viewId: string;
  request: RequestType<ScopeParams, R, void>;
  changed: NotificationType<unknown>;
  /** Set while the view has something to show (its welcome message shows otherwise). */
  presentContextKey: string;
}

/**
 * A tree view fed by one server request (the Risks, Vendors, Evidence and Questionnaires views): it fetches when the
 * server starts and again, debounced, whenever the server says the data changed; a slow answer never overwrites a
 * newer one (LatestFetch). Subclasses say how the data becomes nodes, and what the badge counts.
 */
export abstract class ServerFedTree<R, N> implements vscode.TreeDataProvider<N>, vscode.Disposable {
  protected result: R | undefined;
  protected readonly changed = new vscode.EventEmitter<N | undefined>();
  protected readonly view: vscode.TreeView<N>;
  private readonly fetches = new LatestFetch(() => this.refresh());
  private readonly disposables: vscode.Disposable[];

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly client: LanguageClient, private readonly source: TreeSource<R>) {
    this.view = vscode.window.createTreeView(source.viewId, { treeDataProvider: this, showCollapseAll: true });
    this.disposables = [
      this.changed,
      this.fetches,
      this.view,
      client.onNotification(source.changed, () => this.schedule()),
      client.onDidChangeState((e) => { if (e.newState === State.Running) this.schedule(0); }),
    ];
    if (client.isRunning()) this.schedule(0);
  }

  abstract getChildren(node?: N): N[];
  abstract getTreeItem(node: N): vscode.TreeItem;
  /** The view's badge for a fresh result: how many things need attention, if any. */
  protected abstract badge(result: R): vscode.ViewBadge | undefined;
  /** Whether a result has anything to list. */
  protected abstract present(result: R): boolean;

  get current(): R | undefined {
    return this.result;
  }

  /** Refetch soon; bursts of notifications (typing) collapse into one fetch. */
  schedule(delayMs = 100): void {
    this.fetches.schedule(delayMs);
  }

  async refresh(): Promise<R | undefined> {
    if (!this.client.isRunning()) return this.result;
    const fresh = await this.fetches.latest(() => this.client.sendRequest(this.source.request, {}));
    if (!fresh) return this.result;
    const result = (this.result = fresh.value);
    this.changed.fire(undefined);
    this.view.badge = this.badge(result);
    await vscode.commands.executeCommand('setContext', this.source.presentContextKey, this.present(result));
    return result;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
