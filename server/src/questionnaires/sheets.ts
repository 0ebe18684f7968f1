import { promises as fs } from 'node:fs';
import { loadExcel } from '../lazyModules';
import { MAX_INPUT_BYTES } from './inputError';

/**
 * The names of a workbook's sheets that hold data, so an editor can ask which one is the questionnaire. Anything
 * that is not a readable workbook gives no names: the import itself then says what is wrong with the file.
 */
export async function sheetsWithData(file: string): Promise<string[]> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile() || stat.size > MAX_INPUT_BYTES) return [];
  const bytes = await fs.readFile(file);
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK') return [];
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return [];
  }
  return workbook.worksheets.filter((w) => w.actualRowCount > 0).map((w) => w.name);
}
