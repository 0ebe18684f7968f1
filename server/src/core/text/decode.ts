/** Decodes file bytes as UTF-8. Returns undefined when the bytes are not valid UTF-8 text. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
  // NUL bytes mean a binary file even when the bytes happen to be valid UTF-8.
  if (text.includes('\u0000')) return undefined;
  return text;
}

/** Removes a leading byte order mark; editors do not count it as a character. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
