import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  QuestionnairesChangedNotification, QuestionnairesRequest,
  type QuestionAttentionReason, type QuestionnaireInfo, type QuestionnairesResult, type RootQuestionnaires,
} from '../../../server/src/protocol';
import { Commands, ContextKeys, Views } from '../ids';
import { ServerFedTree } from './serverFedTree';

/** Questionnaires, then their questions that need a person (stale, broken citation, unanswered). */
export type QuestionnaireNode =
  | { kind: 'questionnaire'; root: RootQuestionnaires; questionnaire: QuestionnaireInfo }
  | { kind: 'question'; questionnaire: QuestionnaireInfo; question: QuestionnaireInfo['attention'][number] };

/** The questionnaire a command is about: `{uri}` from code and tests, or the tree node its inline button was on. */
export function questionnaireUriOf(args: unknown): string | undefined {
  if (!args || typeof args !== 'object') return undefined;
  const given = args as { uri?: unknown; questionnaire?: { uri?: unknown } };
  const uri = given.uri ?? given.questionnaire?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

/** "12/40 answered · 8 accepted · 2 stale" (and broken citations when there are any). */
export function progressText(q: QuestionnaireInfo): string {
  const parts = [vscode.l10n.t('{0}/{1} answered', q.answered, q.total), vscode.l10n.t('{0} accepted', q.accepted), vscode.l10n.t('{0} stale', q.stale)];
  if (q.broken) parts.push(vscode.l10n.t('{0} broken', q.broken));
  return parts.join(' · ');
}

function reasonText(reason: QuestionAttentionReason): string {
  switch (reason) {
    case 'stale': return vscode.l10n.t('stale');
    case 'broken': return vscode.l10n.t('citation broken');
    case 'unanswered': return vscode.l10n.t('unanswered');
  }
}

const REASON_ICON: Record<QuestionAttentionReason, [string, string]> = {
  stale: ['history', 'editorWarning.foreground'],
  broken: ['error', 'errorForeground'],
  unanswered: ['circle-outline', 'descriptionForeground'],
};

/**
 * The Questionnaires view: each questionnaire with its progress, and under it the questions that need a person.
 * Fetches the list itself and again whenever the server says a root's questionnaires changed.
 */
export class QuestionnaireTree extends ServerFedTree<QuestionnairesResult, QuestionnaireNode> {
  constructor(client: LanguageClient) {
    super(client, { viewId: Views.questionnaires, request: QuestionnairesRequest.type, changed: QuestionnairesChangedNotification.type, presentContextKey: ContextKeys.questionnairesPresent });
  }

  /** Every questionnaire of every root. */
  questionnaires(): { root: RootQuestionnaires; questionnaire: QuestionnaireInfo }[] {
    return this.result?.roots.flatMap((root) => root.questionnaires.map((questionnaire) => ({ root, questionnaire }))) ?? [];
  }

  protected badge(result: QuestionnairesResult): vscode.ViewBadge | undefined {
    const flagged = this.questionnaires().reduce((n, { questionnaire: q }) => n + q.stale + q.broken, 0);
    return flagged ? { value: flagged, tooltip: vscode.l10n.t('{0} answers cite sections that changed or are gone', flagged) } : undefined;
  }

  protected present(result: QuestionnairesResult): boolean {
    return this.questionnaires().length > 0;
  }

  getChildren(node?: QuestionnaireNode): QuestionnaireNode[] {
    if (!node) return this.questionnaires().map(({ root, questionnaire }) => ({ kind: 'questionnaire', root, questionnaire }));
    if (node.kind !== 'questionnaire') return [];
    return node.questionnaire.attention.map((question) => ({ kind: 'question', questionnaire: node.questionnaire, question }));
  }

  getParent(node: QuestionnaireNode): QuestionnaireNode | undefined {
    if (node.kind === 'questionnaire') return undefined;
    const found = this.questionnaires().find(({ questionnaire }) => questionnaire.uri === node.questionnaire.uri);
    return found && { kind: 'questionnaire', ...found };
  }

  /** Shows a questionnaire in the view with its questions expanded (tests, and links from other views). */
  async reveal(uri: string): Promise<boolean> {
    const found = this.questionnaires().find(({ questionnaire }) => questionnaire.uri === uri);
    if (!found) return false;
    await this.view.reveal({ kind: 'questionnaire', ...found }, { select: true, focus: false, expand: true });
    return true;
  }

  getTreeItem(node: QuestionnaireNode): vscode.TreeItem {
    return node.kind === 'questionnaire' ? this.questionnaireItem(node.root, node.questionnaire) : this.questionItem(node.questionnaire, node.question);
  }

  private questionnaireItem(root: RootQuestionnaires, q: QuestionnaireInfo): vscode.TreeItem {
    const state = !q.attention.length ? vscode.TreeItemCollapsibleState.None : q.stale || q.broken ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(q.name, state);
    item.id = q.uri;
    const multiRoot = (this.result?.roots.filter((r) => r.questionnaires.length).length ?? 0) > 1;
    item.description = multiRoot ? `${progressText(q)} · ${root.name}` : progressText(q);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(vscode.workspace.asRelativePath(vscode.Uri.parse(q.uri)));
    if (q.problem) tooltip.appendText('\n\n' + vscode.l10n.t('Problem: {0}', q.problem));
    tooltip.appendText('\n\n' + vscode.l10n.t('Click to review the answers beside the sections they cite.'));
    item.tooltip = tooltip;
    const done = q.total > 0 && q.accepted === q.total;
    item.iconPath = q.problem || q.broken ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
      : q.stale ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'))
        : new vscode.ThemeIcon(done ? 'pass-filled' : 'checklist', done ? new vscode.ThemeColor('testing.iconPassed') : undefined);
    item.contextValue = 'questionnaire';
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1}', q.name, String(item.description)) };
    item.command = { command: Commands.reviewQuestionnaire, title: vscode.l10n.t('Review Answers'), arguments: [{ uri: q.uri }] };
    return item;
  }

  private questionItem(q: QuestionnaireInfo, question: QuestionnaireInfo['attention'][number]): vscode.TreeItem {
    const item = new vscode.TreeItem(question.id, vscode.TreeItemCollapsibleState.None);
    item.id = `${q.uri}#${question.reason}#${question.id}`;
    item.description = `${reasonText(question.reason)} · ${question.question}`;
    item.tooltip = `${question.id}: ${question.question}`;
    const [icon, color] = REASON_ICON[question.reason];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = `question.${question.reason}`;
    const { start, end } = question.range;
    item.command = {
      command: 'vscode.open', title: vscode.l10n.t('Open'),
      arguments: [vscode.Uri.parse(q.uri), { selection: new vscode.Range(start.line, start.character, end.line, end.character) } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }
}
