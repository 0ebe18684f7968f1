import { CodeLensRefreshRequest, type CancellationToken, type CodeLens, type CodeLensParams, type Connection } from 'vscode-languageserver';
import { ClientCommands } from '../protocol';
import type { RootChange } from '../session/session';
import { throwIfCancelled, type FeatureContext } from './common';
import { evidenceLenses } from './evidenceLens';

/** "Covers 5 criteria · 2 findings" above the front matter, and a count of samples on each evidence obligation. */
export async function provideCodeLenses(ctx: FeatureContext, params: CodeLensParams, token?: CancellationToken): Promise<CodeLens[]> {
  const target = await ctx.session.target(params.textDocument.uri);
  throwIfCancelled(token);
  if (!target?.doc) return [];
  if (!(await ctx.session.settings.get(target.root.folderUri)).codeLens.enable) return [];
  const covers = target.root.coverage()?.criteria.filter((c) => c.documents.some((d) => d.file === target.file)).length ?? 0;
  const findings = target.analyzer.findings(target.file).length;
  const title = `Covers ${covers} ${covers === 1 ? 'criterion' : 'criteria'} · ${findings} ${findings === 1 ? 'finding' : 'findings'}`;
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [{ range, command: { title, command: ClientCommands.showDocumentCoverage, arguments: [target.uri] } }, ...evidenceLenses(target)];
}

/** Asks the client to re-request lenses when coverage changed elsewhere (a lens counts other documents' work too). */
export class CodeLensFeature {
  private queued = false;

  constructor(
    private readonly connection: Connection,
    private readonly ctx: FeatureContext,
  ) {}

  register(): void {
    this.connection.onCodeLens((params, token) => provideCodeLenses(this.ctx, params, token));
    if (this.ctx.client.codeLensRefresh) this.ctx.session.onDidChange((change) => this.changed(change));
  }

  private changed(change: RootChange): void {
    // A new or edited evidence record names every obligation's document among its files, so obligation lenses refresh too.
    if (change.kind === 'update' && !change.coverageChanged.length && change.files.length <= 1) return;
    if (this.queued) return;
    this.queued = true;
    setImmediate(() => {
      this.queued = false;
      this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    });
  }
}
