// Runs mkdocs-material's REAL search worker (workers/search.*.min.js, with its lunr, lunr-languages
// and TinySegmenter) in Node, so the lunr option can be measured without a browser.
// Usage: node tests/search_worker.js <site_root_of_one_language> <queries.json> [wrapper.js]
//   wrapper.js (optional): a worker that loads Material's worker itself (search_ja_worker.js);
//   it is run in place of the stock worker, with MATERIAL_WORKER set to the stock file name.
//   queries.json: ["query", ...]  → prints JSON {results: {query: [page paths of result groups, in
//   order]}, marks: {query: [highlighted words]}, terms: {query: [matched terms of the results]}}
// The worker's importScripts("../lunr/...") is resolved against <site>/assets/javascripts/workers/.
"use strict"
const fs = require("fs")
const path = require("path")
const vm = require("vm")

const [site, queriesFile, wrapper] = process.argv.slice(2)
const workers = path.join(site, "assets/javascripts/workers")
const workerFile = fs.readdirSync(workers).find(f => /^search\..*\.min\.js$/.test(f))
const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"))
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"))

const listeners = []
let onMessage = null
const context = {
  console, setTimeout, clearTimeout, Uint16Array, Uint8Array, Int32Array, Map, Set, Promise,
  postMessage: data => onMessage && onMessage(data),
  addEventListener: (type, fn) => { if (type === "message") listeners.push(fn) },
  importScripts: (...urls) => {
    for (const url of urls)
      vm.runInContext(fs.readFileSync(path.resolve(workers, url), "utf8"), context, { filename: url })
  },
}
context.MATERIAL_WORKER = workerFile
context.self = context
context.window = context
vm.createContext(context)
if (wrapper) vm.runInContext(fs.readFileSync(wrapper, "utf8"), context, { filename: wrapper })
else vm.runInContext(fs.readFileSync(path.join(workers, workerFile), "utf8"), context, { filename: workerFile })

function send(message) {
  return new Promise(resolve => {
    onMessage = resolve
    for (const fn of listeners) fn({ data: message })
  })
}

;(async () => {
  const t0 = Date.now()
  await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } })
  const setupMs = Date.now() - t0
  const out = {}
  const marks = {}
  const terms = {}
  for (const q of queries) {
    const res = await send({ type: 2, data: q })
    const docs = res.data.items.flat()
    const marked = docs.flatMap(doc => [...`${doc.title} ${doc.text}`.matchAll(/<mark>([^<]*)<\/mark>/g)].map(m => m[1].replace(/\u200b/g, "")))
    marks[q] = [...new Set(marked)]
    terms[q] = [...new Set(docs.flatMap(doc => Object.keys(doc.terms || {})))]
    // Each group is one page: its first item (or the parent's location) names the page.
    out[q] = res.data.items.map(group => {
      const loc = group[0].location
      return loc.split("#")[0]
    })
  }
  process.stdout.write(JSON.stringify({ setup_ms: setupMs, results: out, marks, terms }))
})()
