// Review Answers panel behaviour. Loaded with the page's CSP nonce; no inline handlers exist, so clicks are
// delegated here and turned into messages for the extension, which checks them against what it showed.
(function () {
  const vscode = acquireVsCodeApi();
  const main = document.getElementById('main');

  document.addEventListener('click', (e) => {
    const el = e.target.closest('[data-action]');
    if (!el) return;
    const d = el.dataset;
    vscode.postMessage({ type: d.action, id: d.id, uri: d.uri, line: d.line === undefined ? undefined : Number(d.line) });
  });

  window.addEventListener('message', (e) => {
    const msg = e.data;
    if (!msg || msg.type !== 'render' || typeof msg.html !== 'string') return;
    // Keep keyboard users where they were: after Accept, focus moves to the same question's next button.
    const active = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : undefined;
    const question = active && document.activeElement.closest('.question') ? document.activeElement.closest('.question').dataset.id : undefined;
    const scroll = window.scrollY;
    main.innerHTML = msg.html;
    const again = active && Array.from(main.querySelectorAll('[data-key]')).find((el) => el.dataset.key === active);
    const sameQuestion = question !== undefined && Array.from(main.querySelectorAll('.question')).find((el) => el.dataset.id === question);
    const target = again || (sameQuestion && sameQuestion.querySelector('button'));
    if (target) target.focus();
    window.scrollTo(0, scroll);
  });

  vscode.postMessage({ type: 'ready' });
})();
