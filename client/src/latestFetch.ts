import type * as vscode from 'vscode';

/**
 * Fetching what the server knows, as the coverage store and the server-fed trees do: a refresh scheduled after a
 * change notification (bursts, such as typing, collapse into one), and answers that count only if no newer fetch
 * started meanwhile, so a slow answer never overwrites a newer one.
 */
export class LatestFetch implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped per fetch. */
  private generation = 0;

  constructor(private readonly refresh: () => Promise<unknown>) {}

  /** Refresh soon; a later call within the delay replaces this one. */
  schedule(delayMs = 100): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; void this.refresh().catch(() => undefined); }, delayMs);
  }

  /** The request's answer, or undefined when a newer fetch started while it ran (that one's answer wins). */
  async latest<T>(request: () => Promise<T>): Promise<{ value: T } | undefined> {
    const generation = ++this.generation;
    const value = await request();
    return generation === this.generation ? { value } : undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
