import type { Severity, Span } from '../types';
import type { RuleMeta } from './rule';
import { citationSpan, type ParsedQuestionnaire } from '../questionnaires/file';
import { isDrafted } from '../questionnaires/model';
import { headingSlug, type SectionLookup } from '../questionnaires/sections';
import { questionnaireInvalidFindings } from './questionnaireInvalid';

/**
 * Questionnaire answers that no longer match the policies. Questionnaires are YAML, not Markdown documents, so these
 * rules do not run in the analyzer's document pipeline: the CLI (`questionnaire check`, `check`-like exit codes) runs
 * `checkQuestionnaire` over the parsed file and the workspace's sections, and the analyzer does the same for the
 * questionnaires it holds (core/questionnaires/questionnaireSet.ts), as workspace findings the language server
 * publishes on questionnaires/*.yaml. They are listed with the other rules so docs, `catalog` and severities cover them.
 */
export const answerStale: RuleMeta = { code: 'answer-stale', defaultSeverity: 'warning', summary: 'A section an answer cites has changed since the answer was drafted or accepted.' };
export const answerCitationBroken: RuleMeta = { code: 'answer-citation-broken', defaultSeverity: 'error', summary: 'An answer cites a document or section that no longer exists.' };
export const questionUnanswered: RuleMeta = { code: 'question-unanswered', defaultSeverity: 'info', summary: 'A questionnaire question has no answer yet.' };

export const QUESTIONNAIRE_RULES: readonly RuleMeta[] = [answerStale, answerCitationBroken, questionUnanswered];

export interface QuestionnaireFinding {
  code: string;
  severity: Severity;
  span: Span;
  message: string;
  questionId: string;
  /** For answer-stale: the new hash ("keep" writes it); for a renamed heading: the slug to cite instead. */
  replacement?: { hash?: string; section?: string };
}

/** Every unreadable part, stale, broken or missing answer of one questionnaire. */
export function checkQuestionnaire(parsed: ParsedQuestionnaire, lookup: SectionLookup): QuestionnaireFinding[] {
  const findings: QuestionnaireFinding[] = questionnaireInvalidFindings(parsed);
  parsed.questionnaire.questions.forEach((entry, at) => {
    const answer = entry.answer;
    if (!isDrafted(answer)) {
      if (answer.trim() === '') findings.push({ code: questionUnanswered.code, severity: questionUnanswered.defaultSeverity, span: citationSpan(parsed, at), message: `Question ${entry.id} has no answer yet; run 'soc2-policy questionnaire answer' to draft one.`, questionId: entry.id });
      return;
    }
    answer.citations.forEach((citation, c) => {
      const span = citationSpan(parsed, at, c);
      const section = lookup.find(citation.document, citation.section);
      const where = `${citation.document}#${citation.section}`;
      if (!section) {
        const renamed = lookup.hasDocument(citation.document) ? likelyRename(lookup, citation.document, citation.section, citation.hash) : undefined;
        const reason = lookup.hasDocument(citation.document) ? `has no section "${citation.section}"` : 'does not exist';
        const hint = renamed ? `; the heading was probably renamed to "${renamed}"` : '';
        findings.push({ code: answerCitationBroken.code, severity: answerCitationBroken.defaultSeverity, span, message: `The answer to ${entry.id} cites ${where}, but ${citation.document} ${reason}${hint}.`, questionId: entry.id, ...(renamed ? { replacement: { section: renamed } } : {}) });
      } else if (section.hash !== citation.hash) {
        const who = answer.status === 'accepted' ? 'accepted' : 'drafted';
        findings.push({ code: answerStale.code, severity: answerStale.defaultSeverity, span, message: `The answer to ${entry.id} was ${who} against a different text of ${where} ("${section.heading}"): re-check the answer, then keep it to record the new text.`, questionId: entry.id, replacement: { hash: section.hash } });
      }
    });
  });
  return findings;
}

/** A section of the same document whose text still hashes the same (renamed heading), or whose slug is closest. */
function likelyRename(lookup: SectionLookup, document: string, slug: string, hash: string): string | undefined {
  const sections = lookup.inDocument(document);
  const sameText = sections.find((s) => s.hash === hash);
  if (sameText) return sameText.slug;
  const words = new Set(slug.split('-'));
  const scored = sections.map((s) => ({ slug: s.slug, shared: headingSlug(s.heading).split('-').filter((w) => words.has(w)).length })).sort((a, b) => b.shared - a.shared);
  return scored[0] && scored[0].shared >= Math.max(1, Math.ceil(words.size / 2)) ? scored[0].slug : undefined;
}
