import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { QuestionnaireReviewRequest, type QuestionnaireReviewResult } from '../../../server/src/protocol';
import { Commands, QUESTIONNAIRE_PANEL_VIEW_TYPE } from '../ids';
import { questionnaireUriOf, type QuestionnaireTree } from './questionnaireTree';
import { renderReviewBody, renderReviewPage, type ReviewViewModel } from './questionnairePanelHtml';
import { WebviewPanelHost } from './webviewPanel';

/** Everything the page may send; anything else is ignored (the page shows a customer's text, so trust nothing). */
type PageMessage =
  | { type: 'ready' }
  | { type: 'accept' | 'reject' | 'edit'; id?: string }
  | { type: 'answer' }
  | { type: 'open'; uri: string; line: number };

function parseMessage(raw: unknown): PageMessage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  const id = typeof m.id === 'string' && m.id.length <= 200 ? m.id : undefined;
  switch (m.type) {
    case 'ready': return { type: 'ready' };
    case 'answer': return { type: 'answer' };
    case 'accept': case 'reject': return id ? { type: m.type, id } : undefined;
    case 'edit': return { type: 'edit', id };
    case 'open': return typeof m.uri === 'string' ? { type: 'open', uri: m.uri, line: Number.isInteger(m.line) ? Number(m.line) : 0 } : undefined;
    default: return undefined;
  }
}

/**
 * "Review Answers": one questionnaire's questions with the drafted answer beside the text of the sections it cites,
 * and Accept / Reject / Edit per question. One panel; reviewing another questionnaire shows that one in it. It
 * re-renders when the Questionnaires view learns that something changed (an answer, a cited section).
 */
export class QuestionnairePanel implements vscode.Disposable {
  private host: WebviewPanelHost | undefined;
  private uri: string | undefined;
  private model: ReviewViewModel = { loading: true };
  private generation = 0;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: LanguageClient, tree: QuestionnaireTree) {
    this.disposables = [tree.onDidChangeTreeData(() => void this.reload())];
  }

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.host?.panel;
  }

  /** What the panel shows now (tests). */
  get current(): QuestionnaireReviewResult | undefined {
    return this.model.review;
  }

  async show(uri: string): Promise<vscode.WebviewPanel> {
    if (this.uri !== uri) this.model = { loading: true };
    this.uri = uri;
    const host = (this.host ??= this.create());
    host.panel.reveal();
    host.panel.title = vscode.l10n.t('Review Answers: {0}', vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
    host.showPage();
    await this.reload();
    return host.panel;
  }

  private create(): WebviewPanelHost {
    return new WebviewPanelHost(this.extensionUri, QUESTIONNAIRE_PANEL_VIEW_TYPE, vscode.l10n.t('Review Answers'), {
      script: 'questionnairePanel.js',
      page: ({ mediaUri, ...resources }) => renderReviewPage({ ...resources, styleUri: mediaUri('questionnairePanel.css'), baseStyleUri: mediaUri('gapPanel.css') }, renderReviewBody(this.model, vscode.l10n.t), vscode.l10n.t),
      body: () => renderReviewBody(this.model, vscode.l10n.t),
      onMessage: (raw) => this.onMessage(raw),
      onDisposed: () => {
        this.host = undefined;
        this.uri = undefined;
      },
    });
  }

  /** Fetches the review of the questionnaire shown, and renders it. */
  async reload(): Promise<void> {
    const uri = this.uri;
    if (!this.host || !uri) return;
    const generation = ++this.generation;
    let model: ReviewViewModel;
    try {
      if (!this.client.isRunning()) throw new Error(vscode.l10n.t('the language server is not running'));
      model = { review: await this.client.sendRequest(QuestionnaireReviewRequest.type, { uri }) };
    } catch (error) {
      model = { error: vscode.l10n.t('Cannot show {0}: {1}', vscode.workspace.asRelativePath(vscode.Uri.parse(uri)), error instanceof Error ? error.message : String(error)) };
    }
    if (generation !== this.generation || uri !== this.uri) return;
    this.model = model;
    this.host?.render();
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseMessage(raw);
    const uri = this.uri;
    const review = this.model.review;
    if (!message || !uri) return;
    // Only questions and cited documents the page was given: the page's text is a customer's, not ours.
    const question = 'id' in message && message.id !== undefined ? review?.questions.find((q) => q.id === message.id) : undefined;
    switch (message.type) {
      case 'ready': return this.host?.render();
      case 'accept':
      case 'reject':
        if (!question) return;
        await vscode.commands.executeCommand(message.type === 'accept' ? Commands.acceptAnswer : Commands.rejectAnswer, { uri, questionId: question.id });
        return this.reload();
      case 'edit': {
        const start = question ? new vscode.Position(question.range.start.line, question.range.start.character) : new vscode.Position(0, 0);
        await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(start, start), viewColumn: vscode.ViewColumn.Beside });
        return;
      }
      case 'answer':
        await vscode.commands.executeCommand(Commands.answerQuestionnaire, { uri });
        return this.reload();
      case 'open': {
        if (!review?.questions.some((q) => q.citations.some((c) => c.uri === message.uri))) return;
        const position = new vscode.Position(Math.max(0, message.line), 0);
        await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside });
        return;
      }
    }
  }

  dispose(): void {
    this.host?.panel.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

export function registerReviewQuestionnaire(panel: QuestionnairePanel, tree: QuestionnaireTree): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.reviewQuestionnaire, async (args?: unknown) => {
    const uri = questionnaireUriOf(args) ?? (await pickQuestionnaire(tree));
    return uri ? panel.show(uri) : undefined;
  });
}

async function pickQuestionnaire(tree: QuestionnaireTree): Promise<string | undefined> {
  const all = tree.questionnaires();
  if (!all.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('SOC 2: no questionnaire yet. Import one with "SOC 2: Import Questionnaire…".'));
    return undefined;
  }
  if (all.length === 1) return all[0].questionnaire.uri;
  const picked = await vscode.window.showQuickPick(
    all.map(({ questionnaire: q }) => ({ label: q.name, description: vscode.workspace.asRelativePath(vscode.Uri.parse(q.uri)), uri: q.uri })),
    { title: vscode.l10n.t('Review answers'), placeHolder: vscode.l10n.t('Questionnaire to review') },
  );
  return picked?.uri;
}
