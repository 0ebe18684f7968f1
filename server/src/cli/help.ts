/** The --help text, in words a newcomer can act on. */
export const HELP_TEXT = `soc2-policy: check SOC 2 policies written as Markdown

Usage:
  soc2-policy check [paths...] [options]     Check policy documents and print findings
  soc2-policy coverage [paths...] [options]  Report Trust Services Criteria coverage
  soc2-policy catalog [options]              List the built-in catalogs, templates and rules
  soc2-policy import <file|folder>... [options]  Convert Word, HTML, text or Markdown policies
  soc2-policy suggest [paths...] [options]   Suggest the criteria documents address, with reasons
  soc2-policy --help | --version

check options:
  --format text|json|sarif     Output format (default: text)
  --fix                        Apply safe fixes to the files, then report what is left
  --max-warnings N             Exit 1 when there are more than N warnings
  --config FILE                Use this soc2-policy.yaml; its folder is the workspace root
  --today YYYY-MM-DD           Judge review dates against this day instead of today

coverage options:
  --format text|json|markdown|csv|html   Output format (default: text)
  --output FILE                Write the report to FILE instead of standard output
  --framework ID               Report another catalog instead, e.g. iso27001: which of its
                               controls documents map directly or through TSC (an indicative
                               estimate: no official ISO 27001:2022 to TSC mapping exists)
  --config FILE, --today YYYY-MM-DD      As for check

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

The workspace root is the folder that holds soc2-policy.yaml, searched upward from
the given paths (or the current folder); without one it is the current folder.
Paths limit which findings are printed; the whole root is still checked, so rules
that span files (duplicate ids, links, coverage) see every document.

Exit codes: 0 clean, 1 error findings or more warnings than --max-warnings,
2 usage or configuration error.
Environment: NO_COLOR turns colour off; SOC2_POLICY_DEBUG=1 prints stack traces.
`;
