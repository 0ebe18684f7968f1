import type { NestedSection } from './languageServerMeasurements';
import type { StartupSection } from './startup';

/** One size's output of `bench.js --documents N` (the JSON it prints). */
export type SizeResult = NestedSection & { documents: number; totalBytes: number };

export interface SuiteResults {
  startup: StartupSection;
  sizes: SizeResult[];
  machine: { cores: number; cpu: string; node: string; date: string; loadBefore: number; loadAfter: number };
}

/** Markers around the summary table, for scripts/bench-readme.mjs. */
export const SUMMARY_START = '<!-- bench:summary:start -->';
export const SUMMARY_END = '<!-- bench:summary:end -->';

type Cell = string | undefined;

/** A number at a dotted path of a size's result, if it was measured. */
function value(result: SizeResult | undefined, dotted: string): number | undefined {
  let at: number | NestedSection | undefined = result;
  for (const key of dotted.split('.')) at = typeof at === 'object' ? at[key] : undefined;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

const count = (n: number) => n.toLocaleString('en-US');
const ms = (n: number | undefined): Cell => (n === undefined ? undefined : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n < 10 ? n.toFixed(2) : Math.round(n)} ms`);
const ratio = (n: number | undefined): Cell => (n === undefined ? undefined : `${n.toFixed(2)}×`);
const mb = (n: number | undefined): Cell => (n === undefined ? undefined : `${Math.round(n)} MB`);
const kb = (bytes: number | undefined): Cell => (bytes === undefined ? undefined : `${(bytes / 1024).toFixed(1)} KB`);
const pair = (a: Cell, b: Cell): Cell => (a === undefined ? undefined : b === undefined ? a : `${a}, ${b}`);

function table(header: string[], rows: Cell[][]): string {
  const line = (cells: Cell[]) => `| ${cells.map((c) => c ?? '—').join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Issue 13's ratios, one column per size, then the raw figures they come from. */
export function renderReport(results: SuiteResults): string {
  const { sizes, startup, machine } = results;
  const at = (documents: number) => sizes.find((s) => s.documents === documents);
  const perSize = (label: string, target: string, cell: (r: SizeResult) => Cell): Cell[] => [label, target, ...sizes.map(cell)];
  const tenK = value(at(10000), 'cold.checkMs');
  const oneK = value(at(1000), 'cold.checkMs');
  const header = ['measure', 'target', ...sizes.map((s) => `${count(s.documents)} docs`)];
  const wide = (cell: Cell): Cell[] => [cell, ...sizes.slice(1).map(() => '')];

  const summary = table(header, [
    perSize('cold `check` / remark parse floor (single thread)', '≤ 1.0', (r) => ratio(value(r, 'cold.checkToFloor'))),
    ['cost at 10,000 / cost at 1,000 (cold `check`)', '≤ 10.5', ...wide(tenK && oneK ? ratio(tenK / oneK) : undefined)],
    perSize('warm `check` / cold `check`', '≤ 0.15', (r) => ratio(value(r, 'cold.warmToCold'))),
    perSize('cold `check` / markdownlint-cli2', '≤ 0.5', (r) => ratio(value(r, 'cold.checkToMarkdownlint'))),
    perSize('peak RSS of `check`', '≤ 300 MB at 10,000', (r) => mb(value(r, 'cold.checkPeakRssMb'))),
    ['start-up, empty workspace: `check` / server `initialize`', '≤ 250 ms', ...wide(`${ms(startup.cliCheckMs)} / ${ms(startup.serverInitializeMs)} (node alone ${ms(startup.nodeMs)})`)],
    perSize('server index, language server process: cold / warm', '≤ 10 s / ≤ 2 s at 5,000', (r) => {
      const cold = ms(value(r, 'cold.serverIndexMs'));
      return cold && `${cold} / ${ms(value(r, 'cold.serverWarmIndexMs'))}`;
    }),
    perSize('server edit → fresh diagnostics, ~3 KB document', '≤ 30 ms', (r) => ms(value(r, 'languageServer.editToFreshDiagnosticsSmall.ms'))),
    perSize('hover p99, largest answer', '≤ 5 ms, ≤ 8 KB', (r) => pair(ms(value(r, 'languageServer.hover.p99Ms')), kb(value(r, 'languageServer.hover.maxAnswerBytes')))),
    perSize('completion p99, largest answer', '≤ 5 ms, ≤ 8 KB', (r) => pair(ms(value(r, 'languageServer.completion.p99Ms')), kb(value(r, 'languageServer.completion.maxAnswerBytes')))),
  ]);

  const rawHeader = ['figure', ...sizes.map((s) => `${count(s.documents)} docs`)];
  const raw = (label: string, cell: (r: SizeResult) => Cell): Cell[] => [label, ...sizes.map(cell)];
  const figures = table(rawHeader, [
    raw('documents (MB)', (r) => `${(r.totalBytes / 1048576).toFixed(1)} MB`),
    raw('remark parse floor', (r) => ms(value(r, 'floor.remarkParseMs'))),
    raw('cold `check` (CLI process)', (r) => ms(value(r, 'cold.checkMs'))),
    raw('warm `check` (CLI process, .soc2-policy/cache)', (r) => ms(value(r, 'cold.warmCheckMs'))),
    raw('markdownlint-cli2 (CLI process)', (r) => ms(value(r, 'cold.markdownlintMs'))),
    raw('check in process (warm JIT) / floor', (r) => pair(ms(value(r, 'check.fullCheckMs')), ratio(value(r, 'check.ratioToFloor')))),
    raw('server index in process, one thread (in-memory workspace)', (r) => ms(value(r, 'languageServer.indexMs'))),
    raw('edit → fresh findings (core), ~3 KB document', (r) => ms(value(r, 'incremental.editToFreshFindingsMs'))),
    raw('server edit → fresh diagnostics, 100 KB policy', (r) => ms(value(r, 'languageServer.editToFreshDiagnostics100KB.ms'))),
    raw('hover p50', (r) => ms(value(r, 'languageServer.hover.p50Ms'))),
    raw('completion p50', (r) => ms(value(r, 'languageServer.completion.p50Ms'))),
    raw('peak RSS of the benchmark process (everything above in one process)', (r) => mb(value(r, 'peakRssMb'))),
    raw('timed runs per figure', (r) => String(value(r, 'runs') ?? '')),
  ]);

  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (server/src/bench); do not edit by hand. `npm run bench:readme` copies the summary',
    "into the README. Cold figures are separate processes timed from spawn to exit; the floor is a bare remark",
    'parse of the same documents in one thread, timed in the same run. Each size runs in its own process.',
    '',
    `${machine.date}, ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, load average ${machine.loadBefore.toFixed(2)} before and ${machine.loadAfter.toFixed(2)} after the run.`,
    '',
    SUMMARY_START,
    summary,
    SUMMARY_END,
    '',
    '## Figures',
    '',
    figures,
    '',
  ].join('\n');
}
