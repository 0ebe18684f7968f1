import { PolicyAnalyzer, type BuiltinContent } from '../core/analyzer';
import { today as systemToday, type DateOnly } from '../core/dates';
import type { Finding } from '../core/types';
import { isInside } from '../core/paths';
import { loadBuiltins } from '../node/builtins';
import { NodeWorkspace } from '../node/nodeWorkspace';
import { CACHE_FOLDER, FactsCache, productFingerprint } from '../node/factsCache';
import { ParallelAnalysis } from '../node/analysisPool';
import { VERSION } from './version';
import { CliError } from './errors';
import { progressOn } from './progress';
import type { Terminal } from './terminal';
import type { WorkspaceLocation } from './workspaceRoot';

/** Findings that mean the configuration itself is broken: the run's result cannot be trusted, so exit 2. */
const CONFIG_ERROR_CODES = new Set(['config-invalid', 'catalog-invalid']);

export function isConfigError(finding: Finding): boolean {
  return CONFIG_ERROR_CODES.has(finding.code);
}

/** Built-in catalogs and templates. A problem in them is our bug, not the user's: report it and stop. */
export async function builtinContent(): Promise<BuiltinContent> {
  const builtins = await loadBuiltins();
  if (builtins.findings.length) {
    const first = builtins.findings[0];
    throw new CliError(`the built-in catalog is broken (${first.file}:${first.range.start.line + 1}: ${first.message}); please report this`);
  }
  return builtins;
}

/**
 * Opens the analyzer on the whole root, with progress on a TTY. With `cache`, unchanged documents are taken from
 * .soc2-policy/cache and the cache is written back (a failure to write it is a warning, never the run's result).
 */
export async function openAnalyzer(location: WorkspaceLocation, terminal: Terminal, today?: DateOnly, options: { cache?: boolean } = {}): Promise<PolicyAnalyzer> {
  const builtins = await builtinContent();
  const day = today ?? systemToday();
  const cache = options.cache ? FactsCache.open(location.root, productFingerprint(VERSION, process.argv[1])) : undefined;
  // A large cold start is parsed and checked on worker threads; what they return reaches the analyzer as cache hits.
  const parallel = new ParallelAnalysis({ root: location.root, configFile: location.configFile, today: day, customCatalogs: true, hashes: cache !== undefined }, cache);
  const progress = progressOn(terminal.stderr, 'Checking');
  let analyzer: PolicyAnalyzer;
  try {
    analyzer = await PolicyAnalyzer.open(
      {
        root: location.root, workspace: new NodeWorkspace(), builtins, today: () => day, configFile: location.configFile, cache: parallel,
        prefetch: (files) => parallel.start(files, (file) => cache?.knows(file) ?? false),
      },
      (done, total) => progress.update(done, total),
    );
  } finally {
    progress.finish();
  }
  if (parallel.analysed && terminal.env.SOC2_POLICY_DEBUG === '1') terminal.stderr.write(`soc2-policy: ${parallel.analysed} documents analysed on worker threads\n`);
  if (cache) {
    try {
      cache.save();
      if (cache.created) terminal.stderr.write(`soc2-policy: keeping results of checked documents in ${CACHE_FOLDER} (ignored by git) to make the next run faster; --no-cache turns this off.\n`);
    } catch (error) {
      terminal.stderr.write(`soc2-policy: warning: could not write ${CACHE_FOLDER} (${error instanceof Error ? error.message : String(error)}); the next run starts cold.\n`);
    }
  }
  return analyzer;
}

/** Which files' findings to print: everything, or what lies in the given files and folders. */
export function pathFilter(paths: readonly string[]): (file: string) => boolean {
  if (!paths.length) return () => true;
  return (file) => paths.some((p) => isInside(file, p));
}
