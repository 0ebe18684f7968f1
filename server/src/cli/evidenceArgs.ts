import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDate, type DateOnly } from '../core/dates';
import { RECORD_RESULTS } from '../core/evidence/recordKind';
import { usageError } from './errors';

export const EVIDENCE_FORMATS = ['text', 'json', 'csv', 'markdown', 'html'] as const;

/** `evidence [paths]`: the calendar. `evidence record <obligation>`: writes a record. */
export interface EvidenceArgs {
  command: 'evidence';
  paths: string[];
  config?: string;
  today?: DateOnly;
  format: (typeof EVIDENCE_FORMATS)[number];
  record?: { obligation: string; date?: DateOnly; link?: string; file?: string; result: (typeof RECORD_RESULTS)[number]; by?: string };
}

const OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f' },
  today: { type: 'string' },
  date: { type: 'string' },
  link: { type: 'string' },
  file: { type: 'string' },
  result: { type: 'string' },
  by: { type: 'string' },
};

const day = (value: string, flag: string): DateOnly => {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDate(value) : undefined;
  if (!date) throw usageError(`${flag} must be a date like 2026-12-01 (got "${value}")`);
  return date;
};

export function parseEvidenceCommand(argv: string[]): EvidenceArgs | { command: 'help'; asError: boolean } {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    const message = error instanceof Error ? error.message.split(/\.\s/)[0].replace(/\.$/, '') : String(error);
    throw usageError(message.charAt(0).toLowerCase() + message.slice(1));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', asError: false };
  const text = (key: string) => (typeof values[key] === 'string' && values[key] !== '' ? (values[key] as string) : undefined);
  const format = text('format') ?? 'text';
  if (!(EVIDENCE_FORMATS as readonly string[]).includes(format)) throw usageError(`evidence --format must be one of ${EVIDENCE_FORMATS.join(', ')} (got "${format}")`);
  const base = { command: 'evidence' as const, config: text('config'), today: text('today') ? day(text('today')!, '--today') : undefined, format: format as EvidenceArgs['format'] };
  if (positionals[0] !== 'record') {
    for (const flag of ['date', 'link', 'file', 'result', 'by']) if (values[flag] !== undefined) throw usageError(`--${flag} belongs to 'evidence record <obligation>'`);
    return { ...base, paths: positionals };
  }
  const [, obligation, ...paths] = positionals;
  if (!obligation) throw usageError('evidence record needs the obligation id, e.g. soc2-policy evidence record access-review --link URL');
  if (!text('link') && !text('file')) throw usageError('evidence record needs --link URL or --file PATH (the evidence itself)');
  const result = text('result') ?? 'pass';
  if (!(RECORD_RESULTS as readonly string[]).includes(result)) throw usageError(`--result must be one of ${RECORD_RESULTS.join(', ')} (got "${result}")`);
  return {
    ...base,
    paths,
    record: { obligation, date: text('date') ? day(text('date')!, '--date') : undefined, link: text('link'), file: text('file'), result: result as 'pass', by: text('by') },
  };
}
