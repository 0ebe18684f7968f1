import type { Finding, Severity } from '../types';
import { relativePath } from '../paths';
import { ALL_RULES, docsUrl } from '../rules';
import { RULES_DOCS_URL } from '../rules/rule';

/** The project's home page: the rules reference lives in its repository. */
export const INFORMATION_URI = RULES_DOCS_URL.replace(/\/blob\/.*$/, '');

/** Paths in results are relative to this base, which code-scanning tools resolve to the checkout. */
export const SARIF_URI_BASE = '%SRCROOT%';

export interface SarifOptions {
  root: string;
  /** The tool's version, from package.json. */
  version: string;
  /** `file:` URI of the root, ending in `/`, so consumers outside a checkout can still resolve paths. */
  rootUri?: string;
}

type SarifLevel = 'error' | 'warning' | 'note';

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 log for code scanning. Lines and columns are 1-based; columns count UTF-16 units like LSP. */
export function sarifLog(findings: readonly Finding[], options: SarifOptions): Record<string, unknown> {
  const ruleIndex = new Map(ALL_RULES.map((r, i) => [r.code, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'soc2-policy',
            version: options.version,
            informationUri: INFORMATION_URI,
            rules: ALL_RULES.map((r) => ({
              id: r.code,
              shortDescription: { text: r.summary },
              helpUri: docsUrl(r.code),
              defaultConfiguration: { level: LEVELS[r.defaultSeverity] },
            })),
          },
        },
        ...(options.rootUri ? { originalUriBaseIds: { [SARIF_URI_BASE]: { uri: options.rootUri } } } : {}),
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.code,
          ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) } : {}),
          level: LEVELS[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relativeUri(options.root, f.file), uriBaseId: SARIF_URI_BASE },
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: f.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}

export function renderSarif(findings: readonly Finding[], options: SarifOptions): string {
  return JSON.stringify(sarifLog(findings, options), null, 2) + '\n';
}

/** A relative URI reference: each path segment percent-encoded so spaces and `#` survive. */
function relativeUri(root: string, file: string): string {
  return relativePath(root, file).split('/').map(encodeURIComponent).join('/');
}
