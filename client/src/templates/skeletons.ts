/**
 * Policy skeletons, read from the generated snippets file (scripts/generate-snippets.mjs), so new documents,
 * snippets and the server's `missing-section` check all come from controls-catalog/templates.
 * Pure: no vscode import, so it is unit-tested directly.
 */

export interface Skeleton {
  templateId: string;
  title: string;
  type: string;
  summary: string;
  /** Snippet body lines, with placeholders. */
  body: string[];
}

interface SnippetEntry {
  prefix?: string | string[];
  description?: string;
  body?: string | string[];
  isFileTemplate?: boolean;
}

/** Document skeletons from the snippets file: the file templates, whose first prefix is `soc2-<template id>`. */
export function parseSkeletons(snippetsJson: string): Skeleton[] {
  const entries = JSON.parse(snippetsJson) as Record<string, SnippetEntry>;
  const skeletons: Skeleton[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    if (!entry.isFileTemplate) continue;
    const prefix = Array.isArray(entry.prefix) ? entry.prefix[0] : entry.prefix;
    const body = Array.isArray(entry.body) ? entry.body : (entry.body ?? '').split('\n');
    const type = /^SOC 2 (\w+):/.exec(name)?.[1] ?? 'policy';
    const title = snippetToText([body.find((l) => l.startsWith('title: ')) ?? '']).slice('title: '.length);
    if (!prefix?.startsWith('soc2-')) continue;
    skeletons.push({ templateId: prefix.slice('soc2-'.length), title, type, summary: entry.description ?? '', body });
  }
  return skeletons;
}

export interface SkeletonOptions {
  /** Document id (the file name without extension), so two documents from one template do not share an id. */
  id?: string;
  /** A criterion to map first (a gap being closed). */
  criterion?: string;
}

/** The skeleton's lines with the id and an extra criterion filled in; still snippet syntax. */
export function customize(skeleton: Skeleton, options: SkeletonOptions): string[] {
  return skeleton.body.map((line) => {
    if (options.id && /^id: /.test(line)) return line.replace(/^id: (\$\{\d+:)?[^}]*(\}?)$/, (_m, open = '', close = '') => `id: ${open}${options.id}${close}`);
    const criterion = options.criterion;
    if (criterion && /^controls: \[/.test(line)) {
      return line.replace(/^controls: \[(\$\{\d+:)?([^}\]]*)(\}?)\]$/, (_m, open = '', list: string, close = '') => {
        const ids = list.split(',').map((s) => s.trim()).filter((s) => s && s !== criterion);
        return `controls: [${open}${[criterion, ...ids].join(', ')}${close}]`;
      });
    }
    return line;
  });
}

/** Variables a skeleton may use; resolved when writing a file instead of inserting a snippet. */
function variable(name: string, now: Date): string | undefined {
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (name) {
    case 'CURRENT_YEAR': return String(now.getFullYear());
    case 'CURRENT_MONTH': return pad(now.getMonth() + 1);
    case 'CURRENT_DATE': return pad(now.getDate());
    default: return undefined;
  }
}

/**
 * Snippet text to plain text: placeholders become their default, mirrors repeat their placeholder's default,
 * tab stops vanish, escapes are undone. Covers the subset the generator writes (no nesting or choices).
 */
export function snippetToText(lines: string[], now = new Date()): string {
  const text = lines.join('\n');
  const values = new Map<string, string>();
  const unescape = (s: string) => s.replace(/\\([\\$}])/g, '$1');
  // First pass: remember each placeholder's default so mirrors (`${1}`) can repeat it.
  for (const m of text.matchAll(/\$\{(\d+):((?:\\.|[^\\}])*)\}/g)) if (!values.has(m[1])) values.set(m[1], unescape(m[2]));
  return text.replace(/\\([\\$}])|\$\{(\d+):((?:\\.|[^\\}])*)\}|\$\{(\d+)\}|\$(\d+)|\$\{([A-Z_]+)\}|\$([A-Z_]+)/g,
    (match, escaped, phIndex, phText, mirrorBraced, mirror, varBraced, varBare) => {
      if (escaped) return escaped;
      if (phIndex) return unescape(phText);
      const index = mirrorBraced ?? mirror;
      if (index) return values.get(index) ?? '';
      return variable(varBraced ?? varBare, now) ?? match;
    });
}
