import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './errors';
import { DOCUMENT_TYPES, type ImportedType } from '../import/policyDocument';

export const SUGGEST_FORMATS = ['text', 'json'] as const;

export interface ImportArgs {
  command: 'import';
  inputs: string[];
  out?: string;
  type?: ImportedType;
  force: boolean;
}

export interface SuggestArgs {
  command: 'suggest';
  paths: string[];
  config?: string;
  format: (typeof SUGGEST_FORMATS)[number];
  /** At most this many criteria per document (the engine's threshold still applies). */
  limit?: number;
}

/** `import` and `suggest`, the commands for policies written before the workspace existed. */
export function parseExistingPolicyCommand(command: 'import' | 'suggest', argv: string[]): ImportArgs | SuggestArgs | { command: 'help'; asError: boolean } {
  const options: NonNullable<ParseArgsConfig['options']> =
    command === 'import'
      ? { help: { type: 'boolean' as const, short: 'h' }, out: { type: 'string' as const, short: 'o' }, type: { type: 'string' as const }, force: { type: 'boolean' as const } }
      : { help: { type: 'boolean' as const, short: 'h' }, format: { type: 'string' as const, short: 'f' }, limit: { type: 'string' as const }, config: { type: 'string' as const, short: 'c' } };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    const message = error instanceof Error ? error.message.split(/\.\s/)[0].replace(/\.$/, '') : String(error);
    throw usageError(message.charAt(0).toLowerCase() + message.slice(1));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', asError: false };
  if (command === 'import') {
    if (!positionals.length) throw usageError('import needs at least one file or folder (.docx, .html, .htm, .txt, .md)');
    const type = values.type as string | undefined;
    if (type !== undefined && !(DOCUMENT_TYPES as readonly string[]).includes(type)) throw usageError(`import --type must be one of ${DOCUMENT_TYPES.join(', ')} (got "${type}")`);
    if (values.out === '') throw usageError('--out needs a folder');
    return { command: 'import', inputs: positionals, out: values.out as string | undefined, type: type as ImportedType | undefined, force: values.force === true };
  }
  const format = (values.format ?? 'text') as string;
  if (!(SUGGEST_FORMATS as readonly string[]).includes(format)) throw usageError(`suggest --format must be one of ${SUGGEST_FORMATS.join(', ')} (got "${format}")`);
  const limit = values.limit as string | undefined;
  if (limit !== undefined && !/^[1-9]\d*$/.test(limit)) throw usageError(`--limit must be a whole number of 1 or more (got "${limit}")`);
  return { command: 'suggest', paths: positionals, config: values.config as string | undefined, format: format as SuggestArgs['format'], limit: limit === undefined ? undefined : Number(limit) };
}
