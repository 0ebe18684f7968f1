import { performance } from 'node:perf_hooks';
import type { PolicyAnalyzer } from '../core/analyzer';
import { collectGarbage } from './timing';

/**
 * The i-th simulated edit of a document. Edits cycle through the kinds an author makes while typing:
 * a sentence added to a paragraph, a new criterion mention, and a new mapping in the front matter
 * (which changes coverage and so also refreshes the config file's findings). Each edit starts from
 * the original text, so the document keeps its size and the ratio to its parse time stays fair.
 */
export function simulatedEdit(text: string, i: number): string {
  const ends = sentenceEnds(text);
  const at = ends[(i * 7919) % ends.length];
  switch (i % 3) {
    case 0:
      return text.slice(0, at) + ' Owners confirm this in writing.' + text.slice(at);
    case 1:
      return text.slice(0, at) + ' This also supports CC7.2.' + text.slice(at);
    default:
      return text.replace(/^controls: \[/m, 'controls: [A1.1, ');
  }
}

/** Offsets just after a full stop that ends a line of the body: places where typing continues a paragraph. */
function sentenceEnds(text: string): number[] {
  const bodyStart = text.indexOf('\n---', 4) + 4;
  const ends: number[] = [];
  for (let at = text.indexOf('.\n', bodyStart); at >= 0; at = text.indexOf('.\n', at + 2)) ends.push(at + 1);
  return ends.length ? ends : [text.length];
}

/** One edit until its findings are fresh: re-analyse the document, then the findings of every file it affects. */
export function editToFreshFindings(analyzer: PolicyAnalyzer, file: string, text: string): number {
  const start = performance.now();
  const { affectedFiles } = analyzer.updateDocument(file, text);
  for (const affected of affectedFiles) analyzer.findings(affected);
  return performance.now() - start;
}

/**
 * Times `count` simulated edits of one open document and restores its original text afterwards, so
 * later measurements see the workspace unchanged. As many untimed edits warm the JIT
 * first: with only a few, the median still included optimisation of the analyzer's hot paths.
 */
export function timeEdits(analyzer: PolicyAnalyzer, file: string, original: string, count: number): number[] {
  collectGarbage();
  for (let i = 0; i < count; i++) editToFreshFindings(analyzer, file, simulatedEdit(original, count + i));
  editToFreshFindings(analyzer, file, original);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(editToFreshFindings(analyzer, file, simulatedEdit(original, i)));
  editToFreshFindings(analyzer, file, original);
  return times;
}
