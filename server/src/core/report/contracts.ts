/**
 * The JSON shapes `soc2-policy` prints. Users script against them (see the README), so fields are only ever added.
 * Positions are zero-based with UTF-16 characters, as in LSP; files are relative to the workspace root.
 */
import type { Range, Severity } from '../types';
import type { CoverageModel, CriterionStatusFields } from '../coverage/coverageModel';
import type { MappingNote, PointOfFocusScope, PrivacyRole } from '../catalog/catalog';

export interface FindingsJson {
  findings: FindingJson[];
}

export interface FindingJson {
  file: string;
  code: string;
  severity: Severity;
  message: string;
  range: Range;
}

export interface CoverageJson {
  criteria: CriterionJson[];
  summary: CoverageModel['summary'];
}

export interface CriterionJson extends CriterionStatusFields {
  documents: CoverageDocumentJson[];
}

export interface CoverageDocumentJson {
  file: string;
  id: string;
  title: string;
  status: string;
  locations: { kind: 'frontmatter' | 'section'; line: number; character: number; section?: string }[];
}

export interface CatalogJson {
  catalogs: {
    id: string;
    title: string;
    edition?: string;
    indicative: boolean;
    categories: { id: string; title: string; description?: string }[];
    series: { id: string; title: string; category?: string }[];
    controls: ControlJson[];
  }[];
  templates: TemplateJson[];
  rules: RuleJson[];
}

export interface ControlJson {
  id: string;
  title: string;
  category?: string;
  series?: string;
  description: string;
  coso?: number;
  pointsOfFocus: { id: string; title: string; summary: string; appliesTo?: PointOfFocusScope[]; roles?: PrivacyRole[] }[];
  mappings: Record<string, string[]>;
  /** Reasons for the mappings, and the curated removals, when the catalog gives them. */
  mappingNotes?: Record<string, Record<string, MappingNote>>;
}

export interface TemplateJson {
  id: string;
  title: string;
  type: string;
  summary: string;
  suggestedCriteria: string[];
  sections: { heading: string; aliases: string[]; controls?: string[]; optional?: boolean }[];
}

export interface RuleJson {
  code: string;
  defaultSeverity: Severity;
  summary: string;
  helpUri: string;
}
