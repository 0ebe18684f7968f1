import type { SeveritySetting, Span } from '../types';
import type { AuditSettings } from './auditConfig';
import { defaultRiskSettings, defaultVendorSettings, type RiskSettings, type VendorSettings } from './riskVendorConfig';

export interface RequiredSection {
  heading: string;
  aliases: string[];
  /** Guidance for the placeholder a fix inserts. */
  guidance?: string;
}

export interface ScopeExclusion {
  criteria: string[];
  reason: string;
  /** Where each criterion is listed in the config, for findings. */
  spans: Span[];
  /** The lines of this entry of `exclusions`, when it has lines of its own (quick fixes remove it). */
  entryLines?: Span;
}

/** The effective workspace configuration after defaults are applied. */
export interface PolicyConfig {
  root: string;
  /** The config file, when one exists. */
  file?: string;
  scope: {
    categories: string[];
    /** False when no config declares the scope: it is then inferred from what documents map. */
    declared: boolean;
    exclusions: ScopeExclusion[];
    /** The `scope` key in soc2-policy.yaml, where gaps are reported. */
    keySpan?: Span;
    /** The lines of `exclusions:` and all its entries, when they have lines of their own. */
    exclusionsLines?: Span;
  };
  include: string[];
  /** True when the config lists include globs: matching files are policy documents even without mappings. */
  includeDeclared: boolean;
  exclude: string[];
  review: { defaultCycle: string };
  requiredFields: string[];
  /** Maps, not objects: keys are user text (a type named "constructor" must not reach the prototype). */
  requiredSections: ReadonlyMap<string, RequiredSection[]>;
  rules: Map<string, SeveritySetting>;
  /** Extra catalog files, relative to the root. */
  catalogs: CatalogReference[];
  /** vague-commitment: phrases to flag on top of the built-in list, and built-in phrases to allow. */
  vagueCommitment: { words: string[]; allow: string[] };
  /** soc2-policy.yaml `audit:` when valid: turns on the period-aware and evidence rules. */
  audit?: AuditSettings;
  /** The risk register: appetite and matrix (soc2-policy.yaml `risks:`). */
  risks: RiskSettings;
  /** Vendors and subservice organizations (soc2-policy.yaml `vendors:`). */
  vendors: VendorSettings;
  /** soc2-policy.yaml `customerResponsibilities:`: globs of the customer-facing documents; empty means the default rule. */
  customerResponsibilities: { customerFacing: string[] };
}

export interface CatalogReference {
  path: string;
  /** The catalog id; OSCAL catalogs default to the file name. */
  id?: string;
}

export const DOCUMENT_TYPES = ['policy', 'procedure', 'standard', 'plan', 'narrative'] as const;
export const DOCUMENT_STATUSES = ['draft', 'in-review', 'approved', 'retired'] as const;
export const CONFIG_FILE_NAME = 'soc2-policy.yaml';

const section = (heading: string, ...aliases: string[]): RequiredSection => ({ heading, aliases });

/** Built-in required sections per document type (documented in docs/configuration.md). */
export const DEFAULT_REQUIRED_SECTIONS: ReadonlyMap<string, RequiredSection[]> = new Map(Object.entries({
  policy: [
    section('Purpose', 'Objective', 'Objectives', 'Introduction'),
    section('Scope', 'Applicability'),
    section('Roles and Responsibilities', 'Responsibilities', 'Roles', 'Ownership'),
    section('Policy', 'Policy Statement', 'Policy Statements', 'Requirements'),
    section('Exceptions', 'Exception Process', 'Exception Handling'),
    section('Enforcement', 'Compliance', 'Violations', 'Sanctions'),
    section('Review', 'Policy Review', 'Review and Maintenance', 'Document Review', 'Revision History'),
  ],
  procedure: [
    section('Purpose', 'Objective', 'Objectives'),
    section('Scope', 'Applicability'),
    section('Roles and Responsibilities', 'Responsibilities', 'Roles'),
    section('Procedure', 'Steps', 'Process'),
    section('Evidence', 'Records', 'Evidence and Records'),
  ],
  standard: [
    section('Purpose', 'Objective'),
    section('Scope', 'Applicability'),
    section('Standard', 'Requirements', 'Standards'),
    section('Exceptions', 'Exception Process'),
    section('Review', 'Review and Maintenance'),
  ],
  plan: [
    section('Purpose', 'Objective', 'Objectives'),
    section('Scope', 'Applicability'),
    section('Roles and Responsibilities', 'Responsibilities', 'Roles', 'Team'),
    section('Plan', 'Plan Overview'),
    section('Testing', 'Exercises', 'Plan Testing'),
    section('Review', 'Plan Review', 'Review and Maintenance'),
  ],
  narrative: [],
}));

/** strongdm/comply documents follow comply's own outline; only the essentials are required. */
export const COMPLY_REQUIRED_SECTIONS: ReadonlyMap<string, RequiredSection[]> = new Map(Object.entries({
  policy: [section('Purpose'), section('Scope'), section('Policy')],
  procedure: [],
  standard: [],
  plan: [],
  narrative: [],
}));

export function defaultConfig(root: string): PolicyConfig {
  return {
    root,
    scope: { categories: ['security'], declared: false, exclusions: [] },
    include: ['**/*.md'],
    includeDeclared: false,
    exclude: ['**/node_modules/**', '**/.git/**', '**/CHANGELOG.md', '**/README.md'],
    review: { defaultCycle: '12 months' },
    requiredFields: ['title', 'owner'],
    requiredSections: DEFAULT_REQUIRED_SECTIONS,
    rules: new Map(),
    catalogs: [],
    vagueCommitment: { words: [], allow: [] },
    risks: defaultRiskSettings(),
    vendors: defaultVendorSettings(),
    customerResponsibilities: { customerFacing: [] },
  };
}
