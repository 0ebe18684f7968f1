#!/usr/bin/env node
// Generates snippets/soc2-policy.code-snippets from controls-catalog/templates/*.yaml, the same
// templates the core uses for `missing-section`, so skeletons and the checker never disagree.
// The extension's newPolicy/initWorkspace commands read this file too (one source).
//
//   node scripts/generate-snippets.mjs           write the file
//   node scripts/generate-snippets.mjs --check   exit 1 when the file is out of date
import { readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const templatesDir = path.join(repoRoot, 'controls-catalog/templates');
const outFile = path.join(repoRoot, 'snippets/soc2-policy.code-snippets');

/** Snippet syntax treats `$`, `}` and `\` specially inside placeholders. */
const esc = (text) => text.replace(/[\\$}]/g, (c) => `\\${c}`);

function loadTemplates() {
  return readdirSync(templatesDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parse(readFileSync(path.join(templatesDir, f), 'utf8')));
}

/** `{name}` marks an adjustable part of an example statement; its suggested value is `defaults[name]`. */
const MARKER = /\{([a-z][a-z0-9_]*)\}/g;

/** A statement as snippet text: each adjustable part becomes a placeholder holding its default. */
function statementSnippet(statement, nextTabStop) {
  const defaults = statement.defaults ?? {};
  let out = '';
  let last = 0;
  for (const m of statement.text.matchAll(MARKER)) {
    out += esc(statement.text.slice(last, m.index)) + `\${${nextTabStop()}:${esc(defaults[m[1]] ?? m[1])}}`;
    last = m.index + m[0].length;
  }
  return out + esc(statement.text.slice(last));
}

/**
 * The comment under a section heading that tells the author what the section needs (docs/design/templates.md):
 * it starts with `<!-- guidance:`, so the template-leftover rule can find it, and never contains `-->` early.
 */
function guidanceComment(section) {
  const values = (section.statements ?? []).flatMap((st) => [...st.text.matchAll(MARKER)].map((m) => st.defaults?.[m[1]] ?? m[1]));
  // "Access review records; RACI chart", not "Access review records; rACI chart".
  const item = (text) => text.trim().replace(/\.$/, '').replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
  const lines = [`<!-- guidance: ${section.guidance.trim()}`];
  if (section.auditorLooksFor) lines.push(`Auditors look for: ${section.auditorLooksFor.trim()}`);
  if (section.evidence?.length) lines.push(`Evidence: ${section.evidence.map(item).join('; ')}.`);
  if (values.length) lines.push(`Defaults to confirm: ${[...new Set(values)].map((v) => `"${v}"`).join(', ')}.`);
  lines[lines.length - 1] += ' -->';
  return lines.map(esc);
}

/**
 * The template's evidence obligations as the front matter `evidence:` list (docs/evidence.md). Plain text, not tab
 * stops: the schedule is a starting point the author edits like any other front matter.
 */
function evidenceLines(obligations) {
  if (!obligations?.length) return [];
  return ['evidence:', ...obligations.flatMap((o) => [
    `  - id: ${esc(o.id)}`,
    `    kind: ${esc(o.kind)}`,
    o.every ? `    every: ${o.every}` : `    on: ${o.on}`,
    ...(o.owner ? [`    owner: ${esc(o.owner)}`] : []),
    ...(o.criteria?.length ? [`    criteria: [${o.criteria.join(', ')}]`] : []),
    ...(o.grace ? [`    grace: ${o.grace}`] : []),
  ])];
}

/** Said once, under the title: what the example statements and guidance comments are for. */
const DOCUMENT_GUIDANCE = '<!-- guidance: Each section starts with example statements and a comment saying what auditors look for and the evidence the statements produce. '
  + 'Change the statements, and the quoted defaults in them, to what the organisation actually does, then delete the guidance comments. -->';

/**
 * A whole document: front matter, title, and every section with its tag, a guidance comment and the example
 * statements as a list (each adjustable default a tab stop). A section without statements gets its guidance
 * as a placeholder instead.
 */
function documentBody(t) {
  let n = 1;
  const title = n++;
  const lines = [
    '---',
    `title: \${${title}:${esc(t.title)}}`,
    `id: \${${n++}:${t.id}}`,
    `type: ${t.type}`,
    `template: ${t.id}`,
    `owner: \${${n++}:Owner role}`,
    `approver: \${${n++}:Approver role}`,
    'version: "0.1"',
    'status: draft',
    'review_cycle: 12 months',
    `controls: [\${${n++}:${t.suggestedCriteria.join(', ')}}]`,
    ...(t.audience ? [`audience: ${t.audience}`] : []),
    ...evidenceLines(t.obligations),
    '---',
    '',
    `# \${${title}}`,
  ];
  if (t.sections.some((s) => s.statements?.length)) lines.push('', DOCUMENT_GUIDANCE);
  for (const s of t.sections) {
    lines.push('', `## ${s.heading}`);
    if (s.controls?.length) lines.push(`<!-- controls: ${s.controls.join(', ')} -->`);
    if (s.statements?.length) {
      lines.push(...guidanceComment(s), '');
      for (const statement of s.statements) lines.push(`- ${statementSnippet(statement, () => n++)}`);
    } else {
      lines.push('', `\${${n++}:${esc(s.guidance.trim())}}`);
    }
  }
  lines.push('', '$0');
  return lines;
}

export function renderSnippets(templates = loadTemplates()) {
  const snippets = {};
  for (const t of templates) {
    snippets[`SOC 2 ${t.type}: ${t.title}`] = {
      // The first prefix carries the template id: the extension finds templates by it.
      prefix: [`soc2-${t.id}`, `soc2-${t.type}`],
      description: t.summary.trim(),
      scope: 'markdown',
      isFileTemplate: true,
      body: documentBody(t),
    };
  }
  // Section snippets for headings that several templates share; the others come with their skeleton.
  const byHeading = new Map();
  for (const t of templates) for (const s of t.sections) byHeading.set(s.heading, (byHeading.get(s.heading) ?? 0) + 1);
  for (const [heading, count] of [...byHeading].filter(([, c]) => c > 1).sort(([a], [b]) => a.localeCompare(b))) {
    const slug = heading.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    snippets[`SOC 2 section: ${heading}`] = {
      prefix: `soc2-section-${slug}`,
      description: `The "${heading}" section (required by ${count} templates).`,
      scope: 'markdown',
      body: [`## ${heading}`, '', '$0'],
    };
  }
  snippets['SOC 2 section tag'] = {
    prefix: 'soc2-controls-tag',
    description: 'Maps the section above to Trust Services Criteria (put it directly under the heading).',
    scope: 'markdown',
    body: ['<!-- controls: ${1:CC6.1} -->'],
  };
  return JSON.stringify(snippets, null, 2) + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = renderSnippets();
  if (process.argv.includes('--check')) {
    const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(repoRoot, outFile)} is out of date: run node scripts/generate-snippets.mjs`);
      process.exit(1);
    }
    console.log(`${path.relative(repoRoot, outFile)} is up to date`);
  } else {
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(outFile, text);
    console.log(`wrote ${path.relative(repoRoot, outFile)}`);
  }
}
