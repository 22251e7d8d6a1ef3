// ZitatFind: "check a quote", shared by the zitat serve page and the review site.
//
// - ZitatFind.render(container, matches, labels): shows match records (those `zitat find`
//   prints and GET /v1/find returns) with the wording's differences marked. Every text goes
//   into the DOM as text nodes, never as markup.
// - ZitatFind.searcher(data): the matching of src/find in the browser, for the offline
//   review site, over the quotations the site embeds. The rules (endings, the Konjunktiv
//   table, the threshold) come with the data from the Rust side, so both match alike.
var ZitatFind = (function () {
  'use strict';

  // Words as src/find/words.rs splits them: runs of letters, digits and hyphens, with
  // the hyphens at either end dropped; each with its position in the text.
  function tokens(text) {
    var out = [];
    var re = /[\p{Alphabetic}\p{N}-]+/gu;
    var m;
    while ((m = re.exec(text)) !== null) {
      var word = m[0], start = m.index;
      var lead = word.length - word.replace(/^-+/, '').length;
      word = word.replace(/^-+/, '').replace(/-+$/, '');
      if (word) out.push({ word: word, start: start + lead, end: start + lead + word.length });
    }
    return out;
  }

  function split(text) { return tokens(text).map(function (t) { return t.word; }); }

  function spelling(word) {
    return word.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  }

  // Longest common subsequence of two word lists, as index pairs.
  function common(left, right) {
    var n = left.length, m = right.length, i, j;
    var table = [];
    for (i = 0; i <= n; i++) table.push(new Uint32Array(m + 1));
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        table[i][j] = left[i] === right[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    var pairs = [];
    i = 0; j = 0;
    while (i < n && j < m) {
      if (left[i] === right[j]) { pairs.push([i, j]); i++; j++; }
      else if (table[i + 1][j] >= table[i][j + 1]) i++;
      else j++;
    }
    return pairs;
  }

  // The alignment of claim and wording, as src/find/diff.rs builds it.
  function steps(claim, quote) {
    var left = split(claim), right = split(quote);
    var pairs = common(left.map(spelling), right.map(spelling));
    pairs.push([left.length, right.length]);
    var out = [], i = 0, j = 0;
    pairs.forEach(function (pair) {
      var a = left.slice(i, pair[0]), b = right.slice(j, pair[1]);
      var paired = Math.min(a.length, b.length), k;
      for (k = 0; k < paired; k++) out.push({ op: 'changed', claim: a[k], quote: b[k] });
      for (k = paired; k < a.length; k++) out.push({ op: 'added', word: a[k] });
      for (k = paired; k < b.length; k++) out.push({ op: 'dropped', word: b[k] });
      if (pair[0] < left.length) out.push({ op: 'same', word: right[pair[1]] });
      i = pair[0] + 1; j = pair[1] + 1;
    });
    return out;
  }

  function summary(all) {
    var s = { added: [], dropped: [], changed: [] };
    all.forEach(function (step) {
      if (step.op === 'added') s.added.push(step.word);
      else if (step.op === 'dropped') s.dropped.push(step.word);
      else if (step.op === 'changed') s.changed.push({ claim: step.claim, quote: step.quote });
    });
    return s;
  }

  function speakerCheck(speaker, asked) {
    var folded = function (name) { return split(name).map(spelling); };
    var wanted = folded(asked);
    var byId = !!speaker.id && spelling(speaker.id) === spelling(asked.trim());
    var have = speaker.name ? folded(speaker.name) : [];
    var byName = !!speaker.name && wanted.length > 0 && wanted.every(function (w) { return have.indexOf(w) >= 0; });
    var same = byId || byName;
    var saidBy = speaker.name ? speaker.name : speaker.text ? '„' + speaker.text + '“ (no name known)' : 'no one named';
    var check = { asked: asked, same: same };
    if (!same) check.note = 'said by ' + saidBy + ', not ' + asked;
    return check;
  }

  // The search over embedded quotations (see src/find/index.rs for the similarity).
  function searcher(data) {
    var konjunktiv = new Map(data.konjunktiv);
    function term(word) {
      var spelled = spelling(word);
      if (konjunktiv.has(spelled)) return konjunktiv.get(spelled);
      var length = Array.from(spelled).length;
      for (var k = 0; k < data.endings.length; k++) {
        var e = data.endings[k];
        if (spelled.endsWith(e) && length >= data.min_stem + e.length) return spelled.slice(0, spelled.length - e.length);
      }
      return spelled;
    }
    function terms(text) { return Array.from(new Set(split(text).map(term))); }
    var sets = data.quotes.map(function (q) { return terms(q.wording); });
    var frequency = new Map();
    sets.forEach(function (set) { set.forEach(function (t) { frequency.set(t, (frequency.get(t) || 0) + 1); }); });
    var n = Math.max(sets.length, 1);
    var weight = function (t) { return Math.log(1 + n / Math.max(frequency.get(t) || 0, 1)); };
    var members = sets.map(function (set) { return new Set(set); });
    var totals = sets.map(function (set) { return set.reduce(function (sum, t) { return sum + weight(t); }, 0); });

    function similarity(shared, claim, quote) {
      var dice = claim[0] + quote[0] > 0 ? 2 * shared / (claim[0] + quote[0]) : 0;
      var contained = function (side) { return side[1] >= data.min_contained && side[0] > 0 ? shared / side[0] : 0; };
      var score = claim[1] <= quote[1] ? contained(claim) : (contained(quote) + dice) / 2;
      return { score: Math.min(Math.max(dice, score), 1), dice: dice };
    }

    return function search(claim, speaker, limit) {
      var claimed = terms(claim);
      var known = claimed.filter(function (t) { return frequency.has(t); });
      if (known.length === 0) return [];
      var total = claimed.reduce(function (sum, t) { return sum + weight(t); }, 0);
      var hits = [];
      members.forEach(function (set, q) {
        var shared = 0;
        known.forEach(function (t) { if (set.has(t)) shared += weight(t); });
        if (shared === 0) return;
        var s = similarity(shared, [total, claimed.length], [totals[q], sets[q].length]);
        if (s.score >= data.threshold) hits.push({ q: q, s: s });
      });
      hits.sort(function (a, b) { return b.s.score - a.s.score || b.s.dice - a.s.dice || a.q - b.q; });
      return hits.slice(0, limit).map(function (hit) {
        var quote = data.quotes[hit.q];
        var all = steps(claim, quote.wording);
        var record = {
          similarity: Math.round(hit.s.score * 1000) / 1000,
          speaker: { id: quote.speaker_id, name: quote.speaker_name, text: quote.speaker_text },
          doc: quote.doc, id: quote.id, title: quote.title, date: quote.date, type: quote.type,
          wording: quote.wording, diff: summary(all), steps: all, href: quote.href
        };
        if (speaker) record.speaker_check = speakerCheck(record.speaker, speaker);
        return record;
      });
    };
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // The wording with its words marked by the alignment: changed and dropped words of the
  // quotation are marked, words only the claim has are inserted where they would stand.
  function markedWording(match) {
    var box = element('blockquote', 'zf-wording');
    var words = tokens(match.wording);
    var at = 0, w = 0;
    match.steps.forEach(function (step) {
      if (step.op === 'added') {
        box.appendChild(element('ins', 'zf-added', step.word));
        box.appendChild(document.createTextNode(' '));
        return;
      }
      var token = words[w++];
      if (!token) return;
      box.appendChild(document.createTextNode(match.wording.slice(at, token.start)));
      var text = match.wording.slice(token.start, token.end);
      if (step.op === 'same') box.appendChild(document.createTextNode(text));
      else {
        var mark = element('mark', step.op === 'changed' ? 'zf-changed' : 'zf-dropped', text);
        mark.title = step.op === 'changed' ? '≠ ' + step.claim : 'not in the claim';
        box.appendChild(mark);
      }
      at = token.end;
    });
    box.appendChild(document.createTextNode(match.wording.slice(at)));
    return box;
  }

  var GERMAN = {
    none: 'Nicht gefunden: kein Zitat des Korpus gleicht der Behauptung.',
    said: 'gesagt von', not: 'nicht von', unknown: 'ohne genannten Sprecher', changed: 'geändert', added: 'hinzugefügt',
    dropped: 'weggelassen', exact: 'wörtlich so zitiert', similarity: 'Ähnlichkeit'
  };

  function render(container, matches, labels) {
    labels = labels || GERMAN;
    container.textContent = '';
    if (matches.length === 0) {
      container.appendChild(element('p', 'zf-none', labels.none));
      return;
    }
    matches.forEach(function (match) {
      var box = element('div', 'zf-match');
      box.dataset.id = match.id;
      var head = element('p', 'zf-head');
      head.appendChild(element('span', 'zf-score', labels.similarity + ' ' + Math.round(match.similarity * 100) + ' %'));
      head.appendChild(document.createTextNode(' · ' + labels.said + ' '));
      var who = match.speaker.name || (match.speaker.text ? '„' + match.speaker.text + '“' : labels.unknown);
      head.appendChild(element('b', 'zf-speaker', who));
      if (match.speaker.id) head.appendChild(element('code', 'zf-speaker-id', match.speaker.id));
      head.appendChild(document.createTextNode(' · '));
      var where = match.href || match.url;
      var article = element(where ? 'a' : 'span', 'zf-article', match.title || match.doc);
      if (where) article.href = where;
      head.appendChild(article);
      if (match.date) head.appendChild(document.createTextNode(' (' + match.date + ')'));
      head.appendChild(element('span', 'zf-type zq-type-' + match.type, match.type));
      box.appendChild(head);
      // Built from the labels, not the record's English note, so each page says it in its language.
      var check = match.speaker_check;
      if (check && !check.same) box.appendChild(element('p', 'zf-wrong', labels.said + ' ' + who + ', ' + labels.not + ' ' + check.asked));
      box.appendChild(markedWording(match));
      var d = match.diff, parts = [];
      if (d.changed.length) parts.push(labels.changed + ': ' + d.changed.map(function (c) { return c.claim + ' → ' + c.quote; }).join(', '));
      if (d.added.length) parts.push(labels.added + ': ' + d.added.join(' '));
      if (d.dropped.length) parts.push(labels.dropped + ': ' + d.dropped.join(' '));
      box.appendChild(element('p', 'zf-diff', parts.length ? parts.join(' · ') : labels.exact));
      container.appendChild(box);
    });
  }

  return { render: render, searcher: searcher, steps: steps };
})();
