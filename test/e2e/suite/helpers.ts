/** Polling, the page bridge of run-in-code-server.mjs, and file helpers for the e2e suite. */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { headingSlug } from '../../../server/src/core/questionnaires/sections';

export const EXTENSION_ID = 'soc2-policy-studio.soc2-policy-studio';

/** Set only under run-in-code-server.mjs: page-level checks and screenshots need it. */
export const controlDir = process.env.SOC2_E2E_CONTROL_DIR;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `probe` returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  let last: unknown;
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** `promise`, or a failure naming `what` after `timeoutMs`. */
export async function within<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function answer(file: string, what: string, timeoutMs: number): Promise<{ ok: boolean; value?: unknown; error?: string }> {
  const text = await waitFor(`the launcher to answer ${what}`, () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined), timeoutMs);
  return JSON.parse(text);
}

export interface PageRequest {
  action: 'click' | 'waitFor' | 'count' | 'text' | 'press' | 'type' | 'hover' | 'inViewport' | 'screenshot';
  selector?: string;
  frames?: string[];
  key?: string;
  /** For `type`. */
  text?: string;
  name?: string;
  timeoutMs?: number;
}

/** Asks the launcher to run one Playwright action in the workbench page. */
export async function page(request: PageRequest): Promise<unknown> {
  if (!controlDir) throw new Error('no page bridge (not running under run-in-code-server.mjs)');
  const id = `req-${randomUUID()}`;
  console.log(`SOC2_PAGE_ACTION ${JSON.stringify({ id, ...request })}`);
  const result = await answer(path.join(controlDir, `${id}.json`), `${request.action} ${request.selector ?? ''}`, (request.timeoutMs ?? 10_000) + 20_000);
  if (!result.ok) throw new Error(`page ${request.action} ${request.selector ?? request.key ?? ''} failed: ${result.error}`);
  return result.value;
}

/** A full-page screenshot into the launcher's screenshot dir (docs/screenshots); a no-op without the bridge. */
export async function screenshot(name: string): Promise<void> {
  if (!controlDir) return;
  const file = path.join(controlDir, `screenshot-${name}.json`);
  fs.rmSync(file, { force: true });
  console.log(`SOC2_SCREENSHOT ${name}`);
  await answer(file, `screenshot ${name}`, 30_000);
}

/** Webviews are two iframes deep in the workbench page. */
export const WEBVIEW_FRAMES = ['iframe.webview.ready', 'iframe#active-frame'];

/** For `waitFor`: an empty list is "not yet". */
export const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function diagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'soc2-policy' && (!code || codeOf(d) === code));
}

/** Position of the first `needle` on a line that starts with `linePrefix`. */
export function positionOf(document: vscode.TextDocument, needle: string, linePrefix = ''): vscode.Position {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    const column = text.indexOf(needle);
    if (text.startsWith(linePrefix) && column >= 0) return new vscode.Position(line, column);
  }
  throw new Error(`"${needle}" not found in ${document.uri.fsPath}`);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/**
 * A questionnaire file a suite writes under questionnaires/ of the open example, and the policy files it edits: the
 * file (and the folder, when the suite made it) is removed before and after, edits are reverted, and any policy text
 * that reached the disk anyway is put back, so the example is left as found.
 */
export class QuestionnaireScratch {
  private root?: vscode.Uri;
  private folderExisted = false;
  private readonly originals = new Map<string, string>();

  constructor(private readonly fileName: string) {}

  /** The workspace folder (set by `prepare`). */
  get workspaceRoot(): vscode.Uri {
    if (!this.root) throw new Error('QuestionnaireScratch.prepare() has not run');
    return this.root;
  }

  get uri(): vscode.Uri {
    return vscode.Uri.joinPath(this.workspaceRoot, 'questionnaires', this.fileName);
  }

  /** In `before`: remembers whether questionnaires/ existed and removes a leftover file. */
  prepare(): void {
    this.root = vscode.workspace.workspaceFolders![0].uri;
    this.folderExisted = fs.existsSync(this.folder());
    this.remove();
  }

  /** Before a test edits a policy file: its text on disk now is what `restore` puts back. */
  remember(file: vscode.Uri): void {
    if (!this.originals.has(file.fsPath)) this.originals.set(file.fsPath, fs.readFileSync(file.fsPath, 'utf8'));
  }

  /**
   * Opens a policy (remembering its text on disk) and inserts a sentence under the heading whose slug is `section`,
   * unsaved: what a person does to a section an answer cites. Returns the edited document.
   */
  async editSection(relative: string, section: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.joinPath(this.workspaceRoot, relative);
    this.remember(uri);
    const policy = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(policy);
    const heading = [...Array(policy.lineCount).keys()].find((line) => {
      const text = policy.lineAt(line).text;
      return /^#{1,6}\s/.test(text) && headingSlug(text.replace(/^#+\s+/, '')) === section;
    });
    if (heading === undefined) throw new Error(`no heading #${section} in ${relative}`);
    await editor.edit((edit) => edit.insert(new vscode.Position(heading + 1, 0), '\nExceptions must be approved by the CISO in writing.\n'));
    return policy;
  }

  /** In `after`. Closing saves dirty editors under test: revert first, then restore what reached the disk anyway. */
  async restore(): Promise<void> {
    await vscode.commands.executeCommand('_workbench.revertAllDirty');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [file, text] of this.originals) if (fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
    this.remove();
  }

  private folder(): string {
    return vscode.Uri.joinPath(this.workspaceRoot, 'questionnaires').fsPath;
  }

  private remove(): void {
    fs.rmSync(this.uri.fsPath, { force: true });
    const folder = this.folder();
    if (!this.folderExisted && fs.existsSync(folder) && !fs.readdirSync(folder).length) fs.rmdirSync(folder);
  }
}
