import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { CheckArgs } from '../args';
import { findingsJson } from '../../core/report/findingsJson';
import { renderSarif } from '../../core/report/sarif';
import { colorEnabled, palette } from '../colors';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE } from '../errors';
import { fixDocuments } from '../fixFiles';
import { isConfigError, openAnalyzer, pathFilter } from '../session';
import type { Terminal } from '../terminal';
import { countSeverities, findingLine, plural, relativeToCwd, summaryLine } from '../textFindings';
import { VERSION } from '../version';
import { locateWorkspace } from '../workspaceRoot';

/** `soc2-policy check`: analyse the whole root, optionally fix, print the findings under the given paths. */
export async function runCheck(args: CheckArgs, terminal: Terminal): Promise<number> {
  const location = locateWorkspace(terminal.cwd, args.paths, args.config);
  const analyzer = await openAnalyzer(location, terminal, args.today, { cache: args.cache });
  const selected = pathFilter(location.paths);
  const fixed = args.fix ? await fixDocuments(analyzer, analyzer.documents().map((d) => d.file).filter(selected)) : [];

  const all = analyzer.allFindings();
  // Config errors are always shown: they explain the exit code even when the paths leave the config out.
  const findings = all.filter((f) => selected(f.file) || isConfigError(f));
  const counts = countSeverities(findings);

  if (args.format === 'json') terminal.stdout.write(JSON.stringify(findingsJson(findings, location.root), null, 2) + '\n');
  else if (args.format === 'sarif') {
    terminal.stdout.write(renderSarif(findings, { root: location.root, version: VERSION, rootUri: pathToFileURL(path.resolve(location.root) + '/').href }));
  } else {
    const colors = palette(colorEnabled(terminal.stdout, terminal.env));
    const lines = findings.map((f) => findingLine(f, terminal.cwd, colors));
    for (const file of fixed) lines.push(`Fixed ${relativeToCwd(terminal.cwd, file)}`);
    lines.push(summaryLine(counts, analyzer.documents().filter((d) => selected(d.file)).length, colors));
    terminal.stdout.write(lines.join('\n') + '\n');
  }
  if (args.format !== 'text' && fixed.length) terminal.stderr.write(`Fixed ${plural(fixed.length, 'file')}.\n`);

  if (findings.some(isConfigError)) return EXIT_USAGE;
  if (counts.error > 0) return EXIT_FINDINGS;
  if (args.maxWarnings !== undefined && counts.warning > args.maxWarnings) {
    if (args.format === 'text') terminal.stderr.write(`Too many warnings: ${counts.warning} (at most ${args.maxWarnings} allowed).\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_CLEAN;
}
