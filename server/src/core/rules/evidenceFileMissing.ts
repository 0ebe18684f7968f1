import type { DocumentRule } from './rule';
import { isInside } from '../paths';
import { attachmentPath, EVIDENCE_RECORD_KIND, type EvidenceRecordFacts } from '../evidence/recordKind';

export const evidenceFileMissing: DocumentRule = {
  kind: 'document',
  readsWorkspace: true,
  code: 'evidence-file-missing',
  defaultSeverity: 'error',
  summary: 'The file an evidence record attaches does not exist in the workspace.',
  documentKinds: [EVIDENCE_RECORD_KIND],
  check(ctx) {
    const attachment = (ctx.documentKind.facts as EvidenceRecordFacts).attachment;
    if (!attachment) return;
    const path = attachmentPath(attachment.value, ctx.doc.file, ctx.config.root);
    if (!isInside(path, ctx.config.root)) ctx.report({ span: attachment.span, message: `file "${attachment.value}" is outside the workspace; evidence must be committed with the records.` });
    else if (!ctx.fileExists(path)) ctx.report({ span: attachment.span, message: `file "${attachment.value}" does not exist. Paths are relative to the workspace root (or to the record with ./).` });
  },
};
