import type { DocumentKind } from '../kinds/documentKind';
import { readRiskFacts, type RiskFacts } from './riskFacts';

export const RISK_KIND = 'risk';

/** `risks/<id>.md` anywhere in the workspace, or any document whose front matter says `type: risk`. */
export const riskKind: DocumentKind<RiskFacts> = {
  id: RISK_KIND,
  matches: (relative, doc) => /(^|\/)risks\/[^/]+$/i.test(relative) || doc.type === 'risk',
  facts: readRiskFacts,
};
