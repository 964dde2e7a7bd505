/* piao's small site script: what a page does better with JavaScript and
   does without it too. "Copia il collegamento" is a link to the anchor
   itself, which the script copies as a whole address; the address in
   "Come citare" becomes the one the reader sees; the page of the whole plan
   gets a print button; a table of changes sorts by any column. No
   third-party code; words come from the page (data- attributes). */
(function (G) {
  "use strict";
  var doc = G.document;
  if (!doc) return;

  // page is the address of the page without its fragment.
  function page() { return G.location.href.split("#")[0]; }

  // say shows a short message beside an element, for every reader.
  function say(el, text) {
    var out = el.nextElementSibling;
    if (!out || !out.classList.contains("copy-status")) {
      out = doc.createElement("span");
      out.className = "copy-status";
      out.setAttribute("role", "status");
      el.after(out);
    }
    out.textContent = " " + text;
  }

  // copy puts text on the clipboard, or says it could not.
  function copy(text) {
    if (G.navigator.clipboard && G.isSecureContext) return G.navigator.clipboard.writeText(text);
    return new Promise(function (ok, ko) {
      var area = doc.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "sr-only";
      doc.body.append(area);
      area.select();
      var done = false;
      try { done = doc.execCommand("copy"); } catch (e) { done = false; }
      area.remove();
      if (done) ok(); else ko(new Error("copy"));
    });
  }

  doc.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.copy-link");
    if (!a) return;
    var url = a.hasAttribute("data-page") ? page() : page() + a.getAttribute("href");
    e.preventDefault();
    copy(url).then(function () { say(a, a.getAttribute("data-copied")); },
      function () { say(a, a.getAttribute("data-failed") + " " + url); });
  });

  // The address to cite: the page's own, where the site does not know its
  // address.
  doc.querySelectorAll(".cite-url[data-path]").forEach(function (el) {
    if (/^https?:/.test(G.location.protocol)) el.textContent = page().replace(/index\.html$/, "");
  });

  // Print: a button on the page of the whole plan.
  doc.querySelectorAll(".print-button").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { G.print(); });
  });

  // Sortable tables: each column header becomes a button; a second click
  // reverses the order. Cells sort by data-sort, else by their text, as
  // Italian and numbers read.
  doc.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [], body = table.tBodies[0];
    var collator = new Intl.Collator("it", { numeric: true, sensitivity: "base" });
    Array.prototype.forEach.call(heads, function (th, col) {
      var b = doc.createElement("button");
      b.type = "button";
      b.className = "sort";
      while (th.firstChild) b.append(th.firstChild);
      th.append(b);
      b.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") != "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var a = key(x.cells[col]), c = key(y.cells[col]);
          return (asc ? 1 : -1) * collator.compare(a, c) || x.sectionRowIndex - y.sectionRowIndex;
        });
        rows.forEach(function (r) { body.append(r); });
      });
    });
  });
  function key(cell) { return cell ? cell.getAttribute("data-sort") || cell.textContent.trim() : ""; }
})(this);
