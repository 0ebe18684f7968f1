import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver';
import { describeSchedule, obligationIndex } from '../core/evidence/obligations';
import { relativePath } from '../core/paths';
import { reportStatus } from '../core/report/vendorReport';
import type { RiskRating } from '../core/risks/riskMatrix';
import { RISK_KIND } from '../core/risks/riskKind';
import type { RiskFacts } from '../core/risks/riskFacts';
import { headingSlug } from '../core/risks/mitigations';
import { nextReview, ratingsOf } from '../core/risks/riskRegister';
import { formatDate } from '../core/dates';
import type { VendorFacts } from '../core/vendors/vendorFacts';
import { VENDOR_KIND } from '../core/vendors/vendorKind';
import type { DocumentTarget } from '../session/session';
import { escapeMarkdown, rangeOf } from './common';

/** Characters of a risk or vendor id (`R-001`, `aws`, `google-workspace`). */
const ID_CHAR = /[\p{L}\p{N}_-]/u;

/** The whole word around an offset, as risk and vendor ids are written in any document. */
function wordAt(text: string, offset: number): { word: string; start: number; end: number } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && ID_CHAR.test(text[start - 1])) start--;
  while (end < text.length && ID_CHAR.test(text[end])) end++;
  return end > start ? { word: text.slice(start, end), start, end } : undefined;
}

function byId<F extends { id: string }>(facts: ReadonlyMap<string, F>, id: string): F | undefined {
  for (const f of facts.values()) if (f.id === id) return f;
  return undefined;
}

/** Hover on a risk id or a vendor id anywhere: a risk's ratings and treatment, a vendor's report status and carve-out. */
export function riskOrVendorHover(target: DocumentTarget, offset: number, markdown: boolean): Hover | undefined {
  const at = wordAt(target.text, offset);
  if (!at) return undefined;
  const { analyzer } = target;
  const risk = byId(analyzer.kindFacts<RiskFacts>(RISK_KIND), at.word);
  // Vendor ids are often common words ("slack"): only the exact spelling of the id counts.
  const vendor = risk ? undefined : byId(analyzer.kindFacts<VendorFacts>(VENDOR_KIND), at.word);
  const text = risk ? describeRisk(target, risk, markdown) : vendor ? describeVendor(target, vendor, markdown) : undefined;
  if (!text) return undefined;
  return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: text }, range: rangeOf(target.lines, { start: at.start, end: at.end }) };
}

function join(lines: string[], markdown: boolean): string {
  return lines.join(markdown ? '\n\n' : '\n');
}

const ratingText = (r: RiskRating | undefined) => (r ? `${r.level.name} (likelihood ${r.likelihood} × impact ${r.impact} = ${r.score})` : 'not rated');

function describeRisk(target: DocumentTarget, risk: RiskFacts, markdown: boolean): string {
  const plain = (s: string) => (markdown ? escapeMarkdown(s) : s);
  const matrix = target.analyzer.currentConfig.risks.matrix;
  const ratings = ratingsOf(risk, matrix);
  const lines = [`${markdown ? '**' : ''}${plain(risk.id)}${markdown ? '**' : ''}${risk.title ? ` — ${plain(risk.title)}` : ''}`];
  if (risk.owner) lines.push(`Owner: ${plain(risk.owner)}`);
  lines.push(`Inherent: ${plain(ratingText(ratings.inherent))}`);
  lines.push(`Residual: ${plain(ratings.residual ? ratingText(ratings.residual) : `${ratingText(ratings.inherent)}, no residual rating yet`)}`);
  lines.push(`Treatment: ${plain(risk.treatment?.value ?? 'not set')}`);
  if (risk.criteria.length) lines.push(`Criteria: ${risk.criteria.map((c) => plain(c.value)).join(', ')}`);
  const due = nextReview(risk, matrix);
  if (due) lines.push(`Next review: ${formatDate(due)}`);
  if (risk.mitigations.length) {
    const items = risk.mitigations.map((m) => `${markdown ? '- ' : '  '}${plain(m.value)}`);
    lines.push(`Mitigations:${markdown ? '\n\n' : '\n'}${items.join('\n')}`);
  } else lines.push('Mitigations: none');
  lines.push(`Declared in ${plain(relativePath(target.analyzer.root, risk.file))}`);
  return join(lines, markdown);
}

const STATUS_TEXT: Record<string, string> = {
  current: 'current (period ended less than 12 months ago, reviewed)',
  bridged: 'covered by a bridge letter',
  stale: 'stale: more than 12 months past its period end, no valid bridge letter',
  'not-reviewed': 'not reviewed',
  none: 'no SOC 2 report on file',
};

function describeVendor(target: DocumentTarget, vendor: VendorFacts, markdown: boolean): string {
  const plain = (s: string) => (markdown ? escapeMarkdown(s) : s);
  const lines = [`${markdown ? '**' : ''}${plain(vendor.name)}${markdown ? '**' : ''} (${plain(vendor.id)})`];
  if (vendor.services) lines.push(plain(vendor.services));
  lines.push(`Criticality: ${plain(vendor.criticality?.value ?? 'not set')}`);
  const period = vendor.soc2?.periodEnd ? `, period end ${formatDate(vendor.soc2.periodEnd.value)}` : '';
  lines.push(`SOC 2 report: ${STATUS_TEXT[reportStatus(vendor, target.analyzer.currentDay())]}${period}`);
  if (vendor.method) lines.push(`Subservice organization: ${plain(vendor.method.value)}`);
  const carved = [...new Set(vendor.csocs.flatMap((c) => c.criteria.map((x) => x.value)))];
  if (vendor.method?.value === 'carve-out') lines.push(`Carved-out criteria: ${carved.length ? carved.map(plain).join(', ') : 'none listed in csocs'}`);
  lines.push(`Declared in ${plain(relativePath(target.analyzer.root, vendor.file))}`);
  return join(lines, markdown);
}

/** The top-level front-matter key a block list item on `line` belongs to. */
function listKeyOf(target: DocumentTarget, line: number, indent: number, firstLine: number): string | undefined {
  for (let l = line - 1; l >= firstLine; l--) {
    const content = target.text.slice(target.lines.lineStart(l), target.lines.lineEnd(l));
    if (!content.trim()) continue;
    const dash = /^(\s*)-/.exec(content);
    if (dash && dash[1].length === indent) continue;
    const key = /^([\w-]+):\s*(#.*)?$/.exec(content);
    return key ? key[1] : undefined;
  }
  return undefined;
}

/** Completion of links in a risk's `mitigations`: policy sections (`path#slug`) and `obligation:<id>`. */
export function mitigationCompletion(target: DocumentTarget, offset: number, before: string, position: Position): CompletionItem[] | undefined {
  const fm = target.doc?.frontMatter;
  if (!fm || offset < fm.span.start || offset > fm.span.end) return undefined;
  if (target.analyzer.kindFacts(RISK_KIND).get(target.file) === undefined) return undefined;
  const flow = /^mitigations:\s*\[(?:[^\]]*,)?\s*([^,\]\s]*)$/.exec(before);
  const item = flow ? undefined : /^(\s*)-\s+([^\s#]*(?:#[^\s]*)?)$/.exec(before);
  if (!flow && !item) return undefined;
  if (item && listKeyOf(target, position.line, item[1].length, target.lines.positionAt(fm.span.start).line) !== 'mitigations') return undefined;
  const typed = flow ? flow[1] : item![2];
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const { analyzer } = target;
  const items: CompletionItem[] = [];
  for (const doc of analyzer.documents()) {
    const path = relativePath(analyzer.root, doc.file);
    for (const section of doc.body.sections.filter((s) => s.depth > 1)) {
      const link = `${path}#${headingSlug(section.heading)}`;
      items.push({ label: link, kind: CompletionItemKind.Reference, detail: `${doc.title?.value ?? doc.id} › ${section.heading}`, sortText: `1${link}`, textEdit: { range, newText: link } });
    }
  }
  for (const obligation of obligationIndex(analyzer.documents()).values()) {
    const link = `obligation:${obligation.id}`;
    items.push({ label: link, kind: CompletionItemKind.Event, detail: `${describeSchedule(obligation.schedule)} — ${relativePath(analyzer.root, obligation.document)}`, sortText: `0${link}`, textEdit: { range, newText: link } });
  }
  return items;
}
