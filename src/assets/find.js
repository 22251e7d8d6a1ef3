// ZitatFind: "check a quote", shared by the zitat serve page and the review site.
//
// - ZitatFind.render(container, matches[, labels]): shows match records (those `zitat find`
//   prints and GET /v1/find returns) with the wording's differences marked, in the page's
//   language. Every text goes into the DOM as text nodes, never as markup.
// - ZitatFind.searcher(data): the matching of src/find in the browser, for the offline
//   review site, over the quotations the site embeds. The rules (endings, the Konjunktiv
//   table, the threshold, the verdict's word table and names) come with the data from the
//   Rust side, so both match and judge alike.
// - ZitatFind.judge(claim, wording, steps, rules): the verdict of src/find/verdict.rs.
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

  // A folded name without its genitive -s, as src/find/words.rs without_genitive.
  function withoutGenitive(spelled) {
    var stem = spelled.endsWith('s') ? spelled.slice(0, -1) : null;
    return stem !== null && !stem.endsWith('s') && Array.from(stem).length >= 3 ? stem : spelled;
  }

  function isUpper(c) { return c !== c.toLowerCase(); }
  function isCapitalised(word) { var first = Array.from(word)[0]; return !!first && isUpper(first); }

  // A name as src/identity.rs bare leaves it: leading titles, role nouns and lower-case
  // words dropped, the last word kept.
  function bare(name, rules) {
    var words = name.split(/\s+/).filter(Boolean);
    var isRole = function (w) {
      var lower = w.toLowerCase();
      var gen = ['s', 'en', 'n'].find(function (g) { return lower.endsWith(g); });
      var stem = gen ? lower.slice(0, lower.length - gen.length) : lower;
      return rules.role_suffixes.some(function (s) { return lower.endsWith(s) || stem.endsWith(s); });
    };
    var isLower = function (w) { var first = Array.from(w)[0]; return first !== first.toUpperCase(); };
    var isTitle = function (w) { return rules.titles.indexOf(w.toLowerCase()) >= 0 || isRole(w) || isLower(w); };
    var skip = 0;
    while (skip < words.length - 1 && isTitle(words[skip])) skip++;
    return words.slice(skip).join(' ');
  }

  // Whether the name asked about may be the speaker's (src/find/report.rs same_person).
  function samePerson(asked, speaker, rules) {
    var person = function (name) { return split(bare(name, rules)).map(function (w) { return withoutGenitive(spelling(w)); }); };
    var a = person(asked), s = person(speaker);
    if (!a.length || !s.length) return false;
    var all = a.every(function (w) { return s.indexOf(w) >= 0; });
    var ends = a.length >= s.length && s.every(function (w, k) { return a[a.length - s.length + k] === w; });
    return all || ends;
  }

  function speakerCheck(speaker, asked, rules) {
    var byId = !!speaker.id && spelling(speaker.id) === spelling(asked.trim());
    var same = byId || !!speaker.name && samePerson(asked, speaker.name, rules);
    var saidBy = speaker.name ? speaker.name : speaker.text ? '„' + speaker.text + '“ (no name known)' : 'no one named';
    var check = { asked: asked, same: same };
    if (!same) check.note = 'said by ' + saidBy + ', not ' + asked;
    return check;
  }

  // The verdict of src/find/verdict.rs: rules are its word table (meaning), the name keys
  // (names, a Set) and what bare needs; speaker is the name of whoever said it.
  function judge(claim, wording, all, rules, speaker) {
    var a = split(claim), b = split(wording);
    if (a.length === b.length && a.every(function (w, k) { return w === b[k]; })) return { verdict: 'verbatim', changes: [] };
    var changes = changesOf(all, rules, speaker);
    return { verdict: changes.length ? 'meaning changed' : 'same meaning', changes: changes };
  }

  function changesOf(all, rules, speaker) {
    var table = function (kind) { return rules.meaning.words[kind] || {}; };
    var lookup = function (kind) {
      var t = table(kind);
      return function (w) { var k = spelling(w); return Object.prototype.hasOwnProperty.call(t, k) ? t[k] : null; };
    };
    var numberKey = function (w) {
      if (/^[0-9]+$/.test(w)) return w.replace(/^0+/, '') || '0';
      return lookup('number')(w);
    };
    var own = speaker ? split(speaker).map(function (w) { return withoutGenitive(spelling(w)); }) : [];
    var nameKey = function (w) { var key = nameOf(w, rules.names); return key !== null && own.indexOf(key) < 0 ? key : null; };
    var inner = sides(all, 0), near = sides(all, 1);
    return [
      negation(near, inner, lookup('negation')),
      differ('number', inner, numberKey),
      differ('name', inner, nameKey),
      differ('modal', inner, lookup('modal')),
      differ('polarity', inner, lookup('polarity')),
      opposite(inner, oppositeKey(table('opposite'), rules.meaning.opposite_endings))
    ].filter(Boolean);
  }

  function twoCapitals(word) { return Array.from(word).filter(isUpper).length >= 2; }

  function nameOf(word, names) {
    if (!isCapitalised(word)) return null;
    var parts = word.split('-').filter(isCapitalised)
      .map(function (part) { return [part, withoutGenitive(spelling(part))]; })
      .filter(function (p) { return twoCapitals(p[0]) || names.has(p[1]); })
      .map(function (p) { return p[1]; });
    return parts.length ? parts.join('-') : null;
  }

  function oppositeKey(t, endings) {
    return function (w) {
      var spelled = spelling(w);
      for (var k = 0; k < endings.length; k++) {
        if (!spelled.endsWith(endings[k])) continue;
        var stem = spelled.slice(0, spelled.length - endings[k].length);
        if (Object.prototype.hasOwnProperty.call(t, stem)) return t[stem];
      }
      return null;
    };
  }

  // The differing words: all the claim's, and the quotation's but those it leaves out
  // before or after the part quoted, of which only the `reach` nearest count.
  function sides(all, reach) {
    var leftOut = function (step) { return step.op === 'dropped'; };
    var before = 0, after = 0;
    while (before < all.length && leftOut(all[before])) before++;
    if (before < all.length) while (leftOut(all[all.length - 1 - after])) after++;
    var from = before - Math.min(reach, before), to = all.length - after + Math.min(reach, after);
    var out = { claim: [], quote: [], pairs: [] };
    all.forEach(function (step, at) {
      if (step.op === 'dropped' && (at < from || at >= to)) return;
      if (step.op === 'changed') { out.claim.push(step.claim); out.quote.push(step.quote); out.pairs.push([step.claim, step.quote]); }
      else if (step.op === 'added') out.claim.push(step.word);
      else if (step.op === 'dropped') out.quote.push(step.word);
    });
    return out;
  }

  function keyed(words, key) {
    return words.map(function (w) { var k = key(w); return k === null ? null : [k, w]; }).filter(Boolean);
  }

  // The keyed words of each side that the other side has no word of the same key for.
  function unmatched(claim, quote) {
    quote = quote.slice();
    var left = [];
    claim.forEach(function (c) {
      var at = quote.findIndex(function (q) { return q[0] === c[0]; });
      if (at >= 0) quote.splice(at, 1); else left.push(c);
    });
    return [left, quote];
  }

  function change(kind, claim, quote) {
    if (!claim.length && !quote.length) return null;
    var words = function (side) { return side.map(function (k) { return k[1]; }); };
    return { kind: kind, claim: words(claim), quote: words(quote) };
  }

  function differ(kind, s, key) {
    var u = unmatched(keyed(s.claim, key), keyed(s.quote, key));
    return change(kind, u[0], u[1]);
  }

  function negation(near, inner, key) {
    var u = unmatched(keyed(near.claim, key), keyed(near.quote, key));
    inner.pairs.forEach(function (p) {
      var c = spelling(p[0]), q = spelling(p[1]);
      if (c === 'un' + q || q === 'un' + c) { u[0].push([c, p[0]]); u[1].push([q, p[1]]); }
    });
    return change('negation', u[0], u[1]);
  }

  function opposite(inner, key) {
    var u = unmatched(keyed(inner.claim, key), keyed(inner.quote, key));
    var flipped = function (k) { return k.slice(0, -1) + (k.slice(-1) === '+' ? '-' : '+'); };
    var has = function (side, k) { return side.some(function (x) { return x[0] === k; }); };
    return change('opposite',
      u[0].filter(function (c) { return has(u[1], flipped(c[0])); }),
      u[1].filter(function (q) { return has(u[0], flipped(q[0])); }));
  }

  // The search over embedded quotations (see src/find/index.rs for the similarity).
  function searcher(data) {
    var konjunktiv = new Map(data.konjunktiv);
    var rules = { meaning: data.meaning, names: new Set(data.names), titles: data.titles, role_suffixes: data.role_suffixes };
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
        var judged = judge(claim, quote.wording, all, rules, quote.speaker_name);
        var record = {
          similarity: Math.round(hit.s.score * 1000) / 1000, verdict: judged.verdict, changes: judged.changes,
          speaker: { id: quote.speaker_id, name: quote.speaker_name, text: quote.speaker_text },
          doc: quote.doc, id: quote.id, title: quote.title, date: quote.date, type: quote.type,
          wording: quote.wording, diff: summary(all), steps: all, href: quote.href
        };
        if (speaker) record.speaker_check = speakerCheck(record.speaker, speaker, rules);
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
  function markedWording(match, labels) {
    var box = element('blockquote', 'zf-wording');
    var words = tokens(match.wording);
    var at = 0, w = 0;
    match.steps.forEach(function (step) {
      if (step.op === 'added') {
        // Spaced from the word before it; what follows brings its own space or punctuation.
        if (at > 0) box.appendChild(document.createTextNode(' '));
        box.appendChild(element('ins', 'zf-added', step.word));
        if (at === 0) box.appendChild(document.createTextNode(' '));
        return;
      }
      var token = words[w++];
      if (!token) return;
      box.appendChild(document.createTextNode(match.wording.slice(at, token.start)));
      var text = match.wording.slice(token.start, token.end);
      if (step.op === 'same') box.appendChild(document.createTextNode(text));
      else {
        var mark = element('mark', step.op === 'changed' ? 'zf-changed' : 'zf-dropped', text);
        mark.title = step.op === 'changed' ? '≠ ' + step.claim : labels.notInClaim;
        box.appendChild(mark);
      }
      at = token.end;
    });
    box.appendChild(document.createTextNode(match.wording.slice(at)));
    return box;
  }

  // The words of the matches, in the page's language (ZitatLabels.lang; German without it).
  var LABELS = {
    de: {
      none: 'Nicht gefunden: kein Zitat des Korpus gleicht der Behauptung.',
      said: 'gesagt von', not: 'nicht von', unknown: 'ohne genannten Sprecher', changed: 'geändert', added: 'hinzugefügt',
      dropped: 'weggelassen', exact: 'wörtlich so zitiert', similarity: 'Ähnlichkeit', notInClaim: 'fehlt in der Behauptung',
      verbatim: 'Wörtlich', same: 'Gleiche Bedeutung', meaning: 'Bedeutung verändert', missing: 'fehlt',
      inserted: 'hinzugefügt', instead: 'statt',
      kinds: { negation: 'Verneinung', number: 'Zahl', name: 'Name', modal: 'Modalverb', polarity: 'Häufigkeit oder Menge', opposite: 'Gegenteil' }
    },
    en: {
      none: 'Not found: no quotation of this corpus is like the claim.',
      said: 'said by', not: 'not', unknown: 'no named speaker', changed: 'changed', added: 'added',
      dropped: 'dropped', exact: 'quoted word for word', similarity: 'similarity', notInClaim: 'not in the claim',
      verbatim: 'verbatim', same: 'same meaning', meaning: 'meaning changed', missing: 'dropped',
      inserted: 'added', instead: 'for',
      kinds: { negation: 'negation', number: 'number', name: 'name', modal: 'modal verb', polarity: 'frequency or quantity', opposite: 'opposite' }
    }
  };
  var PAGE = typeof ZitatLabels !== 'undefined' && LABELS[ZitatLabels.lang] ? LABELS[ZitatLabels.lang] : LABELS.de;

  // The verdict in words: „Bedeutung verändert: „keine“ fehlt (Verneinung)“.
  function verdictText(match, labels) {
    if (match.verdict === 'verbatim') return labels.verbatim;
    if (match.verdict !== 'meaning changed') return labels.same;
    var quoted = function (words) { return words.map(function (w) { return '„' + w + '“'; }).join(', '); };
    return labels.meaning + ': ' + match.changes.map(function (c) {
      var what = !c.claim.length ? quoted(c.quote) + ' ' + labels.missing
        : !c.quote.length ? quoted(c.claim) + ' ' + labels.inserted
        : quoted(c.claim) + ' ' + labels.instead + ' ' + quoted(c.quote);
      return what + ' (' + labels.kinds[c.kind] + ')';
    }).join('; ');
  }

  function typeName(type) {
    var known = typeof ZitatLabels !== 'undefined' && ZitatLabels.types[type];
    return known ? known.name : type;
  }

  function render(container, matches, labels) {
    labels = labels || PAGE;
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
      head.appendChild(element('span', 'zf-type zq-type-' + match.type, typeName(match.type)));
      box.appendChild(head);
      if (match.verdict) {
        var verdict = element('p', 'zf-verdict', verdictText(match, labels));
        verdict.dataset.verdict = match.verdict;
        box.appendChild(verdict);
      }
      // Built from the labels, not the record's English note, so each page says it in its language.
      var check = match.speaker_check;
      if (check && !check.same) box.appendChild(element('p', 'zf-wrong', labels.said + ' ' + who + ', ' + labels.not + ' ' + check.asked));
      box.appendChild(markedWording(match, labels));
      var d = match.diff, parts = [];
      if (d.changed.length) parts.push(labels.changed + ': ' + d.changed.map(function (c) { return c.claim + ' → ' + c.quote; }).join(', '));
      if (d.added.length) parts.push(labels.added + ': ' + d.added.join(' '));
      if (d.dropped.length) parts.push(labels.dropped + ': ' + d.dropped.join(' '));
      box.appendChild(element('p', 'zf-diff', parts.length ? parts.join(' · ') : labels.exact));
      container.appendChild(box);
    });
  }

  return { render: render, searcher: searcher, steps: steps, judge: judge, verdictText: verdictText };
})();
