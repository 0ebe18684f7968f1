import type TurndownService from 'turndown';
import { loadMammoth, loadTurndown } from '../lazyModules';
import { ImportInputError, type InputKind } from './inspectInput';

export interface Converted {
  markdown: string;
  /** What could not be converted (images, embedded objects), with the reason. */
  notConverted: string[];
  /** A title from the document's properties, when it has one. */
  propertiesTitle?: string;
}

/** Any supported input to Markdown. Headings, lists and tables (as GFM tables) are kept. */
export async function toMarkdown(file: string, kind: InputKind, bytes: Uint8Array, text?: string): Promise<Converted> {
  switch (kind) {
    case 'docx':
      return docxToMarkdown(file, bytes);
    case 'html':
      return htmlToMarkdown(text ?? '');
    case 'text':
      return { markdown: textToMarkdown(text ?? ''), notConverted: [] };
    case 'markdown':
      return { markdown: stripFrontMatter(text ?? ''), notConverted: [] };
  }
}

async function docxToMarkdown(file: string, bytes: Uint8Array): Promise<Converted> {
  let images = 0;
  let result: { value: string; messages: { type: string; message: string }[] };
  const mammoth = await loadMammoth();
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      // Images are not carried over: a policy's images are logos and diagrams the Markdown cannot hold.
      { convertImage: mammoth.images.imgElement(async () => (images++, { src: '' })) },
    );
  } catch (error) {
    throw new ImportInputError(file, `could not be read as a Word document (${firstLine(error)}); it may be corrupt`);
  }
  const html = await htmlToMarkdown(firstRowAsHeader(result.value));
  const notes = result.messages.filter((m) => m.type === 'warning' && !/unrecognised paragraph style|unrecognised run style/i.test(m.message)).map((m) => m.message);
  if (images) html.notConverted.unshift(`${images} image${images === 1 ? '' : 's'} (images are not imported; add diagrams as separate files)`);
  return { ...html, notConverted: [...html.notConverted, ...unique(notes)] };
}

async function htmlToMarkdown(html: string): Promise<Converted> {
  const notConverted: string[] = [];
  const { Turndown, gfm } = await loadTurndown();
  const service: TurndownService = new Turndown({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '*' });
  service.use(gfm);
  service.remove(['script', 'style', 'head', 'title']);
  const dropped = new Map<string, number>();
  service.addRule('notConvertible', {
    filter: ['img', 'object', 'embed', 'iframe', 'video', 'audio', 'canvas', 'svg'] as (keyof HTMLElementTagNameMap)[],
    replacement: (_content, node) => {
      const name = (node as { nodeName: string }).nodeName.toLowerCase();
      dropped.set(name, (dropped.get(name) ?? 0) + 1);
      return '';
    },
  });
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim();
  const markdown = service.turndown(html);
  for (const [name, count] of dropped) notConverted.push(`${count} ${name === 'img' ? 'image' : `embedded ${name}`}${count === 1 ? '' : 's'} (not imported)`);
  return { markdown, notConverted, propertiesTitle: title || undefined };
}

/** Word tables have no header cells; GFM tables need a header row, so the first row becomes it. */
function firstRowAsHeader(html: string): string {
  return html.replace(/<table>\s*<tr>([\s\S]*?)<\/tr>/g, (_m, row: string) => `<table><tr>${row.replace(/<td(\b[^>]*)>/g, '<th$1>').replace(/<\/td>/g, '</th>')}</tr>`);
}

function textToMarkdown(text: string): string {
  // Plain text: keep paragraphs; a short first line without a full stop reads as the title.
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim());
  if (first >= 0 && lines[first].trim().length < 100 && !/[.:;]$/.test(lines[first].trim())) lines[first] = `# ${lines[first].trim()}`;
  return lines.join('\n');
}

function stripFrontMatter(text: string): string {
  return text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, '');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
