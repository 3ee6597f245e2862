/* Enhancements of the web edition; every page works without this file.
   - remembers the chosen view and texts (localStorage) and restores them;
   - the "Copy citation" button;
   - sorting of the index table;
   - the parts of a split handwritten passage highlighted together;
   - the zone of a page image lit up while the pointer is on its passage;
   - a note's or a variant's popover opened next to its call, not in the middle of the screen;
   - the offline search over window.EDITION_SEARCH (search-index.js, a script so that it
     also loads from file://), with results linking to the paragraph. */
(function () {
  "use strict";

  function remember(name) {
    var key = "tei-edition-" + name;
    var saved = null;
    try { saved = window.localStorage.getItem(key); } catch (e) { /* storage disabled */ }
    var radios = document.querySelectorAll('input[type="radio"][name="' + name + '"]');
    radios.forEach(function (radio) {
      if (saved && radio.value === saved) { radio.checked = true; }
      radio.addEventListener("change", function () {
        try { window.localStorage.setItem(key, radio.value); } catch (e) { /* ignore */ }
      });
    });
  }

  function setupCopy() {
    document.querySelectorAll(".copy-button").forEach(function (button) {
      var source = document.getElementById(button.dataset.copy);
      var status = button.parentNode.querySelector(".copy-status");
      if (!source || !navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          status.textContent = "Citation copied.";
        }, function () {
          status.textContent = "Copying failed: select the citation and copy it.";
        });
      });
    });
  }

  function cellKey(row, column) {
    var cell = row.cells[column];
    var key = cell.hasAttribute("data-sort") ? cell.dataset.sort : cell.textContent;
    return key.trim().toLowerCase();   /* "" for an undated document, not "undated" */
  }

  /* Place an open popover just below its call (above it when there is no room), inside the
     window; without this file the browser centres it. */
  function placePopover(popover, call) {
    var box = call.getBoundingClientRect();
    var gap = 6;
    popover.style.position = "fixed";
    popover.style.margin = "0";
    var width = popover.offsetWidth, height = popover.offsetHeight;
    var left = Math.min(Math.max(8, box.left), window.innerWidth - width - 8);
    var top = box.bottom + gap;
    if (top + height > window.innerHeight - 8 && box.top - gap - height > 8) {
      top = box.top - gap - height;
    }
    popover.style.left = Math.max(8, left) + "px";
    popover.style.top = Math.max(8, top) + "px";
  }

  function setupPopovers() {
    document.querySelectorAll("[popovertarget]").forEach(function (call) {
      var popover = document.getElementById(call.getAttribute("popovertarget"));
      if (!popover) { return; }
      popover.addEventListener("toggle", function (event) {
        if (event.newState === "open") { placePopover(popover, call); }
      });
    });
  }

  function setupSort() {
    var table = document.getElementById("doc-index");
    if (!table) { return; }
    var headers = table.querySelectorAll("th");
    table.querySelectorAll(".sort-hint").forEach(function (hint) { hint.hidden = false; });
    table.querySelectorAll(".sort-button").forEach(function (button) {
      button.addEventListener("click", function () {
        var column = Number(button.dataset.column);
        var th = button.parentNode;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, column), y = cellKey(b, column);
          if (!x || !y) { return !x - !y; }  /* undated or empty cells last, either way */
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }

  /* Lower case, no accents, ё as е: "Ёлка" and "елка" find each other. */
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ё/g, "е");
  }

  function snippet(text, word) {
    var at = fold(text).indexOf(word);
    var start = Math.max(0, at - 60);
    while (start > 0 && start < at && !/\s/.test(text[start - 1])) { start += 1; }
    var end = Math.min(text.length, at + word.length + 100);
    var frag = document.createDocumentFragment();
    frag.append((start > 0 ? "…" : "") + text.slice(start, at));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + word.length);
    frag.append(mark, text.slice(at + word.length, end) + (end < text.length ? "…" : ""));
    return frag;
  }

  function search(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    var hits = [];
    if (!words.length) { return hits; }
    (window.EDITION_SEARCH || []).forEach(function (doc) {
      doc.b.forEach(function (block) {
        var text = fold(block[1]);
        if (words.every(function (w) { return text.indexOf(w) >= 0; })) {
          hits.push({ doc: doc, id: block[0], text: block[1], word: words[0] });
        }
      });
    });
    return hits;
  }

  /* One entry per document, in edition order, listing its matching passages. */
  function showResults(query) {
    var list = document.getElementById("search-results");
    var summary = document.getElementById("search-summary");
    var hits = search(query);
    var byDoc = new Map();
    hits.forEach(function (hit) {
      if (!byDoc.has(hit.doc)) { byDoc.set(hit.doc, []); }
      byDoc.get(hit.doc).push(hit);
    });
    list.replaceChildren();
    byDoc.forEach(function (docHits, doc) {
      var item = document.createElement("li");
      var title = document.createElement("a");
      title.href = doc.u + ".html#" + docHits[0].id;
      title.textContent = doc.t;
      var passages = document.createElement("ul");
      docHits.slice(0, 20).forEach(function (hit) {
        var passage = document.createElement("li");
        var link = document.createElement("a");
        link.href = doc.u + ".html#" + hit.id;
        link.append(snippet(hit.text, hit.word));
        passage.append(link);
        passages.append(passage);
      });
      item.append(title, passages);
      list.append(item);
    });
    summary.textContent = query.trim() ? hits.length + " passages in " + byDoc.size +
      " documents for “" + query + "”." : "";
  }

  function setupSearch() {
    document.querySelectorAll(".site-search").forEach(function (form) { form.hidden = false; });
    var section = document.getElementById("search");
    if (!section) { return; }
    section.hidden = false;
    var input = document.getElementById("q");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    section.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      showResults(input.value);
    });
    input.addEventListener("input", function () { showResults(input.value); });
    if (query) { showResults(query); }
  }

  /* A handwritten passage split over several blocks lights up as one. */
  function setupChains() {
    document.querySelectorAll("[data-chain]").forEach(function (part) {
      var members = document.querySelectorAll('[data-chain="' + part.dataset.chain + '"]');
      if (members.length < 2) { return; }
      part.addEventListener("mouseenter", function () {
        members.forEach(function (m) { m.classList.add("chain-active"); });
      });
      part.addEventListener("mouseleave", function () {
        members.forEach(function (m) { m.classList.remove("chain-active"); });
      });
    });
  }

  /* The zone of the page image where the passage under the pointer or focus stands. */
  function setupFacsimile() {
    function light(event, on) {
      var passage = event.target.closest && event.target.closest("[data-facs]");
      var zone = passage && document.getElementById(passage.dataset.facs);
      if (zone) { zone.classList.toggle("facsimile-zone-active", on); }
    }
    ["mouseover", "focusin"].forEach(function (name) {
      document.addEventListener(name, function (event) { light(event, true); });
    });
    ["mouseout", "focusout"].forEach(function (name) {
      document.addEventListener(name, function (event) { light(event, false); });
    });
  }

  // The document list's filters: a row stays when it names the chosen person and place and has the year.
  function setupFilters() {
    var form = document.getElementById("doc-filter");
    if (!form) { return; }
    form.hidden = false;
    form.addEventListener("change", function () {
      var shown = 0;
      var rows = document.querySelectorAll("#doc-index tbody tr");
      rows.forEach(function (row) {
        var keep = Array.prototype.every.call(form.querySelectorAll("select"), function (select) {
          var value = row.getAttribute("data-" + select.getAttribute("data-filter")) || "";
          return !select.value || (" " + value + " ").indexOf(" " + select.value + " ") >= 0;
        });
        row.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      document.getElementById("filter-count").textContent = shown + " of " + rows.length + " documents";
    });
  }

  function start() {
    setupChains();
    setupFacsimile();
    remember("view");
    remember("texts");
    setupCopy();
    setupSort();
    setupPopovers();
    setupSearch();
    setupFilters();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
