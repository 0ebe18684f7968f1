import type { Rule, RuleMeta } from './rule';
import { frontmatterInvalid } from './frontmatterInvalid';
import { missingField } from './missingField';
import { unknownCriterion } from './unknownCriterion';
import { outOfScopeCriterion } from './outOfScopeCriterion';
import { duplicateCriterion } from './duplicateCriterion';
import { unmappedReference } from './unmappedReference';
import { unaddressedCriterion } from './unaddressedCriterion';
import { missingSection } from './missingSection';
import { emptySection } from './emptySection';
import { reviewOverdue } from './reviewOverdue';
import { brokenLink } from './brokenLink';
import { templateLeftover } from './templateLeftover';
import { duplicateId } from './duplicateId';
import { uncoveredCriterion } from './uncoveredCriterion';
import { checkIncomplete } from './checkIncomplete';
import { vagueCommitment } from './vagueCommitment';
import { suggestedCriterion } from './suggestedCriterion';
import { riskInvalid } from './riskInvalid';
import { riskAcceptanceIncomplete } from './riskAcceptanceIncomplete';
import { riskAcceptanceExpired } from './riskAcceptanceExpired';
import { riskResidualAboveInherent } from './riskResidualAboveInherent';
import { riskAboveAppetite } from './riskAboveAppetite';
import { riskReviewOverdue } from './riskReviewOverdue';
import { riskMitigationUnresolved } from './riskMitigationUnresolved';
import { riskAssessmentMissing } from './riskAssessmentMissing';
import { vendorInvalid } from './vendorInvalid';
import { vendorReportStale } from './vendorReportStale';
import { vendorReportMissing } from './vendorReportMissing';
import { vendorReviewOverdue } from './vendorReviewOverdue';
import { subserviceNotDescribed } from './subserviceNotDescribed';
import { carveOutAsExclusion } from './carveOutAsExclusion';
import { customerResponsibilityUnstated } from './customerResponsibilityUnstated';
import { evidenceObligationInvalid } from './evidenceObligationInvalid';
import { evidenceRecordInvalid } from './evidenceRecordInvalid';
import { evidenceUnknownObligation } from './evidenceUnknownObligation';
import { evidenceOutsidePeriod } from './evidenceOutsidePeriod';
import { evidenceFileMissing } from './evidenceFileMissing';
import { evidenceHashMismatch } from './evidenceHashMismatch';
import { evidenceFailedUnresolved } from './evidenceFailedUnresolved';
import { evidenceMissing } from './evidenceMissing';
import { evidenceDue } from './evidenceDue';
import { auditPolicyNotEffective } from './auditPolicyNotEffective';
import { auditReviewMissed } from './auditReviewMissed';
import { auditBridgeLetterMissing } from './auditBridgeLetterMissing';
import { QUESTIONNAIRE_RULES } from './answerStale';
import { questionnaireInvalid } from './questionnaireInvalid';

/** Every rule that inspects documents or the workspace. One module per rule. */
export const RULES: readonly Rule[] = [
  frontmatterInvalid,
  missingField,
  unknownCriterion,
  outOfScopeCriterion,
  duplicateCriterion,
  unmappedReference,
  unaddressedCriterion,
  missingSection,
  emptySection,
  reviewOverdue,
  brokenLink,
  templateLeftover,
  duplicateId,
  uncoveredCriterion,
  vagueCommitment,
  suggestedCriterion,
  evidenceObligationInvalid,
  evidenceRecordInvalid,
  evidenceUnknownObligation,
  evidenceOutsidePeriod,
  evidenceFileMissing,
  evidenceHashMismatch,
  evidenceFailedUnresolved,
  evidenceMissing,
  evidenceDue,
  auditPolicyNotEffective,
  auditReviewMissed,
  auditBridgeLetterMissing,
  riskInvalid,
  riskAcceptanceIncomplete,
  riskAcceptanceExpired,
  riskResidualAboveInherent,
  riskAboveAppetite,
  riskReviewOverdue,
  riskMitigationUnresolved,
  riskAssessmentMissing,
  vendorInvalid,
  vendorReportStale,
  vendorReportMissing,
  vendorReviewOverdue,
  subserviceNotDescribed,
  carveOutAsExclusion,
  customerResponsibilityUnstated,
  checkIncomplete,
];

/** Findings raised while loading rather than by a rule's check; listed so they can be configured and documented. */
export const LOAD_FINDINGS: readonly RuleMeta[] = [
  { code: 'parse-failed', defaultSeverity: 'error', summary: 'A document could not be parsed at all; the rest of the workspace is still checked.' },
  { code: 'invalid-encoding', defaultSeverity: 'error', summary: 'A file is not UTF-8 text, so it cannot be checked.' },
  { code: 'config-invalid', defaultSeverity: 'error', summary: 'soc2-policy.yaml has a YAML error or a setting that is not valid.' },
  { code: 'catalog-invalid', defaultSeverity: 'error', summary: 'A catalog file is not valid against its schema.' },
];

export const ALL_RULES: readonly RuleMeta[] = [...RULES, ...QUESTIONNAIRE_RULES, questionnaireInvalid, ...LOAD_FINDINGS];
export const RULE_CODES: ReadonlySet<string> = new Set(ALL_RULES.map((r) => r.code));
export { docsUrl } from './rule';
