import type { PolicyDocument } from '../parse/policyDocument';
import type { DateOnly } from '../dates';
import type { Span } from '../types';
import { FieldReader, type FactProblem, type FactValue } from '../kinds/fields';

export const RISK_TREATMENTS = ['mitigate', 'accept', 'transfer', 'avoid'] as const;
export type RiskTreatment = (typeof RISK_TREATMENTS)[number];

export interface RiskFactors {
  likelihood: FactValue<number>;
  impact: FactValue<number>;
}

/** What rules, reports and features need from one `risks/<id>.md`. */
export interface RiskFacts {
  file: string;
  id: string;
  /** The `id` value, or the front matter's start when the id comes from the file name. */
  idSpan: Span;
  title?: string;
  threat?: string;
  asset?: string;
  owner?: string;
  inherent?: RiskFactors;
  residual?: RiskFactors;
  /** Where `residual` is written (for findings comparing it with the inherent rating). */
  residualSpan?: Span;
  treatment?: FactValue<RiskTreatment>;
  criteria: FactValue<string>[];
  mitigations: FactValue<string>[];
  /** The `mitigations` key, where a missing link is reported. */
  mitigationsKeySpan?: Span;
  acceptance?: {
    keySpan: Span;
    approver?: FactValue<string>;
    date?: FactValue<DateOnly>;
    expires?: FactValue<DateOnly>;
  };
  lastReviewed?: FactValue<DateOnly>;
  /** Where a problem with the whole front matter (a missing key) is reported. */
  headSpan: Span;
  /** Values that could not be read (out of range, wrong type, missing required keys). */
  problems: FactProblem[];
}

const REQUIRED = ['title', 'owner', 'likelihood', 'impact', 'treatment'] as const;

export function readRiskFacts(doc: PolicyDocument): RiskFacts {
  const fields = new FieldReader(doc.frontMatter);
  const headSpan = doc.idField?.span ?? doc.h1 ?? { start: 0, end: 0 };
  const factors = (prefix: string[]): RiskFactors | undefined => {
    const likelihood = fields.integer([...prefix, 'likelihood'], 1, 5);
    const impact = fields.integer([...prefix, 'impact'], 1, 5);
    return likelihood && impact ? { likelihood, impact } : undefined;
  };
  const acceptanceKey = fields.keySpan(['acceptance']);
  const facts: RiskFacts = {
    file: doc.file,
    id: doc.id,
    idSpan: doc.idField?.span ?? headSpan,
    title: fields.text(['title'])?.value,
    threat: fields.text(['threat'])?.value,
    asset: fields.texts(['asset']).map((a) => a.value).join(', ') || undefined,
    owner: fields.text(['owner'])?.value,
    inherent: factors([]),
    residual: fields.has(['residual']) ? factors(['residual']) : undefined,
    residualSpan: fields.keySpan(['residual']),
    treatment: fields.oneOf(['treatment'], RISK_TREATMENTS),
    criteria: fields.texts(['criteria']),
    mitigations: fields.texts(['mitigations']),
    mitigationsKeySpan: fields.keySpan(['mitigations']),
    acceptance: acceptanceKey
      ? { keySpan: acceptanceKey, approver: fields.text(['acceptance', 'approver']), date: fields.date(['acceptance', 'date']), expires: fields.date(['acceptance', 'expires']) }
      : undefined,
    lastReviewed: fields.date(['last_reviewed']),
    headSpan,
    problems: fields.problems,
  };
  const missing = REQUIRED.filter((key) => !fields.has([key]));
  if (missing.length) facts.problems.push({ span: doc.frontMatter ? fields.endSpan : headSpan, message: `A risk needs ${missing.join(', ')} in its front matter.` });
  return facts;
}
