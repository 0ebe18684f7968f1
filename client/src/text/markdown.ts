/** Markdown helpers. Pure: no vscode import, unit-tested directly. */

/**
 * Text as literal Markdown. Unlike MarkdownString.appendText, spaces stay spaces: appendText turns them into
 * `&nbsp;`, so a long description never wraps and the tooltip grows as wide as the screen.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}
