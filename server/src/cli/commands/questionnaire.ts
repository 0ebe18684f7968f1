import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { QuestionnaireArgs } from '../questionnaireArgs';
import { openAnalyzer } from '../session';
import { locateWorkspace } from '../workspaceRoot';
import { CliError, EXIT_CLEAN, EXIT_FINDINGS } from '../errors';
import type { Terminal } from '../terminal';
import type { PolicyAnalyzer } from '../../core/analyzer';
import { answerQuestionnaire } from '../../core/questionnaires/answer';
import { buildAnswerLibrary } from '../../core/questionnaires/library';
import { buildSectionIndex } from '../../core/questionnaires/match';
import { answeringContext } from '../../core/questionnaires/workspaceSections';
import { checkQuestionnaire, type QuestionnaireFinding } from '../../core/rules/answerStale';
import { isDrafted } from '../../core/questionnaires/model';
import { LineIndex } from '../../core/text/lineIndex';
import { parseColumnsOption } from '../../questionnaires/columns';
import { exportQuestionnaire, type ExportFormat } from '../../questionnaires/export';
import { QuestionnaireInputError } from '../../questionnaires/inputError';
import { readQuestionnaireFile } from '../../questionnaires/read';
import { loadQuestionnaireFile, otherQuestionnaires, QUESTIONNAIRE_FOLDER, saveQuestionnaire, writeExport } from '../../questionnaires/store';

/** `soc2-policy questionnaire import|answer|export|check`. Unusable input files end as one line and exit 2. */
export async function runQuestionnaire(args: QuestionnaireArgs, terminal: Terminal): Promise<number> {
  try {
    switch (args.action) {
      case 'import':
        return await runImport(args, terminal);
      case 'answer':
        return await runAnswer(args, terminal);
      case 'export':
        return await runExport(args, terminal);
      case 'check':
        return await runCheck(args, terminal);
    }
  } catch (error) {
    if (error instanceof QuestionnaireInputError) throw new CliError(error.message);
    throw error;
  }
}

async function runImport(args: QuestionnaireArgs, terminal: Terminal): Promise<number> {
  const input = path.resolve(terminal.cwd, args.targets[0]);
  const location = locateWorkspace(terminal.cwd, [], args.config);
  const questionnaire = await readQuestionnaireFile(input, { sheet: args.sheet, columns: args.columns ? parseColumnsOption(args.columns) : undefined });
  const name = args.name ?? questionnaire.name;
  const target = path.join(location.root, QUESTIONNAIRE_FOLDER, `${name}.yaml`);
  if ((await saveQuestionnaire(target, { ...questionnaire, name }, args.force)) === 'exists') throw new CliError(`${path.relative(terminal.cwd, target)} already exists; use --force to replace it or --name to choose another`);
  const columns = questionnaire.source?.columns;
  const found = columns ? ` (question column ${columns.question}${columns.id ? `, id column ${columns.id}` : ''}${columns.answer ? `, answer column ${columns.answer}` : ''})` : '';
  terminal.stdout.write(`Imported ${questionnaire.questions.length} questions into ${path.relative(terminal.cwd, target) || target}${found}.\n`);
  return EXIT_CLEAN;
}

async function runAnswer(args: QuestionnaireArgs, terminal: Terminal): Promise<number> {
  const { file, analyzer } = await open(args, terminal);
  const parsed = await loadQuestionnaireFile(file);
  if (parsed.errors.length) throw new CliError(`${path.relative(terminal.cwd, file)}: ${parsed.errors[0].message}`);
  const context = answeringContext(analyzer);
  const index = buildSectionIndex(context.lookup.sections, analyzer.suggestionIndex());
  const library = buildAnswerLibrary(await otherQuestionnaires(analyzer.root, file));
  const started = Date.now();
  const { questionnaire, summary } = answerQuestionnaire(parsed.questionnaire, index, context.lookup, { exclusions: context.exclusions, carveOuts: context.carveOuts, library, redraft: args.redraft });
  const elapsed = Date.now() - started;
  await saveQuestionnaire(file, questionnaire, true);
  if (args.format === 'json') {
    terminal.stdout.write(JSON.stringify({ questionnaire: questionnaire.name, summary, questions: questionnaire.questions.map(({ id, question, answer }) => ({ id, question, answer })) }, null, 2) + '\n');
    return EXIT_CLEAN;
  }
  const lines = questionnaire.questions.map((e) => {
    const a = e.answer;
    if (!isDrafted(a)) return `${e.id}: ${a ? 'answered by hand' : 'unanswered'}`;
    const cites = a.citations.map((c) => `${c.document}#${c.section}`).join(', ') || 'no citation';
    return `${e.id}: ${a.value} (${a.confidence.toFixed(2)}${a.status === 'accepted' ? ', accepted' : ''}) ${cites}`;
  });
  lines.push('', `${summary.drafted} drafted, ${summary.reused} reused from accepted answers, ${summary.kept} kept, in ${elapsed} ms. Review each draft and set status: accepted in ${path.relative(terminal.cwd, file)}.`);
  terminal.stdout.write(lines.join('\n') + '\n');
  return EXIT_CLEAN;
}

async function runExport(args: QuestionnaireArgs, terminal: Terminal): Promise<number> {
  const location = locateWorkspace(terminal.cwd, [], args.config);
  const file = questionnairePath(location.root, args.targets[0], terminal.cwd);
  const { questionnaire } = await loadQuestionnaireFile(file);
  const format = args.format as ExportFormat;
  const extension = format === 'markdown' ? 'md' : format;
  const output = args.output ? path.resolve(terminal.cwd, args.output) : path.join(path.dirname(file), `${questionnaire.name}.answered.${extension}`);
  const original = questionnaire.source ? path.resolve(location.root, questionnaire.source.file) : undefined;
  if (original && questionnaire.source && questionnaire.source.format === format && !existsSync(original)) throw new CliError(`the original ${questionnaire.source.file} is gone; export --format markdown, or import it again`);
  const withOriginal = questionnaire.source && original ? { ...questionnaire, source: { ...questionnaire.source, file: original } } : questionnaire;
  await writeExport(output, await exportQuestionnaire(withOriginal, format), original);
  terminal.stdout.write(`Wrote ${path.relative(terminal.cwd, output) || output}.\n`);
  return EXIT_CLEAN;
}

async function runCheck(args: QuestionnaireArgs, terminal: Terminal): Promise<number> {
  const location = locateWorkspace(terminal.cwd, [], args.config);
  const analyzer = await openAnalyzer(location, terminal);
  const context = answeringContext(analyzer);
  const folder = path.join(analyzer.root, QUESTIONNAIRE_FOLDER);
  const files = args.targets.length ? args.targets.map((t) => questionnairePath(analyzer.root, t, terminal.cwd)) : await listYaml(folder);
  const all: { file: string; line: number; finding: QuestionnaireFinding }[] = [];
  for (const file of files) {
    const parsed = await loadQuestionnaireFile(file);
    const lines = new LineIndex(parsed.source.text);
    for (const finding of checkQuestionnaire(parsed, context.lookup)) all.push({ file: path.relative(terminal.cwd, file) || file, line: lines.positionAt(finding.span.start).line + 1, finding });
  }
  if (args.format === 'json') terminal.stdout.write(JSON.stringify({ findings: all.map(({ file, line, finding }) => ({ file, line, ...finding })) }, null, 2) + '\n');
  else terminal.stdout.write(all.map(({ file, line, finding: f }) => `${file}:${line} ${f.severity} ${f.code} ${f.message}`).concat(`${all.length} finding${all.length === 1 ? '' : 's'} in ${files.length} questionnaire${files.length === 1 ? '' : 's'}.`).join('\n') + '\n');
  return all.some((f) => f.finding.severity === 'error') ? EXIT_FINDINGS : EXIT_CLEAN;
}

async function open(args: QuestionnaireArgs, terminal: Terminal): Promise<{ file: string; analyzer: PolicyAnalyzer }> {
  const location = locateWorkspace(terminal.cwd, [], args.config);
  const file = questionnairePath(location.root, args.targets[0], terminal.cwd);
  return { file, analyzer: await openAnalyzer(location, terminal) };
}

/** A YAML file given as a path, or a name under <root>/questionnaires. */
function questionnairePath(root: string, target: string, cwd: string): string {
  const direct = path.resolve(cwd, target);
  if (/\.ya?ml$/i.test(target) && existsSync(direct)) return direct;
  const named = path.join(root, QUESTIONNAIRE_FOLDER, `${target.replace(/\.ya?ml$/i, '')}.yaml`);
  if (existsSync(named)) return named;
  throw new CliError(`no questionnaire "${target}" (looked for ${path.relative(cwd, named) || named}); import one first`);
}

async function listYaml(folder: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter((n) => /\.ya?ml$/i.test(n)).sort().map((n) => path.join(folder, n));
}
