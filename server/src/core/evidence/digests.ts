import { isInside } from '../paths';
import { attachmentPath, type EvidenceRecordFacts } from './recordKind';

/**
 * SHA-256 (hex) of the files evidence records attach with a sha256, by absolute path, kept in step with the records
 * and with changes to those files. Uses Web Crypto, which Node and browsers both provide, so the core stays free of
 * node imports. Files outside the root are never read.
 */
export class AttachmentDigests {
  // null: the file could not be read; remembered so a missing attachment is not read again on every sync.
  private readonly digests = new Map<string, string | null>();

  constructor(
    private readonly root: string,
    private readonly readFile: (path: string) => Promise<Uint8Array | undefined>,
  ) {}

  get(path: string): string | undefined {
    return this.digests.get(path) ?? undefined;
  }

  /**
   * Hashes attachments not hashed yet, and `changed` again when a record attaches it; forgets files no record attaches.
   * Returns the record files whose attachment's digest changed (their findings may have changed).
   */
  async sync(records: Iterable<EvidenceRecordFacts>, changed?: string): Promise<string[]> {
    const wanted = new Map<string, string[]>();
    for (const record of records) {
      if (!record.attachment || !record.sha256) continue;
      const path = attachmentPath(record.attachment.value, record.file, this.root);
      if (isInside(path, this.root)) wanted.set(path, [...(wanted.get(path) ?? []), record.file]);
    }
    for (const path of [...this.digests.keys()]) if (!wanted.has(path)) this.digests.delete(path);
    const affected: string[] = [];
    for (const [path, files] of wanted) {
      if (this.digests.has(path) && path !== changed) continue;
      const bytes = await this.readFile(path);
      const digest = bytes ? await sha256Hex(bytes) : null;
      if (this.digests.has(path) && this.digests.get(path) === digest) continue;
      this.digests.set(path, digest);
      affected.push(...files);
    }
    return affected;
  }

  clear(): void {
    this.digests.clear();
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // A copy into a plain ArrayBuffer: Web Crypto refuses views over shared memory.
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
