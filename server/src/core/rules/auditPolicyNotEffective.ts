import type { DocumentRule } from './rule';
import { compareDates, formatDate, parseDate } from '../dates';

export const auditPolicyNotEffective: DocumentRule = {
  kind: 'document',
  code: 'audit-policy-not-effective',
  defaultSeverity: 'warning',
  summary: 'With an audit period configured: a document is a draft (or in review) although the period has started, or its `effective` date falls after the period starts.',
  check(ctx) {
    const { doc, today } = ctx;
    const audit = ctx.config.audit;
    if (!audit || doc.status === 'retired') return;
    const { start } = audit.period;
    const what = audit.type === 'II' ? `the audit period started ${formatDate(start)}` : `the Type I date is ${formatDate(start)}`;
    if ((doc.status === 'draft' || doc.status === 'in-review') && compareDates(start, today) <= 0) {
      ctx.report({
        span: doc.statusField?.span ?? doc.title?.span ?? doc.h1 ?? { start: 0, end: 0 },
        message: `This document is ${doc.status === 'draft' ? 'a draft' : 'in review'}, but ${what}: the auditor tests controls that were approved and in force ${audit.type === 'II' ? 'for the whole period' : 'on that date'}.`,
      });
      return;
    }
    const effectiveValue = doc.frontMatter?.data.effective;
    const effective = parseDate(effectiveValue);
    if (!effective || compareDates(effective, start) <= 0) return;
    const node = doc.frontMatter && Object.hasOwn(doc.frontMatter.data, 'effective') ? doc.frontMatter : undefined;
    const span = node ? spanOfEffective(doc.text, node.span) : undefined;
    ctx.report({
      span: span ?? doc.statusField?.span ?? { start: 0, end: 0 },
      message: `effective ${formatDate(effective)} is after ${what}, so the control did not exist ${audit.type === 'II' ? 'for the whole period' : 'on that date'}. Ask the auditor about a shorter period, or record when an earlier version took effect.`,
    });
  },
};

/** The value of `effective:` in the front matter text (front matter values are plain dates). */
function spanOfEffective(text: string, frontMatter: { start: number; end: number }): { start: number; end: number } | undefined {
  const match = /^effective[ \t]*:[ \t]*['"]?([^'"\r\n#]*?)['"]?[ \t]*(#.*)?$/m.exec(text.slice(frontMatter.start, frontMatter.end));
  if (!match) return undefined;
  const start = frontMatter.start + match.index + match[0].indexOf(match[1]);
  return { start, end: start + match[1].length };
}
