import type { Fix, Severity, Span } from '../types';
import type { PolicyDocument } from '../parse/policyDocument';
import type { CatalogSet } from '../catalog/catalog';
import type { PolicyConfig } from '../config/config';
import type { DateOnly } from '../dates';
import type { TemplateSet } from '../templates/templates';
import type { CoverageIndex } from '../coverage/coverageIndex';
import type { SuggestionIndex } from '../suggest/index';
import type { CarveOut } from '../vendors/carveOuts';
import type { EvidencePlan } from '../evidence/plan';

export const RULES_DOCS_URL = 'https://github.com/soc2-policy-studio/soc2-policy-studio/blob/main/docs/rules.md';

export interface RuleMeta {
  /** Stable kebab-case code: users configure and suppress rules by it. */
  code: string;
  defaultSeverity: Severity;
  /** One line: what the rule checks (shown in docs and `catalog` output). */
  summary: string;
  /** Runs only when soc2-policy.yaml `rules:` gives it a severity (then `defaultSeverity` is what docs suggest). */
  offByDefault?: boolean;
  /** A document rule whose findings depend on other files (which exist, what they map): re-run even on a warm-cache hit. */
  readsWorkspace?: boolean;
}

export interface Report {
  span: Span;
  message: string;
  fixes?: Fix[];
  subject?: string;
  /** This finding's severity instead of the rule's default (a rule may be stricter on approved documents); soc2-policy.yaml still wins. */
  severity?: Severity;
}

/** What the rules may look at. Everything is read-only; rules only report. */
export interface Environment {
  catalogs: CatalogSet;
  templates: TemplateSet;
  config: PolicyConfig;
  today: DateOnly;
  /** Categories in scope (declared, or inferred from what documents map when there is no config). */
  scopeCategories: ReadonlySet<string>;
  /** Excluded criterion id -> reason. */
  exclusions: ReadonlyMap<string, string>;
  /** Criteria carved out to subservice organizations (vendors/), by criterion id; computed on first call. */
  carveOuts?(): ReadonlyMap<string, readonly CarveOut[]>;
  /** The Type II evidence calendar (undefined without one), computed once and shared by the evidence rules and coverage. */
  evidencePlan?(): EvidencePlan | undefined;
  /** The suggestion engine's index over the TSC catalog, built on first call. */
  suggestionIndex?(): SuggestionIndex;
  fileExists(path: string): boolean;
  folderExists(path: string): boolean;
  /** SHA-256 (hex) of a file evidence records attach, once read; undefined while unknown. */
  fileDigest?(path: string): string | undefined;
}

export interface DocumentContext extends Environment {
  doc: PolicyDocument;
  /** The document's kind (`policy`, or one of core/kinds) and its facts. */
  documentKind: { id: string; facts?: unknown };
  report(report: Report): void;
}

export interface WorkspaceContext extends Environment {
  /** Policy documents (and procedures, plans, ...): documents of other kinds are in `facts`. */
  documents: readonly PolicyDocument[];
  /** The facts of every document of a kind (core/kinds), by file. */
  facts<F>(kind: string): ReadonlyMap<string, F>;
  coverage: CoverageIndex;
  report(file: string, report: Report): void;
}

export interface DocumentRule extends RuleMeta {
  kind: 'document';
  /** The document kinds it checks (core/kinds); policies only when left out. */
  documentKinds?: readonly string[];
  check(ctx: DocumentContext): void;
}

export interface WorkspaceRule extends RuleMeta {
  kind: 'workspace';
  check(ctx: WorkspaceContext): void;
}

export type Rule = DocumentRule | WorkspaceRule;

export const docsUrl = (code: string) => `${RULES_DOCS_URL}#${code}`;
