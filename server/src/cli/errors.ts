/** Exit codes are part of the CLI contract: CI pipelines branch on them. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** An error the user can fix (bad flag, missing path, broken config). Printed as one line, never a stack. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = EXIT_USAGE, readonly showUsageHint = false) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage mistake: the message is followed by a pointer to --help. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT_USAGE, true);
}
