import { promises as fs } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { isDrafted, type Questionnaire, type QuestionEntry } from '../core/questionnaires/model';
import { QuestionnaireInputError } from './inputError';
import { loadExcel } from '../lazyModules';

export type ExportFormat = 'xlsx' | 'csv' | 'markdown';

/** The answer cell ("Yes") and the comment cell (the text and the sections cited). */
export function exportCells(entry: QuestionEntry): { answer: string; comment: string } {
  const a = entry.answer;
  if (!isDrafted(a)) return { answer: a, comment: '' };
  const value = a.value === 'n/a' ? 'N/A' : a.value.charAt(0).toUpperCase() + a.value.slice(1);
  const cites = a.citations.length ? ` (See ${a.citations.map((c) => `${c.document}#${c.section}`).join('; ')}.)` : '';
  return { answer: value, comment: `${a.text.replace(/^(Yes|Partially)\.\s*/, '')}${cites}` };
}

/**
 * The export's bytes. xlsx and csv fill a copy of the customer's file (same sheet, same rows; answer and comment
 * columns added after the last one when the file had none); the original file is only read.
 */
export async function exportQuestionnaire(q: Questionnaire, format: ExportFormat): Promise<Buffer> {
  if (format === 'markdown') return Buffer.from(markdown(q));
  const source = q.source;
  const sameFormat = source && source.format === format && source.columns;
  if (format === 'xlsx') return sameFormat ? fillXlsx(q) : newXlsx(q);
  return Buffer.from(sameFormat ? await fillCsv(q) : toCsv([['ID', 'Question', 'Answer', 'Comment'], ...q.questions.map((e) => [e.id, e.question, ...Object.values(exportCells(e))])]));
}

async function fillXlsx(q: Questionnaire): Promise<Buffer> {
  const source = q.source!;
  const workbook = new (await loadExcel()).Workbook();
  await workbook.xlsx.readFile(source.file).catch((error: Error) => {
    throw new QuestionnaireInputError(`cannot read the original ${source.file} to fill a copy (${error.message.split('\n')[0]})`);
  });
  const sheet = (source.sheet ? workbook.getWorksheet(source.sheet) : workbook.worksheets[0]) ?? workbook.worksheets[0];
  const { answer, comment } = outputColumns(source.columns!, sheet.columnCount);
  if (source.headerRow) {
    const header = sheet.getRow(source.headerRow);
    if (!header.getCell(answer).text) header.getCell(answer).value = 'Answer';
    if (!header.getCell(comment).text) header.getCell(comment).value = 'Comment';
  }
  for (const entry of q.questions) {
    if (entry.row === undefined) continue;
    const cells = exportCells(entry);
    const row = sheet.getRow(entry.row);
    row.getCell(answer).value = cells.answer;
    row.getCell(comment).value = cells.comment;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function newXlsx(q: Questionnaire): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet('Questionnaire');
  sheet.addRow(['ID', 'Question', 'Answer', 'Comment']);
  for (const e of q.questions) sheet.addRow([e.id, e.question, ...Object.values(exportCells(e))]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function fillCsv(q: Questionnaire): Promise<string> {
  const source = q.source!;
  const text = await fs.readFile(source.file, 'utf8');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = [',', ';', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0];
  const grid = parseCsv(text, { bom: true, delimiter, relax_column_count: true }) as string[][];
  const width = Math.max(0, ...grid.map((r) => r.length));
  const { answer, comment } = outputColumns(source.columns!, width);
  const set = (r: number, c: number, value: string) => {
    const row = (grid[r - 1] ??= []);
    while (row.length < c) row.push('');
    row[c - 1] = value;
  };
  if (source.headerRow) {
    if (!grid[source.headerRow - 1]?.[answer - 1]) set(source.headerRow, answer, 'Answer');
    if (!grid[source.headerRow - 1]?.[comment - 1]) set(source.headerRow, comment, 'Comment');
  }
  for (const entry of q.questions) {
    if (entry.row === undefined) continue;
    const cells = exportCells(entry);
    set(entry.row, answer, cells.answer);
    set(entry.row, comment, cells.comment);
  }
  return toCsv(grid, delimiter);
}

function outputColumns(columns: NonNullable<NonNullable<Questionnaire['source']>['columns']>, width: number): { answer: number; comment: number } {
  const answer = columns.answer ?? width + 1;
  const comment = columns.comment ?? Math.max(width, answer) + 1;
  return { answer, comment };
}

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula (=, +, -, @) get a leading apostrophe. */
export function toCsv(rows: readonly (readonly string[])[], delimiter = ','): string {
  const quote = (cell: string) => {
    const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
    return /["\n\r]/.test(safe) || safe.includes(delimiter) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((r) => r.map((c) => quote(c ?? '')).join(delimiter)).join('\r\n') + '\r\n';
}

function markdown(q: Questionnaire): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const lines = [`# ${q.name}`, '', '| ID | Question | Answer | Comment |', '|---|---|---|---|'];
  for (const e of q.questions) {
    const c = exportCells(e);
    lines.push(`| ${cell(e.id)} | ${cell(e.question)} | ${cell(c.answer)} | ${cell(c.comment)} |`);
  }
  return lines.join('\n') + '\n';
}
