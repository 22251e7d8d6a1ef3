// zitat review site: sortable tables, speakers that open their quotations, the filters and
// the export of the index, j/k between the quotations of an article.
(function () {
  'use strict';
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  var LANG = ZitatLabels.lang;
  var say = function (de, en) { return LANG === 'de' ? de : en; };

  function cellValue(row, column, numeric) {
    var text = row.cells[column].textContent.trim();
    return numeric ? parseFloat(text) || 0 : text.toLowerCase();
  }

  // A speaker's quotations are the row after it, and move with it.
  function makeSortable(table) {
    var headers = table.tHead.rows[0].cells;
    each(headers, function (th, column) {
      if (!th.dataset.sort) return;
      th.addEventListener('click', function () {
        var numeric = th.dataset.sort === 'num';
        var ascending = !th.classList.contains('asc');
        each(headers, function (h) { h.classList.remove('asc', 'desc'); });
        th.classList.add(ascending ? 'asc' : 'desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.filter.call(body.rows, function (row) { return !row.classList.contains('quotes'); });
        rows.sort(function (a, b) {
          var x = cellValue(a, column, numeric), y = cellValue(b, column, numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) {
          var quotes = row.nextElementSibling;
          body.appendChild(row);
          if (quotes && quotes.classList.contains('quotes')) body.appendChild(quotes);
        });
      });
    });
  }

  function openSpeaker(button, open) {
    var row = document.getElementById(button.getAttribute('aria-controls'));
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    row.hidden = !open;
  }

  // A name opens its quotations; an address that names a speaker (#p-…) opens them too.
  function makeSpeakers() {
    document.querySelectorAll('button.open').forEach(function (button) {
      button.addEventListener('click', function () {
        openSpeaker(button, button.getAttribute('aria-expanded') !== 'true');
      });
    });
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var button = target && target.classList.contains('speaker') && target.querySelector('button.open');
    if (button) {
      openSpeaker(button, true);
      target.scrollIntoView({ block: 'start' });
    }
  }

  function readForm(form) {
    var filter = ZitatFilter.none();
    var checked = function (name) {
      var all = form.querySelectorAll('input[name="' + name + '"]');
      var on = Array.prototype.filter.call(all, function (i) { return i.checked; }).map(function (i) { return i.value; });
      return on.length === all.length ? null : on;
    };
    filter.types = checked('type');
    filter.kinds = checked('kind');
    filter.min = parseFloat(form.elements.min.value) || 0;
    filter.names = parseFloat(form.elements.names.value) || 0;
    filter.from = form.elements.from.value;
    filter.to = form.elements.to.value;
    filter.q = form.elements.q.value.trim();
    return filter;
  }

  function writeForm(form, filter) {
    each(form.querySelectorAll('input[name="type"]'), function (i) { i.checked = !filter.types || filter.types.indexOf(i.value) >= 0; });
    each(form.querySelectorAll('input[name="kind"]'), function (i) { i.checked = !filter.kinds || filter.kinds.indexOf(i.value) >= 0; });
    form.elements.min.value = String(filter.min);
    form.elements.names.value = String(filter.names);
    form.elements.from.value = filter.from;
    form.elements.to.value = filter.to;
    form.elements.q.value = filter.q;
  }

  // Shows what the filter lets through: a speaker's quotations, the speakers with any
  // left (their count says how many of all), the articles of the days chosen.
  function apply(quotes, filter) {
    var passed = quotes.map(function (q) { return ZitatFilter.matches(q, filter); });
    var on = ZitatFilter.active(filter);
    each(document.querySelectorAll('.speaker-quotes tr[data-q]'), function (row) { row.hidden = !passed[row.dataset.q]; });
    each(document.querySelectorAll('tr.speaker'), function (row) {
      var shown = row.nextElementSibling.querySelectorAll('tr[data-q]:not([hidden])').length;
      var cell = row.querySelector('td.count');
      cell.textContent = on ? shown + ' / ' + cell.dataset.total : cell.dataset.total;
      row.hidden = shown === 0;
      if (shown === 0) openSpeaker(row.querySelector('button.open'), false);
    });
    each(document.querySelectorAll('.kind-group'), function (group) {
      group.hidden = group.querySelectorAll('tr.speaker:not([hidden])').length === 0;
    });
    each(document.querySelectorAll('#article-table tr[data-day]'), function (row) {
      var day = row.dataset.day;
      var dated = filter.from || filter.to;
      row.hidden = !!dated && (!day || (filter.from && day < filter.from) || (filter.to && day > filter.to));
    });
    var n = passed.filter(Boolean).length;
    document.getElementById('filter-count').textContent = on
      ? say(n + ' von ' + quotes.length + ' Zitaten', n + ' of ' + quotes.length + ' quotations')
      : say(quotes.length + ' Zitate', quotes.length + ' quotations');
    return quotes.filter(function (q, k) { return passed[k]; });
  }

  function download(name, text) {
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function makeFilters() {
    var form = document.getElementById('filter-form');
    var source = document.getElementById('find-data');
    if (!form || !source) return;
    var quotes = JSON.parse(source.textContent).quotes;
    var shown = quotes;
    var update = function () {
      var filter = readForm(form);
      shown = apply(quotes, filter);
      var query = ZitatFilter.toParams(filter).toString();
      history.replaceState(null, '', (query ? '?' + query : location.pathname) + location.hash);
    };
    writeForm(form, ZitatFilter.fromParams(new URLSearchParams(location.search)));
    shown = apply(quotes, readForm(form));
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.addEventListener('reset', function () { setTimeout(update, 0); });
    document.getElementById('export').addEventListener('click', function () {
      download(say('zitate.csv', 'quotations.csv'), ZitatFilter.csv(shown, ZitatLabels));
    });
  }

  function inView(element, box) {
    var r = element.getBoundingClientRect();
    var b = box ? box.getBoundingClientRect() : { top: 0, bottom: innerHeight };
    return r.top >= Math.max(0, b.top) && r.bottom <= Math.min(innerHeight, b.bottom);
  }

  // j / k move between the quotations of an article, in text order; the quotation and its
  // row in the table beside the text stay in view, and the address keeps the quotation's
  // anchor so that it can be cited.
  function makeNavigation() {
    var anchors = Array.prototype.slice.call(document.querySelectorAll('[data-anchor]'));
    var panel = document.getElementById('panel');
    if (anchors.length === 0) return;
    var current = -1;
    function show(index) {
      document.querySelectorAll('.current').forEach(function (e) { e.classList.remove('current'); });
      current = Math.max(0, Math.min(anchors.length - 1, index));
      var mark = anchors[current];
      mark.classList.add('current');
      var row = document.getElementById('row-' + mark.id);
      if (row) {
        row.classList.add('current');
        row.scrollIntoView({ block: 'center' });
      }
      mark.scrollIntoView({ block: 'center' });
      // For a test (and a curious reader): whether both are on screen now.
      document.body.dataset.inView = inView(mark) && (!row || inView(row, panel)) ? 'yes' : 'no';
      history.replaceState(null, '', '#' + mark.id);
    }
    // A cited address (a/page.html#q3) opens with that quotation marked.
    var cited = anchors.findIndex(function (a) { return '#' + a.id === location.hash; });
    if (cited >= 0) show(cited);
    document.addEventListener('keydown', function (event) {
      if (event.target.tagName === 'INPUT' || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'j') show(current + 1);
      if (event.key === 'k') show(current - 1);
    });
  }

  function linkOnHover(from, to) {
    var linked = function (on) { return function () { to.forEach(function (e) { e.classList.toggle('linked', on); }); }; };
    from.addEventListener('mouseenter', linked(true));
    from.addEventListener('mouseleave', linked(false));
  }

  // Pointing at a speaker, cue or addressee lights up its quotation, and pointing at a
  // quotation lights up its speaker.
  function makeRoleLinks() {
    document.querySelectorAll('.role[data-q]').forEach(function (role) {
      linkOnHover(role, document.querySelectorAll('mark.q[data-q="' + role.dataset.q + '"]'));
    });
    document.querySelectorAll('mark.q[data-q]').forEach(function (mark) {
      linkOnHover(mark, document.querySelectorAll('.role.sp[data-q="' + mark.dataset.q + '"]'));
    });
  }

  document.querySelectorAll('table.sortable').forEach(makeSortable);
  makeSpeakers();
  makeFilters();
  makeNavigation();
  makeRoleLinks();
  // Tells a test (and a curious reader) that the script ran to its end.
  document.body.dataset.ready = 'yes';
})();
