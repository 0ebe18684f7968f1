import type { CatalogArgs } from '../args';
import { catalogJson } from '../../core/report/catalogJson';
import { renderCatalogText } from '../../core/report/catalogText';
import { EXIT_CLEAN } from '../errors';
import { builtinContent } from '../session';
import type { Terminal } from '../terminal';

/** `soc2-policy catalog`: the built-in catalogs, templates and rules. */
export async function runCatalog(args: CatalogArgs, terminal: Terminal): Promise<number> {
  const builtins = await builtinContent();
  if (args.format === 'json') terminal.stdout.write(JSON.stringify(catalogJson(builtins.catalogs, builtins.templates), null, 2) + '\n');
  else terminal.stdout.write(renderCatalogText(builtins.catalogs));
  return EXIT_CLEAN;
}
