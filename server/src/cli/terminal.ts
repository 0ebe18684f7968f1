/** The process surface the CLI uses, passed in so commands never reach for globals. */
export interface OutputStream {
  write(text: string): void;
  isTTY: boolean;
}

export interface Terminal {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
}

export function nodeTerminal(): Terminal {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY === true },
    stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY === true },
  };
}
