import { coverageGaps, type CoverageReport } from './coverageReport';
import { formatPercent, statusStyle } from './statuses';

/** Plain-text coverage summary for terminals: percentages per category, then the gaps to act on. */
export function renderCoverageText(report: CoverageReport): string {
  const { summary } = report.coverage;
  const gaps = coverageGaps(report);
  const width = Math.max(...summary.categories.map((c) => c.title.length));
  const out: string[] = [];
  out.push(`Coverage ${formatPercent(summary.overall.percent)} (${summary.overall.covered} of ${summary.overall.applicable} applicable criteria covered)`, '');
  for (const c of summary.categories) {
    const name = c.title.padEnd(width);
    if (!c.inScope) {
      out.push(`  ${name}  ${'-'.padStart(6)}  out of scope`);
      continue;
    }
    const extra = [c.carvedOut && `${c.carvedOut} carved out`, c.draftOnly && `${c.draftOnly} draft only`, c.uncovered && `${c.uncovered} uncovered`, c.excluded && `${c.excluded} excluded`].filter(Boolean).join(', ');
    out.push(`  ${name}  ${formatPercent(c.percent).padStart(6)}  ${c.covered}/${c.applicable}${extra ? `  (${extra})` : ''}`);
  }
  const operating = summary.operating;
  if (operating) {
    out.push('', `Operating (Type II evidence so far): ${operating.operating} operating, ${operating.operatingGaps} with gaps (${operating.missing} missing sample${operating.missing === 1 ? '' : 's'}), ${operating.notEvidenced} not evidenced`);
  }
  if (gaps.uncovered.length) {
    out.push('', 'Uncovered:');
    for (const { criterion, templates } of gaps.uncovered) {
      const suggestion = templates.length ? `  (templates: ${templates.map((t) => t.id).join(', ')})` : '';
      out.push(`  ${criterion.id.padEnd(6)} ${criterion.title}${suggestion}`);
    }
  }
  if (gaps.draftOnly.length) {
    out.push('', 'Draft only:');
    for (const criterion of gaps.draftOnly) out.push(`  ${criterion.id.padEnd(6)} ${criterion.title}  (${criterion.documents.map((d) => d.docId).join(', ')})`);
  }
  if (gaps.operatingGaps.length) {
    out.push('', 'Operating gaps (designed status, missing samples, obligations):');
    for (const c of gaps.operatingGaps) out.push(`  ${c.id.padEnd(6)} ${c.title}  (${statusStyle(c.status).label.toLowerCase()}; ${c.operating!.missing} missing; ${c.operating!.obligations.join(', ')})`);
  }
  if (gaps.excluded.length) {
    out.push('', 'Excluded:');
    for (const criterion of gaps.excluded) out.push(`  ${criterion.id.padEnd(6)} ${criterion.title}`);
  }
  return out.join('\n') + '\n';
}
