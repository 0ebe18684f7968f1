import type { OutputStream } from './terminal';

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const QUIET: Progress = { update: () => {}, finish: () => {} };

/** "Checking 120/400" on one rewritten stderr line, for people watching a long run; silent when piped. */
export function progressOn(stream: OutputStream, label: string, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return QUIET;
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      // Redrawing on every file would cost more than checking small files; ten times a second is enough.
      if (done < total && now() - last < 100) return;
      last = now();
      shown = true;
      stream.write(`\r${label} ${done}/${total}\x1b[K`);
    },
    finish() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
