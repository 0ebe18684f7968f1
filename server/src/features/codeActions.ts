import {
  CodeActionKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding, TextEdit as CoreTextEdit } from '../core/types';
import { ACCEPT_ANSWER_KIND, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, MAP_SUGGESTED_KIND, type DiagnosticData, type DiagnosticFix } from '../protocol';
import type { DocumentTarget } from '../session/session';
import { throwIfCancelled, type FeatureContext } from './common';
import { mapSuggestedActions } from './suggestions';
import { acceptAnswerActions } from './questionnaireReview';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND, MAP_SUGGESTED_KIND, ACCEPT_ANSWER_KIND];

const FIX_ALL_TITLE = 'Fix all auto-fixable SOC 2 policy problems';

/** Data of an unresolved fix-all action. */
interface FixAllData {
  uri: string;
  version?: number;
}

/** Every core fix of the diagnostics in context as a quick fix, and fix-all as `source.fixAll.soc2Policy`. */
export async function provideCodeActions(ctx: FeatureContext, params: CodeActionParams, token?: CancellationToken): Promise<CodeAction[]> {
  if (!ctx.client.codeActionLiterals) return [];
  const target = await ctx.session.target(params.textDocument.uri);
  throwIfCancelled(token);
  if (!target) return [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const findings = target.analyzer.findings(target.file);
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics ?? []) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      for (const fix of fixesOf(ctx, diagnostic, findings, target)) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: fix.edit ?? workspaceEdit(ctx, target, fix.edits) });
      }
    }
  }
  if (wants(MAP_SUGGESTED_KIND)) actions.push(...mapSuggestedActions(target, params, (edits) => workspaceEdit(ctx, target, edits)));
  if (wants(ACCEPT_ANSWER_KIND)) actions.push(...acceptAnswerActions(target, params.range, (edits) => workspaceEdit(ctx, target, edits)));
  // Offered unasked only when there is something to fix: computing it re-checks the document.
  const explicit = !!only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(k + '.'));
  if (target.doc && wants(FIX_ALL_KIND) && (explicit || findings.some((f) => f.fixes?.some((x) => x.preferred)))) {
    if (ctx.client.codeActionResolve && !explicit) {
      actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data: { uri: target.uri, version: target.version } satisfies FixAllData });
    } else {
      const edit = fixAllEdit(ctx, target);
      if (edit) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit });
    }
  }
  return actions;
}

/** Computes the edit of a fix-all action offered without one. */
export async function resolveCodeAction(ctx: FeatureContext, action: CodeAction): Promise<CodeAction> {
  const data = action.data as FixAllData | undefined;
  if (action.kind !== FIX_ALL_KIND || !data?.uri) return action;
  const target = await ctx.session.target(data.uri);
  if (!target || (data.version !== undefined && target.version !== data.version)) return action;
  return { ...action, edit: fixAllEdit(ctx, target) ?? { changes: {} } };
}

/**
 * The fixes of a diagnostic: from the fresh finding at the same place when there is one (the client's copy may be
 * a version behind), else from the diagnostic's data when it was computed on the current version.
 */
function fixesOf(ctx: FeatureContext, diagnostic: Diagnostic, findings: Finding[], target: DocumentTarget): (DiagnosticFix & { edit?: WorkspaceEdit })[] {
  const finding = findings.find((f) => f.code === diagnostic.code && f.message === diagnostic.message && sameRange(f.range, diagnostic.range));
  if (finding) {
    return (finding.fixes ?? []).flatMap((fix) => {
      if (fix.edits.some((e) => e.file !== undefined && e.file !== target.file)) {
        const edit = multiFileEdit(ctx, target, fix.edits);
        return edit ? [{ title: fix.title, preferred: !!fix.preferred, edits: [], edit }] : [];
      }
      return [{ title: fix.title, preferred: !!fix.preferred, edits: fix.edits.map((e) => ({ range: target.lines.rangeOf(e.span), newText: e.newText })) }];
    });
  }
  const data = diagnostic.data as DiagnosticData | undefined;
  return data && Array.isArray(data.fixes) && data.version !== undefined && data.version === target.version ? data.fixes : [];
}

function fixAllEdit(ctx: FeatureContext, target: DocumentTarget): WorkspaceEdit | undefined {
  const fixed = target.analyzer.fixText(target.file, target.text).text;
  if (fixed === target.text) return undefined;
  return workspaceEdit(ctx, target, [minimalEdit(target, fixed)]);
}

/** One edit covering only what changed, so the cursor and folding outside it stay put. */
function minimalEdit(target: DocumentTarget, fixed: string): TextEdit {
  const before = target.text;
  let start = 0;
  while (start < before.length && start < fixed.length && before[start] === fixed[start]) start++;
  let end = 0;
  while (end < before.length - start && end < fixed.length - start && before[before.length - 1 - end] === fixed[fixed.length - 1 - end]) end++;
  return { range: target.lines.rangeOf({ start, end: before.length - end }), newText: fixed.slice(start, fixed.length - end) };
}

function workspaceEdit(ctx: FeatureContext, target: DocumentTarget, edits: TextEdit[]): WorkspaceEdit {
  if (ctx.client.documentChanges && target.version !== undefined) {
    return { documentChanges: [{ textDocument: { uri: target.uri, version: target.version }, edits }] };
  }
  return { changes: { [target.uri]: edits } };
}

/** A fix that also edits other analysed files (a carve-out moved from soc2-policy.yaml to a vendor file). */
function multiFileEdit(ctx: FeatureContext, target: DocumentTarget, edits: readonly CoreTextEdit[]): WorkspaceEdit | undefined {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) {
    const file = edit.file ?? target.file;
    const lines = file === target.file ? target.lines : target.analyzer.document(file)?.lines;
    if (!lines) return undefined;
    byFile.set(file, [...(byFile.get(file) ?? []), { range: lines.rangeOf(edit.span), newText: edit.newText }]);
  }
  if (ctx.client.documentChanges) {
    return {
      documentChanges: [...byFile].map(([file, fileEdits]) => ({
        textDocument: { uri: ctx.session.uris.uriOf(file), version: file === target.file ? (target.version ?? null) : null },
        edits: fileEdits,
      })),
    };
  }
  return { changes: Object.fromEntries([...byFile].map(([file, fileEdits]) => [ctx.session.uris.uriOf(file), fileEdits])) };
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function registerCodeActions(connection: Connection, ctx: FeatureContext): void {
  connection.onCodeAction((params, token) => provideCodeActions(ctx, params, token));
  connection.onCodeActionResolve((action) => resolveCodeAction(ctx, action));
}
