import type { PolicyAnalyzer } from '../core/analyzer';
import type { PolicyRoot } from '../session/policyRoot';
import type { RootChange } from '../session/session';
import type { FeatureContext } from './common';

/**
 * Sends a notification when a root's derived model (evidence calendar, risk register, ...) actually changes,
 * so typing in a policy that changes none of it stays quiet. The model is compared by its JSON.
 */
export function notifyWhenModelChanges(ctx: FeatureContext, model: (root: PolicyRoot, analyzer: PolicyAnalyzer) => unknown, send: (rootUri: string) => Promise<void>): void {
  const lastSent = new Map<string, string>();
  const changed = async (change: RootChange): Promise<void> => {
    const root = change.root;
    if (change.kind === 'removed') {
      lastSent.delete(root.uri);
      return;
    }
    const fingerprint = JSON.stringify(model(root, await root.idle()));
    if (lastSent.get(root.uri) === fingerprint) return;
    lastSent.set(root.uri, fingerprint);
    await send(root.uri);
  };
  ctx.session.onDidChange((change) => void changed(change).catch(() => undefined));
}
