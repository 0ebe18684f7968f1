/**
 * Skeletons shaped for one use: new documents as a live snippet session, and documents that fit the scope the
 * user chose. Pure: no vscode import, so it is unit-tested directly.
 */
import { customize, type Skeleton } from './skeletons';

/** Trust Services Category of a criterion or point-of-focus id (CC6.1, A1.2, C1.1.3, PI1.4, P4.2). */
export function categoryOfId(id: string): string | undefined {
  if (/^CC\d/.test(id)) return 'security';
  if (/^A1\./.test(id)) return 'availability';
  if (/^C1\./.test(id)) return 'confidentiality';
  if (/^PI1\./.test(id)) return 'processing-integrity';
  if (/^P\d\./.test(id)) return 'privacy';
  return undefined;
}

/**
 * Skeleton lines without the ids `inScope` rejects, from `controls: [...]`, from the `criteria: [...]` of evidence
 * obligations and from section tags (an obligation's list or a tag left empty goes), so a new workspace is not
 * greeted by out-of-scope-criterion warnings about the documents it just wrote.
 */
export function restrictToScope(body: string[], inScope: (id: string) => boolean): string[] {
  const keep = (list: string) => list.split(',').map((s) => s.trim()).filter((id) => id && inScope(id));
  return body.flatMap((line) => {
    const frontMatter = /^controls: \[(\$\{\d+:)?([^}\]]*)(\}?)\]$/.exec(line);
    if (frontMatter) return [`controls: [${frontMatter[1] ?? ''}${keep(frontMatter[2]).join(', ')}${frontMatter[3] ?? ''}]`];
    // Without its criteria an obligation evidences what the document maps, which is already in scope.
    const obligation = /^( {4}criteria: )\[([^\]]*)\]$/.exec(line);
    if (obligation) {
      const ids = keep(obligation[2]);
      return ids.length ? [`${obligation[1]}[${ids.join(', ')}]`] : [];
    }
    const tag = /^<!-- controls: (.*) -->$/.exec(line);
    if (tag) {
      const ids = keep(tag[1]);
      return ids.length ? [`<!-- controls: ${ids.join(', ')} -->`] : [];
    }
    return [line];
  });
}

/** Snippet syntax treats `$`, `}` and `\` specially: typed text must not become a placeholder. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

export interface SessionOptions {
  /** As the user typed it: fixed text, not a placeholder. */
  title: string;
  id: string;
  /** A criterion to map first (a gap being closed). */
  criterion?: string;
  /** YYYY-MM-DD, the default of the effective date. */
  today: string;
}

/**
 * The skeleton as a snippet for a live session. Title and id are fixed (the user just chose them); the tab stops
 * follow the order an author fills them in: owner, approver, dates (effective, review cycle), controls, then each
 * section's guidance, which the generator already numbers from 6 on.
 */
export function sessionSnippet(skeleton: Skeleton, options: SessionOptions): string {
  const title = escapeSnippetText(options.title);
  return customize(skeleton, { criterion: options.criterion }).flatMap((line) => {
    if (/^title: /.test(line)) return [`title: ${title}`];
    if (/^id: /.test(line)) return [`id: ${escapeSnippetText(options.id)}`];
    if (/^# \$\{?1\}?$/.test(line)) return [`# ${title}`];
    if (/^owner: /.test(line)) return [line.replace(/\$\{\d+:/, '${1:')];
    if (/^approver: /.test(line)) return [line.replace(/\$\{\d+:/, '${2:')];
    const cycle = /^review_cycle: (.*)$/.exec(line);
    if (cycle) return [`effective: \${3:${options.today}}`, `review_cycle: \${4:${cycle[1]}}`];
    return [line];
  }).join('\n');
}

/** A file name from a title: "Access Control Policy" -> "access-control-policy". */
export function slugOf(title: string): string {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/, '');
}
