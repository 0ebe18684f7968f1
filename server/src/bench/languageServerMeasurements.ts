import { performance } from 'node:perf_hooks';
import type { Position } from 'vscode-languageserver';
import { TSC_ID_SHAPE } from '../core/catalog/catalog';
import { parseMarkdownTree } from '../core/parse/markdownBody';
import { LineIndex } from '../core/text/lineIndex';
import type { FeatureContext } from '../features/common';
import { provideCompletion } from '../features/completion';
import { documentDiagnostics } from '../features/diagnostics';
import { provideHover } from '../features/hover';
import { FULL_CLIENT } from '../session/capabilities';
import { MemoryDocuments } from '../session/memoryDocuments';
import { PolicySession } from '../session/session';
import { pathToUri } from '../session/uris';
import { simulatedEdit } from './edits';
import type { BenchContext } from './measurements';
import { BENCH_TODAY, largePolicy, type SyntheticDocument } from './syntheticWorkspace';
import { collectGarbage, median, percentile, round, timeRuns } from './timing';

/**
 * The language server's latencies on the synthetic workspace, driven in process through the same session and
 * feature providers the server wires to its connection (no JSON-RPC or stdio: those are the editor's cost, and
 * would only add noise). Everything below is derived from the corpus and the options, so two runs with the same
 * seed send the same requests.
 */

/** A section whose values may be grouped (`hover: {p50Ms, ...}`); the core's flat sections are a special case. */
export type NestedSection = { [key: string]: number | NestedSection };

/** A measurement with a grouped section; bench.ts accepts both kinds. */
export interface NestedMeasurement {
  readonly name: string;
  run(ctx: BenchContext): Promise<NestedSection>;
}

/** Documents that receive hover and completion requests, spread evenly over the workspace. */
const SAMPLED_DOCUMENTS = 100;
/** Criterion ids hovered per sampled document at most (front matter, section tags and prose mentions). */
const HOVERS_PER_DOCUMENT = 4;
/** Untimed hovers/completions before timing: the first requests pay for JIT compilation of the feature code. */
const WARMUP_REQUESTS = 100;

interface Sample {
  uri: string;
  position: Position;
}

interface Latency extends NestedSection {
  p50Ms: number;
  p99Ms: number;
  samples: number;
  /** The largest answer, as JSON on the wire (issue 13 wants answers of a few KB at most). */
  maxAnswerBytes: number;
}

export const languageServer: NestedMeasurement = {
  name: 'languageServer',
  async run(ctx) {
    const folders = [{ uri: pathToUri(ctx.corpus.root), name: 'workspace' }];
    const newSession = () => {
      const documents = new MemoryDocuments();
      const session = new PolicySession({ documents, disk: ctx.corpus.workspace, builtins: ctx.builtins, today: () => BENCH_TODAY });
      return { documents, session };
    };

    // Indexing: what the server does after `initialized`, until requests get complete answers.
    let last: ReturnType<typeof newSession> | undefined;
    const indexTimes = await timeRuns(ctx.options.runs, async () => {
      last?.session.dispose();
      last = undefined; // let the previous run's analyzer be collected before this one is built
      const opened = newSession();
      await opened.session.start(folders);
      last = opened;
    }, ctx.options.warmups);
    const { documents, session } = last!;
    const features: FeatureContext = { session, client: FULL_CLIENT };
    try {
      // The sampled documents are open, as they are when someone hovers or completes in them; opening pulls their
      // diagnostics (untimed), as an editor does.
      const sampled = sampleDocuments(ctx.corpus.documents, SAMPLED_DOCUMENTS);
      for (const doc of sampled) {
        const uri = pathToUri(doc.path);
        documents.open(uri, doc.text);
        session.didOpen(uri);
        await documentDiagnostics(features, uri);
      }

      const hoverSamples = sampled.flatMap((doc) => hoverPositions(doc, HOVERS_PER_DOCUMENT));
      const hover = await latency(hoverSamples, (sample) => provideHover(features, { textDocument: { uri: sample.uri }, position: sample.position }));

      const completionSamples = sampled.flatMap((doc) => completionPositions(doc));
      const completion = await latency(completionSamples, async (sample) => {
        const result = await provideCompletion(features, { textDocument: { uri: sample.uri }, position: sample.position });
        return result.items.length ? result : null;
      });

      // A ~3 KB document of the workspace (issue 13's case), then the 100 KB one.
      const small = ctx.corpus.documents[Math.floor(ctx.corpus.documents.length / 2)];
      const editToFreshDiagnosticsSmall = await editToFreshDiagnostics(ctx, features, documents, small);
      const editToFreshDiagnostics100KB = await editToFreshDiagnostics(ctx, features, documents, largePolicy(ctx.options.seed, 100 * 1024, ctx.corpus.root));
      return { indexMs: round(median(indexTimes)), hover, completion, editToFreshDiagnosticsSmall, editToFreshDiagnostics100KB };
    } finally {
      session.dispose();
    }
  },
};

/** Every `n / count`-th document, so the sample spans all topics, types and folders. */
function sampleDocuments(all: readonly SyntheticDocument[], count: number): SyntheticDocument[] {
  const step = Math.max(1, Math.floor(all.length / count));
  const result: SyntheticDocument[] = [];
  for (let i = 0; i < all.length && result.length < count; i += step) result.push(all[i]);
  return result;
}

/**
 * Positions inside criterion ids, spread over the document: the front matter's list, section tags and prose
 * mentions. The cursor sits mid-id, where a mouse usually rests.
 */
function hoverPositions(doc: SyntheticDocument, max: number): Sample[] {
  const lines = new LineIndex(doc.text);
  const offsets = [...doc.text.matchAll(TSC_ID_SHAPE)].map((m) => m.index! + Math.floor(m[0].length / 2));
  const step = Math.max(1, offsets.length / max);
  const picked = new Set<number>();
  for (let i = 0; i < offsets.length && picked.size < max; i += step) picked.add(offsets[Math.floor(i)]);
  const uri = pathToUri(doc.path);
  return [...picked].map((offset) => ({ uri, position: lines.positionAt(offset) }));
}

/** Cursor positions inside the `controls: [` list: right after the bracket and after each comma. */
function completionPositions(doc: SyntheticDocument): Sample[] {
  const match = /^controls: \[([^\]\n]*)\]/m.exec(doc.text);
  if (!match) return [];
  const lines = new LineIndex(doc.text);
  const listStart = match.index + 'controls: ['.length;
  const offsets = [listStart];
  for (let i = match[1].indexOf(', '); i >= 0; i = match[1].indexOf(', ', i + 2)) offsets.push(listStart + i + 2);
  const uri = pathToUri(doc.path);
  return offsets.map((offset) => ({ uri, position: lines.positionAt(offset) }));
}

/**
 * Times one request per sample, after untimed warm-up requests (the samples again, from the end, so the warm-up
 * does not simply replay the timed order). Fails when no request got an answer (null): that would time the early exit.
 */
async function latency(samples: readonly Sample[], request: (sample: Sample) => Promise<object | null>): Promise<Latency> {
  if (!samples.length) throw new Error('no samples to time');
  collectGarbage();
  for (let i = 0; i < Math.min(WARMUP_REQUESTS, samples.length); i++) await request(samples[samples.length - 1 - i]);
  const times: number[] = [];
  const answers: object[] = [];
  for (const sample of samples) {
    const start = performance.now();
    const answer = await request(sample);
    times.push(performance.now() - start);
    if (answer) answers.push(answer);
  }
  if (!answers.length) throw new Error('no request was answered: the positions do not point at anything');
  // Measured after timing: serialising is the connection's cost, not the feature's.
  const maxAnswerBytes = Math.max(...answers.map((a) => Buffer.byteLength(JSON.stringify(a))));
  return { p50Ms: round(percentile(times, 50), 3), p99Ms: round(percentile(times, 99), 3), samples: times.length, maxAnswerBytes };
}

/**
 * A document opened in the editor and edited: from the edit (the new text and didChange) until the document's
 * diagnostics are fresh (a pull, which applies the pending edit without waiting for the debounce). Compared
 * with a bare parse of the same text timed in this run. Closed afterwards (a workspace document then reads as on disk).
 */
async function editToFreshDiagnostics(ctx: BenchContext, features: FeatureContext, documents: MemoryDocuments, doc: SyntheticDocument): Promise<NestedSection> {
  const { session } = features;
  const uri = pathToUri(doc.path);
  const count = ctx.options.edits;
  const parseRuns = Math.max(ctx.options.runs, 21);
  const bareParseMs = median(await timeRuns(parseRuns, () => parseMarkdownTree(doc.text), parseRuns));

  documents.open(uri, doc.text);
  session.didOpen(uri);
  await fresh(features, uri, 1);
  const edit = async (text: string): Promise<number> => {
    const start = performance.now();
    const version = documents.update(uri, text).version;
    session.didChange(uri);
    await fresh(features, uri, version);
    return performance.now() - start;
  };
  try {
    collectGarbage();
    // As many untimed edits first (other edit positions), then back to the original, as the core's measurement does.
    for (let i = 0; i < count; i++) await edit(simulatedEdit(doc.text, count + i));
    await edit(doc.text);
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(await edit(simulatedEdit(doc.text, i)));
    const ms = median(times);
    return { ms: round(ms, 3), bareParseMs: round(bareParseMs, 3), ratio: round(ms / bareParseMs) };
  } finally {
    documents.close(uri);
    session.didClose(uri);
  }
}

/** Diagnostics of the document, checked to be of the version just sent. */
async function fresh(features: FeatureContext, uri: string, version: number): Promise<void> {
  const result = await documentDiagnostics(features, uri);
  if (result?.version !== version) throw new Error(`diagnostics of ${uri} are for version ${result?.version}, expected ${version}`);
}
