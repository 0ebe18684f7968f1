/**
 * `soc2Policy/importPolicies`: the importer behind `soc2-policy import`, run in the server so a large Word file
 * never blocks the editor. Reports work-done progress per file and answers what was written, what was not, and
 * what each new document probably covers (the suggestion engine, on the document's own sentences).
 */
import { readFile } from 'node:fs/promises';
import { ResponseError, ErrorCodes, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { CatalogSet } from '../core/catalog/catalog';
import { parsePolicyDocument } from '../core/parse/policyDocument';
import { buildSuggestionIndex, type SuggestionIndex } from '../core/suggest/index';
import { suggestCriteria } from '../core/suggest/suggest';
import { importPolicies, type ImportedFile } from '../import/importPolicies';
import { ImportPoliciesRequest, type ImportedPolicy, type ImportPoliciesParams, type ImportPoliciesResult } from '../protocol';
import type { FeatureContext } from './common';

/** At most this many reasons per suggestion in the summary: the editor hover shows the rest. */
const REASONS_IN_SUMMARY = 2;

export async function importPoliciesOf(ctx: FeatureContext, params: ImportPoliciesParams, progress: WorkDoneProgressReporter): Promise<ImportPoliciesResult> {
  const toPath = (uri: string) => {
    const path = typeof uri === 'string' ? ctx.session.uris.pathOf(uri) : undefined;
    if (!path) throw new ResponseError(ErrorCodes.InvalidParams, `not a file URI: ${String(uri)}`);
    return path;
  };
  const toUri = (path: string) => ctx.session.uris.uriOf(path.replace(/\\/g, '/'));
  const inputs = params.inputs.map(toPath);
  const outDir = toPath(params.outFolder);
  progress.begin('Importing policies', 0, undefined, false);
  try {
    const result = await importPolicies({ inputs, outDir, force: params.force === true }, (done, total) => {
      progress.report(Math.floor((done / Math.max(1, total)) * 100), `Importing policies ${done}/${total}`);
    });
    progress.report(100, 'Finding what the imported documents cover');
    const suggest = await suggester(ctx, toUri(outDir));
    const written: ImportedPolicy[] = [];
    for (const file of result.written) written.push({ ...(await described(file, suggest)), sourceUri: toUri(file.source), uri: toUri(file.file) });
    return {
      written,
      exists: result.exists.map((e) => ({ sourceUri: toUri(e.source), uri: toUri(e.file) })),
      failed: result.failed.map((f) => ({ sourceUri: toUri(f.source), reason: f.reason })),
    };
  } finally {
    progress.done();
  }
}

type Suggester = (file: string, text: string) => ImportedPolicy['suggestions'];

/** Suggestions with the index of the root the documents land in, or of the built-in catalog outside every root. */
async function suggester(ctx: FeatureContext, outFolderUri: string): Promise<Suggester> {
  const analyzer = (await ctx.session.target(outFolderUri).catch(() => undefined))?.analyzer;
  const catalogs = analyzer?.catalogSet ?? new CatalogSet(ctx.session.builtins.catalogs);
  const index: SuggestionIndex = analyzer?.suggestionIndex() ?? buildSuggestionIndex(catalogs.tsc.controls, ctx.session.builtins.vocabulary ?? new Map());
  return (file, text) =>
    suggestCriteria(parsePolicyDocument(file, text), index).map((s) => ({
      id: s.id,
      title: catalogs.control(s.id)?.title ?? '',
      score: s.score,
      because: s.because.slice(0, REASONS_IN_SUMMARY).map((r) => r.text),
    }));
}

async function described(file: ImportedFile, suggest: Suggester): Promise<Omit<ImportedPolicy, 'sourceUri' | 'uri'>> {
  const text = await readFile(file.file, 'utf8').catch(() => undefined);
  return { title: file.title, type: file.type, owner: file.owner, notConverted: file.notConverted, suggestions: text === undefined ? [] : suggest(file.file, text) };
}

export function registerImportRequests(connection: Connection, ctx: FeatureContext): void {
  // The client's token (params.workDoneToken) carries the progress; without one the reporter does nothing.
  connection.onRequest(ImportPoliciesRequest.type, (params) => importPoliciesOf(ctx, params, connection.window.attachWorkDoneProgress(params.workDoneToken)));
}
