/** Escaping for the text formats the reports write. Every value from documents or config passes through one of these. */

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Escapes inline Markdown syntax so titles and paths render literally, including inside table cells.
 * Reports never start a line with a value, so line-start syntax (`#`, `+`, `1.`) needs no escape.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/[\\`*_[\]|<>~&]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

/**
 * One RFC 4180 CSV field. Values that a spreadsheet would run as a formula get a leading apostrophe,
 * so an exported report cannot execute anything when opened.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
