import type { WorkspaceRule } from './rule';
import { attachmentPath } from '../evidence/recordKind';
import { evidenceOf } from '../evidence/workspaceEvidence';

export const evidenceHashMismatch: WorkspaceRule = {
  kind: 'workspace',
  code: 'evidence-hash-mismatch',
  defaultSeverity: 'error',
  summary: 'The file an evidence record attaches changed after it was recorded: its SHA-256 differs from the record\'s sha256.',
  check(ctx) {
    for (const record of evidenceOf(ctx).records.values()) {
      if (!record.attachment || !record.sha256) continue;
      const actual = ctx.fileDigest?.(attachmentPath(record.attachment.value, record.file, ctx.config.root));
      if (actual === undefined || actual === record.sha256.value) continue;
      ctx.report(record.file, {
        span: record.sha256.span,
        subject: record.obligation?.value,
        message: `${record.attachment.value} changed after it was recorded (its SHA-256 is now ${actual.slice(0, 12)}…). Restore the original file, or record the new one as a new record.`,
      });
    }
  },
};
