import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import type { RequestType } from 'vscode-languageserver-protocol';

/**
 * Sends a request that reports work-done progress, and shows its reports in a notification titled `title`.
 * The server runs the work; the extension host only relays progress, so it never blocks.
 */
export function requestWithProgress<P extends { workDoneToken?: string | number }, R>(client: LanguageClient, type: RequestType<P, R, void>, params: Omit<P, 'workDoneToken'>, title: string): Thenable<R> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
    const workDoneToken = `soc2-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    let reported = 0;
    const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind === 'end') return;
      const percentage = value.percentage ?? reported;
      progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
      reported = Math.max(reported, percentage);
    });
    try {
      return await client.sendRequest<R>(type.method, { ...params, workDoneToken });
    } finally {
      listening.dispose();
    }
  });
}
