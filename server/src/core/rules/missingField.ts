import type { DocumentRule } from './rule';
import type { TextEdit } from '../types';

const COMPLY_FIELDS = new Map([['title', 'name']]);

/** What an approved native document must also state: an auditor asks when it took effect and when it was last reviewed. */
const APPROVED_FIELDS = new Map([
  ['effective', 'An approved document states when it took effect'],
  ['last_reviewed', 'An approved document states when it was last reviewed'],
]);

export const missingField: DocumentRule = {
  kind: 'document',
  code: 'missing-field',
  defaultSeverity: 'warning',
  summary: 'A required front-matter field (by default title and owner; effective and last_reviewed once approved) is missing.',
  check(ctx) {
    const { doc } = ctx;
    const fm = doc.frontMatter;
    if (!fm || fm.source.errors.length) return;
    const comply = fm.format === 'comply';
    // comply documents have neither field (majorRevisions stands for reviews), and are approved without saying so.
    const approved = !comply && doc.statusField?.value === 'approved';
    const fields = new Set([...ctx.config.requiredFields, ...(approved ? APPROVED_FIELDS.keys() : [])]);
    for (const field of fields) {
      // comply has no owner field; its name stands for the title.
      if (comply && field === 'owner') continue;
      const present = field === 'title' ? !!doc.title?.value : Object.hasOwn(fm.data, field) && fm.data[field] !== undefined && fm.data[field] !== null && fm.data[field] !== '';
      if (present) continue;
      const key = comply ? (COMPLY_FIELDS.get(field) ?? field) : field;
      // Invisible characters (a stray BOM, zero-width spaces) in the heading are not copied into the title.
      const h1 = doc.h1 ? doc.body.sections.find((s) => s.headingSpan === doc.h1)?.heading.replace(/[\ufeff\u200b-\u200d\u2060]/g, '').trim() || undefined : undefined;
      // comply files open with a section ("# Purpose"), not a title, so their H1 is no title to copy.
      const fixes = field === 'title' && h1 && !comply && fm.data.title === undefined ? [{ title: `Set ${key} to "${h1}"`, edits: [insertKey(doc, key, JSON.stringify(h1))], preferred: true }] : undefined;
      ctx.report({
        span: fm.format === 'native' ? { start: 0, end: 3 } : { start: fm.closeSpan.start, end: fm.closeSpan.end },
        subject: field,
        message: APPROVED_FIELDS.has(field) && approved
          ? `Front matter has no "${key}". ${APPROVED_FIELDS.get(field)}: add \`${key}: YYYY-MM-DD\`.`
          : `Front matter has no "${key}". Add \`${key}: ...\`${field === 'owner' ? ' naming the person or role accountable for this document' : ''}.`,
        fixes,
      });
    }
  },
};

function insertKey(doc: Parameters<DocumentRule['check']>[0]['doc'], key: string, value: string): TextEdit {
  const fm = doc.frontMatter!;
  const eol = doc.lines.eol;
  const at = fm.closeSpan.start;
  const needsBreak = at > 0 && doc.text[at - 1] !== '\n';
  return { span: { start: at, end: at }, newText: `${needsBreak ? eol : ''}${key}: ${value}${eol}` };
}
