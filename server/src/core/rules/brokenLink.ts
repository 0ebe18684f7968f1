import type { DocumentRule } from './rule';
import { dirname, joinPath } from '../paths';

/** Links with a scheme (https:, mailto:), in-page anchors and site-absolute paths are not files we can check. */
function localTarget(url: string): string | undefined {
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
  code: 'broken-link',
  defaultSeverity: 'warning',
  summary: 'A relative link points to a file that does not exist.',
  check(ctx) {
    const { doc } = ctx;
    for (const link of doc.body.links) {
      const target = localTarget(link.url);
      if (!target) continue;
      const path = joinPath(dirname(doc.file), target);
      if (ctx.fileExists(path) || ctx.fileExists(path.replace(/\/$/, ''))) continue;
      ctx.report({ span: link.span, subject: target, message: `Link target "${target}" does not exist. Fix the path or remove the link.` });
    }
  },
};
