import { stringify } from 'yaml';

export const DOCUMENT_TYPES = ['policy', 'procedure', 'standard', 'plan', 'narrative'] as const;
export type ImportedType = (typeof DOCUMENT_TYPES)[number];

export interface ImportedDocument {
  title: string;
  type: ImportedType;
  owner?: string;
  /** The whole file: front matter and body. */
  text: string;
}

/**
 * Wraps converted Markdown as a policy document: title from the first heading (or the file's properties, or its
 * name), a type guessed from name and content, `status: draft`, the owner if the text names one, `controls: []`.
 */
export function asPolicyDocument(markdown: string, options: { fileName: string; propertiesTitle?: string; type?: ImportedType }): ImportedDocument {
  let body = markdown.replace(/\r\n?/g, '\n').trim() + '\n';
  const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(body)?.[1];
  const title = clean(heading ?? options.propertiesTitle ?? titleFromFileName(options.fileName));
  // A document needs one level-1 heading: promote the first heading if the source started at level 2, or add one.
  if (!/^# /m.test(body)) body = heading ? body.replace(/^#{2,6}(\s)/m, '#$1') : `# ${title}\n\n${body}`;
  const type = options.type ?? guessType(`${options.fileName} ${title}`, body);
  const owner = ownerIn(body);
  const frontMatter: Record<string, unknown> = { title, type, status: 'draft', ...(owner ? { owner } : {}), controls: [] };
  const yaml = stringify(frontMatter, { flowCollectionPadding: false }).trimEnd();
  return { title, type, owner, text: `---\n${yaml}\n---\n\n${body}` };
}

export function guessType(name: string, body: string): ImportedType {
  const words = name.toLowerCase();
  if (/\b(procedure|process|runbook|playbook|checklist|how to)\b/.test(words)) return 'procedure';
  if (/\bstandard\b/.test(words)) return 'standard';
  if (/\bplan\b/.test(words)) return 'plan';
  if (/\b(narrative|system description)\b/.test(words)) return 'narrative';
  // Mostly numbered steps reads as a procedure.
  const steps = (body.match(/^\s*\d+\.\s/gm) ?? []).length;
  const paragraphs = body.split(/\n{2,}/).length;
  return steps >= 5 && steps * 2 >= paragraphs ? 'procedure' : 'policy';
}

/** "Owner: Head of Security", "Policy owner - CISO", or a table row | Owner | CISO |. */
function ownerIn(body: string): string | undefined {
  const match = /^(?:[-*]\s*)?(?:\*\*)?(?:document |policy |process )?owner(?:\*\*)?\s*(?::|-|–|\|)\s*(?:\*\*)?\s*([^|\n]{2,80}?)\s*\|?\s*$/im.exec(body);
  const owner = match?.[1].replace(/\*\*/g, '').trim();
  return owner && /\p{L}/u.test(owner) ? owner : undefined;
}

function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const words = base.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Imported policy';
}

function clean(title: string): string {
  return title.replace(/\*\*|__|`/g, '').replace(/\s+/g, ' ').trim();
}

/** A file name for the imported document: kebab-case of the source name. */
export function outputName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const slug = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${slug || 'imported-policy'}.md`;
}
