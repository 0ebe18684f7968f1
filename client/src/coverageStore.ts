import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  CatalogRequest, CoverageChangedNotification, CoverageRequest, GapsRequest,
  type CatalogResult, type CoverageResult, type Gap, type RootCoverage,
} from '../../server/src/protocol';
import { ContextKeys } from './ids';
import { LatestFetch } from './latestFetch';

/**
 * A root someone made a policy workspace: it has soc2-policy.yaml or a document with a mapping key. Any other
 * folder (a README, an empty folder) would only show every criterion uncovered, which is noise, not news.
 */
export function isPolicyRoot(root: RootCoverage): boolean {
  return !!root.configUri || root.documentCount > 0;
}

/** What the views show: the server's answers for policy roots only, fetched together so they agree. */
export interface CoverageSnapshot {
  coverage: CoverageResult;
  gaps: Gap[];
  /** Series titles and criterion descriptions (fetched once per server start). */
  catalog?: CatalogResult;
}

/**
 * Holds the latest coverage from the server and refetches it when the server says it changed.
 * Views subscribe to `onDidChange` instead of asking the server themselves, so they never disagree.
 */
export class CoverageStore implements vscode.Disposable {
  private snapshot: CoverageSnapshot | undefined;
  private catalog: CatalogResult | undefined;
  private readonly fetches = new LatestFetch(() => this.refresh());
  private readonly changed = new vscode.EventEmitter<CoverageSnapshot>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.fetches];
  private firstSnapshot: Promise<CoverageSnapshot>;
  private resolveFirst!: (s: CoverageSnapshot) => void;

  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {
    this.firstSnapshot = new Promise((r) => { this.resolveFirst = r; });
    this.disposables.push(
      client.onNotification(CoverageChangedNotification.type, () => this.schedule()),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) {
          // A restarted server may load other catalogs (config change): fetch them again.
          this.catalog = undefined;
          this.schedule(0);
        }
      }),
    );
  }

  get current(): CoverageSnapshot | undefined {
    return this.snapshot;
  }

  /** Some root is a policy workspace: views, badge and status bar show coverage only then. */
  get active(): boolean {
    return !!this.snapshot?.coverage.roots.length;
  }

  /** The first snapshot after start: the server has indexed the workspace. */
  whenReady(): Promise<CoverageSnapshot> {
    return this.firstSnapshot;
  }

  /** Refetch soon; bursts of notifications (typing) collapse into one fetch. */
  schedule(delayMs = 100): void {
    this.fetches.schedule(delayMs);
  }

  async refresh(): Promise<CoverageSnapshot | undefined> {
    if (!this.client.isRunning()) return this.snapshot;
    const fresh = await this.fetches.latest(() => Promise.all([
      this.client.sendRequest(CoverageRequest.type, {}),
      this.client.sendRequest(GapsRequest.type, {}),
      this.catalog ? Promise.resolve(this.catalog) : this.client.sendRequest(CatalogRequest.type, { catalogId: 'tsc' }).catch(() => undefined),
    ]));
    if (!fresh) return this.snapshot;
    const [coverage, gaps, catalog] = fresh.value;
    this.catalog = catalog;
    const roots = coverage.roots.filter(isPolicyRoot);
    const policyRoots = new Set(roots.map((r) => r.rootUri));
    const snapshot: CoverageSnapshot = { coverage: { roots }, gaps: gaps.gaps.filter((g) => policyRoots.has(g.rootUri)), catalog };
    this.snapshot = snapshot;
    this.resolveFirst(snapshot);
    this.changed.fire(snapshot);
    // After the views rebuilt: the welcome view's `when` flips to a tree that already has its nodes.
    await vscode.commands.executeCommand('setContext', ContextKeys.active, roots.length > 0);
    await vscode.commands.executeCommand('setContext', ContextKeys.indexed, true);
    return snapshot;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
