import { promises as fs } from 'node:fs';
import type { PolicyAnalyzer } from '../core/analyzer';
import { decodeUtf8, stripBom } from '../core/text/decode';
import { CliError } from './errors';

/**
 * Applies every preferred fix to the given documents and writes the ones that changed, keeping a BOM when
 * the file had one. Files without changes are not written, so their modification times stay as they were.
 * Returns the files written; the analyzer is updated with their new text.
 */
export async function fixDocuments(analyzer: PolicyAnalyzer, files: readonly string[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    const bytes = await fs.readFile(file);
    const text = decodeUtf8(bytes);
    if (text === undefined) continue;
    // The decoder drops a BOM, so look at the bytes to put it back.
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\ufeff' : '';
    const original = stripBom(text);
    const { text: fixed } = analyzer.fixText(file, original);
    if (fixed === original) continue;
    try {
      await fs.writeFile(file, bom + fixed, 'utf8');
    } catch (error) {
      throw new CliError(`cannot write ${file}: ${(error as Error).message}`);
    }
    analyzer.updateDocument(file, fixed);
    written.push(file);
  }
  return written;
}
