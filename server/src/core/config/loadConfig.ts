import type { ErrorObject } from 'ajv';
import { config as validateConfig } from '../../generated/schemaValidators';
import type { Finding, SeveritySetting } from '../types';
import { LineIndex, ownLines } from '../text/lineIndex';
import { parseYaml, ajvErrorPath, pointerToPath, spanForPath, keySpanForPath, nodeAt, spanOf } from '../yaml/yamlSource';
import { defaultConfig, type PolicyConfig } from './config';
import { parseCycle } from '../dates';
import { isSeq } from 'yaml';
import { readAudit, type RawAudit } from './auditConfig';
import { readRiskSettings, readVendorSettings, type RawRisks, type RawVendors } from './riskVendorConfig';

// Compiled at build time from configSchema.json (scripts/compile-catalog.mjs).

export interface ConfigLoadResult {
  config: PolicyConfig;
  findings: Finding[];
}

interface RawConfig {
  scope?: { categories?: string[]; exclusions?: { criteria: string | string[]; reason: string }[] };
  include?: string[];
  exclude?: string[];
  review?: { defaultCycle?: string };
  requiredFields?: string[];
  requiredSections?: Record<string, (string | { heading: string; aliases?: string[] })[]>;
  rules?: Record<string, SeveritySetting>;
  catalogs?: (string | { path: string; id?: string })[];
  vagueCommitment?: { words?: string[]; allow?: string[] };
  audit?: RawAudit;
  risks?: RawRisks;
  vendors?: RawVendors;
  customerResponsibilities?: { customerFacing?: string[] };
}

/**
 * Parses `soc2-policy.yaml`. Errors become `config-invalid` findings on the file; the parts that are valid
 * still apply, so one typo does not switch the whole configuration back to defaults.
 */
export function loadConfig(text: string, file: string, root: string, knownRules: ReadonlySet<string>): ConfigLoadResult {
  const config = { ...defaultConfig(root), file };
  const lines = new LineIndex(text);
  const source = parseYaml(text);
  const findings: Finding[] = [];
  const report = (path: (string | number)[], message: string, atKey = false) => {
    const span = atKey ? keySpanForPath(source, path) : spanForPath(source, path);
    findings.push({ file, code: 'config-invalid', severity: 'error', message, span, range: lines.rangeOf(span) });
  };
  for (const error of source.errors) {
    findings.push({ file, code: 'config-invalid', severity: 'error', message: `YAML error in ${file.split('/').pop()}: ${error.message}`, span: error.span, range: lines.rangeOf(error.span) });
  }
  if (source.errors.length) return { config, findings };

  const raw = (source.data ?? {}) as RawConfig;
  if (!validateConfig(raw)) {
    for (const error of dedupe(validateConfig.errors ?? [])) report(ajvErrorPath(error), describe(error), error.keyword === 'additionalProperties');
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { config, findings };
  }
  // Errors drop only the value they are about: one typo must not switch a whole setting back to its default.
  const errors = validateConfig.errors ?? [];
  const valid = (path: string) => !errors.some((e) => e.instancePath === path || e.instancePath.startsWith(path + '/'));
  const validItems = <T>(list: T[] | undefined, path: string) => (Array.isArray(list) ? list.map((item, index) => ({ item, index })).filter(({ index }) => valid(`${path}/${index}`)) : []);

  if (raw.scope && typeof raw.scope === 'object' && !Array.isArray(raw.scope)) {
    const categories = validItems(raw.scope.categories, '/scope/categories').map(({ item }) => item);
    config.scope = {
      declared: true,
      keySpan: keySpanForPath(source, ['scope']),
      categories: ['security', ...categories.filter((c) => c !== 'security')],
      exclusions: validItems(raw.scope.exclusions, '/scope/exclusions').map(({ item: exclusion, index }) => {
        const criteria = Array.isArray(exclusion.criteria) ? exclusion.criteria : [exclusion.criteria];
        const node = nodeAt(source, ['scope', 'exclusions', index, 'criteria']);
        const spans = criteria.map((_, i) =>
          (isSeq(node) ? spanOf(source, nodeAt(source, ['scope', 'exclusions', index, 'criteria', i])) : spanOf(source, node)) ??
          spanForPath(source, ['scope', 'exclusions', index]),
        );
        const entry = spanOf(source, nodeAt(source, ['scope', 'exclusions', index]));
        return { criteria, reason: exclusion.reason, spans, entryLines: entry && ownLines(lines, entry) };
      }),
    };
    const exclusionsKey = keySpanForPath(source, ['scope', 'exclusions']);
    const exclusionsValue = spanOf(source, nodeAt(source, ['scope', 'exclusions']));
    if (exclusionsKey && exclusionsValue) config.scope.exclusionsLines = ownLines(lines, { start: exclusionsKey.start, end: exclusionsValue.end });
  }
  if (raw.include && valid('/include')) {
    config.include = raw.include;
    config.includeDeclared = true;
  }
  if (raw.exclude && valid('/exclude')) config.exclude = [...config.exclude, ...raw.exclude];
  if (raw.review?.defaultCycle && valid('/review')) {
    if (parseCycle(raw.review.defaultCycle)) config.review = { defaultCycle: raw.review.defaultCycle };
    else report(['review', 'defaultCycle'], `"${raw.review.defaultCycle}" is not a review cycle. Write it like "12 months", "6 weeks" or "1 year".`);
  }
  if (raw.requiredFields && valid('/requiredFields')) config.requiredFields = raw.requiredFields;
  if (raw.requiredSections && valid('/requiredSections')) {
    const sections = new Map(config.requiredSections);
    for (const [type, list] of Object.entries(raw.requiredSections)) {
      sections.set(type, list.map((entry) => (typeof entry === 'string' ? { heading: entry, aliases: [] } : { heading: entry.heading, aliases: entry.aliases ?? [] })));
    }
    config.requiredSections = sections;
  }
  if (raw.rules && typeof raw.rules === 'object' && !Array.isArray(raw.rules)) {
    for (const [code, severity] of Object.entries(raw.rules)) {
      if (!valid(`/rules/${code}`)) continue;
      if (!knownRules.has(code)) {
        const near = [...knownRules].find((k) => k.startsWith(code.split('-')[0]));
        report(['rules', code], `Unknown rule "${code}".${near ? ` Did you mean "${near}"?` : ''} See docs/rules.md for the rule codes.`, true);
        continue;
      }
      config.rules.set(code, severity);
    }
  }
  if (raw.catalogs && valid('/catalogs')) config.catalogs = raw.catalogs.map((c) => (typeof c === 'string' ? { path: c } : c));
  if (raw.vagueCommitment && valid('/vagueCommitment')) config.vagueCommitment = { words: raw.vagueCommitment.words ?? [], allow: raw.vagueCommitment.allow ?? [] };
  if (raw.audit && valid('/audit')) config.audit = readAudit(raw.audit, (path) => keySpanForPath(source, path), (path, message) => report(path, message));
  if (raw.risks && valid('/risks')) config.risks = readRiskSettings(raw.risks, (path) => spanForPath(source, path), report);
  if (raw.vendors && valid('/vendors')) config.vendors = readVendorSettings(raw.vendors, report);
  if (raw.customerResponsibilities?.customerFacing && valid('/customerResponsibilities')) config.customerResponsibilities = { customerFacing: raw.customerResponsibilities.customerFacing };
  return { config, findings };
}

// ajv reports every failed branch of a oneOf; keep the most useful error per location.
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const error of errors) {
    const key = error.instancePath + (error.keyword === 'additionalProperties' ? `/${error.params.additionalProperty}` : '');
    const previous = byPath.get(key);
    if (!previous || previous.keyword === 'oneOf' || previous.keyword === 'type') byPath.set(key, error);
  }
  return [...byPath.values()];
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? pointerToPath(error.instancePath).join('.') : 'The config';
  switch (error.keyword) {
    case 'additionalProperties':
      return `Unknown setting "${error.params.additionalProperty}"${error.instancePath ? ` under ${where}` : ''}. See docs/configuration.md.`;
    case 'enum':
      return `${where} must be one of: ${(error.params.allowedValues as string[]).join(', ')}.`;
    case 'required':
      return `${where} needs "${error.params.missingProperty}".`;
    default:
      return `${where} ${error.message}.`;
  }
}
