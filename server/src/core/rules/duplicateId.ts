import type { WorkspaceRule } from './rule';
import { relativePath } from '../paths';

export const duplicateId: WorkspaceRule = {
  kind: 'workspace',
  code: 'duplicate-id',
  defaultSeverity: 'error',
  summary: 'Two documents share an id (front matter `id`, or the file name when there is none).',
  check(ctx) {
    const byId = new Map<string, typeof ctx.documents[number][]>();
    for (const doc of ctx.documents) (byId.get(doc.id) ?? byId.set(doc.id, []).get(doc.id)!).push(doc);
    for (const [id, docs] of byId) {
      if (docs.length < 2) continue;
      for (const doc of docs) {
        const others = docs.filter((d) => d !== doc).map((d) => relativePath(ctx.config.root, d.file));
        const span = doc.idField?.span ?? doc.h1 ?? { start: 0, end: 0 };
        ctx.report(doc.file, { span, subject: id, message: `Document id "${id}" is also used by ${others.join(', ')}. Give each document a unique \`id\`.` });
      }
    }
  },
};
