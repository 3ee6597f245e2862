/* Enhancements of the web edition; every page works without this file.
   - remembers the chosen view and texts (localStorage) and restores them;
   - the "Copy citation" button;
   - sorting of the index table;
   - the parts of a split handwritten passage highlighted together;
   - the zone of a page image lit up while the pointer is on its passage;
   - a note's or a variant's popover opened next to its call, not in the middle of the screen;
   - the search box over the Pagefind index (pagefind/), with filters, an order by date and
     results linking to the paragraph. */
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

  /* Search: Pagefind's bundle (pagefind/, written by the build's search stage) holds one
     index per language, each text of a document a record in its own language; one query
     runs over all of them. Pagefind fetches its index in chunks, which a browser refuses
     to do from file://: there the box says how to serve the edition instead. */
  var FACETS = ["year", "sender", "recipient", "archive", "language", "person", "organisation", "place"];
  /* Results shown at first (a screenful; each is a record fetched) and at each "More results". */
  var FIRST_RESULTS = 5, MORE_RESULTS = 10;
  var ONE_LETTER = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]$/u;   /* of an alphabet */
  /* Two letters or digits are searched once the reader stops typing for this long, not at each key:
     each prefix typed fetches a chunk of the word index from every index (about 40 KB at 10,000
     documents), and two letters are mostly on the way to a longer word. */
  var SHORT_QUERY = /^[\p{L}\p{N}]{2}$/u, SHORT_QUERY_PAUSE_MS = 400;

  /* pagefind/shards.json lists the indexes (one per language, or per part of a language's texts
     in a large edition) and the language of each; the first index in the page's language is
     Pagefind's primary one, every other one is merged into it. Pagefind runs on the page itself,
     not in its web worker: the worker is a second copy of Pagefind's code (12 KB more to fetch),
     and was no faster to the first result (benchmarks/web.py --search). */
  function loadPagefind() {
    var base = new URL("pagefind/", document.baseURI).href;
    return fetch(base + "shards.json").then(function (response) {
      return response.json();
    }).then(function (shards) {
      if (!shards.length) { throw new Error("the edition has no texts to search"); }
      return import(base + shards[0].path + "pagefind.js").then(function (pagefind) {
        var first = shards[0].languages;
        var primary = first.indexOf(document.documentElement.lang) >= 0 ? document.documentElement.lang : first[0];
        return pagefind.options({ language: primary, noWorker: true }).then(function () {
          var merges = [];
          shards.forEach(function (shard, number) {
            shard.languages.forEach(function (lang) {
              if (number > 0 || lang !== primary) {
                merges.push(pagefind.mergeIndex(base + shard.path, { language: lang }));
              }
            });
          });
          return Promise.all(merges);
        }).then(function () {
          indexPaths = shards.map(function (shard) { return base + shard.path; });
          return pagefind;
        });
      });
    });
  }

  /* Each index's dates.json: the date of each of its records, by the id a result gives; fetched
     the first time a reader orders by date (Pagefind's own order by date holds within one index
     only: merging several, it interleaves them by a score of its own). */
  var indexPaths = [], recordDates = null;
  function recordDatesOnce() {
    if (!recordDates) {
      recordDates = Promise.all(indexPaths.map(function (path) {
        return fetch(path + "dates.json").then(function (response) { return response.json(); })
          .catch(function () { return {}; });   /* an index built without them: its texts count as undated */
      })).then(function (maps) { return Object.assign.apply(null, [{}].concat(maps)); });
    }
    return recordDates;
  }

  /* Oldest (or newest) first, the undated last; of the same date, the best match first. */
  function byDate(results, dates, order) {
    var sign = order === "desc" ? -1 : 1;
    return results.slice().sort(function (a, b) {
      var x = dates[a.id], y = dates[b.id];
      if (!x || !y) { return (x ? 0 : 1) - (y ? 0 : 1); }
      return x < y ? -sign : (x > y ? sign : 0);
    });
  }

  /* The paragraph holding the first word found: the last anchor at or before it. */
  function paragraphOf(data) {
    var first = Math.min.apply(null, data.locations);
    var found = null;
    data.anchors.forEach(function (anchor) {
      if (anchor.element === "a" && anchor.location <= first &&
          (!found || anchor.location >= found.location)) { found = anchor; }
    });
    return found ? "#" + found.id : "";
  }

  /* Pagefind's excerpt is text with <mark>s: rebuilt from text nodes, never as HTML. */
  function excerptNodes(excerpt) {
    var parsed = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html");
    var frag = document.createDocumentFragment();
    parsed.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        frag.append(mark);
      } else {
        frag.append(node.textContent);
      }
    });
    return frag;
  }

  function resultItem(data) {
    var item = document.createElement("li");
    var title = document.createElement("a");
    title.href = data.url.split("/").pop() + paragraphOf(data);   /* …/BUCKET/POSITION/NAME.html */
    title.textContent = data.meta.heading;
    var about = document.createElement("span");
    about.className = "result-about";
    about.textContent = ["year", "language"].map(function (facet) {
      return (data.filters[facet] || []).join(", ");
    }).filter(Boolean).join(" · ");
    var excerpt = document.createElement("p");
    excerpt.append(excerptNodes(data.excerpt));
    item.append(title, " ", about, excerpt);
    return item;
  }

  function chosenFilters() {
    var filters = {};
    document.querySelectorAll("#search-facets select").forEach(function (select) {
      if (select.value) { filters[select.dataset.facet] = select.value; }
    });
    return filters;
  }

  function facetSelect(name, values) {
    var label = document.createElement("label");
    var select = document.createElement("select");
    select.dataset.facet = name;
    var any = document.createElement("option");
    any.value = "";
    any.textContent = "any";
    select.append(any);
    Object.keys(values).sort().forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      select.append(option);
    });
    label.append(name.charAt(0).toUpperCase() + name.slice(1) + " ", select);
    return label;
  }

  /* The facets are fetched only when the reader opens them: a plain query does not pay for them. */
  function setupFacets(pagefind, rerun) {
    var details = document.getElementById("search-filters");
    details.addEventListener("toggle", function () {
      var holder = document.getElementById("search-facets");
      if (!details.open || holder.childNodes.length) { return; }
      pagefind.filters().then(function (facets) {
        FACETS.concat(Object.keys(facets)).forEach(function (name) {
          if (facets[name] && !holder.querySelector('[data-facet="' + name + '"]')) {
            holder.append(facetSelect(name, facets[name]));
          }
        });
        holder.addEventListener("change", rerun);
      });
    });
  }

  function setupSearch() {
    document.querySelectorAll(".site-search").forEach(function (form) { form.hidden = false; });
    var section = document.getElementById("search");
    if (!section) { return; }
    section.hidden = false;
    var input = document.getElementById("q");
    var summary = document.getElementById("search-summary");
    var list = document.getElementById("search-results");
    var more = document.getElementById("search-more");
    var sort = document.getElementById("search-sort");
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    if (window.location.protocol === "file:") {
      summary.textContent = "Search needs the edition served over HTTP: run “tei serve” on this " +
        "folder and open the address it prints (a browser does not let a page opened " +
        "from a file load the search index).";
      return;
    }
    var latest = 0, shown = [], results = [];
    /* The next results, each shown as soon as it and those before it have arrived (their data
       are fetched at once); a later search's results replace them. */
    function showMore() {
      var search = latest;
      var next = results.slice(shown.length, shown.length + (shown.length ? MORE_RESULTS : FIRST_RESULTS));
      shown = shown.concat(next);
      return next.map(function (r) { return r.data(); }).reduce(function (before, loading) {
        return before.then(function () { return loading; }).then(function (data) {
          if (search === latest) { list.append(resultItem(data)); }
        });
      }, Promise.resolve()).then(function () {
        more.hidden = shown.length >= results.length;
      });
    }
    loadPagefind().then(function (pagefind) {
      var pause = null;
      function run() {
        clearTimeout(pause);
        var id = ++latest;
        var query = input.value.trim();
        var filters = chosenFilters();
        var order = sort.value;
        if (!query && !Object.keys(filters).length) {
          list.replaceChildren(); summary.textContent = ""; more.hidden = true;
          return;
        }
        if (ONE_LETTER.test(query)) {   /* every word that begins with it: the largest fetch, no use */
          list.replaceChildren(); summary.textContent = "Type another letter to search."; more.hidden = true;
          return;
        }
        Promise.all([pagefind.search(query || null, { filters: filters }),
                     order ? recordDatesOnce() : null]).then(function (answers) {
          if (id !== latest) { return; }   /* a later keystroke's search has started */
          results = order ? byDate(answers[0].results, answers[1], order) : answers[0].results;
          shown = [];
          list.replaceChildren();
          summary.textContent = results.length + (results.length === 1 ? " text" : " texts") +
            (query ? " for “" + query + "”." : " match the filters.");
          return showMore();
        });
      }
      section.querySelector("form").addEventListener("submit", function (event) {
        event.preventDefault();
        run();
      });
      input.addEventListener("input", function () {
        clearTimeout(pause);
        if (SHORT_QUERY.test(input.value.trim())) {
          ++latest;                         /* what an earlier key's search finds is not shown */
          pause = setTimeout(run, SHORT_QUERY_PAUSE_MS);
        } else {
          run();
        }
      });
      sort.addEventListener("change", run);
      more.addEventListener("click", showMore);
      setupFacets(pagefind, run);
      run();
    }, function () {
      summary.textContent = "The search index could not be loaded: rebuild the edition " +
        "(tei build or tei web) and serve it with “tei serve”.";
    });
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
