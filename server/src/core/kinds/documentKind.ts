import type { PolicyDocument } from '../parse/policyDocument';

/**
 * A kind of Markdown document beyond policies and procedures: risks, vendors, evidence records. Each kind lives in
 * its own folder under core/ and goes through the same pipeline as policies: parse (shared) → facts (here) → rules
 * (one per file in core/rules, declaring the kinds they check) → findings. Kinds keep facts, never syntax trees.
 */
export interface DocumentKind<F = unknown> {
  /** Stable id, used by rules (`kinds: ['risk']`) and by the workspace context (`ctx.facts('risk')`). */
  id: string;
  /** Whether a file is of this kind. `relative` is its path from the workspace root, with forward slashes. */
  matches(relative: string, doc: PolicyDocument): boolean;
  /** What rules, reports and features need from the document. */
  facts(doc: PolicyDocument): F;
}

/** The kind every document without a more specific one has. */
export const POLICY_KIND = 'policy';
