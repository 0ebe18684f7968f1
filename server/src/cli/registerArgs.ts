import { parseArgs } from 'node:util';
import { parseDate, type DateOnly } from '../core/dates';
import { usageError } from './errors';

export const REGISTER_FORMATS = ['text', 'json', 'csv', 'markdown', 'html'] as const;

/** `soc2-policy risks` and `soc2-policy vendors`: the register or inventory of one workspace. */
export interface RegisterArgs {
  command: 'risks' | 'vendors';
  paths: string[];
  config?: string;
  today?: DateOnly;
  format: (typeof REGISTER_FORMATS)[number];
  output?: string;
}

export function parseRegisterCommand(command: 'risks' | 'vendors', args: string[]): RegisterArgs | { command: 'help'; asError: false } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { help: { type: 'boolean', short: 'h' }, format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, config: { type: 'string', short: 'c' }, today: { type: 'string' } },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split(/\.\s/)[0].replace(/\.$/, '') : String(error);
    throw usageError(message.charAt(0).toLowerCase() + message.slice(1));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', asError: false };
  const format = (values.format ?? 'text') as RegisterArgs['format'];
  if (!REGISTER_FORMATS.includes(format)) throw usageError(`${command} --format must be one of ${REGISTER_FORMATS.join(', ')} (got "${values.format}")`);
  const today = values.today === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(values.today) ? parseDate(values.today) : undefined;
  if (values.today !== undefined && !today) throw usageError(`--today must be a date like 2026-12-01 (got "${values.today}")`);
  if (values.output === '' || values.config === '') throw usageError(`${values.output === '' ? '--output' : '--config'} needs a file name`);
  return { command, paths: positionals, config: values.config, today, format, output: values.output };
}
