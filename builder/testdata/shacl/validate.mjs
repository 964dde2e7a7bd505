// Validates an RDF graph (Turtle) against SHACL shape files with
// rdf-validate-shacl, and prints the report as JSON:
// {"conforms": bool, "results": [{"focus", "path", "severity", "message", "shape"}]}.
//
//   node validate.mjs TOOLS_NODE_MODULES DATA.ttl SHAPES.ttl...
//
// The data are parsed with no base IRI: a relative IRI in them is an error.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [tools, dataFile, ...shapeFiles] = process.argv.slice(2)
const load = async (name, entry) => import(pathToFileURL(join(tools, name, entry)).href)
const { default: rdf } = await load('@zazuko/env', 'index.js')
const { default: SHACLValidator } = await load('rdf-validate-shacl', 'index.js')
const N3 = (await load('n3', 'lib/index.js')).default

function parse (file) {
  const dataset = rdf.dataset()
  const quads = new N3.Parser({ format: 'text/turtle' }).parse(readFileSync(file, 'utf8'))
  for (const q of quads) {
    for (const term of [q.subject, q.predicate, q.object]) {
      if (term.termType === 'NamedNode' && !/^[a-z][a-z0-9+.-]*:/i.test(term.value)) {
        throw new Error(`${file}: relative IRI <${term.value}>`)
      }
    }
    dataset.add(rdf.quad(q.subject, q.predicate, q.object))
  }
  return dataset
}

const shapes = rdf.dataset()
for (const f of shapeFiles) {
  for (const q of parse(f)) shapes.add(q)
}
const data = parse(dataFile)
const report = await new SHACLValidator(shapes, { factory: rdf }).validate(data)
const value = (t) => (t ? t.value : null)
console.log(JSON.stringify({
  conforms: report.conforms,
  triples: data.size,
  results: report.results.map((r) => ({
    focus: value(r.focusNode),
    path: value(r.path),
    severity: value(r.severity),
    message: r.message.map((m) => m.value).join(' '),
    shape: value(r.sourceShape)
  }))
}, null, 1))
