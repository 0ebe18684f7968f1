import { parseCommandLine } from './args';
import { runCatalog } from './commands/catalog';
import { runCheck } from './commands/check';
import { runCoverage } from './commands/coverage';
import { runEvidence } from './commands/evidence';
import { runRegister } from './commands/register';
import { runImport } from './commands/import';
import { runSuggest } from './commands/suggest';
import { runQuestionnaire } from './commands/questionnaire';
import { CliError, EXIT_CLEAN, EXIT_USAGE } from './errors';
import { HELP_TEXT } from './help';
import type { Terminal } from './terminal';
import { VERSION } from './version';

/** Runs one command line and returns the exit code. Every failure ends as one line on stderr. */
export async function runCli(argv: readonly string[], terminal: Terminal): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    switch (command.command) {
      case 'help':
        (command.asError ? terminal.stderr : terminal.stdout).write(HELP_TEXT);
        return command.asError ? EXIT_USAGE : EXIT_CLEAN;
      case 'version':
        terminal.stdout.write(`${VERSION}\n`);
        return EXIT_CLEAN;
      case 'check':
        return await runCheck(command, terminal);
      case 'coverage':
        return await runCoverage(command, terminal);
      case 'risks':
      case 'vendors':
        return await runRegister(command, terminal);
      case 'evidence':
        return await runEvidence(command, terminal);
      case 'catalog':
        return await runCatalog(command, terminal);
      case 'import':
        return await runImport(command, terminal);
      case 'suggest':
        return await runSuggest(command, terminal);
      case 'questionnaire':
        return await runQuestionnaire(command, terminal);
    }
  } catch (error) {
    return reportError(error, terminal);
  }
}

function reportError(error: unknown, terminal: Terminal): number {
  const debug = terminal.env.SOC2_POLICY_DEBUG === '1';
  if (error instanceof CliError) {
    const hint = error.showUsageHint ? "; see 'soc2-policy --help'" : '';
    terminal.stderr.write(`soc2-policy: ${error.message}${hint}\n`);
    if (debug && error.stack) terminal.stderr.write(error.stack + '\n');
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  terminal.stderr.write(`soc2-policy: internal error: ${message.split('\n')[0]}${debug ? '' : ' (set SOC2_POLICY_DEBUG=1 for details)'}\n`);
  if (debug && error instanceof Error && error.stack) terminal.stderr.write(error.stack + '\n');
  return EXIT_USAGE;
}
