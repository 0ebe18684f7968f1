import type { DocumentRule } from './rule';
import { compareDates } from '../dates';
import { EVIDENCE_RECORD_KIND, RECORD_RESULTS, type EvidenceRecordFacts } from '../evidence/recordKind';

export const evidenceRecordInvalid: DocumentRule = {
  kind: 'document',
  code: 'evidence-record-invalid',
  defaultSeverity: 'error',
  summary: 'An evidence record lacks obligation, performed, result, or a link or file, or has a value that is not valid.',
  documentKinds: [EVIDENCE_RECORD_KIND],
  check(ctx) {
    const facts = ctx.documentKind.facts as EvidenceRecordFacts;
    for (const problem of facts.problems) ctx.report({ span: problem.span, message: problem.message });
    const missing = (key: string, hint: string) => ctx.report({ span: facts.frontMatterEnd, message: `This evidence record has no ${key}. ${hint}` });
    const has = (key: string) => Object.hasOwn(ctx.doc.frontMatter?.data ?? {}, key);
    if (!has('obligation')) missing('obligation', 'Name the obligation it is a sample of, e.g. obligation: access-review.');
    if (!has('performed')) missing('performed', 'Give the date the control ran (YYYY-MM-DD): it decides the window it counts for.');
    if (!has('result')) missing('result', `Give the outcome: ${RECORD_RESULTS.join(', ')}.`);
    if (!has('link') && !has('file')) missing('link or file', 'Point to the evidence: a ticket or URL (link:) or a file in the workspace (file: with its sha256).');
    if (facts.attachment && !has('sha256')) ctx.report({ span: facts.attachment.span, message: 'file has no sha256, so a later change to the file would go unnoticed. Add sha256: (the output of sha256sum).' });
    if (facts.recorded && facts.performed && compareDates(facts.recorded.value, facts.performed.value) < 0) {
      ctx.report({ span: facts.recorded.span, message: 'recorded is before performed: a record is written after the control ran.' });
    }
  },
};
