import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../core/config/config';

/** Where a key's allowed values come from. */
export type KeyValues = readonly string[] | 'templates' | 'catalogs' | 'criteria';

export interface FrontMatterKey {
  key: string;
  /** What the key means, for hover and completion documentation. */
  summary: string;
  values?: KeyValues;
  /** What completion inserts after `key: ` (plain text, no snippet syntax). */
  example: string;
  format: 'native' | 'comply';
}

/** The front-matter keys the checker reads (docs/design/document-format.md). */
export const FRONT_MATTER_KEYS: readonly FrontMatterKey[] = [
  { key: 'title', format: 'native', summary: 'The document title. Required by default (`requiredFields`).', example: '' },
  { key: 'id', format: 'native', summary: 'Stable id of the document, unique in the workspace. Defaults to the file name without extension.', example: '' },
  { key: 'type', format: 'native', summary: 'The kind of document; decides which sections are required.', values: DOCUMENT_TYPES, example: 'policy' },
  { key: 'template', format: 'native', summary: 'A template from controls-catalog/templates; its sections replace the type\'s required sections.', values: 'templates', example: '' },
  { key: 'owner', format: 'native', summary: 'Who owns and maintains the document. Required by default.', example: '' },
  { key: 'approver', format: 'native', summary: 'Who approves the document.', example: '' },
  { key: 'version', format: 'native', summary: 'The document version, as text (quote it: "1.2").', example: '"1.0"' },
  { key: 'status', format: 'native', summary: 'Lifecycle state. Only approved documents cover criteria; drafts and reviews count as draft-only; retired documents cover nothing.', values: DOCUMENT_STATUSES, example: 'draft' },
  { key: 'effective', format: 'native', summary: 'The date the document takes effect (YYYY-MM-DD).', example: '' },
  { key: 'last_reviewed', format: 'native', summary: 'The date of the last review (YYYY-MM-DD). With `review_cycle` it decides when a review is overdue.', example: '' },
  { key: 'review_cycle', format: 'native', summary: 'How often the document is reviewed: "<n> months", "<n> weeks", "<n> days" or "<n> years". Default: the config\'s review.defaultCycle.', example: '12 months' },
  { key: 'controls', format: 'native', summary: 'The Trust Services Criteria (or points of focus such as CC6.1.3) this document addresses.', values: 'criteria', example: '[]' },
  { key: 'audience', format: 'native', summary: 'Who reads the document. `customer` makes it customer-facing: the customer responsibilities of the system description must be stated in one.', values: ['customer', 'internal'], example: 'customer' },
  { key: 'frameworks', format: 'native', summary: 'Controls of other catalogs this document addresses, by catalog id (for example `iso27001: [A.5.15]`).', values: 'catalogs', example: '' },
  { key: 'name', format: 'comply', summary: 'strongdm/comply: the document title.', example: '' },
  { key: 'acronym', format: 'comply', summary: 'strongdm/comply: a short acronym for the document.', example: '' },
  { key: 'satisfies', format: 'comply', summary: 'strongdm/comply: the controls the document satisfies, by framework (`TSC: [CC6.1]`).', values: 'catalogs', example: '' },
  { key: 'majorRevisions', format: 'comply', summary: 'strongdm/comply: revision history (`date`, `comment`). The newest date counts as the last review.', example: '' },
  { key: 'cron', format: 'comply', summary: 'strongdm/comply procedures: when the procedure runs (cron syntax).', example: '' },
];

export function frontMatterKey(key: string): FrontMatterKey | undefined {
  return FRONT_MATTER_KEYS.find((k) => k.key === key);
}
