import * as path from 'node:path';
import type { ImportArgs } from '../existingPolicyArgs';
import { importPolicies } from '../../import/importPolicies';
import { CliError, EXIT_CLEAN, EXIT_USAGE } from '../errors';
import { progressOn } from '../progress';
import type { Terminal } from '../terminal';

/** `soc2-policy import`: Word, HTML, text and untagged Markdown to policy documents. Exit 2 when any input could not be imported. */
export async function runImport(args: ImportArgs, terminal: Terminal): Promise<number> {
  const outDir = path.resolve(terminal.cwd, args.out ?? 'policies');
  const inputs = args.inputs.map((input) => path.resolve(terminal.cwd, input));
  const progress = progressOn(terminal.stderr, 'Importing');
  let result;
  try {
    result = await importPolicies({ inputs, outDir, type: args.type, force: args.force }, (done, total) => progress.update(done, total));
  } finally {
    progress.finish();
  }
  const shown = (file: string) => path.relative(terminal.cwd, file) || '.';
  for (const item of result.written) {
    terminal.stdout.write(`Wrote ${shown(item.file)} (${item.type}: ${item.title}) from ${shown(item.source)}\n`);
    for (const note of item.notConverted) terminal.stdout.write(`  not converted: ${note}\n`);
  }
  for (const item of result.exists) terminal.stderr.write(`soc2-policy: ${shown(item.file)} already exists; not overwritten (use --force to replace it)\n`);
  for (const item of result.failed) terminal.stderr.write(`soc2-policy: ${shown(item.source)} ${item.reason}\n`);
  if (!result.written.length && !result.exists.length && !result.failed.length) throw new CliError('found no .docx, .html, .htm, .txt or .md files to import');
  if (result.written.length) terminal.stdout.write(`Next: run 'soc2-policy suggest ${shown(outDir)}' to see which criteria they address.\n`);
  return result.failed.length || result.exists.length ? EXIT_USAGE : EXIT_CLEAN;
}
