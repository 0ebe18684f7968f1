import type { ScopeExclusion } from '../config/config';
import type { VendorFacts } from '../vendors/vendorFacts';
import type { Fix, Span, TextEdit } from '../types';

/**
 * "Move CC6.4 to vendors/aws.md": takes the criterion out of the exclusion (the whole entry when it was the entry's
 * only criterion, and `exclusions:` too when no entry is left) and lists it under the vendor's `csocs`, unless a CSOC
 * there names it already. Undefined when an edit would not be plain (flow-style entries, an unusual front matter).
 * The CSOC's control is a TODO on purpose: only the person fixing it knows what the vendor's report says.
 */
export function moveCarveOutFix(
  scope: { exclusions: readonly ScopeExclusion[]; exclusionsLines?: Span },
  configFile: string,
  exclusion: ScopeExclusion,
  index: number,
  vendor: VendorFacts,
  vendorLabel: string,
): Fix | undefined {
  const id = exclusion.criteria[index];
  const removal = removeCriterion(scope, exclusion, index);
  if (!removal) return undefined;
  const edits: TextEdit[] = [{ ...removal, file: configFile }];
  const listed = vendor.csocs.some((csoc) => csoc.criteria.some((c) => c.value.toUpperCase() === id.toUpperCase()));
  if (!listed) {
    const at = vendor.csocInsert;
    if (!at) return undefined;
    const control = JSON.stringify(`TODO: what ${vendor.name} does for ${id}, as its SOC 2 report describes it`);
    const item = (indent: string) => `${indent}- control: ${control}${at.eol}${indent}  criteria: [${id}]${at.eol}`;
    edits.push({ file: vendor.file, span: { start: at.offset, end: at.offset }, newText: at.withKey ? `csocs:${at.eol}${item('  ')}` : item(at.indent) });
  }
  return { title: `Move ${id} from the exclusions to ${vendorLabel} as a carve-out (CSOC)`, edits };
}

function removeCriterion(scope: { exclusions: readonly ScopeExclusion[]; exclusionsLines?: Span }, exclusion: ScopeExclusion, index: number): TextEdit | undefined {
  const { spans } = exclusion;
  if (spans.length !== exclusion.criteria.length) return undefined;
  // One of several: the id goes with one separator, which works in flow (`[a, b]`) and block lists alike.
  if (spans.length > 1) {
    return index > 0 ? { span: { start: spans[index - 1].end, end: spans[index].end }, newText: '' } : { span: { start: spans[0].start, end: spans[1].start }, newText: '' };
  }
  // The entry's only criterion: the entry goes, and `exclusions:` with it when it was the last (an empty key is invalid).
  const lines = scope.exclusions.length > 1 ? exclusion.entryLines : scope.exclusionsLines;
  return lines && { span: lines, newText: '' };
}
