import { escapeMarkdown as md } from './escape';
import { coverageGaps, relativeTo, type CoverageReport } from './coverageReport';
import { formatPercent, OPERATING_STYLES, operatingText, statusStyle } from './statuses';
import type { CriterionOperating } from '../coverage/operating';

/** A Markdown coverage report for pull requests, wikis and audit folders. */
export function renderCoverageMarkdown(report: CoverageReport): string {
  const { summary, criteria } = report.coverage;
  const gaps = coverageGaps(report);
  const out: string[] = [];
  out.push('# SOC 2 coverage', '');
  if (report.generated) out.push(`Generated ${report.generated}.`, '');
  out.push(`Overall: **${formatPercent(summary.overall.percent)}** (${summary.overall.covered} of ${summary.overall.applicable} applicable criteria covered).`, '');
  const operating = summary.operating;
  if (operating) {
    out.push(`Operating (Type II evidence so far): **${operating.operating}** operating, **${operating.operatingGaps}** with operating gaps (${operating.missing} missing sample${operating.missing === 1 ? '' : 's'}), **${operating.notEvidenced}** not evidenced.`, '');
  }

  out.push('## By category', '', '| Category | Coverage | Covered | Draft only | Uncovered | Excluded | Applicable |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const c of summary.categories) {
    if (c.inScope) out.push(`| ${md(c.title)} | ${formatPercent(c.percent)} | ${c.covered} | ${c.draftOnly} | ${c.uncovered} | ${c.excluded} | ${c.applicable} |`);
    else out.push(`| ${md(c.title)} | out of scope | – | – | – | – | – |`);
  }
  out.push('');

  out.push('## Gaps', '');
  if (!gaps.uncovered.length && !gaps.draftOnly.length) out.push('Every applicable criterion is covered by an approved document.', '');
  if (gaps.uncovered.length) {
    out.push('### Uncovered', '');
    for (const { criterion, templates } of gaps.uncovered) {
      const suggestion = templates.length ? ` Suggested templates: ${templates.map((t) => `${md(t.title)} (\`${t.id}\`)`).join(', ')}.` : '';
      out.push(`- **${criterion.id}** ${md(criterion.title)}.${suggestion}`);
    }
    out.push('');
  }
  if (gaps.draftOnly.length) {
    out.push('### Draft only', '');
    for (const criterion of gaps.draftOnly) {
      const docs = criterion.documents.map((d) => `${md(d.title)} (${md(d.status)})`).join(', ');
      out.push(`- **${criterion.id}** ${md(criterion.title)}: mapped only by ${docs}.`);
    }
    out.push('');
  }
  if (gaps.operatingGaps.length) {
    out.push('### Operating gaps', '');
    for (const c of gaps.operatingGaps) {
      out.push(`- **${c.id}** ${md(c.title)}: ${c.operating!.missing} missing sample${c.operating!.missing === 1 ? '' : 's'} (${c.operating!.obligations.map(md).join(', ')}); designed: ${statusStyle(c.status).label}.`);
    }
    out.push('');
  }
  if (gaps.excluded.length) {
    out.push('### Excluded', '');
    for (const criterion of gaps.excluded) out.push(`- **${criterion.id}** ${md(criterion.title)}: ${md(criterion.reason ?? '')}`);
    out.push('');
  }

  // Type II: designed and operating side by side; without an audit period the table is as it always was.
  out.push('## Criteria', '', `| Criterion | Title | Status |${operating ? ' Operating |' : ''} Documents |`, `|---|---|---|${operating ? '---|' : ''}---|`);
  for (const c of criteria) {
    const style = statusStyle(c.status);
    const docs = c.documents.map((d) => `${md(d.title)}${d.status === 'approved' ? '' : ` (${md(d.status)})`}: ${md(relativeTo(report, d.file))}`).join('<br>');
    out.push(`| ${c.id} | ${md(c.title)} | ${style.mark} ${style.label} |${operating ? ` ${operatingCell(c.operating)} |` : ''} ${docs} |`);
  }
  out.push('');
  return out.join('\n');
}

function operatingCell(operating: CriterionOperating | undefined): string {
  if (!operating) return '–';
  const obligations = operating.obligations.length ? `: ${operating.obligations.map(md).join(', ')}` : '';
  return `${OPERATING_STYLES[operating.status].mark} ${operatingText(operating)}${obligations}`;
}
