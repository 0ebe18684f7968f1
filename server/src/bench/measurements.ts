import type { BuiltinContent } from '../core/analyzer';
import { PolicyAnalyzer } from '../core/analyzer';
import { parseMarkdownTree } from '../core/parse/markdownBody';
import { BENCH_TODAY, largePolicy, type SyntheticCorpus } from './syntheticWorkspace';
import { timeEdits } from './edits';
import { median, round, timeRuns } from './timing';

export interface BenchOptions {
  documents: number;
  runs: number;
  /** Edits timed per document in the incremental and large measurements. */
  edits: number;
  seed: number;
  /** Untimed runs before the timed ones of the whole-workspace measurements (0 on large workspaces, where one run takes minutes). */
  warmups: number;
}

/** One section of the output JSON. */
export type Section = Record<string, number>;

/** What measurements share. Created per run by bench.ts; nothing here lives at module level. */
export interface BenchContext {
  readonly options: BenchOptions;
  readonly builtins: BuiltinContent;
  readonly corpus: SyntheticCorpus;
  /** Sections measured so far, so a later measurement can compute ratios against an earlier one. */
  readonly results: Record<string, Section>;
  /** An analyzer open on the corpus, reused by the measurements that need a warm workspace. */
  analyzer?: PolicyAnalyzer;
}

/** A named section of the benchmark. New sections (e.g. hover and completion latency) are added to the list in bench.ts. */
export interface Measurement {
  readonly name: string;
  run(ctx: BenchContext): Promise<Section>;
}

export function openAnalyzer(ctx: BenchContext): Promise<PolicyAnalyzer> {
  const { root, workspace } = ctx.corpus;
  return PolicyAnalyzer.open({ root, workspace, builtins: ctx.builtins, today: () => BENCH_TODAY });
}

/** The shared open analyzer; measurements that edit documents must restore them. */
export async function sharedAnalyzer(ctx: BenchContext): Promise<PolicyAnalyzer> {
  ctx.analyzer ??= await openAnalyzer(ctx);
  return ctx.analyzer;
}

function resultOf(ctx: BenchContext, section: string, key: string): number {
  const value = ctx.results[section]?.[key];
  if (value === undefined) throw new Error(`measurement "${section}" must run before this one (needs ${key})`);
  return value;
}

/** Times a bare parse of one document; many warm-ups because a lone document gives the JIT little to work with. */
async function singleParseMs(ctx: BenchContext, text: string): Promise<number> {
  const repetitions = Math.max(ctx.options.runs, 21);
  return median(await timeRuns(repetitions, () => parseMarkdownTree(text), repetitions));
}

/** The floor: a bare remark parse of every document, with the processor the analyzer uses. */
export const floor: Measurement = {
  name: 'floor',
  async run(ctx) {
    const texts = ctx.corpus.documents.map((d) => d.text);
    const times = await timeRuns(ctx.options.runs, () => {
      for (const text of texts) parseMarkdownTree(text);
    }, ctx.options.warmups);
    return { remarkParseMs: round(median(times)) };
  },
};

/** A cold full check: open (config, scan, parse, rules), then every finding and the coverage model. */
export const check: Measurement = {
  name: 'check',
  async run(ctx) {
    let last: PolicyAnalyzer | undefined;
    let findings = 0;
    const times = await timeRuns(ctx.options.runs, async () => {
      last = undefined; // let the previous run's analyzer be collected before this one is built
      const analyzer = await openAnalyzer(ctx);
      findings = analyzer.allFindings().length;
      analyzer.coverage();
      last = analyzer;
    }, ctx.options.warmups);
    ctx.analyzer = last;
    const fullCheckMs = median(times);
    return { fullCheckMs: round(fullCheckMs), ratioToFloor: round(fullCheckMs / resultOf(ctx, 'floor', 'remarkParseMs')), findings };
  },
};

/** Edits of one ~3 KB document inside the open 1,000-document workspace, against that document's bare parse. */
export const incremental: Measurement = {
  name: 'incremental',
  async run(ctx) {
    const analyzer = await sharedAnalyzer(ctx);
    const doc = ctx.corpus.documents[Math.floor(ctx.corpus.documents.length / 2)];
    const singleDocParseMs = await singleParseMs(ctx, doc.text);
    const editMs = median(timeEdits(analyzer, doc.path, doc.text, ctx.options.edits));
    return {
      editToFreshFindingsMs: round(editMs, 3),
      ratioToSingleDocParse: round(editMs / singleDocParseMs),
      singleDocParseMs: round(singleDocParseMs, 3),
      edits: ctx.options.edits,
    };
  },
};

/**
 * A ~100 KB policy opened into the workspace and edited; removed afterwards so later sections see the
 * original workspace. "Diagnostics" here are the core's findings; the server's conversion is not included.
 */
export const large: Measurement = {
  name: 'large',
  async run(ctx) {
    const analyzer = await sharedAnalyzer(ctx);
    const doc = largePolicy(ctx.options.seed, 100 * 1024, ctx.corpus.root);
    const parseMs = await singleParseMs(ctx, doc.text);
    analyzer.updateDocument(doc.path, doc.text);
    const editMs = median(timeEdits(analyzer, doc.path, doc.text, ctx.options.edits));
    analyzer.removeFile(doc.path);
    return {
      bytes: new TextEncoder().encode(doc.text).length,
      parseMs: round(parseMs, 3),
      editToFreshDiagnosticsMs: round(editMs, 3),
      ratio: round(editMs / parseMs),
    };
  },
};

/** The core's sections, in order: later ones use earlier results (ratios) and the analyzer `check` leaves open. */
export const CORE_MEASUREMENTS: readonly Measurement[] = [floor, check, incremental, large];
