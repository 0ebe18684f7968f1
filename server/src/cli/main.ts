// Entry point of the `soc2-policy` bin (bundled to server/out/cli.js).
import { runCli } from './run';
import { nodeTerminal } from './terminal';

// A reader that closes early (`soc2-policy check | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(process.argv.slice(2), nodeTerminal()).then(
  (code) => {
    // Set, not exit(): exiting at once could cut off output still queued for a pipe.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`soc2-policy: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
