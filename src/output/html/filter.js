// ZitatFilter: which quotations of the review site the filters let through, and the CSV of
// them. No DOM here, so that a test can run it in node.
//
// A filter is {types, kinds, min, names, from, to, q}: the quotation types and speaker kinds
// let through (null: all), the lowest confidence, the lowest name confidence (above 0, only
// quotations whose speaker has a name that sure), the first and last day (YYYY-MM-DD, '' for
// open), and words that the speaker, the quotation or the article must contain. The page's
// address holds it (index.html?type=Direct&kind=person&min=0.6&names=0.85&from=2005-01-01&words=Nato),
// so a filtered view can be linked (`q` is the check box's claim).
var ZitatFilter = (function () {
  'use strict';

  var TYPES = ['Direct', 'Indirect', 'FreeIndirect', 'IndirectFreeIndirect', 'Reported'];
  var KINDS = ['person', 'organisation', 'document', 'unnamed', 'none'];

  function none() { return { types: null, kinds: null, min: 0, names: 0, from: '', to: '', q: '' }; }

  function folded(text) { return (text || '').toLowerCase(); }

  function matches(quote, filter) {
    if (filter.types && filter.types.indexOf(quote.type) < 0) return false;
    if (filter.kinds && filter.kinds.indexOf(quote.kind || 'none') < 0) return false;
    if (quote.confidence < filter.min) return false;
    if (filter.names > 0 && !(quote.name_confidence >= filter.names)) return false;
    if ((filter.from || filter.to) && !quote.day) return false;
    if (filter.from && quote.day < filter.from) return false;
    if (filter.to && quote.day > filter.to) return false;
    if (!filter.q) return true;
    var haystack = [quote.wording, quote.canonical, quote.speaker_text, quote.title, quote.doc].map(folded).join('\n');
    return folded(filter.q).split(/\s+/).filter(Boolean).every(function (word) { return haystack.indexOf(word) >= 0; });
  }

  // Only the values it knows: an address is input like any other.
  function fromParams(params) {
    var filter = none();
    var list = function (name, known) {
      if (!params.has(name)) return null;
      return params.get(name).split(',').filter(function (v) { return known.indexOf(v) >= 0; });
    };
    var isDay = function (v) { return /^\d{4}-\d{2}-\d{2}$/.test(v || '') ? v : ''; };
    filter.types = list('type', TYPES);
    filter.kinds = list('kind', KINDS);
    var share = function (name) { return Math.min(Math.max(parseFloat(params.get(name)) || 0, 0), 1); };
    filter.min = share('min');
    filter.names = share('names');
    filter.from = isDay(params.get('from'));
    filter.to = isDay(params.get('to'));
    filter.q = (params.get('words') || '').trim();
    return filter;
  }

  function toParams(filter) {
    var params = new URLSearchParams();
    if (filter.types && filter.types.length < TYPES.length) params.set('type', filter.types.join(','));
    if (filter.kinds && filter.kinds.length < KINDS.length) params.set('kind', filter.kinds.join(','));
    if (filter.min > 0) params.set('min', String(filter.min));
    if (filter.names > 0) params.set('names', String(filter.names));
    if (filter.from) params.set('from', filter.from);
    if (filter.to) params.set('to', filter.to);
    if (filter.q) params.set('words', filter.q);
    return params;
  }

  function active(filter) { return toParams(filter).toString() !== ''; }

  var HEADERS = {
    de: ['Datum', 'Titel', 'Dokument', 'Zitat-ID', 'Art', 'Sprecher', 'Sprecher-ID', 'Sprecherart', 'Sprecher im Text',
      'Redeeinleitung', 'Zitat', 'Konfidenz', 'Variante'],
    en: ['date', 'title', 'document', 'quotation id', 'type', 'speaker', 'speaker id', 'speaker kind', 'speaker as written',
      'cue', 'quotation', 'confidence', 'cluster']
  };

  function field(value, separator) {
    var text = value === null || value === undefined ? '' : String(value);
    var special = text.indexOf(separator) >= 0 || /["\r\n]/.test(text);
    return special ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // The quotations as a spreadsheet in the page's language: a UTF-8 byte-order mark (Excel
  // reads „“ and umlauts right only with it), a header row, CRLF; German with `;` between
  // fields and decimal commas, as a German Excel opens a file by double-click.
  function csv(quotes, labels) {
    var german = labels.lang === 'de';
    var separator = german ? ';' : ',';
    var rows = [HEADERS[german ? 'de' : 'en']];
    quotes.forEach(function (q) {
      var confidence = q.confidence.toFixed(2);
      rows.push([q.day || q.date, q.title || q.doc, q.doc, q.id, labels.types[q.type] ? labels.types[q.type].name : q.type,
        q.canonical, (q.speaker_ids || []).join(' '), labels.kinds[q.kind || 'none'], q.speaker_text, q.cue, q.wording,
        german ? confidence.replace('.', ',') : confidence, q.cluster]);
    });
    return '\ufeff' + rows.map(function (row) {
      return row.map(function (value) { return field(value, separator); }).join(separator);
    }).join('\r\n') + '\r\n';
  }

  return { TYPES: TYPES, KINDS: KINDS, none: none, matches: matches, fromParams: fromParams, toParams: toParams, active: active, csv: csv };
})();
