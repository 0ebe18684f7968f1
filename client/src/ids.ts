/** Command, view and context ids. Those in `Commands` and `Views` are public interface (see the manifest). */

export const Commands = {
  showGapPanel: 'soc2Policy.showGapPanel',
  newPolicy: 'soc2Policy.newPolicy',
  initWorkspace: 'soc2Policy.initWorkspace',
  exportReport: 'soc2Policy.exportReport',
  markReviewed: 'soc2Policy.markReviewed',
  refreshCoverage: 'soc2Policy.refreshCoverage',
  restartServer: 'soc2Policy.restartServer',
  showOutput: 'soc2Policy.showOutput',
  importPolicies: 'soc2Policy.importPolicies',
  answerQuestionnaire: 'soc2Policy.answerQuestionnaire',
  importQuestionnaire: 'soc2Policy.importQuestionnaire',
  reviewQuestionnaire: 'soc2Policy.reviewQuestionnaire',
  /** Arguments: {uri, questionId}. Accept or reject one drafted answer (the review panel's buttons). */
  acceptAnswer: 'soc2Policy.acceptAnswer',
  rejectAnswer: 'soc2Policy.rejectAnswer',
  recordEvidence: 'soc2Policy.recordEvidence',
  // Tree toolbar and internal commands.
  showAllCriteria: 'soc2Policy.coverage.showAll',
  showInScopeCriteria: 'soc2Policy.coverage.showInScope',
  clearDocumentFilter: 'soc2Policy.coverage.clearFilter',
  revealCriterion: 'soc2Policy.revealCriterion',
  /** A click on an uncovered criterion in the tree: create a policy for it or map it into a document. */
  closeGap: 'soc2Policy.closeGap',
} as const;

export const Views = {
  container: 'soc2Policy',
  coverage: 'soc2Policy.coverage',
  evidence: 'soc2Policy.evidence',
  risks: 'soc2Policy.risks',
  vendors: 'soc2Policy.vendors',
  questionnaires: 'soc2Policy.questionnaires',
} as const;

export const ContextKeys = {
  /** The workspace has soc2-policy.yaml or a policy document: until then the views stay quiet. */
  active: 'soc2Policy.active',
  /** The server answered once: until then the welcome view says it is looking, not that nothing is there. */
  indexed: 'soc2Policy.indexed',
  showAll: 'soc2Policy.coverage.showingAll',
  filtered: 'soc2Policy.coverage.filtered',
  /** Some root has a Type II audit period and obligations: the Evidence view shows them instead of its welcome. */
  evidencePlanned: 'soc2Policy.evidence.planned',
  /** Some root has a risk register: the Risks view shows it instead of its welcome. */
  risksPresent: 'soc2Policy.risks.present',
  /** Some root has a vendor inventory: the Vendors view shows it instead of its welcome. */
  vendorsPresent: 'soc2Policy.vendors.present',
  /** Some root has a questionnaire: the Questionnaires view lists them instead of its welcome. */
  questionnairesPresent: 'soc2Policy.questionnaires.present',
} as const;

export const GAP_PANEL_VIEW_TYPE = 'soc2Policy.gapPanel';
export const QUESTIONNAIRE_PANEL_VIEW_TYPE = 'soc2Policy.questionnaireReview';

/** Settings only the client reads; the server's are in protocol.ts (DEFAULT_SETTINGS). */
export const ClientSettings = {
  today: 'today',
} as const;

/** Env var that pins "today" (e2e runs, demos); the `soc2Policy.today` setting wins over it. */
export const TODAY_ENV = 'SOC2_POLICY_TODAY';
