// zitat review site: sortable tables, the speaker filter, and j/k between quotations.
(function () {
  "use strict";

  function cellValue(row, column, numeric) {
    var text = row.cells[column].textContent.trim();
    return numeric ? parseFloat(text) || 0 : text.toLowerCase();
  }

  function makeSortable(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      if (!th.dataset.sort) return;
      th.addEventListener("click", function () {
        var numeric = th.dataset.sort === "num";
        var ascending = !th.classList.contains("asc");
        Array.prototype.forEach.call(headers, function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(ascending ? "asc" : "desc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, column, numeric), y = cellValue(b, column, numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilter(input, table) {
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) < 0;
      });
    });
  }

  // j / k move between the quotations of an article, in text order; the address keeps the
  // quotation's anchor so that it can be cited.
  function makeNavigation() {
    var anchors = Array.prototype.slice.call(document.querySelectorAll("[data-anchor]"));
    if (anchors.length === 0) return;
    var current = -1;
    function show(index) {
      document.querySelectorAll(".current").forEach(function (e) { e.classList.remove("current"); });
      current = Math.max(0, Math.min(anchors.length - 1, index));
      var mark = anchors[current];
      mark.classList.add("current");
      var row = document.getElementById("row-" + mark.id);
      if (row) row.classList.add("current");
      mark.scrollIntoView({ block: "center" });
      history.replaceState(null, "", "#" + mark.id);
    }
    // A cited address (a/page.html#q3) opens with that quotation marked.
    var cited = anchors.findIndex(function (a) { return "#" + a.id === location.hash; });
    if (cited >= 0) show(cited);
    document.addEventListener("keydown", function (event) {
      if (event.target.tagName === "INPUT" || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "j") show(current + 1);
      if (event.key === "k") show(current - 1);
    });
  }

  // Pointing at a speaker, cue or addressee lights up its quotation.
  function makeRoleLinks() {
    document.querySelectorAll(".role[data-q]").forEach(function (role) {
      var marks = document.querySelectorAll('mark.q[data-q="' + role.dataset.q + '"]');
      role.addEventListener("mouseenter", function () { marks.forEach(function (m) { m.classList.add("linked"); }); });
      role.addEventListener("mouseleave", function () { marks.forEach(function (m) { m.classList.remove("linked"); }); });
    });
  }

  document.querySelectorAll("table.sortable").forEach(makeSortable);
  var filter = document.getElementById("filter");
  var speakers = document.getElementById("speaker-table");
  if (filter && speakers) makeFilter(filter, speakers);
  makeNavigation();
  makeRoleLinks();
  // Tells a test (and a curious reader) that the script ran to its end.
  document.body.dataset.ready = "yes";
})();
