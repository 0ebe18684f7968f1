/**
 * The coverage page's stylesheet, inlined so the page is one self-contained file that can be mailed or attached
 * to an audit request. Status colours come with a mark in each cell, so the map also reads without colour.
 */
export const COVERAGE_HTML_STYLE = `
:root {
  --covered: #2e7d32; --covered-ink: #fff;
  --draft-only: #f9a825; --draft-only-ink: #1b1b1b;
  --uncovered: #c62828; --uncovered-ink: #fff;
  --excluded: #607d8b; --excluded-ink: #fff;
  --out-of-scope: #e6e6e6; --out-of-scope-ink: #555;
  --ink: #1b1b1b; --muted: #5f6368; --line: #d9d9d9; --page: #fff; --card: #f7f7f7;
}
@media (prefers-color-scheme: dark) {
  :root { --ink: #e8e8e8; --muted: #a8a8a8; --line: #3a3a3a; --page: #161616; --card: #222; --out-of-scope: #3a3a3a; --out-of-scope-ink: #bbb; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 2rem 1.5rem 4rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--page); }
h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
h2 { margin: 2.5rem 0 .75rem; font-size: 1.3rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
h3 { margin: 1.5rem 0 .5rem; font-size: 1.05rem; }
.meta { color: var(--muted); margin: 0 0 1.5rem; }
.overall { font-size: 2.4rem; font-weight: 700; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .75rem; margin: 0; padding: 0; list-style: none; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; }
.card.off { opacity: .6; }
.card .name { font-weight: 600; }
.card .pct { font-size: 1.6rem; font-weight: 700; }
.card .counts { color: var(--muted); font-size: .85rem; }
.bar { height: 6px; border-radius: 3px; background: var(--line); overflow: hidden; margin: .35rem 0; }
.bar > span { display: block; height: 100%; background: var(--covered); }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; margin: 0 0 1rem; padding: 0; list-style: none; font-size: .9rem; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.swatch { display: inline-flex; align-items: center; justify-content: center; width: 1.3rem; height: 1.3rem; border-radius: 4px; font-size: .8rem; }
.category { margin: 1rem 0 .25rem; font-weight: 600; }
.series { display: grid; grid-template-columns: 16rem 1fr; gap: .5rem; align-items: start; padding: .3rem 0; border-top: 1px solid var(--line); }
.series-name { font-size: .9rem; }
.series-name b { display: inline-block; min-width: 2.8rem; }
.cells { display: flex; flex-wrap: wrap; gap: 4px; margin: 0; padding: 0; list-style: none; }
.cell a { display: flex; flex-direction: column; align-items: center; justify-content: center; width: 4.4rem; height: 2.9rem; border-radius: 5px; text-decoration: none; font-size: .8rem; font-weight: 600; line-height: 1.2; }
.cell a:focus-visible, .cell a:hover { outline: 2px solid var(--ink); outline-offset: 1px; }
.s-covered { background: var(--covered); color: var(--covered-ink); }
.s-carved-out { background: var(--covered); color: var(--covered-ink); }
.s-draft-only { background: var(--draft-only); color: var(--draft-only-ink); }
.s-uncovered { background: var(--uncovered); color: var(--uncovered-ink); }
.s-excluded { background: var(--excluded); color: var(--excluded-ink); }
.s-out-of-scope { background: var(--out-of-scope); color: var(--out-of-scope-ink); }
.gaps li { margin: .3rem 0; }
.templates { color: var(--muted); }
.muted { color: var(--muted); }
.op { white-space: nowrap; font-size: .85rem; }
.op-operating-gaps { font-weight: 600; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; }
th:nth-child(1) { width: 6rem; } th:nth-child(2) { width: 30%; } th:nth-child(3) { width: 9rem; }
td .status { display: inline-block; padding: 0 .4rem; border-radius: 4px; white-space: nowrap; font-size: .8rem; }
tr:target { outline: 2px solid var(--ink); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 40rem) { .series { grid-template-columns: 1fr; } }
@media print { body { max-width: none; padding: 0; } .cell a, .swatch, td .status, .bar > span { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;
