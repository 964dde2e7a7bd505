/* piao search page. Three parts: the normaliser (a copy of package
   builder/textnorm: change both together, a test compares them; the
   Italian rules are here, another language's in assets/js/lingue/LANG.js,
   which the search page loads first and which sets PIAO_LINGUA), the index
   reader (files written by builder/searchfiles.go, loaded with <script>
   because browsers refuse fetch on file://), and the page. No third-party
   code; text from the index is inserted as text, never as HTML. */
(function (G) {
  "use strict";
  function dict() { return Object.create(null); }
  var L = G.PIAO_LINGUA || {}, FOLD = { "ß": "ss", "æ": "ae", "œ": "oe" }, STOP = dict(), DIGIT = dict();
  var B64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var MONTHS = (L.months || "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre").split(" ");
  var DAY = new RegExp("^(\\d\\d?)(?:" + (L.ord || "°|º") + ")?[ \\t\\n\\u00a0]+([a-z]+)");
  var norm = L.norm || String, parts = L.parts || function () { return []; };
  "aàáâãäåā eèéêëē iìíîïī oòóôõöøō uùúûüū cçćč nñ sšś zžź yýÿ dđ".split(" ").forEach(function (g) {
    for (var i = 1; i < g.length; i++) FOLD[g[i]] = g[0];
  });
  (L.stop || "ad agli ai al all alla alle allo anche avere c chi ci coi col come con cui da dagli dai dal dall dalla " +
    "dalle dallo degli dei del dell della delle dello di e ed essere fra gli ha hanno il in l la le lo loro ma " +
    "ne negli nei nel nell nella nelle nello noi non o od ogni per piu po quell quella quelle quelli quello " +
    "quest questa queste questi questo se si sia sono su sua sue sugli sui sul sull sulla sulle sullo suo suoi " +
    "tra tutte tutti un una uno").split(" ").forEach(function (w) { STOP[w] = 1; });
  for (var d = 0; d < 64; d++) DIGIT[B64[d]] = d;

  /* ---- normaliser: see builder/textnorm ---- */

  function fold(s) {
    var out = "";
    for (var ch of s) {
      for (var c of ch.toLowerCase()) {
        c = FOLD[c] || c;
        var k = c.codePointAt(0);
        if (k < 0x300 || k > 0x36f) out += c;
      }
    }
    return out;
  }
  function isDigit(c) { return c >= "0" && c <= "9" && c.length == 1; }
  function isWord(c) { return c.length == 1 && (c >= "a" && c <= "z" || isDigit(c)); }
  // The tokens of folded characters r: words, dates and acts (see
  // builder/textnorm/tokens.go, which this follows with regular
  // expressions), each {w: word, x: extra terms, s: start, e: end}.
  function scan(r) {
    var out = [], i = 0, t;
    while (i < r.length) {
      if (!isWord(r[i])) { i++; continue; }
      t = isDigit(r[i]) && dateAt(r, i) || act(r, i) || plain(r, i);
      t.s = i;
      out.push(t);
      i = t.e;
    }
    return out;
  }
  function inNumber(r, j) { return (r[j] == "." || r[j] == ",") && j > 0 && isDigit(r[j - 1]) && isDigit(r[j + 1] || ""); }
  function ends(r, j) { return j >= r.length || !isWord(r[j]) && !inNumber(r, j); }
  function plain(r, i) {
    var j = i, w;
    while (j < r.length && (isWord(r[j]) || inNumber(r, j))) j++;
    w = norm(r.slice(i, j).join(""));
    return { w: w, x: parts(w).map(stem), e: j };
  }
  // dateAt: a day and a month, and a year (numericDate); a year, a month
  // and a day (isoDate); a day and the month's name, and a year (namedDate).
  function dateAt(r, i) {
    var s = r.slice(i).join(""), m, y, k, e, x;
    m = /^(\d\d?)([./-])(\d\d?)(?!\d)(?:\2(\d{4})(?!\d)|(?!\2\d))/.exec(s);
    if (m && (m[4] || m[3].length == 2 && (m[2] != "." || m[1].length == 2))) return date(m[1], m[3], m[4], "", r, i + m[0].length);
    if ((m = /^(\d{4})([-/])(\d\d?)\2(\d\d?)(?!\d)/.exec(s))) return date(m[4], m[3], m[1], "", r, i + m[0].length);
    // The month's names are in MONTHS, a month's other names after a "|".
    if ((m = DAY.exec(s)) && (x = norm(m[2]), k = MONTHS.findIndex(function (n) { return n.split("|").indexOf(x) >= 0; }) + 1)) {
      e = i + m[0].length;
      y = /^[ \t\n\u00a0]+(\d{4})/.exec(s.slice(m[0].length));
      y = y && ends(r, e + y[0].length) ? (e += y[0].length, y[1]) : "";
      return date(m[1], k, y, stem(x), r, e);
    }
    return null;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function date(d, m, y, name, r, end) {
    var t = { x: [], e: end, w: pad(+d) + "." + pad(+m) };
    if (!ends(r, end) || d < 1 || d > 31 || m < 1 || m > 12) return null;
    if (y) { t.x.push(t.w); t.w += "." + y; }
    if (name) t.x.push(name);
    return t;
  }
  function act(r, i) {
    var m = r.slice(i, i + 5).indexOf("/") > 0 && /^[a-z]{1,4}\/(\d+)/.exec(r.slice(i).join(""));
    return m && ends(r, i + m[0].length) ? { w: m[0], x: [m[1]], e: i + m[0].length } : null;
  }
  function keep(w) { return !(w.length == 1 && !isDigit(w)) && !STOP[w]; }
  function words(s) { return spans(s).map(function (t) { return t.w; }); }
  var stem = L.stem || function (w) {
    var n = w.length, last = w[n - 1], prev = w[n - 2];
    if (n < 4) return w;
    if (last == "e") return w.slice(0, prev == "i" || prev == "h" ? n - 2 : n - 1);
    if (last == "i") return w.slice(0, prev == "h" || prev == "i" ? n - 2 : n - 1);
    if (last == "a" || last == "o") return w.slice(0, prev == "i" ? n - 2 : n - 1);
    return w;
  };
  // spans are the tokens of a text that are words, without stop words,
  // each with where it is in the text: from a to b.
  function spans(text) {
    var r = [], at = [], i = 0, c;
    for (var ch of text) {
      for (c of fold(ch)) { r.push(c); at.push(i); }
      i += ch.length;
    }
    at.push(i);
    return scan(r).filter(function (t) { t.a = at[t.s]; t.b = at[t.e]; return keep(t.w); });
  }
  // maxEdits and distance: typo tolerance, see builder/textnorm/fuzzy.go.
  function maxEdits(w) { return /[^a-z]/.test(w) || w.length < 5 ? 0 : w.length < 9 ? 1 : 2; }
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var pp = [], prev = [], cur, i, j, v, low;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      low = i;
      for (j = 1; j <= b.length; j++) {
        v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.min(v, pp[j - 2] + 1);
        cur[j] = v;
        low = Math.min(low, v);
      }
      if (low > max) return max + 1;
      pp = prev;
      prev = cur;
    }
    return Math.min(prev[b.length], max + 1);
  }

  /* ---- index reader ---- */

  // ids decodes a posting list: base-64 varint gaps, or "!" and a bitmap.
  function ids(s) {
    var out = [], i, v, k, prev = -1, n = 0;
    if (s[0] == "!") {
      for (i = 1; i < s.length; i++) for (v = DIGIT[s[i]], k = 0; k < 6; k++) if (v >> k & 1) out.push((i - 1) * 6 + k);
      return out;
    }
    for (i = 0; i < s.length; i++) {
      v = DIGIT[s[i]];
      if (v >= 32) n = n * 32 + v - 32;
      else { prev += n * 32 + v + 1; out.push(prev); n = 0; }
    }
    return out;
  }

  // parse turns a query into tokens: a term t and, for the last word if
  // the query ends with it (it may be still being typed), a prefix p that
  // other terms may start with; w is the word typed, k the edits it may
  // be away from a term when no term is or starts with it.
  function parse(q) {
    var ws = words(q), f = fold(q), seen = dict(), out = [];
    ws.slice(0, 12).forEach(function (w, i) {
      var t = stem(w), p = i == ws.length - 1 && f.slice(-w.length) == w ? w : "";
      if (seen[t]) { seen[t].p = seen[t].p || p; return; }
      out.push(seen[t] = { t: t, p: p, w: w, k: maxEdits(w) });
    });
    return out;
  }

  // Engine answers queries; load(name) loads the data file name.js and
  // returns a promise, the file calling PIAO_SEARCH.push(name, data).
  function Engine(load) {
    var store = {}, cache = {}, decoded = {};
    G.PIAO_SEARCH = { push: function (name, data) { store[name] = data; } };
    function get(name) {
      return cache[name] || (cache[name] = load(name).then(function () {
        if (!(name in store)) throw new Error(name);
        return store[name];
      }));
    }
    function list(key, s) { return decoded[key] || (decoded[key] = ids(s)); }
    // levels decodes a term's postings, a list per weight, best first:
    // given so, or (a term of many documents) as "ALL|LEVELS", the
    // documents and the level of each, three to a digit.
    function levels(key, v) {
      var k, out = decoded[key];
      if (!out) {
        if (typeof v != "string") out = v.map(ids);
        else {
          k = v.indexOf("|");
          out = [[], [], []];
          ids(v.slice(0, k)).forEach(function (id, i) { out[DIGIT[v[k + 1 + i / 3 | 0]] / [1, 3, 9][i % 3] % 3 | 0].push(id); });
        }
        decoded[key] = out;
      }
      return out;
    }
    // shardOf is the shard holding term t: the last one starting at or
    // before it.
    function shardOf(S, t) {
      var lo = 0, hi = S.length - 1, m;
      while (lo < hi) { m = (lo + hi + 1) >> 1; if (S[m] <= t) lo = m; else hi = m - 1; }
      return lo;
    }
    // shards lists the shards a token needs: the term's and, for a prefix,
    // those after it holding terms that start with it, if at most three.
    function shards(S, tok) {
      var a = shardOf(S, tok.t), b = tok.p ? shardOf(S, tok.p + "~") : a, out = [];
      if (b - a > 3) b = a;
      for (var i = a; S.length && i <= b; i++) out.push("t" + i);
      return out;
    }
    // matches lists the terms of the token's shards that match it: the
    // term itself and those starting with its prefix; if there are none,
    // the terms nearest to it within its edits (never codes). Each is
    // [shard, term, weight].
    function matches(tok) {
      var out = [], near = [], least = tok.k + 1;
      tok.sh.forEach(function (name) {
        for (var term in store[name]) {
          if (term == tok.t) out.push([name, term, 1]);
          else if (tok.p && term.indexOf(tok.p) == 0) out.push([name, term, 0.6]);
          else if (tok.k && !/[^a-z]/.test(term)) {
            var d = distance(tok.t, term, tok.k);
            if (d < least) { least = d; near = []; }
            if (d == least && d <= tok.k) near.push([name, term, 0.5]);
          }
        }
      });
      return out.length ? out : near;
    }
    function rank(dir, toks, filters) {
      var N = dir.n, score = new Float64Array(N), hits = new Uint8Array(N), matched = dict(), res = [];
      var fix = dict(), fixed = 0;
      toks.forEach(function (tok) {
        var best = new Float64Array(N), touched = [], top = -1;
        matches(tok).forEach(function (m) {
          var name = m[0], term = m[1];
          matched[term] = 1;
          var lists = levels(name + " " + term, store[name][term]);
          var df = lists.reduce(function (a, l) { return a + l.length; }, 0), idf = Math.log(1 + N / df);
          // A word corrected is shown as the term of most documents.
          if (m[2] == 0.5 && (df > top || df == top && term < fix[tok.w])) { top = df; fix[tok.w] = term; }
          lists.forEach(function (l, j) {
            var s = (3 - j) * idf * m[2];
            l.forEach(function (id) { if (!best[id]) touched.push(id); if (s > best[id]) best[id] = s; });
          });
        });
        if (top >= 0) fixed++;
        touched.forEach(function (id) { hits[id]++; score[id] += best[id]; });
      });
      var sets = filters.map(function (f) {
        var m = new Uint8Array(N);
        list("f_" + f, store["f_" + f]).forEach(function (id) { m[id] = 1; });
        return m;
      });
      function pick(least) {
        for (var id = 0; id < N; id++) {
          if (toks.length && hits[id] < least) continue;
          if (sets.every(function (m) { return m[id]; })) res.push(id);
        }
      }
      // Documents with every word; if none, those with some, most first.
      pick(toks.length);
      var some = !res.length && toks.length > 1;
      if (some) pick(1);
      res.sort(function (a, b) { return hits[b] - hits[a] || score[b] - score[a] || a - b; });
      return { ids: res, terms: matched, plans: dir.p, some: some, fix: fixed ? fix : null };
    }
    // search finds the documents matching every word of q (or, if none
    // does, some of them) and every filter (facet keys), best first.
    this.search = function (q, filters) {
      return get("indice").then(function (dir) {
        var toks = parse(q), need = filters.map(function (f) { return "f_" + f; });
        toks.forEach(function (t) { t.sh = shards(dir.s, t); need = need.concat(t.sh); });
        if (!toks.length && !filters.length) return { ids: [], terms: dict(), plans: dir.p };
        return Promise.all(need.map(get)).then(function () { return rank(dir, toks, filters); });
      });
    };
    // docs loads the records of the given documents.
    this.docs = function (wanted) {
      return get("indice").then(function (dir) {
        return Promise.all(wanted.map(function (id) {
          return get("d" + Math.floor(id / dir.c)).then(function (c) { return c[id % dir.c]; });
        }));
      });
    };
  }

  G.piaoSearch = {
    fold: fold, words: words, stem: stem, spans: spans, maxEdits: maxEdits, distance: distance, ids: ids, Engine: Engine
  };

  /* ---- the page ---- */

  // W holds the page's words (data-parole of the search page): texts with
  // {name} placeholders, filled by say.
  var W = {};
  function say(key, args) {
    return (W[key] || "").replace(/\{(\w+)\}/g, function (m, k) { return args && k in args ? args[k] : m; });
  }
  var FILTERS = ["piano", "tipo", "area", "unita", "linea", "tipologia", "esito", "rivisti"];
  var PAGE = 10;

  function el(doc, tag) { return doc.createElement(tag); }

  function page(doc) {
    function byID(id) { return doc.getElementById(id); }
    var root = byID("cerca");
    if (!root) return;
    var form = byID("cerca-form"), q = form.elements.q;
    var status = byID("cerca-stato"), out = byID("cerca-risultati");
    var more = byID("cerca-altri"), base = root.getAttribute("data-dati");
    var home = root.getAttribute("data-radice"), seq = 0, res, shown, timer;
    try { W = JSON.parse(root.getAttribute("data-parole")) || {}; } catch (e) { W = {}; }
    var engine = new Engine(function (name) {
      return new Promise(function (ok, ko) {
        var s = el(doc, "script");
        s.src = base + name + ".js";
        s.onload = ok;
        s.onerror = ko;
        doc.head.append(s);
      });
    });
    var params = new URLSearchParams(location.search);
    ["q"].concat(FILTERS).forEach(function (n) {
      var el = form.elements[n], v = params.get(n);
      if (!el || v == null) return;
      if (el.type == "checkbox") el.checked = v == el.value; else el.value = v;
    });
    form.hidden = false;
    // The filters are folded away on phones, unless one is chosen.
    var box = byID("cerca-filtri");
    if (box && (filters().length || G.matchMedia && G.matchMedia("(min-width: 48em)").matches)) box.open = true;
    function filters() {
      return FILTERS.map(function (n) {
        var el = form.elements[n];
        return !el ? "" : el.type == "checkbox" ? (el.checked ? el.value : "") : el.value;
      }).filter(function (v) { return /^[a-z0-9._-]+$/.test(v); });
    }
    function keepInURL() {
      var p = new URLSearchParams();
      ["q"].concat(FILTERS).forEach(function (n) {
        var el = form.elements[n];
        if (el && el.value && (el.type != "checkbox" || el.checked)) p.set(n, el.value);
      });
      try { history.replaceState(null, "", "?" + p); } catch (e) { /* some browsers refuse on file:// */ }
    }
    function run() {
      var text = q.value.trim(), fs = filters(), my = ++seq;
      keepInURL();
      engine.search(text, fs).then(function (r) {
        if (my != seq) return;
        res = r;
        shown = 0;
        return next(false, my).then(function (recs) {
          var n = r.ids.length;
          var count = n ? say(n == 1 ? "results.one" : "results.many", { n: n }) : say("results.none");
          var filtered = fs.length ? say("filtered") : "", fix = r.fix && n;
          status.textContent = !text && !fs.length ? "" : fix || r.some ?
            say(fix ? "fuzzy" : "some", { q: text, filtered: filtered, count: count.toLowerCase() }) :
            say(text ? "found.query" : "found", { count: count, q: text, filtered: filtered });
          if (fix) suggest(text, r.fix, recs);
        });
      }).catch(function () {
        status.textContent = say("error");
      });
    }
    // suggest adds to the status the query with its corrected words, as
    // the results write them, as a link that searches it.
    function suggest(text, fix, recs) {
      var out = "", at = 0, a = el(doc, "a"), p = new URLSearchParams(location.search);
      var parts = say("suggest").split("{q}");
      spans(text).forEach(function (t) {
        if (fix[t.w]) { out += text.slice(at, t.a) + written(recs, fix[t.w]); at = t.b; }
      });
      p.set("q", out += text.slice(at));
      a.href = "?" + p;
      a.textContent = out;
      status.append(" " + parts[0], a, parts[1] || "");
    }
    // next shows the next page of results: the first one in place of the
    // previous search's, the others after a click on "more", taking focus.
    function next(focus, my) {
      var batch = res.ids.slice(shown, shown + PAGE);
      shown += batch.length;
      return engine.docs(batch).then(function (recs) {
        if (my && my != seq) return;
        if (!focus) out.textContent = "";
        more.hidden = shown >= res.ids.length;
        recs.forEach(function (r, i) {
          var li = item(doc, r, res, home);
          out.append(li);
          if (focus && i == 0) li.querySelector("a").focus();
        });
        return recs;
      });
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
    form.addEventListener("change", function (e) { if (e.target != q) run(); });
    q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    more.addEventListener("click", function () { next(true); });
    if (q.value || filters().length) run();
  }

  // item renders one result: a record is [url, title, kind, sheet, where,
  // plan, state, text].
  function item(doc, r, res, home) {
    var li = el(doc, "li"), a = el(doc, "a"), meta = el(doc, "p");
    var snip = el(doc, "p"), parts = [say("kind." + r[2])];
    a.href = home + r[0];
    a.append(marked(doc, r[1], res.terms, false));
    li.append(a);
    if (r[3]) parts.push(say("sheet", { name: r[3] }));
    if (r[4]) parts.push(r[4]);
    if (res.plans.length > 1) parts.push(res.plans[r[5]]);
    meta.className = "meta";
    meta.textContent = parts.join(" · ");
    if (r[6]) {
      var b = el(doc, "span");
      b.className = "badge";
      b.textContent = say("state." + r[6]);
      meta.append(" ", b);
    }
    li.append(meta);
    if (r[7]) {
      snip.className = "snippet";
      snip.append(marked(doc, r[7], res.terms, true));
      li.append(snip);
    }
    return li;
  }

  // written is how the results write a word of term: the first word of
  // their titles and texts with that term, or the term itself.
  function written(recs, term) {
    for (var i = 0; i < recs.length; i++) {
      var text = recs[i][1] + " " + recs[i][7], ts = spans(text);
      for (var k = 0; k < ts.length; k++) if (stem(ts[k].w) == term) return text.slice(ts[k].a, ts[k].b);
    }
    return term;
  }

  // marked returns text with the words matching the query in <mark>; with
  // cut, only a window around the first match.
  function marked(doc, text, hit, cut) {
    var frag = doc.createDocumentFragment(), segs = spans(text).filter(function (t) {
      return hit[stem(t.w)] || t.x.some(function (x) { return hit[x]; });
    }).map(function (t) { return [t.a, t.b]; });
    var from = 0, to = text.length;
    if (cut) {
      var first = segs.length ? segs[0][0] : 0;
      from = Math.max(0, text.lastIndexOf(" ", Math.max(0, first - 60)) + 1);
      if (first - from > 80) from = first - 60;
      to = Math.min(text.length, from + 240);
      if (to < text.length && text.indexOf(" ", to) > 0) to = text.indexOf(" ", to);
    }
    var at = from;
    function put(s) { if (s) frag.append(s); }
    if (from > 0) put("… ");
    segs.forEach(function (s) {
      if (s[0] < at || s[1] > to) return;
      put(text.slice(at, s[0]));
      var m = el(doc, "mark");
      m.textContent = text.slice(s[0], s[1]);
      frag.append(m);
      at = s[1];
    });
    put(text.slice(at, to));
    if (to < text.length) put(" …");
    return frag;
  }

  if (G.document) page(G.document);
})(this);
