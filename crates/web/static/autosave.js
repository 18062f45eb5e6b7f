// Nothing typed on a form with `data-autosave` (a proposal, an application) is lost.
// - Saves in the background when a field is left after a change, two seconds after typing stops,
//   and when the tab is hidden or closed; the status next to the form says what happened.
// - Keeps a copy of the fields in this tab's session storage until the server has them: after a
//   failed save, a crash or a reload, the page puts the typed text back (only over the version it
//   was typed on; never silently over a newer one).
// - Searches organisations without reloading the page.
// - Waits for a save in flight before the form is sent (Save, attach a document, search without
//   this script: the server saves the fields sent with each of them).
// The server refuses a save made from an old version (another tab or person saved since):
// autosave then stops and says so; nothing is overwritten. Without JavaScript, every button of
// the form saves what was typed.
(function () {
  'use strict';
  var form = document.querySelector('form[data-autosave]');
  if (!form || !form.dataset.autosave) return;
  var status = document.getElementById('autosave-status');
  var version = document.getElementById('proposal-version');
  var token = form.querySelector('input[name="_csrf"]').value;
  var key = 'cohorte-draft:' + form.dataset.autosave;
  var dirty = false, stopped = false, timer = null, inflight = null;

  function say(text, problem) {
    status.textContent = text || '';
    status.classList.toggle('fr-error-text', !!problem);
  }

  // The fields a save sends: everything but the token, files and buttons.
  function controls() {
    return Array.prototype.filter.call(form.elements, function (e) {
      return e.name && !e.disabled && e.name !== '_csrf' && e.type !== 'file' && e.type !== 'submit' && e.type !== 'button';
    });
  }

  function body() {
    var p = new URLSearchParams();
    p.append('_csrf', token);
    controls().forEach(function (e) {
      if ((e.type === 'checkbox' || e.type === 'radio') && !e.checked) return;
      if (e.tagName === 'SELECT' && e.multiple) {
        Array.prototype.forEach.call(e.selectedOptions, function (o) { p.append(e.name, o.value); });
      } else {
        p.append(e.name, e.value);
      }
    });
    return p;
  }

  function snapshot(submitted) {
    var fields = controls().filter(function (e) { return e.id && e.name !== 'version'; }).map(function (e) {
      return [e.id, (e.type === 'checkbox' || e.type === 'radio') ? e.checked : e.value];
    });
    try {
      sessionStorage.setItem(key, JSON.stringify({ version: version.value, submitted: !!submitted, fields: fields }));
    } catch (err) { /* storage full or disabled: the server saves still run */ }
  }

  function forget() {
    try { sessionStorage.removeItem(key); } catch (err) { /* nothing kept */ }
  }

  function restore() {
    var kept;
    try { kept = JSON.parse(sessionStorage.getItem(key) || 'null'); } catch (err) { kept = null; }
    if (!kept) return;
    if (kept.version !== version.value) {
      // Sent with a form, then saved: the page shows it. Otherwise a newer version exists.
      if (!kept.submitted) say(form.dataset.stale, true);
      forget();
      return;
    }
    var changed = 0;
    kept.fields.forEach(function (f) {
      var e = document.getElementById(f[0]);
      if (!e || e.disabled) return;
      if (e.type === 'checkbox' || e.type === 'radio') {
        if (e.checked !== f[1]) { e.checked = f[1]; changed++; }
      } else if (e.value !== f[1]) {
        if (e.tagName === 'SELECT' && !Array.prototype.some.call(e.options, function (o) { return o.value === f[1]; })) {
          e.add(new Option(f[1], f[1]));
        }
        e.value = f[1];
        changed++;
      }
    });
    if (changed > 0) {
      dirty = true;
      say(form.dataset.restored);
      save();
    } else {
      forget();
    }
  }

  function save(keepalive) {
    if (stopped) return Promise.resolve(false);
    if (inflight) return inflight.then(function () { return save(keepalive); });
    if (!dirty) return Promise.resolve(true);
    dirty = false;
    window.clearTimeout(timer);
    say(form.dataset.saving);
    inflight = fetch(form.dataset.autosave, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: !!keepalive,
      headers: { 'X-CSRF-Token': token, 'Accept': 'application/json' },
      body: body()
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (r.ok) {
          version.value = j.version;
          say(j.message);
          if (dirty) snapshot(); else forget();
          return true;
        }
        if (r.status === 409) {
          stopped = true;
          say(j.message, true);
        } else {
          dirty = true;
          say(j.message || form.dataset.failed, true);
        }
        return false;
      });
    }, function () {
      dirty = true;
      say(form.dataset.offline, true);
      return false;
    }).then(function (ok) {
      inflight = null;
      return ok;
    });
    return inflight;
  }

  function typed() {
    dirty = true;
    snapshot();
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 2000);
  }
  form.addEventListener('input', function (ev) {
    if (ev.target.id !== 'org-q') typed();
  });
  // A text field fires `change` when it is left after an edit; a choice, when it is made.
  form.addEventListener('change', function (ev) {
    if (ev.target.id === 'org-q' || ev.target.type === 'file') return;
    dirty = true;
    snapshot();
    save();
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') save(true);
  });
  window.addEventListener('pagehide', function () { save(true); });

  // Sending the form (Save, attach a document): wait for a save in flight so that the version
  // sent is the current one; keep the copy until the next page shows the server has it.
  form.addEventListener('submit', function (ev) {
    var by = ev.submitter;
    if (by && by.id === 'org-search-button') {
      ev.preventDefault();
      search();
      return;
    }
    if (inflight) {
      ev.preventDefault();
      inflight.then(function () { form.requestSubmit(by); });
      return;
    }
    window.clearTimeout(timer);
    snapshot(true);
  });

  // The organisation search: narrows the host choices in place.
  var query = document.getElementById('org-q');
  var host = document.getElementById('host');
  var found = document.getElementById('org-matches');
  function search() {
    if (!query || !host) return;
    var url = form.dataset.organisations + '?q=' + encodeURIComponent(query.value.trim());
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } }).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) { found.textContent = j.message || form.dataset.failed; return; }
        var current = host.value;
        var keep = Array.prototype.filter.call(host.options, function (o) { return o.value === '' || o.value === current; });
        host.innerHTML = '';
        keep.forEach(function (o) { host.add(o); });
        j.options.forEach(function (o) {
          if (o.value !== current) host.add(new Option(o.label, o.value));
        });
        host.value = current;
        found.textContent = j.message;
      });
    }).catch(function () { found.textContent = form.dataset.offline; });
  }
  if (query) {
    query.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        search();
      }
    });
  }

  // Lets a page (or a browser test) save now.
  window.cohorteAutosave = function () { dirty = true; return save(); };
  restore();
})();
