/**
 * How the editor words a criterion's operating side (Type II audits only), beside its designed status. Pure (no
 * vscode import) so the wording is unit-tested; the extension passes vscode.l10n.t as `t`.
 */
import type { CriterionCoverage, CriterionOperating } from '../../../server/src/protocol';
import type { Translate } from './gapPanelHtml';

/** "operating", "operating gaps (3 missing)" or "not evidenced". */
export function operatingLabel(operating: CriterionOperating, t: Translate): string {
  switch (operating.status) {
    case 'operating': return t('operating');
    case 'operating-gaps': return operating.missing === 1 ? t('operating gaps (1 missing)') : t('operating gaps ({0} missing)', operating.missing);
    case 'not-evidenced': return t('not evidenced');
  }
}

/** One sentence for a tooltip: what the evidence says and which obligations name the criterion. */
export function operatingDetail(operating: CriterionOperating, t: Translate): string {
  const obligations = operating.obligations.join(', ');
  switch (operating.status) {
    case 'operating': return t('Operating: every closed window of {0} has a record so far.', obligations);
    case 'operating-gaps': return operating.missing === 1
      ? t('Operating gaps: 1 closed window of {0} has no record.', obligations)
      : t('Operating gaps: {0} closed windows of {1} have no record.', operating.missing, obligations);
    case 'not-evidenced': return t('Not evidenced: no evidence obligation of an approved document names this criterion.');
  }
}

/**
 * The criterion's description in the coverage tree: designed status (left out when simply covered, as before),
 * the operating side when there is a Type II audit, and the document count: "covered · operating gaps (3 missing) · 2 docs".
 */
export function criterionDescription(criterion: Pick<CriterionCoverage, 'status' | 'operating' | 'documents'>, statusText: string, t: Translate): string {
  const docs = criterion.documents.length === 1 ? t('1 doc') : t('{0} docs', criterion.documents.length);
  if (!criterion.operating) return criterion.status === 'covered' ? docs : `${statusText}${criterion.documents.length ? ` · ${docs}` : ''}`;
  return [statusText, operatingLabel(criterion.operating, t), ...(criterion.documents.length ? [docs] : [])].join(' · ');
}
