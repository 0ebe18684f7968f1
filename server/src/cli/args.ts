import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDate, type DateOnly } from '../core/dates';
import { usageError } from './errors';
import { parseExistingPolicyCommand, type ImportArgs, type SuggestArgs } from './existingPolicyArgs';
import { parseQuestionnaireCommand, type QuestionnaireArgs } from './questionnaireArgs';
import { parseEvidenceCommand, type EvidenceArgs } from './evidenceArgs';
import { parseRegisterCommand, type RegisterArgs } from './registerArgs';

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export const COVERAGE_FORMATS = ['text', 'json', 'markdown', 'csv', 'html'] as const;
export const CATALOG_FORMATS = ['text', 'json'] as const;

/** Where the workspace is: the paths given and an explicit config file. */
export interface WorkspaceArgs {
  paths: string[];
  config?: string;
  today?: DateOnly;
  /** Reuse and keep per-document results in .soc2-policy/cache (check and coverage; off with --no-cache). */
  cache: boolean;
}

export interface CheckArgs extends WorkspaceArgs {
  command: 'check';
  format: (typeof CHECK_FORMATS)[number];
  fix: boolean;
  maxWarnings?: number;
}

export interface CoverageArgs extends WorkspaceArgs {
  command: 'coverage';
  format: (typeof COVERAGE_FORMATS)[number];
  output?: string;
  /** Report the lens over another catalog (e.g. iso27001) instead of the TSC. */
  framework?: string;
}

export interface CatalogArgs {
  command: 'catalog';
  format: (typeof CATALOG_FORMATS)[number];
}

export type CommandLine = CheckArgs | CoverageArgs | CatalogArgs | ImportArgs | SuggestArgs | QuestionnaireArgs | EvidenceArgs | RegisterArgs | { command: 'help'; asError: boolean } | { command: 'version' };

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON: Options = { help: { type: 'boolean', short: 'h' }, format: { type: 'string', short: 'f' } };
const WORKSPACE: Options = { config: { type: 'string', short: 'c' }, today: { type: 'string' }, 'no-cache': { type: 'boolean' } };
const OPTIONS: Record<'check' | 'coverage' | 'catalog', Options> = {
  check: { ...COMMON, ...WORKSPACE, fix: { type: 'boolean' }, 'max-warnings': { type: 'string' } },
  coverage: { ...COMMON, ...WORKSPACE, output: { type: 'string', short: 'o' }, framework: { type: 'string' } },
  catalog: { ...COMMON },
};

/** Turns argv (without node and the script) into a command. Throws a usage error for anything it cannot use. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [first, ...rest] = argv;
  if (first === undefined) return { command: 'help', asError: true };
  if (first === '--help' || first === '-h' || first === 'help') return { command: 'help', asError: false };
  if (first === '--version' || first === '-v' || first === '-V') return { command: 'version' };
  if (first === 'import' || first === 'suggest') return parseExistingPolicyCommand(first, rest);
  if (first === 'questionnaire') return parseQuestionnaireCommand(rest);
  if (first === 'evidence') return parseEvidenceCommand(rest);
  if (first === 'risks' || first === 'vendors') return parseRegisterCommand(first, rest);
  if (first !== 'check' && first !== 'coverage' && first !== 'catalog') {
    throw usageError(first.startsWith('-') ? `unknown option ${first} (a command comes first: check, coverage, catalog, import, suggest or questionnaire)` : `unknown command "${first}" (use check, coverage, catalog, import, suggest or questionnaire)`);
  }
  const { values, positionals } = parse(rest, OPTIONS[first]);
  if (values.help) return { command: 'help', asError: false };
  if (first === 'catalog') {
    if (positionals.length) throw usageError(`catalog takes no paths (got "${positionals[0]}")`);
    return { command: 'catalog', format: oneOf(values.format, CATALOG_FORMATS, 'catalog') };
  }
  const workspace: WorkspaceArgs = {
    paths: positionals,
    config: nonEmpty(values.config, '--config'),
    today: values.today === undefined ? undefined : parseDay(values.today as string),
    cache: values['no-cache'] !== true,
  };
  if (first === 'coverage') {
    return { command: 'coverage', ...workspace, format: oneOf(values.format, COVERAGE_FORMATS, 'coverage'), output: nonEmpty(values.output, '--output'), framework: nonEmpty(values.framework, '--framework') };
  }
  return {
    command: 'check',
    ...workspace,
    format: oneOf(values.format, CHECK_FORMATS, 'check'),
    fix: values.fix === true,
    maxWarnings: values['max-warnings'] === undefined ? undefined : count(values['max-warnings'] as string),
  };
}

function parse(args: string[], options: Options): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    // Node's messages carry a long hint about "--"; the first sentence is the useful part.
    const message = error instanceof Error ? error.message.split(/\.\s/)[0].replace(/\.$/, '') : String(error);
    throw usageError(message.charAt(0).toLowerCase() + message.slice(1));
  }
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], command: string): T {
  if (value === undefined) return allowed[0];
  if (allowed.includes(value as T)) return value as T;
  throw usageError(`${command} --format must be one of ${allowed.join(', ')} (got "${String(value)}")`);
}

function nonEmpty(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw usageError(`${flag} needs a file name`);
  return value;
}

function parseDay(value: string): DateOnly {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDate(value) : undefined;
  if (!date) throw usageError(`--today must be a date like 2026-12-01 (got "${value}")`);
  return date;
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw usageError(`--max-warnings must be a whole number of 0 or more (got "${value}")`);
  return Number(value);
}
