import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkInput, decodeText, ImportInputError, inputKind } from './inspectInput';
import { toMarkdown } from './convert';
import { asPolicyDocument, outputName, type ImportedType } from './policyDocument';
import { writeFileAtomic } from './writeAtomic';

export interface ImportOptions {
  /** Files and folders (absolute). Folders are searched for .docx, .html, .htm, .txt and .md files. */
  inputs: string[];
  outDir: string;
  type?: ImportedType;
  force: boolean;
}

export interface ImportedFile {
  source: string;
  file: string;
  title: string;
  type: ImportedType;
  owner?: string;
  notConverted: string[];
}

export interface ImportResult {
  written: ImportedFile[];
  /** Not written because the output exists (and --force was not given). */
  exists: { source: string; file: string }[];
  failed: { source: string; reason: string }[];
}

/** Converts every input and writes one policy document per input. One bad input fails alone; nothing is half-written. */
export async function importPolicies(options: ImportOptions, onProgress?: (done: number, total: number) => void): Promise<ImportResult> {
  const result: ImportResult = { written: [], exists: [], failed: [] };
  const sources = await expandInputs(options.inputs, result);
  const taken = new Set<string>();
  for (const [done, source] of sources.entries()) {
    try {
      const converted = await convertOne(source, options.type);
      const file = uniqueName(path.join(options.outDir, outputName(source)), taken);
      const outcome = await writeFileAtomic(file, converted.text, options.force);
      if (outcome === 'exists') result.exists.push({ source, file });
      else result.written.push({ source, file, title: converted.title, type: converted.type, owner: converted.owner, notConverted: converted.notConverted });
    } catch (error) {
      result.failed.push({ source, reason: error instanceof ImportInputError ? error.message : `could not be imported (${(error as Error).message ?? String(error)})` });
    }
    onProgress?.(done + 1, sources.length);
  }
  return result;
}

async function convertOne(source: string, type?: ImportedType) {
  const kind = inputKind(source);
  if (!kind) throw new ImportInputError(source, 'has a file type the import does not read (use .docx, .html, .htm, .txt or .md)');
  const stat = await fs.stat(source);
  const handle = await fs.open(source, 'r');
  const head = new Uint8Array(4096);
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  checkInput(source, stat.size, head.subarray(0, Math.min(stat.size, head.length)), kind);
  const bytes = new Uint8Array(await fs.readFile(source));
  const text = kind === 'docx' ? undefined : decodeText(source, bytes);
  const converted = await toMarkdown(source, kind, bytes, text);
  if (!converted.markdown.trim()) throw new ImportInputError(source, 'has no text to import');
  const document = asPolicyDocument(converted.markdown, { fileName: source, propertiesTitle: converted.propertiesTitle, type });
  return { ...document, notConverted: converted.notConverted };
}

async function expandInputs(inputs: string[], result: ImportResult): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => undefined);
    if (!stat) result.failed.push({ source: input, reason: 'was not found' });
    else if (stat.isDirectory()) files.push(...(await filesUnder(input)));
    else files.push(input);
  }
  return files;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !e.name.startsWith('~$') && inputKind(e.name))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

/** Two inputs with the same name (policy.docx and policy.html) get policy.md and policy-2.md. */
function uniqueName(file: string, taken: Set<string>): string {
  let candidate = file;
  for (let n = 2; taken.has(candidate); n++) candidate = file.replace(/\.md$/, `-${n}.md`);
  taken.add(candidate);
  return candidate;
}
