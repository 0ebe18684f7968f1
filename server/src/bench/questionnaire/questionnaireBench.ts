// `npm run bench:questionnaire`: quality of drafted questionnaire answers on the labelled development set
// (test/fixtures/questionnaires, answered against examples/acme-saas; tuning and held-out halves), and the time to
// draft 300 questions against 50 synthetic policies. `--verbose` prints every miss of the tuning half;
// `--verbose-heldout` those of the held-out half too (for reading after a change, never for tuning).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { loadBuiltins } from '../../node/builtins';
import { NodeWorkspace } from '../../node/nodeWorkspace';
import { PolicyAnalyzer } from '../../core/analyzer';
import { answerQuestionnaire } from '../../core/questionnaires/answer';
import { buildSectionIndex } from '../../core/questionnaires/match';
import { answeringContext } from '../../core/questionnaires/workspaceSections';
import type { Questionnaire } from '../../core/questionnaires/model';
import { readQuestionnaireFile } from '../../questionnaires/read';
import { syntheticWorkspace, BENCH_TODAY } from '../syntheticWorkspace';
import { formatFileLine, formatScores, outcomes, score, type Label, type QuestionOutcome } from './metrics';

const REPO = path.resolve(__dirname, '../../../..');
const DEVSET = path.join(REPO, 'test/fixtures/questionnaires');

interface Labels {
  workspace: string;
  questionnaires: Record<string, { split: 'tuning' | 'heldout'; questions: Record<string, Label> }>;
}

async function main(): Promise<void> {
  const labels = JSON.parse(readFileSync(path.join(DEVSET, 'labels.json'), 'utf8')) as Labels;
  const builtins = await loadBuiltins();
  const root = path.join(REPO, labels.workspace).replace(/\\/g, '/');
  const analyzer = await PolicyAnalyzer.open({ root, workspace: new NodeWorkspace(), builtins, today: () => BENCH_TODAY });
  const context = answeringContext(analyzer);
  const index = buildSectionIndex(context.lookup.sections, analyzer.suggestionIndex());
  const scratch = mkdtempSync(path.join(tmpdir(), 'soc2-qbench-'));
  const bySplit: Record<string, QuestionOutcome[]> = { tuning: [], heldout: [] };
  const byFile = new Map<string, { split: string; results: QuestionOutcome[] }>();
  const verbose = (split: string) => process.argv.includes('--verbose-heldout') || (process.argv.includes('--verbose') && split === 'tuning');
  try {
    for (const [file, entry] of Object.entries(labels.questionnaires)) {
      const input = file === 'procurement-review.csv' ? await asXlsx(path.join(DEVSET, file), scratch) : path.join(DEVSET, file);
      const questionnaire = await readQuestionnaireFile(input);
      const { questionnaire: answered } = answerQuestionnaire(questionnaire, index, context.lookup, { exclusions: context.exclusions, carveOuts: context.carveOuts });
      const results = outcomes(answered, entry.questions);
      bySplit[entry.split].push(...results);
      byFile.set(file, { split: entry.split, results });
      if (verbose(entry.split)) printMisses(answered, entry.questions, entry.split);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`Questionnaire answers on the development set, against ${labels.workspace} (${context.lookup.sections.length} sections)\n`);
  for (const [split, title] of [['tuning', 'development (tuning) half'], ['heldout', 'held-out half (never tuned on)']]) {
    console.log(formatScores(title, score(bySplit[split])));
    for (const [file, entry] of byFile) if (entry.split === split) console.log(formatFileLine(file, score(entry.results)));
  }
  await speed(builtins);
}

/** The procurement questionnaire as customers send it: an .xlsx with a title row, section rows and a header. */
async function asXlsx(csvFile: string, folder: string): Promise<string> {
  const rows = parseCsv(readFileSync(csvFile, 'utf8')) as string[][];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Security Review');
  sheet.addRow(['Supplier Security Review']);
  sheet.mergeCells('A1:D1');
  sheet.addRow(rows[0]);
  let section = '';
  for (const row of rows.slice(1)) {
    const major = row[0].split('.')[0];
    if (major !== section) {
      section = major;
      sheet.addRow([`Section ${major}`]);
    }
    sheet.addRow(row);
  }
  const file = path.join(folder, 'procurement-review.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

function printMisses(q: Questionnaire, labels: Record<string, Label>, split: string): void {
  for (const e of q.questions) {
    const label = labels[e.id];
    const answer = typeof e.answer === 'object' ? e.answer : undefined;
    const cited = answer?.citations.map((c) => `${c.document}#${c.section}`) ?? [];
    if (label && !(cited.every((c) => label.sections.includes(c)) && (cited.length > 0) === (label.sections.length > 0))) {
      console.log(`[${split}] ${e.id} ${answer?.confidence ?? '-'} "${e.question}"\n    cited ${cited.join(', ') || '-'}\n    want  ${label.sections.join(', ') || '-'}`);
    }
  }
}

/** 300 questions (the development set, cycled) against 50 synthetic policies: index build + drafting. */
async function speed(builtins: Awaited<ReturnType<typeof loadBuiltins>>): Promise<void> {
  const corpus = syntheticWorkspace({ documents: 50 });
  const analyzer = await PolicyAnalyzer.open({ root: corpus.root, workspace: corpus.workspace, builtins, today: () => BENCH_TODAY });
  const labels = JSON.parse(readFileSync(path.join(DEVSET, 'labels.json'), 'utf8')) as Labels;
  const texts = Object.values(labels.questionnaires).flatMap(() => []);
  const questions = (await Promise.all(['cloud-assessment.csv', 'startup-vendor.csv', 'security-program-vsaq.json'].map((f) => readQuestionnaireFile(path.join(DEVSET, f))))).flatMap((q) => q.questions);
  const three: Questionnaire = { name: 'speed', questions: Array.from({ length: 300 }, (_, i) => ({ ...questions[i % questions.length], id: `q${i}`, question: `${questions[i % questions.length].question}${texts.length ? '' : ''}` })) };
  // Five runs, median: the machine is shared, one run alone says little.
  const runs: number[] = [];
  let sections = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const context = answeringContext(analyzer);
    const index = buildSectionIndex(context.lookup.sections, analyzer.suggestionIndex());
    answerQuestionnaire(three, index, context.lookup, { exclusions: context.exclusions, carveOuts: context.carveOuts });
    runs.push(performance.now() - start);
    sections = context.lookup.sections.length;
  }
  const sorted = [...runs].sort((a, b) => a - b);
  console.log(`\nSpeed: 300 questions against ${analyzer.documents().length} synthetic policies (${sections} sections) drafted in ${sorted[2].toFixed(0)} ms (median of 5; fastest ${sorted[0].toFixed(0)} ms; section index and scope included, opening the workspace not).`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
