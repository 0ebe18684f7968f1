/** The --help text, in words a newcomer can act on. */
export const HELP_TEXT = `soc2-policy: check SOC 2 policies written as Markdown

Usage:
  soc2-policy check [paths...] [options]     Check policy documents and print findings
  soc2-policy coverage [paths...] [options]  Report Trust Services Criteria coverage
  soc2-policy catalog [options]              List the built-in catalogs, templates and rules
  soc2-policy import <file|folder>... [options]  Convert Word, HTML, text or Markdown policies
  soc2-policy suggest [paths...] [options]   Suggest the criteria documents address, with reasons
  soc2-policy questionnaire import|answer|export|check ...   Answer security questionnaires
  soc2-policy evidence [paths...] [options]  Type II evidence calendar per obligation and window
  soc2-policy evidence record <obligation> --link URL|--file F   Write an evidence record
  soc2-policy risks [paths...] [options]     Risk register and heat maps, inherent and residual
  soc2-policy vendors [paths...] [options]   Vendors, subservice organizations and SOC 2 report status
  soc2-policy --help | --version

check options:
  --format text|json|sarif     Output format (default: text)
  --fix                        Apply safe fixes to the files, then report what is left
  --max-warnings N             Exit 1 when there are more than N warnings
  --config FILE                Use this soc2-policy.yaml; its folder is the workspace root
  --today YYYY-MM-DD           Judge review dates against this day instead of today
  --no-cache                   Neither read nor write .soc2-policy/cache (unchanged documents
                               are otherwise taken from there, and it is kept git-ignored)

coverage options:
  --format text|json|markdown|csv|html   Output format (default: text)
  --output FILE                Write the report to FILE instead of standard output
  --framework ID               Report another catalog instead, e.g. iso27001: which of its
                               controls documents map directly or through TSC (an indicative
                               estimate: no official ISO 27001:2022 to TSC mapping exists)
  --config FILE, --today YYYY-MM-DD, --no-cache   As for check

risks and vendors options:
  --format text|json|csv|markdown|html   Output format (default: text)
  --output FILE, --config FILE, --today YYYY-MM-DD   As for coverage

catalog options:
  --format text|json           Output format (default: text)

import options:
  --out DIR                    Folder for the converted documents (default: policies)
  --type policy|procedure|standard|plan|narrative   Type for every document (default: guessed)
  --force                      Replace documents that already exist

suggest options:
  --format text|json           Output format (default: text)
  --limit N                    At most N criteria per document
  --config FILE                As for check

evidence options:
  --format text|json|csv|markdown|html   Output format (default: text); csv is the auditor's
                               request list (obligation x window, where each record lives);
                               html is one self-contained page with the calendar and that list
  --config FILE, --today YYYY-MM-DD      As for check
evidence record options:
  --date YYYY-MM-DD            The day the control ran (default: today)
  --link URL | --file PATH     The evidence: a ticket or URL, or a workspace file (hashed)
  --result pass|fail|exception (default: pass); --by NAME (default: $USER)
                               Writes evidence/<obligation>/<date>.md; never overwrites one

questionnaire actions:
  import <file.xlsx|file.csv|file.json>   Write questionnaires/<name>.yaml (--sheet NAME,
                               --columns id=A,question=B,answer=C,comment=D, --name NAME, --force)
  answer <name|file.yaml>      Draft answers citing policy sections (--format text|json,
                               --redraft to redo earlier drafts; accepted answers are never changed)
  export <name|file.yaml>      Fill a copy of the customer's file (--format xlsx|csv|markdown,
                               --output FILE); the original is never modified
  check [names...]             Report stale and broken citations (--format text|json)

The workspace root is the folder that holds soc2-policy.yaml, searched upward from
the given paths (or the current folder); without one it is the current folder.
Paths limit which findings are printed; the whole root is still checked, so rules
that span files (duplicate ids, links, coverage) see every document.

Exit codes: 0 clean, 1 error findings or more warnings than --max-warnings,
2 usage or configuration error.
Environment: NO_COLOR turns colour off; SOC2_POLICY_DEBUG=1 prints stack traces; SOC2_POLICY_WORKERS=N
sets the worker threads of a large cold start (0: none; default: the cores, at most 4).
`;
