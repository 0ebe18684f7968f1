import type { DocumentKind } from '../kinds/documentKind';
import type { PolicyDocument } from '../parse/policyDocument';
import type { DateOnly } from '../dates';
import type { Span } from '../types';
import { FieldReader, type FactProblem, type FactValue } from '../kinds/fields';
import { dirname, joinPath, normalizePath } from '../paths';

export const EVIDENCE_RECORD_KIND = 'evidence-record';
export const RECORD_RESULTS = ['pass', 'fail', 'exception'] as const;

/** One performed occurrence of an obligation: a small Markdown file, e.g. evidence/access-review/2026-03-31.md. */
export interface EvidenceRecordFacts {
  file: string;
  obligation?: FactValue<string>;
  /** The day the control ran: it decides the window and the period the record supports. */
  performed?: FactValue<DateOnly>;
  recorded?: FactValue<DateOnly>;
  by?: FactValue<string>;
  result?: FactValue<(typeof RECORD_RESULTS)[number]>;
  link?: FactValue<string>;
  /** The attached file as written (attachmentPath resolves it). */
  attachment?: FactValue<string>;
  sha256?: FactValue<string>;
  /** A "Remediation" (or "Corrective action") section with text, or a `remediation:` value (text or link). */
  hasRemediation: boolean;
  /** Where missing keys are reported. */
  frontMatterEnd: Span;
  problems: FactProblem[];
}

/** Records live under an `evidence/` folder, or anywhere with an `obligation:` key in their front matter. */
export const evidenceRecordKind: DocumentKind<EvidenceRecordFacts> = {
  id: EVIDENCE_RECORD_KIND,
  matches: (relative, doc) => Object.hasOwn(doc.frontMatter?.data ?? {}, 'obligation') || (/(^|\/)evidence\//i.test(relative) && !doc.hasMappingKey),
  facts: (doc) => recordFacts(doc),
};

export function recordFacts(doc: PolicyDocument): EvidenceRecordFacts {
  const reader = new FieldReader(doc.frontMatter);
  const attachmentText = reader.text(['file']);
  const sha = reader.text(['sha256']);
  if (sha && !/^[0-9a-f]{64}$/i.test(sha.value)) reader.problems.push({ span: sha.span, message: 'sha256 must be 64 hexadecimal characters (the output of sha256sum).' });
  return {
    file: doc.file,
    obligation: reader.text(['obligation']),
    performed: reader.date(['performed']),
    recorded: reader.date(['recorded']),
    by: reader.text(['by']),
    result: reader.oneOf(['result'], RECORD_RESULTS),
    link: reader.text(['link']),
    attachment: attachmentText,
    sha256: sha && /^[0-9a-f]{64}$/i.test(sha.value) ? { ...sha, value: sha.value.toLowerCase() } : undefined,
    hasRemediation: !!reader.text(['remediation']) || doc.body.sections.some((s) => /remediation|corrective action/i.test(s.heading) && s.hasContent),
    frontMatterEnd: reader.endSpan,
    problems: reader.problems,
  };
}

/** `./scan.pdf` is next to the record; any other relative path is from the workspace root. */
export function attachmentPath(attachment: string, recordFile: string, root: string): string {
  if (attachment.startsWith('/')) return normalizePath(attachment);
  return attachment.startsWith('./') || attachment.startsWith('../') ? joinPath(dirname(recordFile), attachment) : joinPath(root, attachment);
}
