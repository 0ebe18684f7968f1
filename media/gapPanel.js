// Gap panel behaviour. Loaded with the page's CSP nonce; no inline handlers exist, so clicks and keys are
// delegated here and turned into messages for the extension, which validates them.
(function () {
  const vscode = acquireVsCodeApi();
  const main = document.getElementById('main');

  function send(el) {
    const d = el.dataset;
    vscode.postMessage({ type: d.action, id: d.id, template: d.template, format: d.format, uri: d.uri, line: d.line === undefined ? undefined : Number(d.line) });
  }

  function cellsOf(heatmap) { return Array.from(heatmap.querySelectorAll('.cell')); }

  // Roving tabindex: the heat map is one Tab stop; arrow keys move inside it.
  function initRoving() {
    for (const heatmap of document.querySelectorAll('.heatmap')) {
      const cells = cellsOf(heatmap);
      if (cells.length && !cells.some((c) => c.tabIndex === 0)) cells[0].tabIndex = 0;
    }
  }

  function focusCell(from, to) {
    if (!to) return;
    from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  }

  function move(cell, key) {
    const heatmap = cell.closest('.heatmap');
    const rows = Array.from(heatmap.querySelectorAll('.cells'));
    const row = cell.parentElement;
    const inRow = Array.from(row.children);
    const i = inRow.indexOf(cell);
    const r = rows.indexOf(row);
    switch (key) {
      case 'ArrowRight': return inRow[i + 1] || (rows[r + 1] && rows[r + 1].firstElementChild);
      case 'ArrowLeft': return inRow[i - 1] || (rows[r - 1] && rows[r - 1].lastElementChild);
      case 'ArrowDown': { const next = rows[r + 1]; return next && next.children[Math.min(i, next.children.length - 1)]; }
      case 'ArrowUp': { const prev = rows[r - 1]; return prev && prev.children[Math.min(i, prev.children.length - 1)]; }
      case 'Home': return cellsOf(heatmap)[0];
      case 'End': { const all = cellsOf(heatmap); return all[all.length - 1]; }
      default: return undefined;
    }
  }

  function showDetail(cell) {
    const detail = cell.closest('.root').querySelector('.cell-detail');
    if (detail) detail.textContent = cell.getAttribute('aria-label');
  }

  document.addEventListener('click', (e) => {
    const el = e.target.closest('[data-action]');
    if (el) send(el);
  });
  document.addEventListener('keydown', (e) => {
    const cell = e.target.closest && e.target.closest('.cell');
    if (!cell) return;
    const to = move(cell, e.key);
    if (to) { e.preventDefault(); focusCell(cell, to); }
  });
  document.addEventListener('mouseover', (e) => { const cell = e.target.closest('.cell'); if (cell) showDetail(cell); });
  document.addEventListener('focusin', (e) => { const cell = e.target.closest('.cell'); if (cell) showDetail(cell); });

  window.addEventListener('message', (e) => {
    const msg = e.data;
    if (!msg || msg.type !== 'render' || typeof msg.html !== 'string') return;
    // Keep keyboard users where they were across live updates.
    const active = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : undefined;
    const scroll = window.scrollY;
    // Out-of-scope categories start collapsed; one the user opened stays open across updates.
    const open = Array.from(main.querySelectorAll('details[open]')).map((d) => d.dataset.key);
    main.innerHTML = msg.html;
    for (const d of main.querySelectorAll('details[data-key]')) if (open.includes(d.dataset.key)) d.open = true;
    initRoving();
    if (active) {
      const again = Array.from(main.querySelectorAll('[data-key]')).find((el) => el.dataset.key === active);
      if (again) {
        if (again.classList.contains('cell')) { for (const c of cellsOf(again.closest('.heatmap'))) c.tabIndex = -1; again.tabIndex = 0; }
        again.focus();
      }
    }
    window.scrollTo(0, scroll);
  });

  initRoving();
  vscode.postMessage({ type: 'ready' });
})();
