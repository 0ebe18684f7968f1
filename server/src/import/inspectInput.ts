/** Why an input cannot be imported, as one line the user can act on. */
export class ImportInputError extends Error {
  constructor(readonly file: string, reason: string) {
    super(reason);
    this.name = 'ImportInputError';
  }
}

export type InputKind = 'docx' | 'html' | 'text' | 'markdown';

/** Larger files are not policies (a policy is at most a few hundred kilobytes; a Word file with images a few MB). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

const KINDS = new Map<string, InputKind>([['.docx', 'docx'], ['.html', 'html'], ['.htm', 'html'], ['.txt', 'text'], ['.md', 'markdown'], ['.markdown', 'markdown']]);

export function inputKind(file: string): InputKind | undefined {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? undefined : KINDS.get(file.slice(dot).toLowerCase());
}

/** Checks size and content before any conversion: corrupt, binary, encrypted and oversized files stop here. */
export function checkInput(file: string, size: number, head: Uint8Array, kind: InputKind): void {
  if (size > MAX_INPUT_BYTES) throw new ImportInputError(file, `is ${(size / 1024 / 1024).toFixed(0)} MB; the import takes files up to ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
  if (size === 0) throw new ImportInputError(file, 'is empty');
  if (kind === 'docx') {
    // Word encrypts password-protected .docx files into an OLE container (the .doc signature) holding "EncryptionInfo".
    if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
      throw new ImportInputError(file, containsUtf16(head, 'EncryptionInfo') ? 'is password-protected; remove the password in Word and import it again' : 'is an old binary Word file (.doc) or password-protected; save it as .docx and import it again');
    }
    if (!startsWith(head, [0x50, 0x4b, 0x03, 0x04])) throw new ImportInputError(file, 'is not a valid .docx file (not a ZIP package); it may be corrupt');
    return;
  }
  if (head.includes(0)) throw new ImportInputError(file, 'is a binary file, not text');
}

export function decodeText(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ImportInputError(file, 'is not UTF-8 text; re-save it as UTF-8');
  }
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = Array.from(text).flatMap((c) => [c.charCodeAt(0), 0]);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
