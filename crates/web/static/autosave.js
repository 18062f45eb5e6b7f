// Saves the proposal form in the background every 15 seconds after a change, and when the tab is
// hidden. The server refuses a save made from an old version (another tab or person saved since):
// autosave then stops and says so; nothing is overwritten. Without JavaScript, the Save button
// does the same.
(function () {
  'use strict';
  var form = document.getElementById('proposal-form');
  if (!form || !form.dataset.autosave) return;
  var status = document.getElementById('autosave-status');
  var version = document.getElementById('proposal-version');
  var token = form.querySelector('input[name="_csrf"]').value;
  var dirty = false, busy = false, stopped = false;
  function changed() { dirty = true; }
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  function save() {
    if (!dirty || busy || stopped) return;
    busy = true;
    dirty = false;
    var body = new URLSearchParams(new FormData(form));
    fetch(form.dataset.autosave, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': token, 'Accept': 'application/json' },
      body: body
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (r.ok) {
          version.value = j.version;
          status.textContent = j.message || '';
        } else if (r.status === 409) {
          stopped = true;
          status.textContent = j.message || '';
          status.classList.add('fr-error-text');
        } else {
          dirty = true;
          status.textContent = j.message || '';
        }
      });
    }).catch(function () { dirty = true; }).then(function () { busy = false; });
  }
  window.setInterval(save, 15000);
  // Lets a page (or a browser test) save now.
  window.cohorteAutosave = function () { dirty = true; save(); };
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') save();
  });
})();
