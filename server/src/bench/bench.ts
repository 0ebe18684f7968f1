/**
 * `npm run bench`: benchmarks deterministic synthetic workspaces of 100, 1,000, 5,000 and 10,000 documents (each
 * size in its own process), prints issue 13's table and writes it to docs/benchmarks.md. With --documents N it
 * measures that one size and prints one JSON object on stdout instead (what each size's process does).
 * Progress goes to stderr (on a TTY only) so stdout stays machine-readable.
 *
 *   node --expose-gc server/out/bench.js [--sizes 100,1000] [--out FILE|-] [--runs N] [--edits N] [--seed N]
 *   node --expose-gc server/out/bench.js --documents N [--runs N] [--warmups N] [--edits N] [--seed N]
 *   SOC2_BENCH_SIZES=100,1000 npm run bench
 */
import * as path from 'node:path';
import { loadBuiltins } from '../node/builtins';
import { cold } from './coldMeasurements';
import { languageServer, type NestedMeasurement, type NestedSection } from './languageServerMeasurements';
import { CORE_MEASUREMENTS, type BenchContext, type BenchOptions, type Section } from './measurements';
import { DEFAULT_SIZES, runSuite } from './suite';
import { DEFAULT_SEED, syntheticWorkspace } from './syntheticWorkspace';
import { round } from './timing';

/**
 * Sections in output order. To add one, append its Measurement here. A section may group its values
 * (`hover: {p50Ms, ...}`); every Measurement is also a NestedMeasurement.
 */
const MEASUREMENTS: readonly NestedMeasurement[] = [...CORE_MEASUREMENTS, cold, languageServer];

const DEFAULTS: BenchOptions = { documents: 1000, runs: 5, edits: 21, seed: DEFAULT_SEED, warmups: 1 };
const USAGE = 'usage: bench [--sizes N,N,...] [--out FILE|-] [--runs N] [--edits N] [--seed N]\n       bench --documents N [--runs N] [--warmups N] [--edits N] [--seed N]';
/** The report's default home, from server/out. */
const REPORT_FILE = path.resolve(__dirname, '../../docs/benchmarks.md');

interface Args {
  /** One size, as JSON (set by --documents). */
  single?: BenchOptions;
  suite: { sizes: number[]; runs?: number; edits: number; seed: number; out?: string };
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Args {
  const options = { ...DEFAULTS };
  const given = new Set<string>();
  let sizes = env.SOC2_BENCH_SIZES ? parseSizes(env.SOC2_BENCH_SIZES, 'SOC2_BENCH_SIZES') : DEFAULT_SIZES;
  let out: string | undefined = REPORT_FILE;
  for (let i = 0; i < argv.length; i++) {
    const match = /^--(documents|runs|edits|seed|warmups|sizes|out)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unknown argument "${argv[i]}"`);
    const raw = match[2] ?? argv[++i];
    const name = match[1];
    if (raw === undefined) throw new Error(`--${name} needs a value`);
    given.add(name);
    if (name === 'sizes') sizes = parseSizes(raw, '--sizes');
    else if (name === 'out') out = raw === '-' ? undefined : path.resolve(raw);
    else {
      const value = Number(raw);
      if (!Number.isInteger(value) || value < (name === 'seed' || name === 'warmups' ? 0 : 1)) throw new Error(`--${name} needs a positive integer, got "${raw}"`);
      options[name as keyof BenchOptions] = value;
    }
  }
  if (given.has('documents') && (given.has('sizes') || given.has('out'))) throw new Error('--documents measures one size; --sizes and --out are for the whole run');
  return {
    single: given.has('documents') ? options : undefined,
    suite: { sizes, runs: given.has('runs') ? options.runs : undefined, edits: options.edits, seed: options.seed, out },
  };
}

function parseSizes(raw: string, where: string): number[] {
  const sizes = raw.split(',').map((s) => Number(s.trim()));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${where} needs document counts separated by commas, got "${raw}"`);
  return sizes;
}

function isFlat(section: NestedSection): section is Section {
  return Object.values(section).every((value) => typeof value === 'number');
}

function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`bench: ${message}\n`);
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.single) await measureOneSize(args.single);
  else await runSuite({ ...args.suite, progress });
}

async function measureOneSize(options: BenchOptions): Promise<void> {
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') progress('run node with --expose-gc for steadier numbers');
  const builtins = await loadBuiltins();
  progress(`generating ${options.documents} documents`);
  const corpus = syntheticWorkspace({ documents: options.documents, seed: options.seed });
  const ctx: BenchContext = { options, builtins, corpus, results: {} };
  const sections: Record<string, NestedSection> = {};
  for (const measurement of MEASUREMENTS) {
    progress(`measuring ${measurement.name}`);
    const section = await measurement.run(ctx);
    sections[measurement.name] = section;
    // Later sections compute ratios from earlier flat ones (ctx.results); grouped sections are output only.
    if (isFlat(section)) ctx.results[measurement.name] = section;
  }
  const output = {
    documents: corpus.documents.length,
    totalBytes: corpus.totalBytes,
    ...sections,
    // maxRSS is in kilobytes.
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    runs: options.runs,
    node: process.version,
  };
  process.stdout.write(JSON.stringify(output, null, 2) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
