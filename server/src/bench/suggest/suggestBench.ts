// `npm run bench:suggest`: quality of the criteria suggestions on the labelled development set (tuning and
// held-out halves, next to a TF-IDF baseline) and their speed next to checking. `--tune` grid-searches the
// scoring parameters on the tuning half only and prints the best set (copy it into DEFAULT_PARAMETERS by hand).
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBuiltins } from '../../node/builtins';
import { loadSuggestionIndex } from '../../node/suggestionIndex';
import { CatalogSet } from '../../core/catalog/catalog';
import { parsePolicyDocument } from '../../core/parse/policyDocument';
import { rankCriteria } from '../../core/suggest/suggest';
import { DEFAULT_PARAMETERS, type ScoringParameters } from '../../core/suggest/score';
import type { SuggestionIndex } from '../../core/suggest/index';
import { PolicyAnalyzer } from '../../core/analyzer';
import { syntheticWorkspace, BENCH_TODAY } from '../syntheticWorkspace';
import { loadDevelopmentSet, type LabelledDocument } from './devset';
import { evaluate, formatScores, type Prediction } from './metrics';
import { tfidfBaseline } from './tfidfBaseline';
import { tuneOnTuningHalf } from './tune';

const DEVSET = path.resolve(__dirname, '../../../../test/fixtures/suggest-devset');

export function engineSuggester(index: SuggestionIndex, params: ScoringParameters): (doc: LabelledDocument) => Prediction {
  return (doc) => {
    const ranked = rankCriteria(parsePolicyDocument(`/devset/${doc.file}`, doc.text), index, { params, maxReasons: 1 });
    return { selected: ranked.filter((r) => r.selected).map((r) => r.id), ranking: ranked.map((r) => r.id) };
  };
}

export function scoreSplit(documents: readonly LabelledDocument[], suggester: (doc: LabelledDocument) => Prediction) {
  return evaluate(documents.map((doc) => ({ truth: doc.criteria, prediction: suggester(doc) })));
}

async function main(): Promise<void> {
  const builtins = await loadBuiltins();
  const catalogs = new CatalogSet(builtins.catalogs);
  const index = await loadSuggestionIndex(catalogs);
  const documents = loadDevelopmentSet(DEVSET);
  const tuning = documents.filter((d) => d.split === 'tuning');
  const heldOut = documents.filter((d) => d.split === 'heldout');
  let params = DEFAULT_PARAMETERS;
  if (process.argv.includes('--tune')) {
    params = tuneOnTuningHalf(tuning, (p) => engineSuggester(index, p));
    console.log('best parameters on the tuning half:', JSON.stringify(params));
  }
  const engine = engineSuggester(index, params);
  const baseline = tfidfBaseline(catalogs.tsc.controls);
  const viaBaseline = (doc: LabelledDocument) => baseline(parsePolicyDocument(`/devset/${doc.file}`, doc.text).text.replace(/^---[\s\S]*?\n---/, ''));
  console.log(`Criteria suggestions on the development set (${documents.length} documents)\n`);
  console.log(formatScores('engine, tuning half', scoreSplit(tuning, engine)));
  console.log(formatScores('engine, held-out half', scoreSplit(heldOut, engine)));
  console.log(formatScores('TF-IDF baseline, tuning', scoreSplit(tuning, viaBaseline)));
  console.log(formatScores('TF-IDF baseline, held-out', scoreSplit(heldOut, viaBaseline)));
  if (process.argv.includes('--verbose')) for (const doc of heldOut) console.log(doc.file, [...doc.criteria].join(','), '=>', engine(doc).selected.join(','));
  await speed(index, params);
}

/** Suggesting for 1,000 documents (parse + suggest) next to checking them (open the analyzer + every finding). */
async function speed(index: SuggestionIndex, params: ScoringParameters): Promise<void> {
  const corpus = syntheticWorkspace({ documents: 1000 });
  const builtins = await loadBuiltins();
  const checkStart = performance.now();
  const analyzer = await PolicyAnalyzer.open({ root: corpus.root, workspace: corpus.workspace, builtins, today: () => BENCH_TODAY });
  analyzer.allFindings();
  const checkMs = performance.now() - checkStart;
  // Scoring the documents the analyzer already parsed: what `suggest` and the language server add on top of a check.
  const suggestStart = performance.now();
  for (const doc of analyzer.documents()) rankCriteria(doc, index, { params });
  const suggestMs = performance.now() - suggestStart;
  const parseStart = performance.now();
  for (const doc of corpus.documents) parsePolicyDocument(doc.path, doc.text);
  const parseMs = performance.now() - parseStart;
  console.log(`\nSpeed on 1,000 synthetic documents: check (parse + rules) ${checkMs.toFixed(0)} ms; suggest on the parsed documents ${suggestMs.toFixed(0)} ms (suggest/check = ${(suggestMs / checkMs).toFixed(2)}); parse alone ${parseMs.toFixed(0)} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
