// zitat's quotation renderer: marks quotations (by type), speakers, cues, frames and
// addressees in a text, and lists the quotations in a table.
//
// Input: the text exactly as it was annotated, and the records zitat writes (the lines of
// `zitat run`, or the "quotations" of POST /v1/attribute). Offsets count Unicode code
// points, so the text is cut with Array.from, not by UTF-16 units. Everything reaches the
// DOM as text nodes (textContent), never as markup: a text or record cannot inject HTML.
//
// Used by the page of `zitat serve`; a static review site can load this file and
// quotes.css and call ZitatQuotes.renderText / renderList / renderLegend itself. The names
// of types and roles are the page's (ZitatLabels, src/assets/labels.rs, loaded first).
(function (global) {
  'use strict';

  var LABELS = global.ZitatLabels;
  var TYPES = {};
  Object.keys(LABELS.types).forEach(function (type) { TYPES[type] = LABELS.types[type].name; });
  var ROLES = LABELS.roles;

  function typeOf(record) {
    return Object.prototype.hasOwnProperty.call(TYPES, record.type) ? record.type : 'Direct';
  }

  // Every marked span: {start, end, role, n (1-based quotation number), type}.
  function marks(records, length) {
    var out = [];
    records.forEach(function (record, index) {
      Object.keys(ROLES).forEach(function (role) {
        var value = record[role];
        if (!value || !Array.isArray(value.spans)) return;
        value.spans.forEach(function (span) {
          var start = Math.max(0, Math.min(length, span[0] | 0));
          var end = Math.max(start, Math.min(length, span[1] | 0));
          if (end > start) out.push({ start: start, end: end, role: role, n: index + 1, type: typeOf(record) });
        });
      });
    });
    return out;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function unique(values) {
    return values.filter(function (v, i) { return values.indexOf(v) === i; });
  }

  function speakerLabel(record) {
    if (!record.speaker) return '';
    return record.speaker.name || record.speaker.text || '';
  }

  function describe(record, n) {
    var parts = [ROLES.quote + ' ' + n + ' (' + TYPES[typeOf(record)] + ')'];
    var speaker = speakerLabel(record);
    if (speaker) parts.push(ROLES.speaker + ': ' + speaker);
    if (record.cue) parts.push(ROLES.cue + ': ' + record.cue.text);
    return parts.join(' · ');
  }

  // A badge with the quotation's number, placed where its first quote span starts.
  function badge(record, n) {
    var el = element('sup', 'zq-badge zq-type-' + typeOf(record), String(n));
    el.dataset.q = String(n);
    return el;
  }

  // The piece of text from cut a to cut b, wrapped in one span carrying every role that
  // covers it (roles may overlap: a speaker inside a frame, a cue inside a quote). Where
  // quotations nest (a direct quote inside indirect speech), the innermost gives the
  // colour and the enclosing one shows as a bar underneath.
  function piece(chars, a, b, covering, records) {
    var text = chars.slice(a, b).join('');
    if (covering.length === 0) return document.createTextNode(text);
    var el = element('span', '', text);
    covering.forEach(function (m) {
      if (m.role !== 'quote') el.classList.add('zq-' + m.role);
    });
    var quotes = covering.filter(function (m) { return m.role === 'quote'; })
      .sort(function (x, y) { return (x.end - x.start) - (y.end - y.start); });
    if (quotes.length > 0) el.classList.add('zq-quote', 'zq-type-' + quotes[0].type);
    if (quotes.length > 1) el.classList.add('zq-nested', 'zq-in-' + quotes[quotes.length - 1].type);
    var numbers = unique(covering.map(function (m) { return m.n; }));
    el.dataset.q = numbers.join(' ');
    el.title = numbers.map(function (n) { return describe(records[n - 1], n); }).join('\n');
    return el;
  }

  // Fills `container` with `text`, quotations and roles marked.
  function renderText(container, text, records) {
    var chars = Array.from(text);
    var all = marks(records, chars.length);
    var cuts = unique([0, chars.length].concat(all.map(function (m) { return m.start; }), all.map(function (m) { return m.end; })))
      .sort(function (x, y) { return x - y; });
    var firstQuoteAt = {};
    all.forEach(function (m) {
      if (m.role === 'quote' && !(m.n in firstQuoteAt)) firstQuoteAt[m.n] = m.start;
    });
    container.replaceChildren();
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      Object.keys(firstQuoteAt).forEach(function (n) {
        if (firstQuoteAt[n] === a) container.appendChild(badge(records[n - 1], Number(n)));
      });
      var covering = all.filter(function (m) { return m.start <= a && b <= m.end; });
      container.appendChild(piece(chars, a, b, covering, records));
    }
    linkHover(container);
  }

  // Hovering one part of a quotation highlights all its parts.
  function linkHover(container) {
    function set(event, on) {
      var target = event.target.closest ? event.target.closest('[data-q]') : null;
      if (!target || !container.contains(target)) return;
      target.dataset.q.split(' ').forEach(function (n) {
        container.querySelectorAll('[data-q~="' + n + '"]').forEach(function (el) {
          el.classList.toggle('zq-active', on);
        });
      });
    }
    container.onmouseover = function (event) { set(event, true); };
    container.onmouseout = function (event) { set(event, false); };
  }

  function cell(row, tag, text, className) {
    row.appendChild(element(tag, className || '', text));
  }

  // Fills `table` with one row per quotation.
  function renderList(table, records) {
    table.replaceChildren();
    var head = table.createTHead().insertRow();
    ['#', LABELS.type, ROLES.speaker, ROLES.cue, ROLES.quote].forEach(function (h) { cell(head, 'th', h); });
    var body = table.createTBody();
    records.forEach(function (record, index) {
      var row = body.insertRow();
      row.dataset.q = String(index + 1);
      var type = typeOf(record);
      row.appendChild(element('td', '', String(index + 1)));
      var kind = element('td');
      kind.appendChild(element('span', 'zq-chip zq-type-' + type, TYPES[type]));
      row.appendChild(kind);
      var speaker = element('td', 'zq-speaker-cell', speakerLabel(record));
      // The mention in the text, when the name does not already say it ("der Minister").
      if (record.speaker && record.speaker.name && record.speaker.text && record.speaker.name.indexOf(record.speaker.text) < 0) {
        speaker.appendChild(element('span', 'zq-mention', ' („' + record.speaker.text + '“)'));
      }
      row.appendChild(speaker);
      cell(row, 'td', record.cue ? record.cue.text : '');
      cell(row, 'td', record.quote ? record.quote.text : '', 'zq-quote-cell');
    });
  }

  // Fills `container` with a key to the colours and marks; each type says what it means
  // when pointed at.
  function renderLegend(container) {
    container.replaceChildren();
    Object.keys(TYPES).forEach(function (type) {
      var chip = element('span', 'zq-chip zq-type-' + type, TYPES[type]);
      chip.title = LABELS.types[type].plain;
      container.appendChild(chip);
    });
    container.appendChild(element('span', 'zq-speaker zq-key', ROLES.speaker));
    container.appendChild(element('span', 'zq-cue zq-key', ROLES.cue));
    container.appendChild(element('span', 'zq-addressee zq-key', ROLES.addressee));
  }

  global.ZitatQuotes = { renderText: renderText, renderList: renderList, renderLegend: renderLegend, TYPES: TYPES };
})(window);
