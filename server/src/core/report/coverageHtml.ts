import type { CategorySummary, CriterionCoverage } from '../coverage/coverageModel';
import { basename } from '../paths';
import { escapeHtml as esc } from './escape';
import { COVERAGE_HTML_STYLE } from './coverageHtmlStyle';
import { coverageGaps, criteriaBySeries, relativeTo, type CoverageReport } from './coverageReport';
import { formatPercent, OPERATING_STYLES, operatingText, STATUS_STYLES, statusStyle } from './statuses';

/**
 * A self-contained coverage page: inline CSS, no scripts, no remote resources, so it opens offline and can be
 * attached to an audit request as is. Every value from documents or config is HTML-escaped.
 */
export function renderCoverageHtml(report: CoverageReport): string {
  const { overall } = report.coverage.summary;
  const name = basename(report.root);
  const generated = report.generated ? ` · generated ${esc(report.generated)}` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SOC 2 coverage · ${esc(name)}</title>
<style>${COVERAGE_HTML_STYLE}</style>
</head>
<body>
<header>
<h1>SOC 2 coverage</h1>
<p class="meta">Workspace <code>${esc(name)}</code>${generated} · Trust Services Criteria</p>
<p><span class="overall">${formatPercent(overall.percent)}</span> of applicable criteria covered (${overall.covered} of ${overall.applicable}; ${overall.draftOnly} draft only, ${overall.uncovered} uncovered, ${overall.excluded} excluded)</p>
${operatingSummary(report)}</header>
<main>
<section aria-labelledby="by-category"><h2 id="by-category">By category</h2>
<ul class="cards">
${report.coverage.summary.categories.map(categoryCard).join('\n')}
</ul>
</section>
<section aria-labelledby="heat-map"><h2 id="heat-map">Heat map</h2>
${legend()}
${heatMap(report)}
</section>
${gapsSection(report)}
${criteriaTable(report)}
</main>
</body>
</html>
`;
}

function categoryCard(c: CategorySummary): string {
  if (!c.inScope) {
    return `<li class="card off"><div class="name">${esc(c.title)}</div><div class="pct">—</div><div class="counts">Out of scope · ${c.total} criteria</div></li>`;
  }
  return `<li class="card"><div class="name">${esc(c.title)}</div><div class="pct">${formatPercent(c.percent)}</div>` +
    `<div class="bar" role="img" aria-label="${formatPercent(c.percent)} covered"><span style="width:${Math.min(100, Math.max(0, c.percent))}%"></span></div>` +
    `<div class="counts">${c.covered} of ${c.applicable} covered · ${c.draftOnly} draft only · ${c.uncovered} uncovered · ${c.excluded} excluded</div></li>`;
}

function legend(): string {
  const items = STATUS_STYLES.map((s) => `<li><span class="swatch s-${s.status}" aria-hidden="true">${s.mark}</span>${esc(s.label)}</li>`);
  return `<ul class="legend" aria-label="Legend">\n${items.join('\n')}\n</ul>`;
}

function heatMap(report: CoverageReport): string {
  const categories = new Map(report.coverage.summary.categories.map((c) => [c.id, `${c.title} · ${c.inScope ? formatPercent(c.percent) : 'out of scope'}`]));
  const out: string[] = [];
  let category = '';
  for (const { series, criteria } of criteriaBySeries(report)) {
    const seriesCategory = criteria[0].category;
    if (seriesCategory !== category) {
      category = seriesCategory;
      out.push(`<div class="category">${esc(categories.get(category) ?? category)}</div>`);
    }
    out.push(`<div class="series"><div class="series-name"><b>${esc(series.id)}</b> ${esc(series.title)}</div><ul class="cells">${criteria.map(cell).join('')}</ul></div>`);
  }
  return out.join('\n');
}

function cell(c: CriterionCoverage): string {
  const style = statusStyle(c.status);
  const docs = c.documents.length ? ` · ${c.documents.map((d) => d.title).join(', ')}` : '';
  const operating = c.operating ? ` · ${operatingText(c.operating)}` : '';
  const tip = `${c.id} ${c.title}: ${style.label}${c.reason ? ` (${c.reason})` : ''}${operating}${docs}`;
  return `<li class="cell"><a class="s-${c.status}" href="#${anchor(c.id)}" title="${esc(tip)}"><span>${esc(c.id)}</span><span aria-hidden="true">${style.mark}</span><span class="sr-only">${esc(style.label)}</span></a></li>`;
}

function gapsSection(report: CoverageReport): string {
  const gaps = coverageGaps(report);
  const out = ['<section class="gaps" aria-labelledby="gaps"><h2 id="gaps">Gaps</h2>'];
  if (!gaps.uncovered.length && !gaps.draftOnly.length) out.push('<p>Every applicable criterion is covered by an approved document.</p>');
  if (gaps.uncovered.length) {
    out.push(`<h3>Uncovered (${gaps.uncovered.length})</h3><ul>`);
    for (const { criterion, templates } of gaps.uncovered) {
      const suggestion = templates.length
        ? ` <span class="templates">Suggested templates: ${templates.map((t) => `${esc(t.title)} (<code>${esc(t.id)}</code>)`).join(', ')}</span>`
        : ' <span class="templates">No template suggests it: map it in an existing policy or exclude it with a reason.</span>';
      out.push(`<li><a href="#${anchor(criterion.id)}"><b>${esc(criterion.id)}</b></a> ${esc(criterion.title)}.${suggestion}</li>`);
    }
    out.push('</ul>');
  }
  if (gaps.draftOnly.length) {
    out.push(`<h3>Draft only (${gaps.draftOnly.length})</h3><ul>`);
    for (const c of gaps.draftOnly) {
      out.push(`<li><a href="#${anchor(c.id)}"><b>${esc(c.id)}</b></a> ${esc(c.title)}: mapped only by ${c.documents.map((d) => `${esc(d.title)} (${esc(d.status)})`).join(', ')}</li>`);
    }
    out.push('</ul>');
  }
  if (gaps.operatingGaps.length) {
    out.push(`<h3>Operating gaps (${gaps.operatingGaps.length})</h3><ul>`);
    for (const c of gaps.operatingGaps) {
      const missing = c.operating!.missing;
      out.push(`<li><a href="#${anchor(c.id)}"><b>${esc(c.id)}</b></a> ${esc(c.title)}: ${missing} missing sample${missing === 1 ? '' : 's'} (${c.operating!.obligations.map((id) => `<code>${esc(id)}</code>`).join(', ')}); designed: ${esc(statusStyle(c.status).label)}</li>`);
    }
    out.push('</ul>');
  }
  if (gaps.excluded.length) {
    out.push(`<h3>Excluded (${gaps.excluded.length})</h3><ul>`);
    for (const c of gaps.excluded) out.push(`<li><a href="#${anchor(c.id)}"><b>${esc(c.id)}</b></a> ${esc(c.title)}: ${esc(c.reason ?? '')}</li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

function criteriaTable(report: CoverageReport): string {
  // Type II: an Operating column beside the designed Status; without an audit period the table is unchanged.
  const typeII = report.coverage.summary.operating !== undefined;
  const rows = report.coverage.criteria.map((c) => {
    const style = statusStyle(c.status);
    const docs = c.documents.map((d) => {
      const where = d.locations.map((l) => (l.kind === 'section' ? `section “${esc(l.section ?? '')}”` : 'front matter'));
      const status = d.status === 'approved' ? '' : ` (${esc(d.status)})`;
      return `${esc(d.title)}${status}<br><code>${esc(relativeTo(report, d.file))}</code> · ${[...new Set(where)].join(', ')}`;
    });
    const operating = typeII ? `<td>${operatingCell(c)}</td>` : '';
    return `<tr id="${anchor(c.id)}"><td><b>${esc(c.id)}</b></td><td>${esc(c.title)}</td><td><span class="status s-${c.status}">${style.mark} ${esc(style.label)}</span>${c.reason ? `<br>${esc(c.reason)}` : ''}</td>${operating}<td>${docs.join('<br>')}</td></tr>`;
  });
  return `<section aria-labelledby="criteria"><h2 id="criteria">Criteria</h2>
<table>
<thead><tr><th scope="col">Criterion</th><th scope="col">Title</th><th scope="col">Status</th>${typeII ? '<th scope="col">Operating</th>' : ''}<th scope="col">Documents</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

function operatingSummary(report: CoverageReport): string {
  const o = report.coverage.summary.operating;
  if (!o) return '';
  return `<p class="operating">Operating (Type II evidence so far): ${o.operating} operating · ${o.operatingGaps} with operating gaps (${o.missing} missing sample${o.missing === 1 ? '' : 's'}) · ${o.notEvidenced} not evidenced</p>\n`;
}

function operatingCell(c: CriterionCoverage): string {
  if (!c.operating) return '<span class="muted">—</span>';
  const obligations = c.operating.obligations.map((id) => `<code>${esc(id)}</code>`).join(', ');
  return `<span class="op op-${c.operating.status}">${OPERATING_STYLES[c.operating.status].mark} ${esc(operatingText(c.operating))}</span>${obligations ? `<br>${obligations}` : ''}`;
}

function anchor(id: string): string {
  return `c-${id.replace(/[^A-Za-z0-9.-]/g, '-')}`;
}
