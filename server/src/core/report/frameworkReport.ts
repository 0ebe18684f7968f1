import type { FrameworkCoverage } from '../coverage/frameworkCoverage';
import { csvField, escapeHtml, escapeMarkdown } from './escape';

/** Renderers of the lens over another catalog (`soc2-policy coverage --framework iso27001`). */

/** Said in the text, Markdown, HTML and JSON renderings of an indicative lens: "touched through TSC" rests on a mapping no standard body publishes. */
const note = (lens: FrameworkCoverage) =>
  lens.indicative
    ? `Indicative mapping: no official mapping to this edition exists, so "touched through TSC" is an estimate${lens.curated ? ' (a consensus of public mappings plus our curated changes)' : ''}. Use it to find gaps, not as audit evidence.`
    : '';

const how = (c: FrameworkCoverage['controls'][number]) =>
  [c.direct.length ? `mapped by ${c.direct.join(', ')}` : '', c.viaTsc.length ? `via TSC ${c.viaTsc.join(', ')}` : ''].filter(Boolean).join('; ') || 'not touched';

export function frameworkJson(lens: FrameworkCoverage): object {
  return {
    catalog: { id: lens.catalogId, title: lens.title, indicative: lens.indicative, ...(note(lens) ? { note: note(lens) } : {}), ...(lens.curated ? { curated: lens.curated } : {}) },
    controls: lens.controls.map((c) => ({ id: c.id, title: c.title, touched: c.touched, documents: c.direct, viaTsc: c.viaTsc })),
    summary: { touched: lens.touched, total: lens.total, percent: lens.total ? Math.round((lens.touched / lens.total) * 1000) / 10 : 0 },
  };
}

export function renderFrameworkText(lens: FrameworkCoverage): string {
  const lines = [`${lens.title}: ${lens.touched} of ${lens.total} controls touched`, ...(note(lens) ? [note(lens)] : []), ''];
  for (const c of lens.controls) lines.push(`${c.touched ? '●' : '○'} ${c.id.padEnd(8)} ${c.title} — ${how(c)}`);
  return lines.join('\n') + '\n';
}

export function renderFrameworkMarkdown(lens: FrameworkCoverage): string {
  const rows = lens.controls.map((c) => `| ${escapeMarkdown(c.id)} | ${escapeMarkdown(c.title)} | ${c.touched ? 'yes' : 'no'} | ${escapeMarkdown(how(c))} |`);
  return [`# ${escapeMarkdown(lens.title)}`, '', `${lens.touched} of ${lens.total} controls touched.${note(lens) ? ` _${note(lens)}_` : ''}`, '', '| control | title | touched | how |', '|---|---|---|---|', ...rows, ''].join('\n');
}

export function renderFrameworkCsv(lens: FrameworkCoverage): string {
  const rows = lens.controls.map((c) => [c.id, c.title, c.touched ? 'yes' : 'no', c.direct.join(' '), c.viaTsc.join(' ')].map(csvField).join(','));
  return ['control,title,touched,documents,via_tsc', ...rows].join('\r\n') + '\r\n';
}

export function renderFrameworkHtml(lens: FrameworkCoverage): string {
  const rows = lens.controls
    .map((c) => `<tr class="${c.touched ? 'touched' : 'untouched'}"><td>${escapeHtml(c.id)}</td><td>${escapeHtml(c.title)}</td><td>${c.touched ? 'yes' : 'no'}</td><td>${escapeHtml(how(c))}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(lens.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2328}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left}
tr.touched td:first-child{background:#2da44e;color:#fff}tr.untouched td:first-child{background:#cf222e;color:#fff}.note{color:#57606a}</style></head>
<body><h1>${escapeHtml(lens.title)}</h1><p>${lens.touched} of ${lens.total} controls touched.</p>${note(lens) ? `<p class="note">${escapeHtml(note(lens))}</p>` : ''}
<table><thead><tr><th>control</th><th>title</th><th>touched</th><th>how</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
