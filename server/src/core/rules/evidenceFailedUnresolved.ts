import type { DocumentRule } from './rule';
import { EVIDENCE_RECORD_KIND, type EvidenceRecordFacts } from '../evidence/recordKind';

export const evidenceFailedUnresolved: DocumentRule = {
  kind: 'document',
  code: 'evidence-failed-unresolved',
  defaultSeverity: 'warning',
  summary: 'An evidence record with result fail or exception has no remediation (a "Remediation" section with text, or a `remediation:` link or text).',
  documentKinds: [EVIDENCE_RECORD_KIND],
  check(ctx) {
    const facts = ctx.documentKind.facts as EvidenceRecordFacts;
    if (!facts.result || facts.result.value === 'pass' || facts.hasRemediation) return;
    ctx.report({
      span: facts.result.span,
      message: `result is ${facts.result.value} but there is no remediation. Add a "## Remediation" section saying what was done (or a remediation: ticket link): auditors ask for it with every exception.`,
    });
  },
};
