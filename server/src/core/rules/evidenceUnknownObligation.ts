import type { WorkspaceRule } from './rule';
import { evidenceOf } from '../evidence/workspaceEvidence';

export const evidenceUnknownObligation: WorkspaceRule = {
  kind: 'workspace',
  code: 'evidence-unknown-obligation',
  defaultSeverity: 'error',
  summary: 'An evidence record names an obligation that no policy or procedure declares.',
  check(ctx) {
    const { obligations, records } = evidenceOf(ctx);
    for (const record of records.values()) {
      const name = record.obligation;
      if (!name || obligations.has(name.value)) continue;
      const near = closest(name.value, [...obligations.keys()]);
      ctx.report(record.file, {
        span: name.span,
        subject: name.value,
        message: `No policy or procedure declares the obligation "${name.value}".${near ? ` Did you mean "${near}"?` : ''} Declare it under evidence: in the document whose control produces this record.`,
        fixes: near ? [{ title: `Change to "${near}"`, edits: [{ span: name.span, newText: near }] }] : undefined,
      });
    }
  },
};

/** The known id within two edits (a typo), if exactly one is. */
function closest(id: string, known: string[]): string | undefined {
  const near = known.filter((k) => distance(id.toLowerCase(), k.toLowerCase()) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
