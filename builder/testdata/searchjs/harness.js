// Test harness: runs the search script (themes/default/assets/js/search.js)
// under Node, without a browser, for the Go tests and benchmarks.
//
//   node harness.js norm SEARCH.js [LANG.js] < strings.json
//       prints, for each string, {"words": [...], "terms": [...]}, with
//       the rules of a language's script (assets/js/lingue/LANG.js) when
//       given, as the search page loads it before SEARCH.js
//   node harness.js edits SEARCH.js < pairs.json
//       pairs is [["a", "b"], ...]; prints, for each pair, the edits a
//       query word a may be away from a term, and the distance from a to
//       b up to 0, 1 and 2 edits: [maxEdits, d0, d1, d2]
//   node harness.js query SEARCH.js DATADIR [LANG.js] < queries.json
//       queries is [{"q": "...", "filters": ["u_..."], "all": true}]; for
//       each query (all: with the ids of every result, no timing, and one
//       engine for all such queries, so no byte count either),
//       with a fresh engine, prints the ranked results (and the words
//       corrected, with the term each became), the bytes of the
//       files the query loaded (search script and language script
//       included) to show its first
//       page of results, and the median time the query takes once its
//       files are loaded.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const PAGE = 10; // results on the first page, as search.js shows them
const [mode, script, dataDir] = process.argv.slice(2);
const code = fs.readFileSync(script, "utf8");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
// The language's script (assets/js/lingue/LANG.js), for a language other
// than Italian: norm's third argument, query's fourth.
const langFile = mode === "norm" ? dataDir : process.argv[5];
const lang = langFile ? fs.readFileSync(langFile, "utf8") : "";

function load() {
  const ctx = vm.createContext({});
  if (lang) vm.runInContext(lang, ctx);
  vm.runInContext(code, ctx);
  return ctx;
}

if (mode === "norm") {
  const S = load().piaoSearch;
  // The terms that index s: each word's stem and its extra terms.
  const terms = (s) => Array.from(S.spans(s)).flatMap((t) => [S.stem(t.w), ...t.x]);
  const out = input.map((s) => ({ words: Array.from(S.words(s)), terms: terms(s) }));
  process.stdout.write(JSON.stringify(out));
} else if (mode === "edits") {
  const S = load().piaoSearch;
  const out = input.map(([a, b]) => [S.maxEdits(a), S.distance(a, b, 0), S.distance(a, b, 1), S.distance(a, b, 2)]);
  process.stdout.write(JSON.stringify(out));
} else if (mode === "query") {
  query().catch((e) => { console.error(e); process.exit(1); });
} else {
  console.error("usage: harness.js norm|edits|query SEARCH.js [DATADIR]");
  process.exit(2);
}

async function query() {
  const out = [];
  let shared; // the engine of the "all" queries, which need no byte count
  for (const q of input) {
    const ctx = q.all && shared ? shared.ctx : load();
    const counts = q.all && shared ? shared.counts : { bytes: Buffer.byteLength(code) + Buffer.byteLength(lang), files: 0 };
    const engine = q.all && shared ? shared.engine : new ctx.piaoSearch.Engine((name) => {
      const src = fs.readFileSync(path.join(dataDir, name + ".js"), "utf8");
      counts.bytes += Buffer.byteLength(src);
      counts.files++;
      vm.runInContext(src, ctx);
      return Promise.resolve();
    });
    if (q.all) shared = { ctx, counts, engine };
    const filters = q.filters || [];
    const res = await engine.search(q.q, filters);
    const recs = await engine.docs(res.ids.slice(0, PAGE));
    const times = [0];
    for (let i = 0; i < 21 && !q.all; i++) {
      const t0 = performance.now();
      await engine.search(q.q, filters);
      times.push(performance.now() - t0);
    }
    const ms = times.sort((a, b) => a - b)[times.length >> 1];
    out.push({
      q: q.q, filters, total: res.ids.length, some: res.some, urls: recs.map((r) => r[0]), titles: recs.map((r) => r[1]),
      ids: q.all ? Array.from(res.ids) : undefined, terms: Object.keys(res.terms).sort(),
      fix: res.fix ? Object.assign({}, res.fix) : null, bytes: counts.bytes, files: counts.files, ms,
    });
  }
  process.stdout.write(JSON.stringify(out));
}
