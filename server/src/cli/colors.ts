import type { OutputStream } from './terminal';

export type Paint = (text: string) => string;

export interface Palette {
  red: Paint;
  yellow: Paint;
  blue: Paint;
  gray: Paint;
  bold: Paint;
}

/** Colour only for people: on a TTY, unless NO_COLOR is set (no-color.org); FORCE_COLOR overrides for pipes. */
export function colorEnabled(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY && env.TERM !== 'dumb';
}

export function palette(enabled: boolean): Palette {
  const sgr = (open: number, close: number): Paint => (enabled ? (text) => `\x1b[${open}m${text}\x1b[${close}m` : (text) => text);
  return { red: sgr(31, 39), yellow: sgr(33, 39), blue: sgr(34, 39), gray: sgr(90, 39), bold: sgr(1, 22) };
}
