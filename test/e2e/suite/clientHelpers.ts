/** Scenario selection and workbench helpers (notifications, quick picks, the status bar) for the client e2e tests. */
import * as assert from 'node:assert/strict';
import type Mocha from 'mocha';
import * as vscode from 'vscode';
import type { Soc2PolicyApi } from '../../../client/src/extension';
import { EXTENSION_ID, page, waitFor } from './helpers';

/** Folders the launcher opens (test/e2e/scenarios.mjs); unset (run-in-electron) means the example workspace. */
export const SCENARIOS = ['acme-saas', 'new-user', 'restricted', 'acme-type2'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export function currentScenario(): Scenario {
  const name = process.env.SOC2_E2E_SCENARIO;
  return SCENARIOS.find((s) => s === name) ?? 'acme-saas';
}

/** `[new-user]` in a suite title runs it only in that scenario; untagged suites run only on the example workspace. */
export const tag = (scenario: Exclude<Scenario, 'acme-saas'>) => `[${scenario}]`;

export function selectScenario(mocha: Mocha): void {
  const scenario = currentScenario();
  if (scenario === 'acme-saas') mocha.grep(new RegExp(`\\[(${SCENARIOS.filter((s) => s !== 'acme-saas').join('|')})\\]`)).invert();
  else mocha.grep(new RegExp(`\\[${scenario}\\]`));
}

/** The extension's API once its server answered: coverage fetched, no (re)start pending. */
export async function readyApi(): Promise<Soc2PolicyApi> {
  const extension = vscode.extensions.getExtension<Soc2PolicyApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  // An earlier suite may have just changed settings that restart the server: wait for that too.
  await waitFor('the language server to run', async () => { await api.server.whenIdle(); return api.client.isRunning(); }, 90_000);
  await waitFor('a coverage snapshot', () => api.coverage.refresh(), 60_000);
  return api;
}

/** Requests the server's diagnostics of a file directly (pull), whether or not an editor shows it. */
export async function pulledCodes(api: Soc2PolicyApi, uri: vscode.Uri): Promise<string[]> {
  const report = await api.client.sendRequest<{ items?: { code?: string | number }[] }>('textDocument/diagnostic', { textDocument: { uri: uri.toString() } });
  return (report.items ?? []).map((d) => String(d.code));
}

const TOASTS = '.notifications-toasts .notification-toast';

/** Waits for a notification whose text contains `text`; returns its text. */
export async function notification(text: string): Promise<string> {
  return String(await page({ action: 'text', selector: `${TOASTS}:has-text(${JSON.stringify(text)}) .notification-list-item-message`, timeoutMs: 15_000 }));
}

/** Clicks a button of a visible notification. */
export async function clickNotificationButton(label: string): Promise<void> {
  await page({ action: 'click', selector: `${TOASTS} .monaco-button:has-text(${JSON.stringify(label)})`, timeoutMs: 15_000 });
}

export const QUICK_INPUT = '.quick-input-widget';

/** The labels of the visible quick pick's rows. */
export async function quickPickLabels(): Promise<string> {
  await page({ action: 'waitFor', selector: `${QUICK_INPUT} .quick-input-list .monaco-list-row`, timeoutMs: 15_000 });
  return String(await page({ action: 'text', selector: `${QUICK_INPUT} .quick-input-list` }));
}

export async function pickRow(label: string): Promise<void> {
  await page({ action: 'click', selector: `${QUICK_INPUT} .quick-input-list .monaco-list-row:has-text(${JSON.stringify(label)})`, timeoutMs: 15_000 });
}

export const STATUS_ITEM = '.statusbar-item:has-text("SOC 2")';

/** The text of the output panel's visible editor (the channel shown last), with wrapped lines joined. */
export async function outputText(): Promise<string> {
  await page({ action: 'waitFor', selector: '.part.panel .monaco-editor .view-lines', timeoutMs: 15_000 });
  return String(await page({ action: 'text', selector: '.part.panel .monaco-editor .view-lines' })).replace(/\s+/g, ' ');
}
