/**
 * A fast 53-bit hash of bytes or text (cyrb53's mixing), with the length, for telling inputs apart in the cache's
 * environment key. Not for security: the cache stores its own content hashes (SHA-256) per document.
 */
export function contentHash(content: Uint8Array | string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const length = content.length;
  for (let i = 0; i < length; i++) {
    const c = typeof content === 'string' ? content.charCodeAt(i) : content[i];
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}-${length}`;
}
