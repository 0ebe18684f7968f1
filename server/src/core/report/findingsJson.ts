import type { Finding } from '../types';
import { relativePath } from '../paths';
import type { FindingsJson } from './contracts';

/** The `check --format json` contract. Internal fields (spans, fixes) stay out: they are not a stable API. */
export function findingsJson(findings: readonly Finding[], root: string): FindingsJson {
  return {
    findings: findings.map((f) => ({
      file: relativePath(root, f.file),
      code: f.code,
      severity: f.severity,
      message: f.message,
      range: { start: { ...f.range.start }, end: { ...f.range.end } },
    })),
  };
}
