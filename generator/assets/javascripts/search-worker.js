/* Search worker for Material for MkDocs' search box, for Vietnamese readers.
   Speaks Material's worker protocol (SETUP -> READY, QUERY -> RESULT) over its search_index.json, and adds:
   diacritics-optional matching (đ -> d), document numbers in any spelling, ranking that puts the document
   bearing a number, headings and metadata first, and highlighting of the real words. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_QUERY = 200;
var MAX_RESULTS = 300;
var NUMBER = /(\d{1,5})(?:\s*[-\/]\s*(\d{4}))?\s*[-\/]\s*([A-Za-zĐđ&]{1,15})\s*[-\/]\s*([A-Za-zĐđ&]{1,15})/;
var WORD = /&[#\w]+;|[\p{L}\p{N}]+/gu;

var docs = [];
var postings = new Map();   // folded word -> [[doc, field, position], ...]

if (typeof importScripts === "function") importScripts("numbers.js");
else if (typeof require === "function" && typeof module !== "undefined") self.vnNumbers = require("./numbers.js");

function fold(text) {
  return self.vnNumbers.fold(text).toLowerCase();
}

var foldCache = new Map();

function foldWord(word) {
  var folded = foldCache.get(word);
  if (folded === undefined) foldCache.set(word, folded = fold(word));
  return folded;
}

/* The words of an HTML fragment, in order; only the text between tags holds words, entities are not words.
   `each` gets the word and its offset. */
function eachWord(html, each) {
  html.replace(/<[^>]*>|[^<]+/g, function (part, offset) {
    if (part.charAt(0) !== "<") {
      part.replace(WORD, function (word, at) {
        if (word.charAt(0) !== "&") each(word, offset + at);
        return word;
      });
    }
    return part;
  });
}

function foldedWords(html) {
  var found = [];
  eachWord(html, function (word) { found.push(foldWord(word)); });
  return found;
}

function offsets(html) {
  var found = [];
  eachWord(html, function (word, at) { found.push({ start: at, end: at + word.length }); });
  return found;
}

function numberOf(title) {
  // Only a title that ends with the number bears it ("Nghị quyết 45-NQ/TW"), not one that mentions it.
  var match = NUMBER.exec(title);
  if (!match || match.index + match[0].length !== title.trim().length) return null;
  return self.vnNumbers.entry(self.vnNumbers.numberKey(match[0]));
}

function bears(query, number) {
  return number !== null && self.vnNumbers.matches(query, number);
}

// In the metadata table ("Thông tin văn bản"), the rows whose values name the issuer and the signer.
var KEY_ROWS = [["co quan ban hanh", "nguoi ky"], ["nguoi ky", "chuc vu"]];

function sequence(found, phrase, from) {
  var wanted = phrase.split(" ");
  for (var i = from; i + wanted.length <= found.length; i++) {
    var all = true;
    for (var j = 0; j < wanted.length && all; j++) all = found[i + j] === wanted[j];
    if (all) return i;
  }
  return -1;
}

function keyRanges(found) {
  return KEY_ROWS.map(function (row) {
    var label = sequence(found, row[0], 0);
    if (label < 0) return null;
    var start = label + row[0].split(" ").length;
    var end = sequence(found, row[1], start);
    return [start, end < 0 ? found.length : end];
  }).filter(Boolean);
}

var byLocation = new Map();

function setup(index) {
  docs = index.docs.map(function (doc, i) {
    var entry = {
      source: doc, page: doc.location.split("#")[0], isPage: doc.location.indexOf("#") < 0,
      metadata: /#thong-tin$/.test(doc.location), boost: doc.boost || 1,
      title: foldedWords(doc.title || ""), text: foldedWords(doc.text || ""), number: null
    };
    // Postings name each document once per word; positions are found again for candidates only.
    [entry.title, entry.text].forEach(function (found) {
      found.forEach(function (word) {
        var list = postings.get(word);
        if (!list) postings.set(word, list = []);
        if (list[list.length - 1] !== i) list.push(i);
      });
    });
    byLocation.set(doc.location, entry);
    return entry;
  });
  docs.forEach(function (entry) {
    // A page bears the number written in its title ("Nghị quyết 45-NQ/TW").
    if (entry.isPage) entry.number = numberOf(entry.source.title || "");
    entry.keyRanges = entry.metadata ? keyRanges(entry.text) : [];
  });
}

function termsOf(query) {
  return (fold(query.slice(0, MAX_QUERY)).match(/[\p{L}\p{N}]+/gu) || []).slice(0, 12);
}

function vocabularyFor(term, isLast) {
  var exact = postings.has(term) ? [term] : [];
  if (!isLast || term.length < 2) return exact;
  var found = exact.slice();
  postings.forEach(function (_, word) { if (word !== term && word.indexOf(term) === 0) found.push(word); });
  return found;
}

function inKeyRows(entry, hit, count) {
  // Every term matched inside the issuer's or the signer's row.
  return entry.keyRanges.some(function (range) {
    var seen = new Set();
    hit.text.forEach(function (t, position) { if (position >= range[0] && position < range[1]) seen.add(t); });
    return seen.size === count;
  });
}

function search(query) {
  var terms = termsOf(query);
  if (!terms.length) return { items: [] };
  var numberQuery = self.vnNumbers.parseQuery(query);
  var vocabulary = terms.map(function (term, t) { return new Set(vocabularyFor(term, t === terms.length - 1)); });
  var candidates = new Set();
  vocabulary.forEach(function (words) {
    words.forEach(function (word) { postings.get(word).forEach(function (i) { candidates.add(i); }); });
  });
  var hits = new Map();  // doc -> {terms: Set, title: Map(pos->term), text: Map(pos->term)}
  candidates.forEach(function (i) {
    var hit = { terms: new Set(), title: new Map(), text: new Map() };
    [["title", docs[i].title], ["text", docs[i].text]].forEach(function (pair) {
      pair[1].forEach(function (word, position) {
        for (var t = vocabulary.length - 1; t >= 0; t--) {
          if (vocabulary[t].has(word)) { hit.terms.add(t); hit[pair[0]].set(position, t); break; }
        }
      });
    });
    hits.set(i, hit);
  });
  var scored = [];
  hits.forEach(function (hit, i) {
    var entry = docs[i];
    var score = 0;
    [["title", 12], ["text", 1]].forEach(function (pair) {
      var positions = hit[pair[0]];
      var perTerm = new Map();
      positions.forEach(function (t) { perTerm.set(t, (perTerm.get(t) || 0) + 1); });
      perTerm.forEach(function (count) { score += pair[1] * (1 + Math.log(count)); });
      positions.forEach(function (t, position) { if (positions.get(position + 1) === t + 1) score += pair[1] * 4; });
    });
    var coverage = hit.terms.size / terms.length;
    score *= coverage * coverage * entry.boost;
    if (coverage === 1) score *= 3;
    if (entry.metadata) score *= inKeyRows(entry, hit, terms.length) ? 15 : 2;
    if (entry.isPage && bears(numberQuery, entry.number)) score += 1e6;
    scored.push({ entry: entry, hit: hit, score: score });
  });
  // A page bearing the number ranks first even when its text did not match every term.
  docs.forEach(function (entry, i) {
    if (entry.isPage && !hits.has(i) && bears(numberQuery, entry.number))
      scored.push({ entry: entry, hit: { terms: new Set(), title: new Map(), text: new Map() }, score: 1e6 });
  });
  scored.sort(function (a, b) { return b.score - a.score; });
  var groups = new Map();
  scored.slice(0, MAX_RESULTS).forEach(function (result) {
    var page = result.entry.page;
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(render(result, terms));
  });
  // Material shows a page with its sections: make sure the page itself is in its group.
  groups.forEach(function (items, page) {
    if (!items.some(function (item) { return item.location === page; })) {
      var article = byLocation.get(page);
      if (article) items.push(Object.assign({}, article.source, { score: 0, terms: {} }));
    }
  });
  return { items: Array.from(groups.values()) };
}

function phrases(positions) {
  // Positions that are part of a run of consecutive query terms; empty when there is no such run.
  var inRun = new Map();
  positions.forEach(function (t, position) {
    if (positions.get(position + 1) === t + 1) { inRun.set(position, t); inRun.set(position + 1, t + 1); }
  });
  return inRun;
}

function mark(html, positions) {
  if (!positions.size) return html;
  var found = offsets(html);
  var runs = phrases(positions);
  if (runs.size) positions = runs;
  var out = "", last = 0;
  found.forEach(function (word, position) {
    if (!positions.has(position)) return;
    out += html.slice(last, word.start) + "<mark>" + html.slice(word.start, word.end) + "</mark>";
    last = word.end;
  });
  return out + html.slice(last);
}

function render(result, terms) {
  var source = result.entry.source;
  var matched = {};
  terms.forEach(function (term, t) { matched[term] = result.hit.terms.has(t); });
  return Object.assign({}, source, {
    title: mark(source.title || "", result.hit.title),
    text: mark(source.text || "", result.hit.text),
    score: result.score,
    terms: matched
  });
}

function handle(message) {
  if (message.type === SETUP) {
    setup(message.data);
    return { type: READY };
  }
  var result;
  try { result = search(String(message.data)); } catch (error) { result = { items: [] }; }
  return { type: RESULT, data: result };
}

var vnSearch = { setup: setup, search: search, handle: handle };
if (typeof module !== "undefined") {
  module.exports = vnSearch;
} else if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  addEventListener("message", function (event) { postMessage(handle(event.data)); });
} else {
  // Loaded into the page by offline-search.js, for the copy opened from disk.
  window.vnSearch = vnSearch;
}
