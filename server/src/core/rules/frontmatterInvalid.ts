import type { DocumentRule } from './rule';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../config/config';
import { parseDate } from '../dates';
import { nodeAt, spanOf } from '../yaml/yamlSource';

export const frontmatterInvalid: DocumentRule = {
  kind: 'document',
  code: 'frontmatter-invalid',
  defaultSeverity: 'error',
  summary: 'The front matter is not valid YAML, is not closed, or a known key has a value of the wrong kind.',
  check(ctx) {
    const { doc, catalogs } = ctx;
    const fm = doc.frontMatter;
    if (!fm) return;
    if (fm.unclosed) {
      ctx.report({ span: { start: 0, end: 3 }, message: 'The front matter is never closed. Add a line with `---` after the last key.' });
      return;
    }
    for (const error of fm.source.errors) ctx.report({ span: error.span, message: `Front matter YAML error: ${error.message}` });
    if (fm.source.errors.length) return;
    if (fm.source.data !== undefined && fm.source.data !== null && (typeof fm.source.data !== 'object' || Array.isArray(fm.source.data))) {
      ctx.report({ span: fm.span, message: 'The front matter must be a set of `key: value` lines.' });
      return;
    }
    const enumCheck = (field: typeof doc.typeField, allowed: readonly string[], key: string) => {
      if (field && !allowed.includes(field.value)) {
        ctx.report({ span: field.span, subject: key, message: `${key} "${field.value}" is not one of: ${allowed.join(', ')}.` });
      }
    };
    enumCheck(doc.typeField, DOCUMENT_TYPES, 'type');
    enumCheck(doc.statusField, DOCUMENT_STATUSES, 'status');
    const effective = fm.data.effective;
    if (effective !== undefined && effective !== null && !parseDate(effective)) {
      const span = spanOf(fm.source, nodeAt(fm.source, ['effective'])) ?? fm.span;
      ctx.report({ span, subject: 'effective', message: `effective "${String(effective)}" is not a date. Write it as YYYY-MM-DD.` });
    }
    for (const list of doc.mappings) {
      for (const problem of list.problems) ctx.report({ span: problem.span, message: problem.message });
      if (!catalogs.get(list.catalogId)) {
        const known = catalogs.catalogs.map((c) => c.id).join(', ');
        ctx.report({ span: list.keySpan, message: `No catalog "${list.path[list.path.length - 1]}" is loaded. Known catalogs: ${known}. Add custom catalogs under "catalogs" in soc2-policy.yaml.` });
      }
    }
    if (doc.template && !ctx.templates.get(doc.template.value)) {
      const known = ctx.templates.templates.map((t) => t.id).slice(0, 8).join(', ');
      ctx.report({ span: doc.template.span, message: `No template "${doc.template.value}". Templates include: ${known}, ...` });
    }
  },
};
