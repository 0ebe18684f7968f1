/**
 * The custom part of the SOC 2 Policy Studio protocol, shared by the language server and the VS Code client.
 *
 * Wire types only: documents are URIs and positions are LSP ranges (never core paths or offsets), so any client
 * can use them. It imports only protocol types and type-only core types, so the client bundles it cheaply.
 */
import { NotificationType, RequestType, type Location, type Range, type TextEdit } from 'vscode-languageserver-protocol';

/** `source` of every diagnostic the server reports. */
export const DIAGNOSTIC_SOURCE = 'soc2-policy';

/** Code action kind of "fix everything that is safe to fix" (a sub-kind of `source.fixAll`). */
export const FIX_ALL_KIND = 'source.fixAll.soc2Policy';

/** Code action kind of "Map suggested criterion …": maps a criterion the document's own sentences suggest. */
export const MAP_SUGGESTED_KIND = 'refactor.soc2Policy.mapSuggested';

/** The settings section the server asks for with `workspace/configuration`. */
export const SETTINGS_SECTION = 'soc2Policy';

/** Commands the server puts into code lenses; the client registers them. */
export const ClientCommands = {
  /** Arguments: [documentUri]. Shows what this document covers (the coverage view filtered to it). */
  showDocumentCoverage: 'soc2Policy.showDocumentCoverage',
  /** Arguments: [documentUri, obligationId]. Reveals the obligation, its windows expanded, in the Evidence view. */
  showEvidenceObligation: 'soc2Policy.showEvidenceObligation',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Settings

/** Editor-side settings (`soc2Policy.*`). Workspace rules and scope live in soc2-policy.yaml, not here. */
export interface Soc2PolicySettings {
  /** Check documents at all. */
  enable: boolean;
  diagnostics: {
    /** Quiet time after the last keystroke before a document is re-checked and results are pushed. */
    debounceMs: number;
  };
  codeLens: {
    enable: boolean;
  };
  hover: {
    /** How many points of focus a criterion hover lists before "and N more". */
    maxPointsOfFocus: number;
    /** How many covering or mapping documents a hover lists before "and N more" (answers stay small at scale). */
    maxDocuments: number;
  };
  completion: {
    /** Offer points of focus (CC6.1.3) once a criterion id has been typed. */
    pointsOfFocus: boolean;
  };
}

export const DEFAULT_SETTINGS: Soc2PolicySettings = {
  enable: true,
  diagnostics: { debounceMs: 200 },
  codeLens: { enable: true },
  hover: { maxPointsOfFocus: 8, maxDocuments: 5 },
  completion: { pointsOfFocus: true },
};

/** `initializationOptions` the server understands. All optional. */
export interface InitializationOptions {
  /** Pin "today" (YYYY-MM-DD) so review dates are judged reproducibly (tests, demos, screenshots). */
  today?: string;
  /** The workspace is not trusted (VS Code Restricted Mode): load only the built-in catalogs, never custom ones. */
  restrictedMode?: boolean;
  /** A folder of the client's own (not the workspace) where the server keeps per-document results for a warm start. */
  cacheFolder?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Diagnostics

/** A core fix, converted to LSP edits on the diagnostic's document. */
export interface DiagnosticFix {
  title: string;
  edits: TextEdit[];
  /** Safe without a human choosing: applied by fix-all. */
  preferred: boolean;
}

/** `Diagnostic.data`: what code actions need, so they do not have to re-run the analysis. */
export interface DiagnosticData {
  /** The document version the fixes were computed against (absent for files not open in the editor). */
  version?: number;
  /** The criterion, heading or key the finding is about. */
  subject?: string;
  fixes: DiagnosticFix[];
}

// ---------------------------------------------------------------------------------------------------------------
// Coverage

export type { CoverageStatus } from './core/coverage/coverageModel';
import type { CoverageStatus } from './core/coverage/coverageModel';

/** Which workspace roots a request is about. */
export interface ScopeParams {
  /** A workspace folder, a root or a document inside one. Omitted: every root. */
  uri?: string;
}

export interface CoverageLocation {
  kind: 'frontmatter' | 'section';
  range: Range;
  /** The section heading, for section tags. */
  section?: string;
  /** The id as written: the criterion, or one of its points of focus. */
  mappedId: string;
}

export interface CoveringDocument {
  uri: string;
  docId: string;
  title: string;
  status: string;
  locations: CoverageLocation[];
}

/**
 * A criterion's status as the core computes it; `reason` says why it is excluded (from soc2-policy.yaml);
 * `operating` (Type II audits only) is the evidence side beside the designed `status`.
 */
export interface CriterionCoverage extends CriterionStatusFields {
  documents: CoveringDocument[];
}

// Summaries carry no paths, so the core's types are the wire types (a type-only import costs the client nothing).
export type { CategorySummary, OverallSummary } from './core/coverage/coverageModel';
import type { CategorySummary, CriterionStatusFields, OverallSummary } from './core/coverage/coverageModel';
export type { CriterionOperating, OperatingStatus, OperatingSummary } from './core/coverage/operating';
import type { OperatingSummary } from './core/coverage/operating';
import type { PointOfFocus } from './core/catalog/catalog';

export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

/** One analysed root: a folder holding soc2-policy.yaml, or a workspace folder without one. */
export interface RootCoverage {
  rootUri: string;
  name: string;
  /** soc2-policy.yaml, when the root has one. */
  configUri?: string;
  /** False when no config declares the scope (it is then inferred from what documents map). */
  scopeDeclared: boolean;
  documentCount: number;
  findings: FindingCounts;
  criteria: CriterionCoverage[];
  /** `operating` only when the root has a Type II audit period. */
  summary: { categories: CategorySummary[]; overall: OverallSummary; operating?: OperatingSummary };
}

export interface CoverageResult {
  roots: RootCoverage[];
}

/** The full coverage model of every root (or of the root `uri` is in). */
export namespace CoverageRequest {
  export const method = 'soc2Policy/coverage';
  export const type = new RequestType<ScopeParams, CoverageResult, void>(method);
}

// ---------------------------------------------------------------------------------------------------------------
// Gaps

export interface GapsParams extends ScopeParams {
  /** Statuses that count as gaps. Default: uncovered and draft-only. */
  statuses?: CoverageStatus[];
}

export interface Gap {
  rootUri: string;
  id: string;
  title: string;
  category: string;
  series: string;
  status: CoverageStatus;
  /** For draft-only criteria: the drafts that would cover it once approved. */
  documents: CoveringDocument[];
  /** Templates that address the criterion, most focused first. */
  suggestedTemplates: { id: string; title: string }[];
  /** Where the gap is reported (the `uncovered-criterion` finding on soc2-policy.yaml), when it is. */
  finding?: Location;
}

export interface GapsResult {
  gaps: Gap[];
}

export namespace GapsRequest {
  export const method = 'soc2Policy/gaps';
  export const type = new RequestType<GapsParams, GapsResult, void>(method);
}

// ---------------------------------------------------------------------------------------------------------------
// Catalog

export interface CatalogParams extends ScopeParams {
  /** Only this catalog (`tsc`, `iso27001`, or a custom one). Default: every loaded catalog. */
  catalogId?: string;
}

/** A point of focus as the catalog defines it, without its file location; `appliesTo` and `roles` when it has them. */
export type PointOfFocusInfo = Pick<PointOfFocus, 'id' | 'title' | 'summary' | 'appliesTo' | 'roles'>;

export interface ControlInfo {
  id: string;
  title: string;
  description: string;
  category?: string;
  series?: string;
  /** COSO 2013 principle (CC1-CC5). */
  coso?: number;
  pointsOfFocusCount?: number;
  pointsOfFocus: PointOfFocusInfo[];
  /** Ids in other catalogs, by catalog id. */
  mappings: Record<string, string[]>;
  /** Where the control is defined in its catalog file. */
  definition?: Location;
}

export interface CatalogInfo {
  id: string;
  title: string;
  edition?: string;
  /** Its mappings have no official source. */
  indicative: boolean;
  categories: { id: string; title: string; description?: string }[];
  series: { id: string; category?: string; title: string }[];
  controls: ControlInfo[];
}

export interface TemplateInfo {
  id: string;
  title: string;
  type: string;
  summary: string;
  suggestedCriteria: string[];
}

export interface RuleInfo {
  code: string;
  defaultSeverity: 'error' | 'warning' | 'info' | 'hint';
  summary: string;
  docsUrl: string;
}

export interface CatalogResult {
  /** The root the catalogs were loaded for (custom catalogs differ per root). */
  rootUri?: string;
  catalogs: CatalogInfo[];
  templates: TemplateInfo[];
  rules: RuleInfo[];
}

export namespace CatalogRequest {
  export const method = 'soc2Policy/catalog';
  export const type = new RequestType<CatalogParams, CatalogResult, void>(method);
}

// ---------------------------------------------------------------------------------------------------------------
// Report

export type ReportFormat = 'markdown' | 'html' | 'csv';

export interface ReportParams extends ScopeParams {
  format: ReportFormat;
}

export interface ReportResult {
  rootUri: string;
  format: ReportFormat;
  mimeType: string;
  content: string;
}

/** The coverage report of one root (the one `uri` is in, else the first), rendered as the client asked. */
export namespace ReportRequest {
  export const method = 'soc2Policy/report';
  export const type = new RequestType<ReportParams, ReportResult, void>(method);
}

// ---------------------------------------------------------------------------------------------------------------
// Import

export interface ImportPoliciesParams {
  /** Files and folders (URIs) to import: .docx, .html, .htm, .txt and .md; folders are searched. */
  inputs: string[];
  /** Folder (URI) the policy documents are written to. */
  outFolder: string;
  /** Replace documents that exist already. */
  force?: boolean;
  /** Token for work-done progress ("Importing 3/12"). */
  workDoneToken?: string | number;
}

export interface ImportedPolicy {
  sourceUri: string;
  uri: string;
  title: string;
  type: string;
  owner?: string;
  /** What could not be converted (images, embedded objects), with the reason. */
  notConverted: string[];
  /** TSC criteria the document's own sentences probably address, best first. */
  suggestions: { id: string; title: string; score: number; because: string[] }[];
}

export interface ImportPoliciesResult {
  written: ImportedPolicy[];
  /** Not written: a document of that name exists and `force` was not set. */
  exists: { sourceUri: string; uri: string }[];
  failed: { sourceUri: string; reason: string }[];
}

/** Converts Word, HTML, text and untagged Markdown files to draft policy documents, in the server (never the editor's process). */
export namespace ImportPoliciesRequest {
  export const method = 'soc2Policy/importPolicies';
  export const type = new RequestType<ImportPoliciesParams, ImportPoliciesResult, void>(method);
}

// ---------------------------------------------------------------------------------------------------------------
// Questionnaires

export interface AnswerQuestionnaireParams {
  /** The questionnaire (URI of `questionnaires/<name>.yaml`). */
  uri: string;
  /** Redraft earlier drafts too (a person's answers are never touched). */
  redraft?: boolean;
  /** Token for work-done progress. */
  workDoneToken?: string | number;
}

export interface AnswerQuestionnaireResult {
  /** Questions given a new draft from the policies. */
  drafted: number;
  /** Questions answered from an accepted answer of another questionnaire. */
  reused: number;
  /** Questions left as they were (a person's answer, or an earlier draft). */
  kept: number;
  /** Drafted or reused answers that cite at least one policy section. */
  cited: number;
}

/** Drafts answers for a questionnaire's unanswered questions from the policies and writes the file (or the open editor's text). */
export namespace AnswerQuestionnaireRequest {
  export const method = 'soc2Policy/answerQuestionnaire';
  export const type = new RequestType<AnswerQuestionnaireParams, AnswerQuestionnaireResult, void>(method);
}

// The questionnaire editor's requests (import, progress, review, accept / reject) live in their own module.
export * from './protocolQuestionnaires';

// ---------------------------------------------------------------------------------------------------------------
// Evidence (Type II)

/**
 * A window's status: the core's (recorded, missing, due, future), with `failed` for a window whose records all
 * say fail or exception, so views can flag it apart from a clean sample.
 */
export type EvidenceWindowStatus = 'recorded' | 'failed' | 'missing' | 'due' | 'future';

export interface EvidenceWindowInfo {
  /** YYYY-MM-DD, inclusive. */
  start: string;
  end: string;
  /** "2026-Q2", "2026-07", or the dates for cron windows. */
  label: string;
  status: EvidenceWindowStatus;
  /** The last day a record is on time (end + grace). */
  dueBy: string;
  /** Record files (URIs) performed inside the window. */
  records: string[];
}

export interface EvidenceObligationInfo {
  id: string;
  /** The policy or procedure declaring it, and the range of its id there. */
  documentUri: string;
  range: Range;
  /** "every quarter", "cron \"0 0 0 15 * *\"", "on event". */
  schedule: string;
  kind?: string;
  owner?: string;
  criteria: string[];
  /** "9 of 12 monthly samples recorded, 1 missing, next due 2026-12-31 (12 in the period)". */
  summary: string;
  /** Empty for event obligations (counted, not scheduled). */
  windows: EvidenceWindowInfo[];
  /** Records (URIs) performed inside the period: the population of an event obligation. */
  recordsInPeriod: string[];
}

export interface RootEvidence {
  rootUri: string;
  name: string;
  /** The audit period; absent without a Type II audit in soc2-policy.yaml (then `obligations` is empty). */
  period?: { start: string; end: string };
  obligations: EvidenceObligationInfo[];
}

export interface EvidenceResult {
  roots: RootEvidence[];
}

/** The evidence calendar (obligation × window) of every root, or of the root `uri` is in. */
export namespace EvidenceRequest {
  export const method = 'soc2Policy/evidence';
  export const type = new RequestType<ScopeParams, EvidenceResult, void>(method);
}

export interface NewEvidenceRecordParams {
  /** A document or folder in the root the record belongs to. Omitted: the root declaring the obligation. */
  uri?: string;
  obligation: string;
  /** YYYY-MM-DD: the day the control ran. */
  performed: string;
  link?: string;
  by?: string;
  result?: 'pass' | 'fail' | 'exception';
}

export interface NewEvidenceRecordResult {
  /** A free path: `evidence/<obligation>/<date>.md`, or `<date>-2.md` and on when that exists. */
  uri: string;
  text: string;
}

/**
 * The file a new evidence record goes to and its text (shared with `soc2-policy evidence record`). The server
 * writes nothing: the client creates the file with a workspace edit that refuses to overwrite.
 */
export namespace NewEvidenceRecordRequest {
  export const method = 'soc2Policy/newEvidenceRecord';
  export const type = new RequestType<NewEvidenceRecordParams, NewEvidenceRecordResult, void>(method);
}

// ---------------------------------------------------------------------------------------------------------------
// Notifications

export interface CoverageChangedParams {
  rootUri: string;
  /** Criteria whose coverage changed; empty when everything may have changed (config reload, indexing done). */
  criteria: string[];
  overall: OverallSummary;
}

/** Sent whenever a root's coverage changes, so views can refresh without polling. */
export namespace CoverageChangedNotification {
  export const method = 'soc2Policy/coverageChanged';
  export const type = new NotificationType<CoverageChangedParams>(method);
}

export interface EvidenceChangedParams {
  rootUri: string;
}

/** Sent when a root's evidence calendar changed (a record, an obligation, the audit period or the day). */
export namespace EvidenceChangedNotification {
  export const method = 'soc2Policy/evidenceChanged';
  export const type = new NotificationType<EvidenceChangedParams>(method);
}

// ---------------------------------------------------------------------------------------------------------------
// Risk register

/** A rating on the risk matrix; `level` is a level id of the matrix. */
export interface RiskRatingInfo {
  likelihood: number;
  impact: number;
  score: number;
  level: string;
}

/** One risk as `risks --format json` gives it, with its file as a URI and where its id is written. */
export interface RiskInfo {
  id: string;
  uri: string;
  range: Range;
  title: string | null;
  owner: string | null;
  treatment: string | null;
  inherent: RiskRatingInfo | null;
  /** The residual rating, or the inherent one when no residual is given. */
  residual: RiskRatingInfo | null;
  nextReview: string | null;
  overdue: boolean;
}

export interface RiskLevelInfo {
  id: string;
  name: string;
  color: string;
  review: string;
}

export interface RiskHeatCell {
  likelihood: number;
  impact: number;
  level: string;
  color: string;
  risks: string[];
}

export interface RootRisks {
  rootUri: string;
  name: string;
  /** The matrix's levels, lowest first. */
  levels: RiskLevelInfo[];
  /** Highest residual rating first. */
  risks: RiskInfo[];
  /** Rows by likelihood (highest first), cells by impact (lowest first). */
  heatMap: { inherent: RiskHeatCell[][]; residual: RiskHeatCell[][] };
}

export interface RisksResult {
  roots: RootRisks[];
}

/** The risk register and heat map of every root, or of the root `uri` is in. */
export namespace RisksRequest {
  export const method = 'soc2Policy/risks';
  export const type = new RequestType<ScopeParams, RisksResult, void>(method);
}

export interface RisksChangedParams {
  rootUri: string;
}

/** Sent when a root's register changed (a risk, the matrix, or the day). */
export namespace RisksChangedNotification {
  export const method = 'soc2Policy/risksChanged';
  export const type = new NotificationType<RisksChangedParams>(method);
}

// ---------------------------------------------------------------------------------------------------------------
// Vendor inventory

/** Why a vendor needs attention, most urgent first, from the findings open on its file; `ok` when there are none. */
export const VENDOR_ATTENTION = ['report-stale', 'review-overdue', 'report-missing', 'other-finding', 'ok'] as const;
export type VendorAttention = (typeof VENDOR_ATTENTION)[number];

/** A criterion a carved-out vendor carries (its CSOCs), and who monitors the vendor. */
export interface CarvedOutCriterionInfo {
  criterion: string;
  title: string | null;
  /** The vendor's controls (CSOCs) that support the criterion. */
  controls: string[];
  /** Approved documents mapping a monitoring criterion that name the vendor (ids); empty: not monitored. */
  monitoredBy: string[];
}

/** One vendor as `vendors --format json` gives it, with its file as a URI, where its id is written and its findings. */
export interface VendorInfo {
  id: string;
  name: string;
  uri: string;
  range: Range;
  criticality: string | null;
  /** `carve-out` or `inclusive` for subservice organizations. */
  method: string | null;
  reportPeriodEnd: string | null;
  /** The SOC 2 report's state today: current, bridged, stale, not-reviewed or none. */
  status: string;
  attention: VendorAttention;
  /** Errors and warnings on the vendor's file, most urgent first. */
  findings: { code: string; message: string; range: Range }[];
  /** Only for `method: carve-out`, in the order the CSOCs name them. */
  carvedOut: CarvedOutCriterionInfo[];
}

export interface RootVendors {
  rootUri: string;
  name: string;
  /** Most urgent attention first, then by criticality (critical first), then by id. */
  vendors: VendorInfo[];
}

export interface VendorsResult {
  roots: RootVendors[];
}

/** The vendor inventory of every root, or of the root `uri` is in. */
export namespace VendorsRequest {
  export const method = 'soc2Policy/vendors';
  export const type = new RequestType<ScopeParams, VendorsResult, void>(method);
}

export interface VendorsChangedParams {
  rootUri: string;
}

/** Sent when a root's inventory changed (a vendor file, its findings, the documents monitoring it, or the day). */
export namespace VendorsChangedNotification {
  export const method = 'soc2Policy/vendorsChanged';
  export const type = new NotificationType<VendorsChangedParams>(method);
}
