/** Pure report renderers shared by the CLI and the language server's report request. No fs, no process. */
export type * from './contracts';
export { coverageReportOf, type CoverageReport } from './coverageReport';
export { findingsJson } from './findingsJson';
export { coverageJson } from './coverageJson';
export { catalogJson } from './catalogJson';
export { renderSarif, sarifLog, type SarifOptions } from './sarif';
export { renderCoverageMarkdown } from './coverageMarkdown';
export { renderCoverageCsv } from './coverageCsv';
export { renderCoverageHtml } from './coverageHtml';
export { renderCoverageText } from './coverageText';
export { renderCatalogText } from './catalogText';
