import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RegisterArgs } from '../registerArgs';
import { formatDate, today as systemToday } from '../../core/dates';
import { relativePath } from '../../core/paths';
import { buildRiskRegister } from '../../core/risks/riskRegister';
import { RISK_KIND } from '../../core/risks/riskKind';
import type { RiskFacts } from '../../core/risks/riskFacts';
import { VENDOR_KIND } from '../../core/vendors/vendorKind';
import type { VendorFacts } from '../../core/vendors/vendorFacts';
import { renderRiskCsv, renderRiskHtml, renderRiskMarkdown, renderRiskText, riskJson, type RiskReportInput } from '../../core/report/riskReport';
import { renderVendorCsv, renderVendorHtml, renderVendorMarkdown, renderVendorText, vendorJson, vendorRows } from '../../core/report/vendorReport';
import { CliError, EXIT_CLEAN } from '../errors';
import { openAnalyzer } from '../session';
import type { Terminal } from '../terminal';
import { locateWorkspace } from '../workspaceRoot';

/** `soc2-policy risks` (register and heat maps) and `soc2-policy vendors` (inventory and report status). */
export async function runRegister(args: RegisterArgs, terminal: Terminal): Promise<number> {
  const location = locateWorkspace(terminal.cwd, args.paths, args.config);
  const day = args.today ?? systemToday();
  const analyzer = await openAnalyzer(location, terminal, day);
  const relative = (file: string) => relativePath(analyzer.root, file);
  let output: string;
  if (args.command === 'risks') {
    const input: RiskReportInput = { register: buildRiskRegister(analyzer.kindFacts<RiskFacts>(RISK_KIND).values(), analyzer.currentConfig.risks.matrix, day), relative, generated: formatDate(day) };
    const render = { text: renderRiskText, json: (i: RiskReportInput) => JSON.stringify(riskJson(i), null, 2) + '\n', csv: renderRiskCsv, markdown: renderRiskMarkdown, html: renderRiskHtml }[args.format];
    output = render(input);
  } else {
    const rows = vendorRows(analyzer.kindFacts<VendorFacts>(VENDOR_KIND).values(), day);
    output = { text: () => renderVendorText(rows), json: () => JSON.stringify(vendorJson(rows, relative), null, 2) + '\n', csv: () => renderVendorCsv(rows, relative), markdown: () => renderVendorMarkdown(rows), html: () => renderVendorHtml(rows) }[args.format]();
  }
  if (args.output === undefined) {
    terminal.stdout.write(output);
    return EXIT_CLEAN;
  }
  try {
    await fs.writeFile(path.resolve(terminal.cwd, args.output), output, 'utf8');
  } catch (error) {
    throw new CliError(`cannot write ${args.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  terminal.stderr.write(`Wrote ${args.format} ${args.command} report to ${args.output}\n`);
  return EXIT_CLEAN;
}
