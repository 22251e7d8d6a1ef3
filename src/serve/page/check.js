// The "check a quote" box of the zitat serve page: asks GET /v1/find and shows the matches
// with the shared renderer (find.js). `/?q=…&speaker=…` fills the box and checks at once,
// so a link can open a check. form#check[data-state] says where it is (busy, done, error).
(function () {
  'use strict';
  var form = document.getElementById('check');
  var claim = document.getElementById('claim');
  var speaker = document.getElementById('claimed-speaker');
  var status = document.getElementById('check-status');
  var matches = document.getElementById('matches');

  function state(name, message) {
    form.dataset.state = name;
    status.textContent = message;
  }

  function check(event) {
    if (event) event.preventDefault();
    var q = claim.value.trim();
    if (!q) return state('error', 'Bitte ein Zitat eingeben.');
    state('busy', 'Wird gesucht …');
    var url = '/v1/find?q=' + encodeURIComponent(q);
    if (speaker.value.trim()) url += '&speaker=' + encodeURIComponent(speaker.value.trim());
    fetch(url)
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) {
            matches.textContent = '';
            return state('error', 'Fehler ' + response.status + ': ' + (body.error || response.statusText));
          }
          ZitatFind.render(matches, body.matches || []);
          var found = body.matches || [], n = found.length;
          var changed = found.some(function (m) {
            return m.verdict === 'meaning changed' && (!m.speaker_check || m.speaker_check.same);
          });
          state('done', n === 0 ? 'Nicht gefunden.' : body.confirmed ? n + ' Treffer.'
            : changed ? n + ' Treffer, aber mit veränderter Bedeutung.' : n + ' Treffer, aber von jemand anderem gesagt.');
        });
      })
      .catch(function (err) { state('error', 'Der Server ist nicht erreichbar (' + err.message + ').'); });
  }

  form.addEventListener('submit', check);
  var params = new URLSearchParams(location.search);
  if (params.has('q')) {
    claim.value = params.get('q');
    speaker.value = params.get('speaker') || '';
    check();
  }
})();
