/**
 * The connection the command line asks for, with every request going through a RequestGate.
 * `--stdio` input also goes through a FrameFilter; other transports (`--node-ipc` for VS Code) are the library's.
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection, type RemoteConsole } from 'vscode-languageserver/node';
import { FrameFilter } from './frameFilter';
import { RequestGate, type ParamsCheck } from './requestGate';

export function connect(checkParams: ParamsCheck): Connection {
  const gate = new RequestGate(checkParams);
  const options = { messageStrategy: gate };
  const argv = process.argv.slice(2);
  const stdio = argv.includes('--stdio') && !argv.includes('--node-ipc');
  const connection = stdio ? createConnection(ProposedFeatures.all, stdinFrames(), process.stdout, options) : createConnection(ProposedFeatures.all, options);
  gate.attach(connection);
  if (stdio) routeConsole(connection.console);
  return connection;
}

/** Stdin without malformed frames. The library exits when this stream ends, as it does for stdin itself. */
function stdinFrames(): FrameFilter {
  const frames = new FrameFilter((problem) => process.stderr.write(`soc2-policy: skipped a malformed message (${problem}); reading on from the next Content-Length header\n`));
  process.stdin.pipe(frames);
  process.stdin.on('close', () => {
    if (!frames.writableEnded) frames.end();
  });
  return frames;
}

/** What the library does for `--stdio` when it owns the streams: stray console output must not corrupt stdout. */
function routeConsole(remote: RemoteConsole): void {
  console.log = console.info = console.debug = (...args: unknown[]) => remote.log(format(...args));
  console.dir = (item: unknown) => remote.log(format(item));
  console.warn = (...args: unknown[]) => remote.warn(format(...args));
  console.error = (...args: unknown[]) => remote.error(format(...args));
}
