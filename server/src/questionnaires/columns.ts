import { QuestionnaireInputError } from './inputError';

/** 1-based columns of a grid, and the header row they were found in (0 when found from content alone). */
export interface ColumnChoice {
  headerRow: number;
  id?: number;
  question: number;
  answer?: number;
  comment?: number;
}

// Header words customers use: "Question", "Control Question", "Requirement"; "Response", "Answer (Yes/No/N/A)"; "Comments".
const HEADERS = {
  id: /^(#|no\.?|nr\.?|id|ref(erence)?( ?(id|no|#))?|question ?(id|#|no\.?|number)|control ?id|item|q ?#|number|s\.? ?no\.?)$/i,
  question: /\b(question|questions|requirement|control question|query|item description|description)\b/i,
  answer: /\b(answer|response|reply|yes ?\/ ?no|compliant|status)\b/i,
  comment: /\b(comment|comments|notes?|explanation|justification|details|evidence|remarks)\b/i,
};

/** Finds the header row and columns from header names, then from content; `forced` (--columns) wins. */
export function detectColumns(grid: readonly (readonly string[])[], forced?: Partial<ColumnChoice>): ColumnChoice {
  const scanRows = Math.min(grid.length, 20);
  for (let r = 0; r < scanRows; r++) {
    const cells = grid[r].map((c) => c.trim());
    // "Question ID" is an id column, not the question column: `unless` keeps such headers out.
    const find = (pattern: RegExp, taken: number[], unless?: RegExp) => {
      const at = cells.findIndex((c, i) => c.length < 60 && pattern.test(c) && !unless?.test(c) && !taken.includes(i + 1));
      return at >= 0 ? at + 1 : undefined;
    };
    const question = forced?.question ?? find(HEADERS.question, [], HEADERS.id);
    if (!question) continue;
    const id = forced?.id ?? find(HEADERS.id, [question]);
    const answer = forced?.answer ?? find(HEADERS.answer, [question, id ?? 0]);
    const comment = forced?.comment ?? find(HEADERS.comment, [question, id ?? 0, answer ?? 0]);
    return { headerRow: r + 1, question, ...(id ? { id } : {}), ...(answer ? { answer } : {}), ...(comment ? { comment } : {}) };
  }
  if (forced?.question) return { headerRow: forced.headerRow ?? 0, ...forced, question: forced.question };
  const byContent = questionColumnByContent(grid);
  if (!byContent) throw new QuestionnaireInputError('no question column found (no header like "Question" and no column of questions); name it with --columns question=C');
  return { headerRow: 0, question: byContent };
}

/** The column where most non-empty cells read as questions (end with "?" or start with Do/Does/Is/Are/Describe...). */
function questionColumnByContent(grid: readonly (readonly string[])[]): number | undefined {
  const width = Math.max(0, ...grid.map((r) => r.length));
  let best: { column: number; share: number } | undefined;
  for (let c = 0; c < width; c++) {
    const cells = grid.map((r) => (r[c] ?? '').trim()).filter(Boolean);
    if (cells.length < 3) continue;
    const share = cells.filter((t) => /\?\s*$/.test(t) || /^(do|does|is|are|has|have|can|describe|explain|please|how|what|who|list)\b/i.test(t)).length / cells.length;
    if (share >= 0.5 && (!best || share > best.share)) best = { column: c + 1, share };
  }
  return best?.column;
}

/** `--columns id=A,question=B,answer=C,comment=D` (letters or 1-based numbers). */
export function parseColumnsOption(text: string): Partial<ColumnChoice> {
  const choice: Partial<ColumnChoice> = {};
  for (const part of text.split(',')) {
    const m = /^\s*(id|question|answer|comment)\s*=\s*([A-Za-z]{1,3}|\d{1,4})\s*$/.exec(part);
    if (!m) throw new QuestionnaireInputError(`--columns takes id=A,question=B,answer=C,comment=D (got "${part.trim()}")`);
    choice[m[1] as 'id' | 'question' | 'answer' | 'comment'] = /^\d+$/.test(m[2]) ? Number(m[2]) : columnNumber(m[2]);
  }
  if (!choice.question) throw new QuestionnaireInputError('--columns must name the question column (question=B)');
  return choice;
}

function columnNumber(letters: string): number {
  return letters.toUpperCase().split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}
