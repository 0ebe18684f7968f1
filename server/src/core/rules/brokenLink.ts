import type { DocumentRule } from './rule';
import { dirname, isInside, joinPath } from '../paths';

/** The absolute path a relative link in `file` points to, or undefined for links that are not local files. */
export function linkTarget(file: string, url: string): string | undefined {
  const target = relativeTarget(url);
  return target ? joinPath(dirname(file), target) : undefined;
}

/** Links with a scheme (https:, mailto:), in-page anchors and site-absolute paths are not files we can check. */
function relativeTarget(url: string): string | undefined {
  if (!url || url.startsWith('#') || url.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined;
  const path = url.split('#')[0].split('?')[0];
  if (!path) return undefined;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export const brokenLink: DocumentRule = {
  kind: 'document',
  readsWorkspace: true,
  code: 'broken-link',
  defaultSeverity: 'warning',
  summary: 'A relative link points to a file that does not exist.',
  check(ctx) {
    const { doc } = ctx;
    for (const link of doc.body.links) {
      const target = relativeTarget(link.url);
      const path = linkTarget(doc.file, link.url);
      if (!target || !path) continue;
      // Outside the workspace we cannot know what exists; folders exist when a known file is inside them.
      if (!isInside(path, ctx.config.root) || ctx.fileExists(path) || ctx.folderExists(path)) continue;
      ctx.report({ span: link.span, subject: target, message: `Link target "${target}" does not exist. Fix the path or remove the link.` });
    }
  },
};
