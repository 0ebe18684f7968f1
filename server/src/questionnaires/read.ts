import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Questionnaire, QuestionEntry, QuestionnaireSource } from '../core/questionnaires/model';
import { detectColumns, type ColumnChoice } from './columns';
import { MAX_INPUT_BYTES, QuestionnaireInputError } from './inputError';
import { readVsaq } from './vsaq';
import { loadExcel } from '../lazyModules';

export interface ReadOptions {
  sheet?: string;
  columns?: Partial<ColumnChoice>;
}

/** A customer's questionnaire (.xlsx, .csv or VSAQ .json) as questions with empty answers, and where they came from. */
export async function readQuestionnaireFile(file: string, options: ReadOptions = {}): Promise<Questionnaire> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) throw new QuestionnaireInputError(`${file} is not a file`);
  if (stat.size > MAX_INPUT_BYTES) throw new QuestionnaireInputError(`${file} is ${(stat.size / 1048576).toFixed(1)} MB; questionnaires over 20 MB are not read`);
  const bytes = await fs.readFile(file);
  const name = questionnaireName(file);
  const extension = path.extname(file).toLowerCase();
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new QuestionnaireInputError(`${file} is password-protected or an old .xls workbook; save it as an unprotected .xlsx first`);
  }
  if (extension === '.xlsx' || bytes.subarray(0, 2).toString('latin1') === 'PK') return { name, ...(await readXlsx(file, bytes, options)) };
  if (extension === '.json') return { name, ...readVsaq(bytes.toString('utf8'), file) };
  if (extension === '.csv' || extension === '.tsv' || extension === '.txt') return { name, ...readCsv(file, bytes.toString('utf8'), options) };
  throw new QuestionnaireInputError(`${file}: unsupported questionnaire format (use .xlsx, .csv or VSAQ .json)`);
}

/** The questionnaire's name (and YAML file name) from the customer's file name: `Customer Q3.xlsx` -> `customer-q3`. */
export function questionnaireName(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'questionnaire';
}

function readCsv(file: string, text: string, options: ReadOptions): { source: QuestionnaireSource; questions: QuestionEntry[] } {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = [',', ';', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0];
  let grid: string[][];
  try {
    grid = parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new QuestionnaireInputError(`${file} is not valid CSV (${(error as Error).message.split('\n')[0]})`);
  }
  const columns = detectColumns(grid, options.columns);
  return { source: { file, format: 'csv', columns: withoutHeader(columns), headerRow: columns.headerRow }, questions: questionsOf(grid, columns) };
}

async function readXlsx(file: string, bytes: Buffer, options: ReadOptions): Promise<{ source: QuestionnaireSource; questions: QuestionEntry[] }> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new QuestionnaireInputError(`${file} is not a readable .xlsx workbook (${(error as Error).message.split('\n')[0]})`);
  }
  const sheet = options.sheet ? workbook.getWorksheet(options.sheet) : workbook.worksheets.find((w) => w.actualRowCount > 0);
  if (!sheet) throw new QuestionnaireInputError(options.sheet ? `${file} has no sheet named "${options.sheet}" (sheets: ${workbook.worksheets.map((w) => w.name).join(', ')})` : `${file} has no sheet with data`);
  const grid: string[][] = [];
  const formulas: string[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (cell.type === Excel.ValueType.Formula) formulas.push(cell.address);
      cells[col - 1] = cell.isMerged && cell.master !== cell ? '' : cellText(cell.value);
    });
    grid[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  for (let r = 0; r < grid.length; r++) grid[r] ??= [];
  const columns = detectColumns(grid, options.columns);
  const inQuestionColumn = formulas.filter((a) => columnOfAddress(a) === columns.question || columnOfAddress(a) === columns.id);
  if (inQuestionColumn.length) throw new QuestionnaireInputError(`${file}: questions are computed by formulas (${inQuestionColumn.slice(0, 3).join(', ')}); paste them as values first`);
  const verticalMerges = Object.values((sheet as unknown as { _merges: Record<string, { top: number; bottom: number; left: number; right: number }> })._merges ?? {}).filter(
    (m) => m.bottom > m.top && m.top > columns.headerRow && m.left <= columns.question && m.right >= columns.question,
  );
  if (verticalMerges.length) throw new QuestionnaireInputError(`${file}: cells merged across rows in the question column (${verticalMerges.length} ranges, first at row ${verticalMerges[0].top}); unmerge them first`);
  return { source: { file, format: 'xlsx', sheet: sheet.name, columns: withoutHeader(columns), headerRow: columns.headerRow }, questions: questionsOf(grid, columns) };
}

/** Rows below the header whose question cell reads as a question (section titles and blank rows are skipped). */
function questionsOf(grid: readonly (readonly string[])[], columns: ColumnChoice): QuestionEntry[] {
  const questions: QuestionEntry[] = [];
  const seen = new Set<string>();
  for (let r = columns.headerRow; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const question = (row[columns.question - 1] ?? '').replace(/\s+/g, ' ').trim();
    // A terse one-word question ("RTO/RPO?") still asks; a section title does not end with a question mark.
    const asks = question.length >= 4 && question.endsWith('?');
    if (!asks && (question.length < 8 || !/\s/.test(question))) continue;
    let id = columns.id ? (row[columns.id - 1] ?? '').trim() : '';
    if (!id || seen.has(id)) id = `row-${r + 1}`;
    seen.add(id);
    questions.push({ id, question, answer: '', row: r + 1 });
  }
  if (!questions.length) throw new QuestionnaireInputError('no questions found under the question column');
  return questions;
}

function withoutHeader(c: ColumnChoice): NonNullable<QuestionnaireSource['columns']> {
  return { question: c.question, ...(c.id ? { id: c.id } : {}), ...(c.answer ? { answer: c.answer } : {}), ...(c.comment ? { comment: c.comment } : {}) };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return value.result === undefined ? '' : String(value.result);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

function columnOfAddress(address: string): number {
  const letters = /^[A-Z]+/.exec(address)?.[0] ?? 'A';
  return letters.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}
