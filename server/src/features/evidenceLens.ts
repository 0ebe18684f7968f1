import type { CodeLens } from 'vscode-languageserver';
import { formatDate } from '../core/dates';
import { obligationsOf } from '../core/evidence/obligations';
import type { ObligationPlan } from '../core/evidence/plan';
import { EVIDENCE_RECORD_KIND, type EvidenceRecordFacts } from '../core/evidence/recordKind';
import { ClientCommands, type EvidenceWindowStatus } from '../protocol';
import type { DocumentTarget } from '../session/session';
import { planOf, windowStatus } from './evidenceRequests';

const ADJECTIVE = { day: 'daily', week: 'weekly', month: 'monthly', quarter: 'quarterly', 'half-year': 'half-yearly', year: 'yearly' } as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The lens line of one obligation: "9 of 12 monthly samples · 1 missing · next due 2026-12-05", or "3 records · per
 * event". Counts are over the whole period, so the line also says how far through the year the evidence is.
 */
export function obligationLensTitle(item: ObligationPlan, statuses: readonly EvidenceWindowStatus[]): string {
  const { schedule } = item.obligation;
  if ('on' in schedule) return `${plural(item.recordsInPeriod.length, 'record')} · per event`;
  const count = (status: EvidenceWindowStatus) => statuses.filter((s) => s === status).length;
  const adjective = 'every' in schedule ? ADJECTIVE[schedule.every] : 'scheduled';
  const total = item.windows.length;
  const parts = [`${count('recorded') + count('failed')} of ${total} ${adjective} sample${total === 1 ? '' : 's'}`];
  if (count('missing')) parts.push(`${count('missing')} missing`);
  if (count('failed')) parts.push(`${count('failed')} failed`);
  const due = item.windows.find((w) => w.status === 'due');
  if (due) parts.push(`next due ${formatDate(due.dueBy)}`);
  return parts.join(' · ');
}

/**
 * A lens on each evidence obligation the document declares (on its id in the front matter). A click reveals the
 * obligation in the Evidence view. Nothing without a Type II audit period: there is no calendar to count.
 */
export function evidenceLenses(target: DocumentTarget): CodeLens[] {
  const doc = target.doc;
  if (!doc) return [];
  const declared = obligationsOf(doc).obligations;
  if (!declared.length) return [];
  const plan = planOf(target.root, target.analyzer);
  if (!plan) return [];
  const records = target.analyzer.kindFacts<EvidenceRecordFacts>(EVIDENCE_RECORD_KIND);
  const lenses: CodeLens[] = [];
  for (const obligation of declared) {
    const range = target.lines.rangeOf(obligation.idSpan);
    let title: string;
    if (obligation.inactive) title = `Not checked while the document is ${doc.status}`;
    else {
      // The first declaration of an id wins; a second one elsewhere has no calendar of its own.
      const item = plan.obligations.find((p) => p.obligation.id === obligation.id && p.obligation.document === doc.file);
      if (!item) continue;
      title = obligationLensTitle(item, item.windows.map((w) => windowStatus(w, records)));
    }
    lenses.push({ range, command: { title, command: ClientCommands.showEvidenceObligation, arguments: [target.uri, obligation.id] } });
  }
  return lenses;
}
