/** The Markdown summary "SOC 2: Import Existing Policies…" opens. Pure: no vscode import, so it is unit-testable. */
import type { ImportPoliciesResult } from '../../../server/src/protocol';
import { escapeMarkdown } from './markdown';

/** How the summary names things and translates its words (vscode.asRelativePath and vscode.l10n.t in the editor). */
export interface SummaryWords {
  relative(uri: string): string;
  t(message: string, ...args: (string | number)[]): string;
}

const link = (words: SummaryWords, uri: string) => `[${escapeMarkdown(words.relative(uri))}](${uri.replace(/[()]/g, encodeURIComponent)})`;

export function renderImportSummary(result: ImportPoliciesResult, words: SummaryWords): string {
  const { t } = words;
  const lines: string[] = [`# ${t('Policy import')}`, ''];
  lines.push(t('{0} written, {1} not written because they exist, {2} could not be imported.', result.written.length, result.exists.length, result.failed.length), '');
  if (result.written.length) {
    lines.push(`## ${t('Written')}`, '');
    lines.push(t('Each is a draft (`status: draft`, `controls: []`): read it, then map the criteria it really addresses.'), '');
    lines.push(`| ${t('Document')} | ${t('Title')} | ${t('Type')} | ${t('Owner')} | ${t('From')} |`, '|---|---|---|---|---|');
    for (const item of result.written) {
      lines.push(`| ${link(words, item.uri)} | ${escapeMarkdown(item.title)} | ${item.type} | ${escapeMarkdown(item.owner ?? '—')} | ${escapeMarkdown(words.relative(item.sourceUri))} |`);
    }
    lines.push('');
    const notConverted = result.written.filter((item) => item.notConverted.length);
    if (notConverted.length) {
      lines.push(`## ${t('Not converted')}`, '');
      for (const item of notConverted) for (const note of item.notConverted) lines.push(`- ${link(words, item.uri)}: ${escapeMarkdown(note)}`);
      lines.push('');
    }
    lines.push(`## ${t('What they probably cover')}`, '');
    lines.push(t('Suggested from each document\'s own sentences (nothing leaves this machine). Open a document and use the light bulb action "Map suggested criterion…" to map the ones you agree with.'), '');
    for (const item of result.written) {
      lines.push(`### ${escapeMarkdown(item.title)} (${link(words, item.uri)})`, '');
      if (!item.suggestions.length) lines.push(t('No criterion the engine stands behind: map it by hand, or check the text converted well.'));
      for (const s of item.suggestions) {
        lines.push(`- **${s.id}** ${escapeMarkdown(s.title)} (${s.score.toFixed(2)})`);
        for (const because of s.because) lines.push(`  - “${escapeMarkdown(because)}”`);
      }
      lines.push('');
    }
  }
  if (result.exists.length) {
    lines.push(`## ${t('Not written: the document exists')}`, '');
    for (const item of result.exists) lines.push(`- ${link(words, item.uri)} ${t('(from {0}); import again and choose Replace to overwrite it.', escapeMarkdown(words.relative(item.sourceUri)))}`);
    lines.push('');
  }
  if (result.failed.length) {
    lines.push(`## ${t('Could not be imported')}`, '');
    for (const item of result.failed) lines.push(`- ${escapeMarkdown(words.relative(item.sourceUri))} ${escapeMarkdown(item.reason)}`);
    lines.push('');
  }
  return lines.join('\n');
}
