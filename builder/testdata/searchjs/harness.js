// Test harness: runs the search script (themes/default/assets/js/search.js)
// under Node, without a browser, for the Go tests and benchmarks.
//
//   node harness.js norm SEARCH.js < strings.json
//       prints, for each string, {"words": [...], "terms": [...]}
//   node harness.js query SEARCH.js DATADIR < queries.json
//       queries is [{"q": "...", "filters": ["u_..."]}]; for each query,
//       with a fresh engine, prints the ranked results, the bytes of the
//       files the query loaded (search script included) to show its first
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

function load() {
  const ctx = vm.createContext({});
  vm.runInContext(code, ctx);
  return ctx;
}

if (mode === "norm") {
  const S = load().piaoSearch;
  const out = input.map((s) => ({ words: Array.from(S.words(s)), terms: Array.from(S.terms(s)) }));
  process.stdout.write(JSON.stringify(out));
} else if (mode === "query") {
  query().catch((e) => { console.error(e); process.exit(1); });
} else {
  console.error("usage: harness.js norm|query SEARCH.js [DATADIR]");
  process.exit(2);
}

async function query() {
  const out = [];
  for (const q of input) {
    const ctx = load();
    let bytes = Buffer.byteLength(code), files = 0;
    const engine = new ctx.piaoSearch.Engine((name) => {
      const src = fs.readFileSync(path.join(dataDir, name + ".js"), "utf8");
      bytes += Buffer.byteLength(src);
      files++;
      vm.runInContext(src, ctx);
      return Promise.resolve();
    });
    const filters = q.filters || [];
    const res = await engine.search(q.q, filters);
    const recs = await engine.docs(res.ids.slice(0, PAGE));
    const times = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      await engine.search(q.q, filters);
      times.push(performance.now() - t0);
    }
    const ms = times.sort((a, b) => a - b)[10];
    out.push({
      q: q.q, filters, total: res.ids.length, some: res.some, urls: recs.map((r) => r[0]), titles: recs.map((r) => r[1]),
      terms: Object.keys(res.terms).sort(), bytes, files, ms,
    });
  }
  process.stdout.write(JSON.stringify(out));
}
