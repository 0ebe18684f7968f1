import { isInside } from '../paths';
import { attachmentPath, type EvidenceRecordFacts } from './recordKind';

/**
 * SHA-256 (hex) of every file evidence records attach with a sha256, by absolute path. Uses Web Crypto, which
 * Node and browsers both provide, so the core stays free of node imports. Files outside the root are never read.
 */
export async function attachmentDigests(records: Iterable<EvidenceRecordFacts>, root: string, readFile: (path: string) => Promise<Uint8Array | undefined>): Promise<Map<string, string>> {
  const paths = new Set<string>();
  for (const record of records) {
    if (!record.attachment || !record.sha256) continue;
    const path = attachmentPath(record.attachment.value, record.file, root);
    if (isInside(path, root)) paths.add(path);
  }
  const digests = new Map<string, string>();
  for (const path of paths) {
    const bytes = await readFile(path);
    if (bytes) digests.set(path, await sha256Hex(bytes));
  }
  return digests;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // A copy into a plain ArrayBuffer: Web Crypto refuses views over shared memory.
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
