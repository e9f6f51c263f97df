/* Search worker for Material for MkDocs' search box, for Vietnamese readers.
   Speaks Material's worker protocol (SETUP -> READY, QUERY -> RESULT) and adds: diacritics-optional
   matching (đ -> d), document numbers in any spelling, ranking that puts the document bearing a number,
   headings and the issuer/signer rows first, and highlighting of the real words.
   On the served site it reads the shards written by generator/searchindex.py (only what a query needs);
   for the copy opened from disk it indexes Material's single index in memory. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_RESULTS = 300;
var TEXT_RESULTS = 12;
var SNIPPET = 320;
var WORD = /&[#\w]+;|[\p{L}\p{N}]+/gu;

if (typeof importScripts === "function") importScripts("numbers.js");
else if (typeof require === "function" && typeof module !== "undefined") self.vnNumbers = require("./numbers.js");

// Shared with the build (generator/corpus/vocabulary.py, written into numbers.js).
var VOCABULARY = self.vnNumbers.vocabulary;
var MAX_QUERY = VOCABULARY.maxQuery;
var NUMBER = self.vnNumbers.numberPattern;
// In the metadata table ("Thông tin văn bản"), the rows whose values name the issuer and the signer.
var KEY_ROWS = VOCABULARY.keyRows;
var SHARD_PREFIX = VOCABULARY.shardPrefix;
var PLAIN_HEAD = new RegExp("^[a-z0-9]{1," + SHARD_PREFIX + "}$");

var sections = [];          // {location, title, page, isPage, metadata, boost, number, keyRanges, text, words, label, parent}
var byLocation = new Map();
var store = null;           // where hits and texts come from: memoryStore() or shardStore()
var foldCache = new Map();

function fold(text) {
  return self.vnNumbers.fold(text);
}

function foldWord(word) {
  var folded = foldCache.get(word);
  if (folded === undefined) foldCache.set(word, folded = fold(word));
  return folded;
}

/* The words of an HTML fragment, in order: only the text between tags, entities skipped. */
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

var container = -1;          // the latest section that is not an item: items belong to it

function addSection(location, title, boost, ranges, text, label) {
  var section = {
    location: location, title: title || "", page: location.split("#")[0], isPage: location.indexOf("#") < 0,
    metadata: /#thong-tin$/.test(location), boost: boost || 1, keyRanges: ranges || [], text: text, words: null,
    number: null, label: label || "", parent: -1, index: sections.length
  };
  if (section.isPage) section.number = numberOf(section.title);
  // An item's entry is titled with its document's number and its label (generator/mkdocs_plugin/search/items.py).
  var isItem = section.label !== "" && / · /.test(section.title) && section.title.slice(-section.label.length) === section.label;
  if (isItem && container >= 0 && sections[container].page === section.page) section.parent = container;
  if (!isItem) container = sections.length;
  sections.push(section);
  byLocation.set(location, section);
  return section;
}

function newHit() {
  return { terms: new Set(), title: new Map(), text: new Map() };
}

/* The whole index in memory: postings name documents; positions are found again for candidates only. */
function memoryStore(docs) {
  var postings = new Map();
  docs.forEach(function (doc, i) {
    var section = addSection(doc.location, doc.title, doc.boost, null, doc.text || "", doc.label);
    section.words = { title: foldedWords(section.title), text: foldedWords(section.text) };
    if (section.metadata) section.keyRanges = keyRanges(section.words.text);
    [section.words.title, section.words.text].forEach(function (found) {
      found.forEach(function (word) {
        var list = postings.get(word);
        if (!list) postings.set(word, list = []);
        if (list[list.length - 1] !== i) list.push(i);
      });
    });
  });
  return {
    vocabulary: function (term, isLast) {
      var found = new Set(postings.has(term) ? [term] : []);
      if (isLast && term.length >= 2) postings.forEach(function (_, word) { if (word.indexOf(term) === 0) found.add(word); });
      return Promise.resolve(found);
    },
    hits: function (vocabulary) {
      var candidates = new Set(), hits = new Map();
      vocabulary.forEach(function (words) {
        words.forEach(function (word) { postings.get(word).forEach(function (i) { candidates.add(i); }); });
      });
      candidates.forEach(function (i) {
        var hit = newHit();
        [["title", sections[i].words.title], ["text", sections[i].words.text]].forEach(function (pair) {
          pair[1].forEach(function (word, position) {
            for (var t = vocabulary.length - 1; t >= 0; t--) {
              if (vocabulary[t].has(word)) { hit.terms.add(t); hit[pair[0]].set(position, t); break; }
            }
          });
        });
        hits.set(i, hit);
      });
      return Promise.resolve(hits);
    },
    texts: function () { return Promise.resolve(); }
  };
}

function shardKey(word) {
  var head = Array.from(word).slice(0, SHARD_PREFIX).join("");
  return PLAIN_HEAD.test(head) ? head : "x" + Array.from(head).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
}

function getJSON(url, fallback) {
  return fetch(url).then(function (response) { return response.ok ? response.json() : fallback; }).catch(function () { return fallback; });
}

/* The sharded index of the served site: a shard per start of a word (SHARD_PREFIX letters), texts in chunks. */
function shardStore(base, meta) {
  meta.sections.forEach(function (s) { addSection(s[0], s[1], s[2], s[3], null, s[4]); });
  var shards = new Map(), loaded = new Map(), chunks = new Map();
  function shard(key) {
    if (!shards.has(key)) {
      shards.set(key, getJSON(base + "w/" + key + ".json", {}).then(function (words) { loaded.set(key, words); return words; }));
    }
    return shards.get(key);
  }
  return {
    vocabulary: function (term, isLast) {
      return shard(shardKey(term)).then(function (words) {
        var found = new Set(Object.prototype.hasOwnProperty.call(words, term) ? [term] : []);
        // A shard holds the words sharing their first three letters: completion starts there.
        if (isLast && Array.from(term).length >= 3) Object.keys(words).forEach(function (word) { if (word.indexOf(term) === 0) found.add(word); });
        return found;
      });
    },
    hits: function (vocabulary) {
      var hits = new Map();
      vocabulary.forEach(function (words, t) {
        words.forEach(function (word) {
          var list = loaded.get(shardKey(word))[word];
          for (var k = 0; k < list.length; k += 3) {
            var hit = hits.get(list[k]);
            if (!hit) hits.set(list[k], hit = newHit());
            hit.terms.add(t);
            hit[list[k + 1] === 0 ? "title" : "text"].set(list[k + 2], t);
          }
        });
      });
      return Promise.resolve(hits);
    },
    texts: function (indexes) {
      var wanted = new Set(indexes.filter(function (i) { return sections[i].text === null; }).map(function (i) { return Math.floor(i / meta.chunk); }));
      return Promise.all(Array.from(wanted).map(function (chunk) {
        if (!chunks.has(chunk)) chunks.set(chunk, getJSON(base + "t/" + chunk + ".json", []));
        return chunks.get(chunk).then(function (texts) {
          texts.forEach(function (text, k) { sections[chunk * meta.chunk + k].text = text; });
        });
      }));
    }
  };
}

function setup(index) {
  sections = [];
  byLocation = new Map();
  container = -1;
  if (!index.docs.length && typeof fetch === "function") {
    var base = new URL("../search/vn/", self.location.href).href;
    return getJSON(base + "meta.json", null).then(function (meta) { store = meta ? shardStore(base, meta) : memoryStore([]); });
  }
  store = memoryStore(index.docs);
  return Promise.resolve();
}

function termsOf(query) {
  return (fold(query.slice(0, MAX_QUERY)).match(/[\p{L}\p{N}]+/gu) || []).slice(0, 12);
}

function inKeyRows(section, hit, count) {
  // Every term matched inside the issuer's or the signer's row.
  return section.keyRanges.some(function (range) {
    var seen = new Set();
    hit.text.forEach(function (t, position) { if (position >= range[0] && position < range[1]) seen.add(t); });
    return seen.size === count;
  });
}

/* How closely an entry holds the query's words: 3 as a phrase (in order and adjacent), 2 in order but apart,
   1 all of them in any order, 0 not all of them. */
function closeness(hit, count) {
  if (hit.terms.size < count) return 0;
  if (count < 2) return 3;
  var best = 1;
  [hit.title, hit.text].forEach(function (positions) {
    var order = Array.from(positions.keys()).sort(function (a, b) { return a - b; });
    var next = 0;
    order.forEach(function (position) {
      if (positions.get(position) === next) next++;
      if (positions.get(position) !== 0 || best === 3) return;
      for (var k = 1; k < count; k++) if (positions.get(position + k) !== k) return;
      best = 3;
    });
    if (next >= count && best < 2) best = 2;
  });
  return best;
}

// Each step of closeness outweighs any score of words alone; a page bearing the number searched outweighs all.
var CLOSENESS = 1e5, BEARS = 1e6, CITED_PART = 2e6;

function score(section, hit, count, numberQuery) {
  var total = 0;
  [["title", 12], ["text", 1]].forEach(function (pair) {
    var positions = hit[pair[0]];
    var perTerm = new Map();
    positions.forEach(function (t) { perTerm.set(t, (perTerm.get(t) || 0) + 1); });
    perTerm.forEach(function (occurrences) { total += pair[1] * (1 + Math.log(occurrences)); });
    positions.forEach(function (t, position) { if (positions.get(position + 1) === t + 1) total += pair[1] * 4; });
  });
  var coverage = hit.terms.size / count;
  total *= coverage * coverage * section.boost;
  if (coverage === 1) total *= 3;
  if (section.metadata) total *= inKeyRows(section, hit, count) ? 15 : 2;
  total += closeness(hit, count) * CLOSENESS;
  if (section.isPage && bears(numberQuery, section.number)) total += BEARS;
  return total;
}

/* An item ranks just above the section holding it when it holds the words as closely. */
function itemsBeforeTheirSections(scored, byIndex) {
  scored.forEach(function (result) {
    var parent = byIndex.get(sections[result.index].parent);
    if (parent && result.closeness >= parent.closeness && result.score <= parent.score) result.score = parent.score * (1 + 1e-9) + 1e-6;
  });
}

/* The sections of the pages bearing the cited document's number whose labels name the cited part. */
function citedParts(cited, numberQuery) {
  var found = [];
  var pages = new Set();
  sections.forEach(function (section) { if (section.isPage && bears(numberQuery, section.number)) pages.add(section.page); });
  pages.forEach(function (page) {
    var labelled = sections.filter(function (section) { return section.page === page && section.label; });
    var named = self.vnNumbers.partsNamed(cited.tokens, labelled.map(function (section) { return section.label; }));
    labelled.forEach(function (section) { if (named.indexOf(section.label) >= 0) found.push(section); });
  });
  return found;
}

/* Search; `current` tells whether the query is still the latest one, so overtaken queries stop early.
   A citation ("20-KH/TW mục IV.3") searches the document's number and puts the cited part first. */
function search(query, current) {
  var cited = self.vnNumbers.citation(query);
  var searched = cited ? cited.document : query;
  var terms = termsOf(searched);
  if (!terms.length) return Promise.resolve({ items: [] });
  var numberQuery = self.vnNumbers.parseQuery(searched);
  var stillWanted = current || function () { return true; };
  return Promise.all(terms.map(function (term, t) { return store.vocabulary(term, t === terms.length - 1); }))
    .then(function (vocabulary) { return stillWanted() ? store.hits(vocabulary) : null; })
    .then(function (hits) {
      if (!hits || !stillWanted()) return null;
      var scored = [];
      hits.forEach(function (hit, i) {
        scored.push({ index: i, hit: hit, closeness: closeness(hit, terms.length), score: score(sections[i], hit, terms.length, numberQuery) });
      });
      // A page bearing the number ranks first even when its text did not match every term.
      sections.forEach(function (section, i) {
        if (section.isPage && !hits.has(i) && bears(numberQuery, section.number)) scored.push({ index: i, hit: newHit(), closeness: 0, score: BEARS });
      });
      var byIndex = new Map();
      scored.forEach(function (result) { byIndex.set(result.index, result); });
      itemsBeforeTheirSections(scored, byIndex);
      var missing = cited ? citeParts(scored, byIndex, cited, numberQuery) : null;
      scored.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
      var top = scored.slice(0, MAX_RESULTS);
      var shown = top.slice(0, TEXT_RESULTS).map(function (r) { return r.index; });
      return store.texts(shown).then(function () { return stillWanted() ? group(top, terms, missing, numberQuery) : null; });
    });
}

/* Puts the parts a citation names first, in their order; returns the citation when it names none. */
function citeParts(scored, byIndex, cited, numberQuery) {
  var parts = citedParts(cited, numberQuery);
  parts.forEach(function (section, rank) {
    var result = byIndex.get(section.index);
    if (!result) scored.push(result = { index: section.index, hit: newHit(), closeness: 0 });
    result.score = CITED_PART - rank;
    result.cited = true;
  });
  return parts.length ? null : cited;
}

function group(results, terms, missing, numberQuery) {
  var groups = new Map();
  results.forEach(function (result) {
    var page = sections[result.index].page;
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(render(result, terms));
  });
  // Material shows a page with its sections: make sure the page itself is in its group.
  groups.forEach(function (items, page) {
    var article = byLocation.get(page);
    if (article && !items.some(function (item) { return item.location === page; })) {
      items.push({ location: article.location, title: article.title, text: article.text || "", score: 0, terms: {} });
    }
    // A cited part the document does not have: its page says so.
    if (missing && article && bears(numberQuery, article.number)) {
      items.forEach(function (item) {
        if (item.location === page) item.text = "<p>" + escapeHtml("Văn bản này không có mục " + missing.part + ". Mở văn bản để xem các mục.") + "</p>";
      });
    }
  });
  return { items: Array.from(groups.values()) };
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function phrases(positions) {
  // Positions that are part of a run of consecutive query terms; empty when there is no such run.
  var inRun = new Map();
  positions.forEach(function (t, position) {
    if (positions.get(position + 1) === t + 1) { inRun.set(position, t); inRun.set(position + 1, t + 1); }
  });
  return inRun;
}

function mark(html, positions, from, to) {
  var runs = phrases(positions);
  if (runs.size) positions = runs;
  var found = offsets(html), out = "", last = from;
  found.forEach(function (word, position) {
    if (!positions.has(position) || word.start < from || word.end > to) return;
    out += html.slice(last, word.start) + "<mark>" + html.slice(word.start, word.end) + "</mark>";
    last = word.end;
  });
  return out + html.slice(last, to);
}

/* A short excerpt of a section's text around its first match, marked; tags become spaces so that the
   words stay the ones the index counted. Whole texts make Material lay out far too much. */
function snippet(html, positions) {
  var plain = html.replace(/<[^>]*>/g, " ");
  if (plain.length <= SNIPPET) return mark(plain, positions, 0, plain.length).trim();
  var first = Infinity;
  positions.forEach(function (_, position) { first = Math.min(first, position); });
  var words = offsets(plain);
  var centre = first < words.length ? words[first].start : 0;
  var from = Math.max(0, centre - 80), to = Math.min(plain.length, from + SNIPPET);
  while (from > 0 && /\S/.test(plain.charAt(from - 1))) from--;
  while (to < plain.length && /\S/.test(plain.charAt(to))) to++;
  return (from > 0 ? "… " : "") + mark(plain, positions, from, to).trim() + (to < plain.length ? " …" : "");
}

function render(result, terms) {
  var section = sections[result.index];
  var matched = {};
  // A cited part opens without marks: the words searched were only the document's number.
  if (!result.cited) terms.forEach(function (term, t) { matched[term] = result.hit.terms.has(t); });
  return {
    location: section.location, boost: section.boost, score: result.score, terms: matched,
    title: mark(section.title, result.hit.title, 0, section.title.length), text: snippet(section.text || "", result.hit.text)
  };
}

var latest = 0;

/* Answer one message; a query overtaken by a newer one is answered with nothing. */
function handle(message) {
  if (message.type === SETUP) return setup(message.data).then(function () { return { type: READY }; });
  var id = ++latest;
  var current = function () { return id === latest; };
  return search(String(message.data), current)
    .catch(function () { return { items: [] }; })
    .then(function (result) { return result && current() ? { type: RESULT, data: result } : null; });
}

var vnSearch = { setup: setup, search: search, handle: handle, shardKey: shardKey, foldedWords: foldedWords };
if (typeof module !== "undefined") {
  module.exports = vnSearch;
} else if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  addEventListener("message", function (event) {
    handle(event.data).then(function (answer) { if (answer) postMessage(answer); });
  });
} else {
  // Loaded into the page by offline-search.js, for the copy opened from disk.
  window.vnSearch = vnSearch;
}
