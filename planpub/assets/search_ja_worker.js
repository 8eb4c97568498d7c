// Wrapper around mkdocs-material's search worker for the Japanese index, which planpub/search.py
// cut into words at build time. It takes the stock worker's file name (the page's __config still
// points there) and loads the stock worker, renamed, with importScripts; Material's UI is unchanged.
//
// What it adds, in the worker only:
//  - SETUP: counts the words of the pre-segmented index (separated by U+200B or spaces in
//    title/text, plus the dictionary forms in the hidden "alt" field);
//  - QUERY: splits the query at spaces and at the punctuation the index is not searched by (a
//    fiscal year as the site writes it, 令和6（2024）年度, is 令和6 2024 年度), then cuts each
//    Japanese term into those words (most probable cut, see segmentTerm),
//    so the query is cut where the index was cut, and requires every piece (+word), the last one
//    as a prefix (word*) so results come while typing. Other terms are passed on unchanged.
//  - RESULT: highlights words, not the pieces the query was cut into: marks of adjacent pieces
//    are joined, a lone one-character piece (化 of キャッシュレス化) is not marked wherever it
//    occurs, and the matched terms (which Material puts in the result's link for highlighting on
//    the page) are the terms as typed.
"use strict"
/* global importScripts */
const MATERIAL_WORKER = self.MATERIAL_WORKER // set in the first line by planpub/search.py
const JAPANESE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー々〆ヵヶ]/u
// Punctuation that separates words, in the text and in a query; in a query, lunr's own operators
// (+ - * ~ ^ :) are left to lunr.
const PUNCTUATION = "、。，．・「」『』（）()【】［］\\[\\]：；！？…※＊"
const TEXT_SEPARATOR = new RegExp(`[\\s\\u200b${PUNCTUATION}:;!?*]+`, "u")
const QUERY_SEPARATOR = new RegExp(`[\\s${PUNCTUATION}]+`, "u")
const frequency = new Map()
let total = 0
let longest = 1
let materialListener = null

const addEventListenerOriginal = self.addEventListener.bind(self)
self.addEventListener = (type, fn, ...rest) => {
  if (type === "message") materialListener = fn
  else addEventListenerOriginal(type, fn, ...rest)
}
importScripts(MATERIAL_WORKER)
self.addEventListener = addEventListenerOriginal

function learn(text) {
  if (!text) return
  for (const word of text.replace(/<[^>]+>/g, " ").split(TEXT_SEPARATOR)) {
    if (word && JAPANESE.test(word)) {
      const key = word.toLowerCase()
      frequency.set(key, (frequency.get(key) || 0) + 1)
      total++
      if (word.length > longest) longest = word.length
    }
  }
}

/* Cut a Japanese term into index words: the most probable sequence under a unigram model of the
   index's own word counts (Viterbi), so it is cut where the build-time analyzer cut the text.
   Characters that start no index word are glued into one unknown piece. */
function segmentTerm(term) {
  const unknown = Math.log(total + 1) + 10
  const best = [{ cost: 0, from: -1 }]
  for (let end = 1; end <= term.length; end++) {
    let choice = { cost: Infinity, from: -1 }
    for (let start = Math.max(0, end - longest); start < end; start++) {
      const count = frequency.get(term.slice(start, end))
      const step = count ? Math.log(total / count) : (end - start === 1 ? unknown : Infinity)
      if (best[start].cost + step < choice.cost) choice = { cost: best[start].cost + step, from: start }
    }
    best[end] = choice
  }
  const pieces = []
  for (let end = term.length; end > 0; end = best[end].from) pieces.unshift(term.slice(best[end].from, end))
  const glued = []
  for (const piece of pieces) {
    const last = glued[glued.length - 1]
    if (last !== undefined && !frequency.has(piece) && !frequency.has(last)) glued[glued.length - 1] += piece
    else glued.push(piece)
  }
  return glued
}

/* Material's worker re-cuts every run of kanji in the query against its index and may drop
   characters (強靭 → 強 when 強 is also an index word). A backslash between kanji stops that:
   each kanji is then a run of one, which it leaves alone, and lunr's query parser removes the
   backslash (its escape character), so the term is still 強靭. */
const protect = word => word.replace(/(\p{sc=Han})(?=\p{sc=Han})/gu, "$1\\")

let queryTerms = [] // the Japanese terms of the last query, as typed, with the pieces they were cut into

function rewrite(query) {
  const parts = []
  queryTerms = []
  for (const term of query.trim().split(QUERY_SEPARATOR).filter(Boolean)) {
    if (!JAPANESE.test(term) || /^[+\-]/.test(term) || /[*~^:]/.test(term)) { parts.push(term); continue }
    const segments = segmentTerm(term.toLowerCase())
    queryTerms.push({ term, pieces: segments })
    segments.forEach((segment, n) => parts.push(`+${protect(segment)}${n === segments.length - 1 ? "*" : ""}`))
  }
  return parts.join(" ")
}

const isOneJapaneseCharacter = text => [...text.replace(/\u200b/g, "")].length === 1 && JAPANESE.test(text)

function tidyMarks(html) {
  const joined = html.replace(/<\/mark>(\u200b?)<mark>/g, "$1")
  if (queryTerms.some(({ term }) => [...term].length === 1)) return joined
  return joined.replace(/<mark>([^<]*)<\/mark>/g, (mark, inner) => (isOneJapaneseCharacter(inner) ? inner : mark))
}

function tidyTerms(terms) {
  const tidy = { ...terms }
  for (const { term, pieces } of queryTerms) {
    const found = pieces.map(piece => tidy[piece])
    pieces.forEach(piece => delete tidy[piece])
    if (found.some(match => match !== undefined)) tidy[term] = found.every(Boolean)
  }
  return tidy
}

const postMessageOriginal = self.postMessage.bind(self)
self.postMessage = message => {
  if (message && message.type === 3 && message.data && message.data.items && queryTerms.length) {
    for (const group of message.data.items) {
      for (const doc of group) {
        doc.title = tidyMarks(doc.title)
        doc.text = tidyMarks(doc.text)
        if (doc.terms) doc.terms = tidyTerms(doc.terms)
      }
    }
  }
  postMessageOriginal(message)
}

addEventListenerOriginal("message", ev => {
  let message = ev.data
  if (message && message.type === 0) {
    for (const doc of message.data.docs) { learn(doc.title); learn(doc.text); learn(doc.alt) }
  } else if (message && message.type === 2 && typeof message.data === "string") {
    message = { type: 2, data: rewrite(message.data) }
  }
  materialListener({ data: message })
})
