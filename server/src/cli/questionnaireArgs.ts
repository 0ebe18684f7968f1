import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './errors';

export const QUESTIONNAIRE_ACTIONS = ['import', 'answer', 'export', 'check'] as const;
export const ANSWER_FORMATS = ['text', 'json'] as const;
export const EXPORT_FORMATS = ['xlsx', 'csv', 'markdown'] as const;
export const QUESTIONNAIRE_CHECK_FORMATS = ['text', 'json'] as const;

export interface QuestionnaireArgs {
  command: 'questionnaire';
  action: (typeof QUESTIONNAIRE_ACTIONS)[number];
  /** import: the customer's file; the others: questionnaire names or YAML files (check: none means all). */
  targets: string[];
  config?: string;
  format?: string;
  sheet?: string;
  columns?: string;
  name?: string;
  output?: string;
  force: boolean;
  redraft: boolean;
}

const OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f' },
  sheet: { type: 'string' },
  columns: { type: 'string' },
  name: { type: 'string' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  redraft: { type: 'boolean' },
};

/** `questionnaire import|answer|export|check ...` */
export function parseQuestionnaireCommand(argv: string[]): QuestionnaireArgs | { command: 'help'; asError: boolean } {
  const [action, ...rest] = argv;
  if (action === undefined || action === '--help' || action === '-h') return { command: 'help', asError: action === undefined };
  if (!(QUESTIONNAIRE_ACTIONS as readonly string[]).includes(action)) throw usageError(`unknown questionnaire action "${action}" (use ${QUESTIONNAIRE_ACTIONS.join(', ')})`);
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    const message = error instanceof Error ? error.message.split(/\.\s/)[0].replace(/\.$/, '') : String(error);
    throw usageError(message.charAt(0).toLowerCase() + message.slice(1));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', asError: false };
  const typed = action as QuestionnaireArgs['action'];
  if (typed !== 'check' && positionals.length !== 1) throw usageError(`questionnaire ${typed} takes one ${typed === 'import' ? 'file (.xlsx, .csv or VSAQ .json)' : 'questionnaire name or YAML file'}`);
  const allowed: readonly string[] = typed === 'export' ? EXPORT_FORMATS : typed === 'import' ? [] : typed === 'answer' ? ANSWER_FORMATS : QUESTIONNAIRE_CHECK_FORMATS;
  const format = values.format as string | undefined;
  if (format !== undefined && !allowed.includes(format)) throw usageError(allowed.length ? `questionnaire ${typed} --format must be one of ${allowed.join(', ')} (got "${format}")` : `questionnaire ${typed} takes no --format`);
  for (const flag of ['config', 'sheet', 'columns', 'name', 'output'] as const) if (values[flag] === '') throw usageError(`--${flag} needs a value`);
  if (values.name !== undefined && !/^[a-z0-9][a-z0-9._-]*$/i.test(values.name as string)) throw usageError(`--name may hold letters, digits, ".", "_" and "-" only (got "${String(values.name)}")`);
  return {
    command: 'questionnaire',
    action: typed,
    targets: positionals,
    config: values.config as string | undefined,
    format: format ?? (typed === 'export' ? 'xlsx' : typed === 'import' ? undefined : 'text'),
    sheet: values.sheet as string | undefined,
    columns: values.columns as string | undefined,
    name: values.name as string | undefined,
    output: values.output as string | undefined,
    force: values.force === true,
    redraft: values.redraft === true,
  };
}
