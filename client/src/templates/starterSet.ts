/**
 * What Initialize Workspace writes besides the chosen documents: the core template set per category and the
 * starting soc2-policy.yaml. Pure: no vscode import, so it is unit-tested directly.
 */

/** The document set most SOC 2 audits of a category ask for first. */
export const CORE_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  security: ['information-security', 'governance-oversight', 'access-control', 'change-management', 'incident-response', 'risk-assessment',
    'vendor-management', 'hr-security', 'security-awareness', 'logging-monitoring', 'vulnerability-management', 'control-monitoring',
    // The system description declares what customers must do; the document that tells them comes with it.
    'system-description', 'customer-responsibilities'],
  availability: ['backup-restore', 'business-continuity', 'capacity-availability'],
  confidentiality: ['data-classification', 'data-retention', 'encryption'],
  'processing-integrity': ['processing-integrity', 'change-management', 'secure-development'],
  privacy: ['privacy', 'data-retention', 'data-subject-requests', 'breach-notification'],
};

/** Where documents of a type go: procedures in procedures/, everything else in policies/ (which the starting include covers). */
export function folderFor(type: string): string {
  return type === 'procedure' ? 'procedures' : 'policies';
}

/** The core template ids for the chosen categories, each once. */
export function coreTemplatesFor(categories: readonly string[]): Set<string> {
  return new Set(categories.flatMap((c) => CORE_TEMPLATES[c] ?? []));
}

/** The starting soc2-policy.yaml. The exclusion example is a comment: carve-outs belong in vendor files, not here. */
export function workspaceConfig(categories: readonly string[]): string {
  return [
    '# SOC 2 Policy Studio workspace configuration (see the extension README for every key).',
    'scope:',
    `  categories: [${categories.join(', ')}]`,
    '  # exclusions:  # only criteria that do not apply to the system at all; a criterion a vendor carries for you is a carve-out, written in vendors/<id>.md (docs/risks-and-vendors.md)',
    '  #   - criteria: [<criterion id>]',
    '  #     reason: <why the system has nothing this criterion could apply to>',
    'include: ["policies/**/*.md", "procedures/**/*.md"]',
    'review:',
    '  defaultCycle: 12 months',
    '',
  ].join('\n');
}
