/**
 * The hash stored with a citation: 64 bits of FNV-1a (two 32-bit lanes with different offsets) over the section's
 * text with whitespace collapsed, so re-wrapping a paragraph does not make an answer stale. Pure JS: the core runs
 * in the editor and in browsers, where node:crypto is not available; collisions only matter against accidental edits.
 */
export function sectionTextHash(text: string): string {
  const normalized = text.replace(/\s+/g, ' ').trim();
  let low = 0x811c9dc5;
  let high = 0xcbf29ce4;
  for (let i = 0; i < normalized.length; i++) {
    const code = normalized.charCodeAt(i);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code ^ (low >>> 24), 0x01000193);
  }
  return `fnv1a64:${(high >>> 0).toString(16).padStart(8, '0')}${(low >>> 0).toString(16).padStart(8, '0')}`;
}
