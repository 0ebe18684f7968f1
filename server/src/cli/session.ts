import { PolicyAnalyzer, type BuiltinContent } from '../core/analyzer';
import { today as systemToday, type DateOnly } from '../core/dates';
import type { Finding } from '../core/types';
import { isInside } from '../core/paths';
import { loadBuiltins } from '../node/builtins';
import { NodeWorkspace } from '../node/nodeWorkspace';
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

/** Opens the analyzer on the whole root, with progress on a TTY. */
export async function openAnalyzer(location: WorkspaceLocation, terminal: Terminal, today?: DateOnly): Promise<PolicyAnalyzer> {
  const builtins = await builtinContent();
  const day = today ?? systemToday();
  const progress = progressOn(terminal.stderr, 'Checking');
  try {
    return await PolicyAnalyzer.open(
      { root: location.root, workspace: new NodeWorkspace(), builtins, today: () => day, configFile: location.configFile },
      (done, total) => progress.update(done, total),
    );
  } finally {
    progress.finish();
  }
}

/** Which files' findings to print: everything, or what lies in the given files and folders. */
export function pathFilter(paths: readonly string[]): (file: string) => boolean {
  if (!paths.length) return () => true;
  return (file) => paths.some((p) => isInside(file, p));
}
