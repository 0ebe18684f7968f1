import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../server/src/protocol';
import { ClientSettings, TODAY_ENV } from './ids';
import { localDate, validDate } from './text/frontMatter';

/** The pinned "today" (setting, else env SOC2_POLICY_TODAY), or undefined to use the real date. */
export function pinnedToday(): string | undefined {
  const setting = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(ClientSettings.today);
  return validDate(setting?.trim()) ?? validDate(process.env[TODAY_ENV]?.trim());
}

/** "Today" as the server judges review dates: the pinned date or the local date. */
export function today(): string {
  return pinnedToday() ?? localDate();
}

export const TODAY_SETTING = `${SETTINGS_SECTION}.${ClientSettings.today}`;
