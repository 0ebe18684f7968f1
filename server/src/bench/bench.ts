/**
 * `npm run bench`: checks a deterministic synthetic workspace in memory and prints one JSON object on
 * stdout. Progress goes to stderr (on a TTY only) so stdout stays machine-readable.
 *
 *   node --expose-gc server/out/bench.js [--documents N] [--runs N] [--edits N] [--seed N]
 */
import { loadBuiltins } from '../node/builtins';
import { languageServer, type NestedMeasurement, type NestedSection } from './languageServerMeasurements';
import { CORE_MEASUREMENTS, type BenchContext, type BenchOptions, type Section } from './measurements';
import { DEFAULT_SEED, syntheticWorkspace } from './syntheticWorkspace';
import { round } from './timing';

/**
 * Sections in output order. To add one, append its Measurement here. A section may group its values
 * (`hover: {p50Ms, ...}`); every Measurement is also a NestedMeasurement.
 */
const MEASUREMENTS: readonly NestedMeasurement[] = [...CORE_MEASUREMENTS, languageServer];

const DEFAULTS: BenchOptions = { documents: 1000, runs: 5, edits: 21, seed: DEFAULT_SEED };
const USAGE = 'usage: bench [--documents N] [--runs N] [--edits N] [--seed N]';

function parseArgs(argv: string[]): BenchOptions {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--(documents|runs|edits|seed)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unknown argument "${argv[i]}"`);
    const raw = match[2] ?? argv[++i];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < (match[1] === 'seed' ? 0 : 1)) throw new Error(`--${match[1]} needs a positive integer, got "${raw ?? ''}"`);
    options[match[1] as keyof BenchOptions] = value;
  }
  return options;
}

function isFlat(section: NestedSection): section is Section {
  return Object.values(section).every((value) => typeof value === 'number');
}

function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`bench: ${message}\n`);
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
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
    node: process.version,
  };
  process.stdout.write(JSON.stringify(output, null, 2) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
