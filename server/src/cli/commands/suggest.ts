import type { SuggestArgs } from '../existingPolicyArgs';
import { openAnalyzer, pathFilter } from '../session';
import { locateWorkspace } from '../workspaceRoot';
import { loadSuggestionIndex } from '../../node/suggestionIndex';
import { mappedCriteria, suggestCriteria } from '../../core/suggest/suggest';
import { relativePath } from '../../core/paths';
import { parsePolicyDocument, type PolicyDocument } from '../../core/parse/policyDocument';
import { decodeUtf8, stripBom } from '../../core/text/decode';
import { NodeWorkspace } from '../../node/nodeWorkspace';
import type { SuggestionIndex } from '../../core/suggest/index';
import type { CatalogSet } from '../../core/catalog/catalog';
import { EXIT_CLEAN } from '../errors';
import type { Terminal } from '../terminal';

/** `soc2-policy suggest`: the criteria each Markdown document probably addresses, with the sentences that say so. */
export async function runSuggest(args: SuggestArgs, terminal: Terminal): Promise<number> {
  const location = locateWorkspace(terminal.cwd, args.paths, args.config);
  const analyzer = await openAnalyzer(location, terminal);
  const index = await loadSuggestionIndex(analyzer.catalogSet);
  const wanted = pathFilter(location.paths);
  // Any Markdown the include globs name, tagged or not: untagged documents are what suggestions are for.
  const workspace = new NodeWorkspace();
  const files = (await workspace.listFiles(analyzer.root)).filter((file) => analyzer.isCandidate(file) && wanted(file)).sort();
  const suggestions = [];
  for (const file of files) {
    const bytes = analyzer.document(file) ? undefined : await workspace.readFile(file);
    const text = bytes ? decodeUtf8(bytes) : undefined;
    const doc = analyzer.document(file) ?? (text === undefined ? undefined : parsePolicyDocument(file, stripBom(text)));
    if (doc) suggestions.push(suggestionJson(doc, index, analyzer.catalogSet, analyzer.root, args.limit));
  }
  terminal.stdout.write(args.format === 'json' ? JSON.stringify({ suggestions }, null, 2) + '\n' : renderText(suggestions));
  return EXIT_CLEAN;
}

type SuggestionJson = ReturnType<typeof suggestionJson>;

/** One document in the JSON contract: `file` relative to the root, criteria best first, each with its sentences. */
export function suggestionJson(doc: PolicyDocument, index: SuggestionIndex, catalogs: CatalogSet, root: string, limit?: number) {
  const criteria = suggestCriteria(doc, index, { mapped: mappedCriteria(doc, catalogs) }).slice(0, limit);
  return {
    file: relativePath(root, doc.file),
    criteria: criteria.map((c) => ({
      id: c.id,
      score: c.score,
      because: c.because.map((r) => ({ range: doc.lines.rangeOf(r.span), text: r.text, ...(r.pointOfFocus ? { pointOfFocus: r.pointOfFocus } : {}) })),
    })),
  };
}

function renderText(suggestions: SuggestionJson[]): string {
  const lines: string[] = [];
  for (const doc of suggestions) {
    lines.push(doc.file);
    if (!doc.criteria.length) lines.push('  no suggestion the engine stands behind');
    for (const c of doc.criteria) {
      lines.push(`  ${c.id.padEnd(6)} ${c.score.toFixed(2)}`);
      for (const r of c.because) lines.push(`    ${r.range.start.line + 1}: ${r.text}${r.pointOfFocus ? ` (${r.pointOfFocus})` : ''}`);
    }
  }
  const total = suggestions.reduce((n, d) => n + d.criteria.length, 0);
  lines.push('', `${total} suggestion${total === 1 ? '' : 's'} in ${suggestions.length} document${suggestions.length === 1 ? '' : 's'}. Add the ones you agree with to each document's controls list.`);
  return lines.join('\n') + '\n';
}
