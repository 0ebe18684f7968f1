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

/** A criterion's status as the core computes it; `reason` says why it is excluded (from soc2-policy.yaml). */
export interface CriterionCoverage extends CriterionStatusFields {
  documents: CoveringDocument[];
}

// Summaries carry no paths, so the core's types are the wire types (a type-only import costs the client nothing).
export type { CategorySummary, OverallSummary } from './core/coverage/coverageModel';
import type { CategorySummary, CriterionStatusFields, OverallSummary } from './core/coverage/coverageModel';
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
  summary: { categories: CategorySummary[]; overall: OverallSummary };
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
