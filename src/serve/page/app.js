// The zitat serve page: sends the pasted text to POST /v1/attribute and shows the result
// with the shared renderer (quotes.js). `/?text=…&title=…` fills the form and submits it,
// so a link can open an article already marked.
//
// body[data-state] says where the page is (ready, busy, done, error), for tests.
(function () {
  'use strict';
  var form = document.getElementById('input');
  var title = document.getElementById('title');
  var text = document.getElementById('text');
  var button = document.getElementById('submit');
  var status = document.getElementById('status');
  var output = document.getElementById('output');

  function state(name, message) {
    document.body.dataset.state = name;
    status.textContent = message;
  }

  function show(sent, heading, quotations) {
    ZitatQuotes.renderLegend(document.getElementById('legend'));
    document.getElementById('result-title').textContent = heading;
    ZitatQuotes.renderText(document.getElementById('marked'), sent, quotations);
    ZitatQuotes.renderList(document.getElementById('list'), quotations);
    output.hidden = false;
    var n = quotations.length;
    state('done', n === 0 ? 'Keine Zitate gefunden.' : n === 1 ? '1 Zitat gefunden.' : n + ' Zitate gefunden.');
  }

  function fail(message) {
    output.hidden = true;
    state('error', message);
  }

  function submit(event) {
    if (event) event.preventDefault();
    var sent = text.value;
    var heading = title.value.trim();
    if (!sent.trim()) return fail('Bitte einen Text einfügen.');
    state('busy', 'Wird analysiert …');
    button.disabled = true;
    var request = { text: sent };
    if (heading) request.title = heading;
    fetch('/v1/attribute', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request)
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) return fail('Fehler ' + response.status + ': ' + (body.error || response.statusText));
          show(sent, heading, body.quotations || []);
        });
      })
      .catch(function (err) { fail('Der Server ist nicht erreichbar (' + err.message + ').'); })
      .finally(function () { button.disabled = false; });
  }

  function showEngine() {
    fetch('/v1/info').then(function (r) { return r.json(); }).then(function (info) {
      var engine = info.engine || {};
      var parts = ['zitat ' + info.zitat, 'Engine: ' + engine.engine];
      if (engine.device) parts.push('Gerät: ' + engine.device);
      document.getElementById('engine').textContent = parts.join(' · ');
    }).catch(function () {});
  }

  form.addEventListener('submit', submit);
  showEngine();
  var params = new URLSearchParams(location.search);
  if (params.has('text')) {
    text.value = params.get('text');
    title.value = params.get('title') || '';
    submit();
  }
})();
