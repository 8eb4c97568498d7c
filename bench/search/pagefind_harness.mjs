// Runs the built site's pagefind/pagefind.js (Pagefind's own browser API, main-thread fallback)
// in Node: fetch() is answered from the files on disk, the language is set as the page's
// <html lang> would set it.  Usage: node pagefind_harness.mjs <site> <lang> <queries.json>
// Prints JSON {setup_ms, results: {query: [result urls in order]}, fetched_bytes}.
import fs from "node:fs"
import path from "node:path"
import { pathToFileURL } from "node:url"

const [site, lang, queriesFile] = process.argv.slice(2)
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"))
let fetchedBytes = 0
const fetched = new Set()
globalThis.fetch = async input => {
  const url = typeof input === "string" ? input : input.url
  const file = path.join(site, decodeURIComponent(new URL(url, "http://localhost/").pathname))
  const body = fs.readFileSync(file)
  if (!fetched.has(file)) { fetched.add(file); fetchedBytes += body.length }
  const type = file.endsWith(".pagefind") ? "application/wasm" : file.endsWith(".json") ? "application/json" : "application/octet-stream"
  return new Response(body, { status: 200, headers: { "content-type": type } })
}
// <html lang="…"> as the page would have it (no window: Pagefind runs on the main thread)
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => lang }) }

const pagefind = await import(pathToFileURL(path.join(site, "pagefind/pagefind.js")).href)
await pagefind.options({ basePath: "/pagefind/" })
const t0 = Date.now()
await pagefind.init()
await pagefind.search("")
const setupMs = Date.now() - t0
const results = {}
for (const q of queries) {
  const found = await pagefind.search(q)
  const urls = []
  for (const r of found.results.slice(0, 200)) urls.push((await r.data()).url)
  results[q] = { urls, count: found.results.length }
}
process.stdout.write(JSON.stringify({ setup_ms: setupMs, results, fetched_bytes: fetchedBytes }))
