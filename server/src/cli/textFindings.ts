import * as path from 'node:path';
import type { Finding, Severity } from '../core/types';
import { toPosix } from '../node/nodeWorkspace';
import type { Palette } from './colors';

/** `file:line:col severity code message`, 1-based, with the file relative to the current folder. */
export function findingLine(finding: Finding, cwd: string, colors: Palette): string {
  const where = `${relativeToCwd(cwd, finding.file)}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
  return `${colors.bold(where)} ${severityPaint(finding.severity, colors)(finding.severity)} ${colors.gray(finding.code)} ${oneLine(finding.message)}`;
}

export function relativeToCwd(cwd: string, file: string): string {
  return toPosix(path.relative(cwd, file)) || '.';
}

export type SeverityCounts = Record<Severity, number>;

export function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** The closing line: what was found, in how many documents. */
export function summaryLine(counts: SeverityCounts, documents: number, colors: Palette): string {
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const docs = plural(documents, 'document');
  if (!total) return `No findings in ${docs}.`;
  const parts = [
    counts.error && colors.red(plural(counts.error, 'error')),
    counts.warning && colors.yellow(plural(counts.warning, 'warning')),
    counts.info && colors.blue(`${counts.info} info`),
    counts.hint && plural(counts.hint, 'hint'),
  ].filter(Boolean);
  return `${plural(total, 'finding')} (${parts.join(', ')}) in ${docs}.`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function severityPaint(severity: Severity, colors: Palette): (text: string) => string {
  return severity === 'error' ? colors.red : severity === 'warning' ? colors.yellow : severity === 'info' ? colors.blue : colors.gray;
}

/** One finding per line keeps the output greppable. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}
