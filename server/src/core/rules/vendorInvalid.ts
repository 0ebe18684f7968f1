import type { DocumentRule } from './rule';
import type { VendorFacts } from '../vendors/vendorFacts';

export const vendorInvalid: DocumentRule = {
  kind: 'document',
  code: 'vendor-invalid',
  defaultSeverity: 'error',
  documentKinds: ['vendor'],
  summary: 'A vendor file lacks a name or has a value that is not valid (criticality, method, dates, csocs).',
  check(ctx) {
    const facts = ctx.documentKind.facts as VendorFacts;
    for (const problem of facts.problems) ctx.report({ span: problem.span, message: problem.message });
    if (facts.method && !facts.csocs.length) {
      ctx.report({ span: facts.method.span, subject: facts.id, message: `${facts.name} is a subservice organization (${facts.method.value}) but lists no csocs. Name the controls we rely on it for, each with the criteria it supports.` });
    }
  },
};
