// Regenerates the untagged copies in test/fixtures/suggest-devset/{acme,templates} from examples/acme-saas and
// controls-catalog/templates, and merges their labels (the criteria their originals map) into labels.json.
// Run once when the sources change; the written/ policies and their labels are maintained by hand.
// The tuning/held-out split is fixed in labels.json: a document keeps its split once assigned.
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import { parse } from 'yaml';

const REPO = new URL('..', import.meta.url).pathname;
const OUT = join(REPO, 'test/fixtures/suggest-devset');
const labelsFile = join(OUT, 'labels.json');
const labels = JSON.parse(readFileSync(labelsFile, 'utf8'));
const ID = /\b(?:CC|PI|A|C|P)[0-9]\.[0-9]+\b/g;

function untagAcme(text) {
  const ids = new Set();
  const frontMatterEnd = text.indexOf('\n---', 4);
  const head = text.slice(0, frontMatterEnd).replace(/^controls:.*$/m, (line) => {
    for (const m of line.matchAll(ID)) ids.add(m[0]);
    return 'controls: []';
  });
  const body = text.slice(frontMatterEnd).replace(/^<!--\s*controls:([^>]*)-->\s*\n/gm, (_m, list) => {
    for (const m of list.matchAll(ID)) ids.add(m[0]);
    return '';
  });
  return { text: head + body, ids };
}

function renderTemplate(template) {
  const ids = new Set(template.suggestedCriteria ?? []);
  const lines = ['---', `title: ${template.title}`, `type: ${template.type}`, 'status: draft', 'controls: []', '---', '', `# ${template.title}`, ''];
  for (const section of template.sections ?? []) {
    (section.controls ?? []).forEach((id) => ids.add(id));
    lines.push(`## ${section.heading}`, '', section.guidance ?? '', '');
  }
  return { text: lines.join('\n'), ids };
}

const entries = [];
for (const folder of ['policies', 'procedures']) {
  const dir = join(REPO, 'examples/acme-saas', folder);
  for (const name of readdirSync(dir).sort()) entries.push({ file: `acme/${name}`, ...untagAcme(readFileSync(join(dir, name), 'utf8')) });
}
const templates = join(REPO, 'controls-catalog/templates');
for (const name of readdirSync(templates).filter((n) => n.endsWith('.yaml')).sort()) {
  entries.push({ file: `templates/${basename(name, '.yaml')}.md`, ...renderTemplate(parse(readFileSync(join(templates, name), 'utf8'))) });
}
for (const [i, entry] of entries.entries()) {
  mkdirSync(join(OUT, entry.file, '..'), { recursive: true });
  writeFileSync(join(OUT, entry.file), entry.text);
  const previous = labels.documents[entry.file];
  labels.documents[entry.file] = { split: previous?.split ?? (i % 2 === 0 ? 'tuning' : 'heldout'), criteria: [...entry.ids].sort() };
}
labels.documents = Object.fromEntries(Object.entries(labels.documents).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(labelsFile, JSON.stringify(labels, null, 2) + '\n');
console.log(`wrote ${entries.length} untagged copies`);
