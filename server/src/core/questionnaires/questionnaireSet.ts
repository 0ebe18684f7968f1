import type { Finding, Fix, Severity, Span } from '../types';
import { dirname, joinPath, relativePath } from '../paths';
import { LineIndex } from '../text/lineIndex';
import { nodeAt, spanOf } from '../yaml/yamlSource';
import { checkQuestionnaire, type QuestionnaireFinding } from '../rules/answerStale';
import { citationSpan, parseQuestionnaireYaml, questionPath, type ParsedQuestionnaire } from './file';
import { isDrafted, type Citation } from './model';
import type { SectionLookup } from './sections';

/** The folder questionnaires live in, under the workspace root. */
export const QUESTIONNAIRES_FOLDER = 'questionnaires';

interface LoadedQuestionnaire {
  parsed: ParsedQuestionnaire;
  lines: LineIndex;
}

/** A citation written in a questionnaire, with where it is written. */
export interface CitationAt {
  citation: Citation;
  span: Span;
}

/**
 * The questionnaires (`questionnaires/*.yaml`) of one root, as the analyzer holds soc2-policy.yaml: parsed text and
 * findings (stale or broken citations) that depend on every policy document. Knows nothing about the editor.
 */
export class QuestionnaireSet {
  private readonly loaded = new Map<string, LoadedQuestionnaire>();

  constructor(private readonly root: string) {}

  /** A YAML file directly under `<root>/questionnaires`. */
  owns(file: string): boolean {
    return /\.ya?ml$/i.test(file) && dirname(file) === joinPath(this.root, QUESTIONNAIRES_FOLDER);
  }

  /** Reads a questionnaire's new text (undefined: not UTF-8, it is then forgotten). */
  update(file: string, text: string | undefined): void {
    if (text === undefined) {
      this.loaded.delete(file);
      return;
    }
    const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
    this.loaded.set(file, { parsed: parseQuestionnaireYaml(text, name), lines: new LineIndex(text) });
  }

  /** Forgets a questionnaire; true when it was one. */
  remove(file: string): boolean {
    return this.loaded.delete(file);
  }

  files(): string[] {
    return [...this.loaded.keys()].sort();
  }

  lines(file: string): LineIndex | undefined {
    return this.loaded.get(file)?.lines;
  }

  /** A questionnaire as last read (for progress views and review), or undefined. */
  parsed(file: string): ParsedQuestionnaire | undefined {
    return this.loaded.get(file)?.parsed;
  }

  /** Questionnaires citing a document (absolute path): their findings change when it does. */
  citing(document: string): string[] {
    const relative = relativePath(this.root, document);
    return this.files().filter((file) =>
      this.loaded.get(file)!.parsed.questionnaire.questions.some((q) => isDrafted(q.answer) && q.answer.citations.some((c) => c.document === relative)),
    );
  }

  /** The citation written at an offset of a questionnaire, for hovers. */
  citationAt(file: string, offset: number): CitationAt | undefined {
    const loaded = this.loaded.get(file);
    if (!loaded) return undefined;
    const { parsed } = loaded;
    for (const [at, entry] of parsed.questionnaire.questions.entries()) {
      if (!isDrafted(entry.answer)) continue;
      for (const [c, citation] of entry.answer.citations.entries()) {
        const span = spanOf(parsed.source, nodeAt(parsed.source, [...questionPath(parsed, at), 'answer', 'citations', c]));
        if (span && span.start <= offset && offset <= span.end) return { citation, span };
      }
    }
    return undefined;
  }

  /** Every questionnaire's findings against the current sections; `lookup` is only built when there is a questionnaire. */
  findings(lookup: () => SectionLookup): Finding[] {
    if (!this.loaded.size) return [];
    const sections = lookup();
    return this.files().flatMap((file) => {
      const { parsed, lines } = this.loaded.get(file)!;
      return checkQuestionnaire(parsed, sections).map((finding): Finding => {
        const fixes = fixesOf(parsed, finding);
        return { file, code: finding.code, severity: finding.severity as Severity, message: finding.message, span: finding.span, range: lines.rangeOf(finding.span), subject: finding.questionId, ...(fixes.length ? { fixes } : {}) };
      });
    });
  }
}

/**
 * "Keep answer" writes the section's new hash; "Re-check answer" turns an accepted answer back into a draft, which
 * the next `questionnaire answer` redrafts (it redrafts drafts whose cited text changed); "Cite the renamed heading"
 * writes the slug the check found.
 */
function fixesOf(parsed: ParsedQuestionnaire, finding: QuestionnaireFinding): Fix[] {
  const where = citationIndex(parsed, finding);
  if (!where || !finding.replacement) return [];
  const question = questionPath(parsed, where.at);
  const valueSpan = (key: string) => spanOf(parsed.source, nodeAt(parsed.source, [...question, 'answer', 'citations', where.c, key]));
  const fixes: Fix[] = [];
  const hashSpan = valueSpan('hash');
  if (finding.replacement.hash && hashSpan) fixes.push({ title: 'Keep answer (update the hash)', edits: [{ span: hashSpan, newText: finding.replacement.hash }] });
  const statusSpan = spanOf(parsed.source, nodeAt(parsed.source, [...question, 'answer', 'status']));
  const answer = parsed.questionnaire.questions[where.at].answer;
  if (finding.code === 'answer-stale' && statusSpan && isDrafted(answer) && answer.status === 'accepted') {
    fixes.push({ title: 'Re-check answer (back to draft, redrafted by the next answer run)', edits: [{ span: statusSpan, newText: 'draft' }] });
  }
  const sectionSpan = valueSpan('section');
  if (finding.replacement.section && sectionSpan) fixes.push({ title: `Cite the renamed heading (#${finding.replacement.section})`, edits: [{ span: sectionSpan, newText: finding.replacement.section }] });
  return fixes;
}

/** Which question and citation a finding is about: the one written at its span. */
function citationIndex(parsed: ParsedQuestionnaire, finding: QuestionnaireFinding): { at: number; c: number } | undefined {
  for (const [at, entry] of parsed.questionnaire.questions.entries()) {
    if (entry.id !== finding.questionId || !isDrafted(entry.answer)) continue;
    for (const c of entry.answer.citations.keys()) {
      const span = citationSpan(parsed, at, c);
      if (span.start === finding.span.start && span.end === finding.span.end) return { at, c };
    }
  }
  return undefined;
}
