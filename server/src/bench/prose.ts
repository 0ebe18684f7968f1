import type { Rng } from './rng';

/** A subject a policy is about, with the criteria such a document plausibly maps. */
export interface Topic {
  name: string;
  slug: string;
  criteria: readonly string[];
  objects: readonly string[];
}

/** CC2.3 and CC5.3 are left out on purpose: the workspace has real coverage gaps (uncovered-criterion). */
export const TOPICS: readonly Topic[] = [
  { name: 'Access Control', slug: 'access-control', criteria: ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.6'], objects: ['user accounts', 'administrator roles', 'access requests', 'break-glass credentials'] },
  { name: 'Change Management', slug: 'change-management', criteria: ['CC8.1', 'CC3.4', 'CC7.1'], objects: ['change tickets', 'pull requests', 'deployment approvals', 'emergency changes'] },
  { name: 'Incident Response', slug: 'incident-response', criteria: ['CC7.3', 'CC7.4', 'CC7.5'], objects: ['security incidents', 'post-incident reviews', 'on-call rotations', 'customer notifications'] },
  { name: 'Business Continuity', slug: 'business-continuity', criteria: ['A1.2', 'A1.3', 'CC9.1'], objects: ['recovery objectives', 'failover tests', 'continuity plans', 'crisis contacts'] },
  { name: 'Vendor Management', slug: 'vendor-management', criteria: ['CC9.2', 'CC3.2'], objects: ['vendor assessments', 'subprocessor contracts', 'SOC reports of vendors', 'vendor risk ratings'] },
  { name: 'Risk Management', slug: 'risk-management', criteria: ['CC3.1', 'CC3.2', 'CC3.3', 'CC3.4', 'CC9.1'], objects: ['the risk register', 'risk treatment plans', 'fraud risk scenarios', 'risk acceptances'] },
  { name: 'Logging and Monitoring', slug: 'logging-monitoring', criteria: ['CC7.1', 'CC7.2', 'CC4.1'], objects: ['audit logs', 'alert rules', 'log retention settings', 'monitoring dashboards'] },
  { name: 'Encryption', slug: 'encryption', criteria: ['CC6.1', 'CC6.7', 'C1.1'], objects: ['encryption keys', 'TLS certificates', 'key rotation schedules', 'encrypted backups'] },
  { name: 'Data Retention', slug: 'data-retention', criteria: ['C1.1', 'C1.2', 'CC6.5'], objects: ['retention schedules', 'deletion requests', 'confidential records', 'disposal certificates'] },
  { name: 'Human Resources Security', slug: 'hr-security', criteria: ['CC1.1', 'CC1.3', 'CC1.4', 'CC1.5'], objects: ['background checks', 'employment agreements', 'performance reviews', 'disciplinary actions'] },
  { name: 'Security Awareness', slug: 'security-awareness', criteria: ['CC2.2', 'CC1.4'], objects: ['training records', 'phishing exercises', 'awareness campaigns', 'policy acknowledgements'] },
  { name: 'Vulnerability Management', slug: 'vulnerability-management', criteria: ['CC7.1', 'CC6.8', 'CC4.1'], objects: ['vulnerability scans', 'penetration test findings', 'patch windows', 'dependency alerts'] },
  { name: 'Backup and Restore', slug: 'backup-restore', criteria: ['A1.2', 'A1.3'], objects: ['database snapshots', 'restore tests', 'backup jobs', 'offsite copies'] },
  { name: 'Capacity Planning', slug: 'capacity-planning', criteria: ['A1.1', 'CC7.2'], objects: ['capacity forecasts', 'autoscaling limits', 'load tests', 'quota requests'] },
  { name: 'Secure Development', slug: 'secure-development', criteria: ['CC8.1', 'CC6.8', 'CC7.1'], objects: ['code reviews', 'threat models', 'static analysis results', 'release checklists'] },
  { name: 'Information Security Governance', slug: 'infosec-governance', criteria: ['CC1.2', 'CC2.1', 'CC5.1', 'CC5.2', 'CC4.2'], objects: ['security objectives', 'board reports', 'control owners', 'internal audit results'] },
  { name: 'Endpoint Security', slug: 'endpoint-security', criteria: ['CC6.8', 'CC6.7', 'CC6.1'], objects: ['managed laptops', 'disk encryption settings', 'endpoint agents', 'lost device reports'] },
  { name: 'Network Security', slug: 'network-security', criteria: ['CC6.6', 'CC6.1', 'CC7.2'], objects: ['firewall rules', 'VPN profiles', 'network segments', 'ingress points'] },
];

export const UNITS = ['Payments', 'Core Platform', 'Analytics', 'Mobile', 'Corporate IT', 'Customer Support', 'Data Platform', 'Identity', 'Billing', 'Marketplace', 'EU Region', 'US Region', 'Research', 'Partner API', 'Infrastructure'];
export const OWNERS = ['Head of Security', 'CTO', 'VP Engineering', 'IT Manager', 'Head of People', 'Compliance Lead', 'Director of SRE', 'Data Protection Officer'];
const ACTORS = ['The Head of Security', 'Each system owner', 'The IT Administrator', 'The engineering manager', 'The on-call SRE', 'The Compliance Lead', 'Every team lead', 'The security team', 'The service owner', 'The people team'];
const VERBS = ['reviews', 'approves', 'records', 'monitors', 'tests', 'documents', 'tracks', 'verifies', 'escalates', 'retires'];
const FREQUENCIES = ['every quarter', 'at least once a year', 'within one business day', 'before each release', 'every month', 'after every significant change', 'within five business days', 'as part of onboarding'];
const SYSTEMS = ['AWS', 'Okta', 'GitHub', 'Google Workspace', 'the production database', 'the ticketing system', 'the data warehouse', 'Kubernetes clusters', 'the corporate VPN'];
const REASONS = [
  'so that the company can show auditors that the control operated throughout the period',
  'because customers rely on this commitment in their contracts',
  'to keep the exposure of confidential data as small as possible',
  'so that problems are found before they affect customers',
  'since manual steps are where most mistakes happen',
  'to make sure responsibilities stay clear when people change roles',
];
const CLOSERS = [
  'Exceptions follow the exception process and expire after at most twelve months.',
  'Evidence is kept in the compliance folder for at least three years.',
  'Where a tool cannot enforce this rule, a compensating control is written down and approved.',
  'Deviations are raised in the weekly security review and tracked until closed.',
  'The rule applies equally to employees, contractors and automated accounts.',
];

/** One plausible policy sentence about the topic. */
export function sentence(rng: Rng, topic: Topic): string {
  switch (rng.int(0, 4)) {
    case 0:
      return `${rng.pick(ACTORS)} ${rng.pick(VERBS)} ${rng.pick(topic.objects)} in ${rng.pick(SYSTEMS)} ${rng.pick(FREQUENCIES)}.`;
    case 1:
      return `${capitalize(rng.pick(topic.objects))} are kept up to date ${rng.pick(REASONS)}.`;
    case 2:
      return `${rng.pick(ACTORS)} ${rng.pick(VERBS)} changes to ${rng.pick(topic.objects)} ${rng.pick(FREQUENCIES)}, ${rng.pick(REASONS)}.`;
    case 3:
      return rng.pick(CLOSERS);
    default:
      return `Requests that touch ${rng.pick(topic.objects)} name the system, the owner and the business reason, and ${lowerFirst(rng.pick(ACTORS))} ${rng.pick(VERBS)} them ${rng.pick(FREQUENCIES)}.`;
  }
}

/** A sentence that names a criterion, the way authors cite the TSC in prose. */
export function mentionSentence(rng: Rng, topic: Topic, id: string): string {
  const forms = [
    `This section supports ${id} for ${rng.pick(topic.objects)}.`,
    `Evidence for ${id} comes from ${rng.pick(topic.objects)} in ${rng.pick(SYSTEMS)}.`,
    `Auditors test ${id} by sampling ${rng.pick(topic.objects)} ${rng.pick(FREQUENCIES)}.`,
  ];
  return rng.pick(forms);
}

/** A paragraph of a few sentences wrapped at about 100 columns, like hand-written Markdown. */
export function paragraph(rng: Rng, topic: Topic, extra: string[] = []): string {
  const sentences = Array.from({ length: rng.int(2, 4) }, () => sentence(rng, topic));
  sentences.splice(rng.int(0, sentences.length), 0, ...extra);
  return wrap(sentences.join(' '), 100);
}

export function bulletList(rng: Rng, topic: Topic): string {
  return Array.from({ length: rng.int(3, 5) }, () => `- **${capitalize(rng.pick(topic.objects))}**: ${lowerFirst(sentence(rng, topic))}`).join('\n');
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  // Only sentence-initial articles; "IT Administrator" keeps its capitals.
  return /^(The|Each|Every|Requests) /.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
