/**
 * The calling thread's CPU time in ms, from /proc/thread-self/stat (Linux; 10 ms ticks). Wall time would count
 * the time other processes take on a busy machine; a per-document bound must not fail because CI is loaded.
 * Elsewhere, wall time.
 */
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function threadCpuMs(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function works(): boolean {
  try {
    return Number.isFinite(threadCpuMs());
  } catch {
    return false;
  }
}

export const CLOCK: { kind: 'thread-cpu' | 'wall'; now: () => number } = works() ? { kind: 'thread-cpu', now: threadCpuMs } : { kind: 'wall', now: () => performance.now() };
