import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CoverageArgs } from '../args';
import { formatDate, today as systemToday } from '../../core/dates';
import { coverageReportOf, type CoverageReport } from '../../core/report/coverageReport';
import { coverageJson } from '../../core/report/coverageJson';
import { renderCoverageMarkdown } from '../../core/report/coverageMarkdown';
import { renderCoverageCsv } from '../../core/report/coverageCsv';
import { renderCoverageHtml } from '../../core/report/coverageHtml';
import { renderCoverageText } from '../../core/report/coverageText';
import { palette } from '../colors';
import { CliError, EXIT_CLEAN, usageError } from '../errors';
import type { PolicyAnalyzer } from '../../core/analyzer';
import type { FrameworkCoverage } from '../../core/coverage/frameworkCoverage';
import { frameworkJson, renderFrameworkCsv, renderFrameworkHtml, renderFrameworkMarkdown, renderFrameworkText } from '../../core/report/frameworkReport';
import { isConfigError, openAnalyzer } from '../session';
import type { Terminal } from '../terminal';
import { findingLine } from '../textFindings';
import { locateWorkspace } from '../workspaceRoot';

const RENDERERS: Record<CoverageArgs['format'], (report: CoverageReport) => string> = {
  text: renderCoverageText,
  json: (report) => JSON.stringify(coverageJson(report), null, 2) + '\n',
  markdown: renderCoverageMarkdown,
  csv: renderCoverageCsv,
  html: renderCoverageHtml,
};

const FRAMEWORK_RENDERERS: Record<CoverageArgs['format'], (lens: FrameworkCoverage) => string> = {
  text: renderFrameworkText,
  json: (lens) => JSON.stringify(frameworkJson(lens), null, 2) + '\n',
  markdown: renderFrameworkMarkdown,
  csv: renderFrameworkCsv,
  html: renderFrameworkHtml,
};

function renderFramework(analyzer: PolicyAnalyzer, args: CoverageArgs): string {
  const lens = analyzer.frameworkCoverage(args.framework!);
  if (!lens || lens.catalogId === 'tsc') {
    const known = analyzer.catalogSet.catalogs.map((c) => c.id).filter((id) => id !== 'tsc');
    throw usageError(`unknown framework "${args.framework}" (known: ${known.join(', ')})`);
  }
  return FRAMEWORK_RENDERERS[args.format](lens);
}

/** `soc2-policy coverage`: the coverage of the whole root. Paths only locate the root. */
export async function runCoverage(args: CoverageArgs, terminal: Terminal): Promise<number> {
  const location = locateWorkspace(terminal.cwd, args.paths, args.config);
  const day = args.today ?? systemToday();
  const analyzer = await openAnalyzer(location, terminal, day, { cache: args.cache });
  // A broken config means a wrong scope and wrong percentages: refuse rather than publish them.
  const configErrors = analyzer.allFindings().filter(isConfigError);
  if (configErrors.length) {
    const colors = palette(false);
    terminal.stderr.write(configErrors.map((f) => findingLine(f, terminal.cwd, colors)).join('\n') + '\n');
    throw new CliError(`the configuration has ${configErrors.length === 1 ? 'an error' : `${configErrors.length} errors`}; fix it before reporting coverage`);
  }
  const output = args.framework ? renderFramework(analyzer, args) : RENDERERS[args.format](coverageReportOf(analyzer, formatDate(day)));
  if (args.output === undefined) {
    terminal.stdout.write(output);
    return EXIT_CLEAN;
  }
  const file = path.resolve(terminal.cwd, args.output);
  try {
    await fs.writeFile(file, output, 'utf8');
  } catch (error) {
    throw new CliError(`cannot write ${args.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  terminal.stderr.write(`Wrote ${args.format} coverage report to ${args.output}\n`);
  return EXIT_CLEAN;
}
