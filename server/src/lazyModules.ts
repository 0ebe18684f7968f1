import type ExcelJS from 'exceljs';

/**
 * Libraries that only imports and questionnaires use, loaded on first use. The build puts each in its own file
 * (scripts/vendor-bundles.mjs): in the bundles they made every start of the CLI and the server compile and run
 * several MB of code that checking never needs. Import them only through here (a test checks).
 */
export const loadExcel = (): Promise<typeof ExcelJS> => import('exceljs').then((m) => m.default);
export const loadMammoth = () => import('mammoth').then((m) => m.default);
export const loadTurndown = async () => ({ Turndown: (await import('turndown')).default, gfm: (await import('@joplin/turndown-plugin-gfm')).gfm });
