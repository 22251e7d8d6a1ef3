// zitat review site: "check a quote" on the index, over the quotations the index embeds
// (div#find-data, JSON; the site works offline, so nothing is fetched). The matching and
// the rendering, in the site's language, are the serve page's (find.js, bundled before
// this file). `index.html?q=…&speaker=…` checks at once, so a link can open a check.
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  var source = document.getElementById("find-data");
  if (!form || !source) return;
  var search = ZitatFind.searcher(JSON.parse(source.textContent));
  var claim = document.getElementById("claim");
  var speaker = document.getElementById("claimed-speaker");
  var matches = document.getElementById("matches");

  function check(event) {
    if (event) event.preventDefault();
    var q = claim.value.trim();
    if (!q) return;
    ZitatFind.render(matches, search(q, speaker.value.trim(), 5));
    form.dataset.state = "done";
  }

  form.addEventListener("submit", check);
  var params = new URLSearchParams(location.search);
  if (params.has("q")) {
    claim.value = params.get("q");
    speaker.value = params.get("speaker") || "";
    check();
  }
})();
