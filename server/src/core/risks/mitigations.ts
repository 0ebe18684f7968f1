import type { PolicyDocument } from '../parse/policyDocument';
import { dirname, isInside, joinPath } from '../paths';
import { obligationIndex } from '../evidence/obligations';

/** What a mitigation link points to, and whether it resolves. */
export type MitigationTarget =
  | { kind: 'section'; file: string; anchor?: string }
  | { kind: 'obligation'; id: string };

/**
 * `obligation:<id>` (an evidence obligation declared in a document's `evidence:` list), or a path with an optional
 * `#section` anchor: `./x.md` and `../x.md` are relative to the risk file, any other path to the workspace root
 * (so the same link reads the same in every risk).
 */
export function mitigationTarget(link: string, riskFile: string, root: string): MitigationTarget {
  const obligation = /^(?:obligation|evidence):\s*(.+)$/i.exec(link);
  if (obligation) return { kind: 'obligation', id: obligation[1].trim() };
  const [path, anchor] = link.split('#', 2);
  const base = path.startsWith('./') || path.startsWith('../') ? dirname(riskFile) : root;
  return { kind: 'section', file: joinPath(base, path), anchor: anchor || undefined };
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** Ids of the evidence obligations documents declare (core/evidence: front matter `evidence:` or comply `cron:`). */
export function obligationIds(documents: readonly PolicyDocument[]): Set<string> {
  return new Set(obligationIndex(documents).keys());
}

/** Why a mitigation link does not resolve, or undefined when it does. */
export function unresolvedReason(
  target: MitigationTarget,
  link: string,
  env: { root: string; fileExists(path: string): boolean; documentAt(file: string): PolicyDocument | undefined; obligations(): ReadonlySet<string> },
): string | undefined {
  if (target.kind === 'obligation') return env.obligations().has(target.id) ? undefined : `no document declares the evidence obligation "${target.id}"`;
  if (!isInside(target.file, env.root) || !env.fileExists(target.file)) return `"${link.split('#')[0]}" does not exist`;
  if (!target.anchor) return undefined;
  const doc = env.documentAt(target.file);
  if (!doc) return undefined;
  const wanted = target.anchor.toLowerCase();
  return doc.body.sections.some((s) => headingSlug(s.heading) === wanted) ? undefined : `"${link.split('#')[0]}" has no section "#${target.anchor}"`;
}
