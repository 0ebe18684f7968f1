import type { DocumentRule } from './rule';
import type { PolicyDocument } from '../parse/policyDocument';
import type { Span } from '../types';
import { nodeAt, spanOf } from '../yaml/yamlSource';
import { isGuidanceComment } from '../templates/templates';

/** Front-matter values the template skeletons put in for a person to replace (scripts/generate-snippets.mjs). */
const PLACEHOLDER_VALUES = new Map([
  ['owner', 'Owner role'],
  ['approver', 'Approver role'],
]);

/** `TODO:` at the start of a line, also after a list marker or quote marker. */
const TODO_LINE = /^\s{0,3}(?:(?:[-*+]|\d{1,9}[.)])\s+|>\s?)*TODO:/;
const HEADING_LINE = /^\s{0,3}#{1,6}(?:\s|$)/;
const BREAK_LINE = /^\s{0,3}([-*_=])(?:\s*\1){2,}\s*$/;
const FENCE_LINE = /^\s{0,3}(`{3,}|~{3,})/;

/** A paragraph of the body, or an HTML comment that starts a line. */
interface Block {
  kind: 'paragraph' | 'comment';
  text: string;
  span: Span;
  startsWithTodo: boolean;
}

export const templateLeftover: DocumentRule = {
  kind: 'document',
  code: 'template-leftover',
  defaultSeverity: 'warning',
  summary: 'Instruction text from a template is still in the document: a TODO: placeholder, a guidance comment or paragraph, or a placeholder owner.',
  check(ctx) {
    const { doc } = ctx;
    // Placeholders in a draft are work in progress; in an approved document they are a policy nobody wrote.
    const approved = doc.status === 'approved';
    const severity = approved ? ('error' as const) : undefined;
    const consequence = approved ? ' An approved document must not hold template text.' : '';
    const fm = doc.frontMatter;
    if (fm && !fm.source.errors.length) {
      for (const [key, placeholder] of PLACEHOLDER_VALUES) {
        const value = Object.hasOwn(fm.data, key) ? fm.data[key] : undefined;
        const span = typeof value === 'string' && value.trim() === placeholder ? spanOf(fm.source, nodeAt(fm.source, [key])) : undefined;
        if (!span) continue;
        ctx.report({ span, severity, subject: key, message: `${key} is still the template's placeholder "${placeholder}". Name the person or role.${consequence}` });
      }
    }
    for (const block of blocks(doc)) {
      if (block.kind === 'comment') {
        if (isGuidanceComment(block.text)) ctx.report({ span: block.span, severity, subject: 'guidance', message: `A template's guidance comment is still here. Make the section say what the organisation does, then delete the comment.${consequence}` });
      } else if (block.startsWithTodo) {
        ctx.report({ span: block.span, severity, subject: 'TODO', message: `A "TODO:" placeholder is still here. Replace it with what the organisation actually does.${consequence}` });
      } else if (ctx.templates.isGuidance(block.text)) {
        ctx.report({ span: block.span, severity, subject: 'guidance', message: `This paragraph is a template's guidance, not policy text. Replace it with what the organisation actually does.${consequence}` });
      }
    }
  },
};

/**
 * The body's paragraphs and line-starting HTML comments, read line by line. A paragraph is a run of lines between
 * blank lines, headings, thematic breaks, comments (section tags, guidance) and code blocks; HTML comments inside
 * it are not part of its text. A line starting with `TODO:` starts a paragraph of its own, so each placeholder is
 * reported once.
 */
function blocks(doc: PolicyDocument): Block[] {
  const result: Block[] = [];
  let current: { kind: Block['kind']; start: number; end: number; lines: string[]; startsWithTodo: boolean } | undefined;
  const close = () => {
    if (current) {
      const text = current.kind === 'paragraph' ? current.lines.join(' ').replace(/<!--[\s\S]*?-->/g, ' ') : current.lines.join('\n');
      result.push({ kind: current.kind, text, span: { start: current.start, end: current.end }, startsWithTodo: current.startsWithTodo });
    }
    current = undefined;
  };
  let fence: string | undefined;
  for (let line = doc.lines.positionAt(doc.frontMatter?.bodyStart ?? 0).line; line < doc.lines.lineCount; line++) {
    const start = doc.lines.lineStart(line);
    const end = doc.lines.lineEnd(line);
    const text = doc.text.slice(start, end);
    const fenceMark = FENCE_LINE.exec(text)?.[1];
    if (fence !== undefined) {
      if (fenceMark?.[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (current?.kind === 'comment') {
      current.lines.push(text);
      current.end = end;
      if (text.includes('-->')) close();
      continue;
    }
    const indent = text.length - text.trimStart().length;
    if (/^\s*<!--/.test(text)) {
      close();
      current = { kind: 'comment', start: start + indent, end, lines: [text.trim()], startsWithTodo: false };
      if (text.includes('-->')) close();
      continue;
    }
    if (fenceMark || !text.trim() || HEADING_LINE.test(text) || BREAK_LINE.test(text)) {
      close();
      if (fenceMark) fence = fenceMark;
      continue;
    }
    const todo = TODO_LINE.test(text);
    if (todo || current?.kind !== 'paragraph') close();
    current ??= { kind: 'paragraph', start: start + indent, end, lines: [], startsWithTodo: todo };
    current.lines.push(text.trim());
    current.end = end;
  }
  close();
  return result;
}
