import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Rule links for the editor: the rules reference that ships with the extension (docs/rules.md, next to
 * controls-catalog/ in the .vsix and in the repository), opened at the rule's heading. `#L<line>` is how VS Code
 * selects a line when it opens a file link. Read once at start; no network, so the link always resolves.
 */
export interface RulesDocs {
  /** file: URL of the rule's section, or undefined when the reference or the rule's heading is missing. */
  hrefOf(code: string): string | undefined;
}

/** Finds docs/rules.md above `start` (the bundle lives in server/out, sources in server/src/...). */
export function findRulesDoc(start = __dirname): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'docs', 'rules.md');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** 1-based line of each `## <rule-code>` heading. */
export function ruleHeadingLines(markdown: string): Map<string, number> {
  const lines = new Map<string, number>();
  markdown.split(/\r?\n/).forEach((line, i) => {
    const m = /^## ([a-z][a-z0-9-]*)\s*$/.exec(line);
    if (m && !lines.has(m[1])) lines.set(m[1], i + 1);
  });
  return lines;
}

export function loadRulesDocs(file = findRulesDoc()): RulesDocs {
  let text: string | undefined;
  try {
    text = file ? readFileSync(file, 'utf8') : undefined;
  } catch {
    text = undefined;
  }
  if (!file || text === undefined) return { hrefOf: () => undefined };
  const url = pathToFileURL(file).toString();
  const headings = ruleHeadingLines(text);
  return { hrefOf: (code) => (headings.has(code) ? `${url}#L${headings.get(code)}` : undefined) };
}
