/* Search worker for Material for MkDocs' search box, for Vietnamese readers.
   Speaks Material's worker protocol (SETUP -> READY, QUERY -> RESULT) and adds: diacritics-optional matching
   (đ -> d) that follows the reader's diacritics when typed, small typos, dates and names in any writing (numbers.js
   reads the query), document numbers in any spelling, ranking by how closely an entry holds the words and where
   (a document's own metadata by part), and marks on the real words.
   On the served site it reads the shards written by generator/mkdocs_plugin/search/shards.py (only what a query
   needs); for the copy opened from disk it builds the same shards in memory from Material's single index. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_RESULTS = 300;
var TEXT_RESULTS = 12;
var SNIPPET = 320;
var WORD = /&[#\w]+;|[\p{L}\p{N}]+/gu;

if (typeof importScripts === "function") importScripts("numbers.js", "searchtext.js", "search-ranking.js", "forms.js");
else if (typeof require === "function" && typeof module !== "undefined") {
  self.vnNumbers = require("./numbers.js");
  self.vnSearchText = require("./searchtext.js");
  self.vnRanking = require("./search-ranking.js");
}

// Shared with the build (generator/corpus/vocabulary.py, written into numbers.js and searchtext.js).
var NUMBERS = self.vnNumbers;
var READER = self.vnSearchText;
var RANKING = self.vnRanking;
var VOCABULARY = NUMBERS.vocabulary;
var SHARD_PREFIX = VOCABULARY.shardPrefix;
var PLAIN_HEAD = new RegExp("^[a-z0-9]{1," + SHARD_PREFIX + "}$");
RANKING.setZones(READER.vocabulary.metaZones);
// How a key finds a term: as typed (a date or a name as a whole too), or not (other diacritics, a typo).
var EXACT = 1, INEXACT = 0.5;

var sections = [];          // {location, title, page, isPage, boost, zones, number, kindWords, text, label, parent, index}
var byLocation = new Map();
var knownCodes = new Set(); // the letter codes of the numbers pages bear: "nq", "tw", "ddlhhvn"…
var store = null;           // where shards and texts come from: memoryStore() or shardStore()
var foldCache = new Map();

function fold(text) {
  return NUMBERS.fold(text);
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
  var match = NUMBERS.numberPattern.exec(title);
  if (!match || match.index + match[0].length !== title.trim().length) return null;
  var number = NUMBERS.entry(NUMBERS.numberKey(match[0]));
  number.kindWords = foldedWords(title.slice(0, match.index)).length;
  return number;
}

function bears(query, number) {
  return query !== null && number !== null && NUMBERS.matches(query, number);
}

var container = -1;          // the latest section that is not an item: items belong to it

function addSection(location, title, boost, zones, text, label) {
  var section = {
    location: location, title: title || "", page: location.split("#")[0], isPage: location.indexOf("#") < 0,
    boost: boost || 1, zones: zones || [], text: text, number: null, label: label || "", parent: -1, index: sections.length
  };
  if (section.isPage) section.number = numberOf(section.title);
  section.kindWords = section.number ? section.number.kindWords : 0;
  if (section.number) section.number.codes.forEach(function (code) { knownCodes.add(code); });
  // An item's entry is titled with its document's number and its label (generator/mkdocs_plugin/search/items.py).
  var isItem = section.label !== "" && / · /.test(section.title) && section.title.slice(-section.label.length) === section.label;
  if (isItem && container >= 0 && sections[container].page === section.page) section.parent = container;
  if (!isItem) container = sections.length;
  sections.push(section);
  byLocation.set(location, section);
  return section;
}

function shardKey(word) {
  var head = Array.from(word).slice(0, SHARD_PREFIX).join("");
  return PLAIN_HEAD.test(head) ? head : "x" + Array.from(head).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
}

/* The whole index in memory, as shards like the served site's: built from Material's index (the copy opened from
   disk, the preview), whose entries carry the dates and names the build found in them. */
function memoryStore(docs) {
  var shards = new Map();
  function post(key, section, field, position) {
    var shard = shards.get(shardKey(foldWord(key)));
    if (!shard) shards.set(shardKey(foldWord(key)), shard = Object.create(null));
    (shard[key] || (shard[key] = [])).push(section, field, position);
  }
  docs.forEach(function (doc, i) {
    var section = addSection(doc.location, doc.title, doc.boost, doc.zones, doc.text || "", doc.label);
    [section.title, section.text].forEach(function (html, field) {
      var position = 0;
      eachWord(html, function (word) { post(READER.accentKey(word), i, field, position++); });
    });
    (doc.concepts || []).forEach(function (c) { post(c[0], i, c[1] + 2 * (c[3] - 1), c[2]); });
  });
  return {
    shard: function (key) { return Promise.resolve(shards.get(key) || {}); },
    texts: function () { return Promise.resolve(); }
  };
}

function getJSON(url, fallback) {
  return fetch(url).then(function (response) { return response.ok ? response.json() : fallback; }).catch(function () { return fallback; });
}

/* The sharded index of the served site: a shard per start of a word (SHARD_PREFIX letters), texts in chunks. */
function shardStore(base, meta) {
  meta.sections.forEach(function (s) { addSection(s[0], s[1], s[2], s[3], null, s[4]); });
  var shards = new Map(), chunks = new Map();
  return {
    shard: function (key) {
      if (!shards.has(key)) shards.set(key, getJSON(base + "w/" + key + ".json", {}));
      return shards.get(key);
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
  knownCodes = new Set();
  container = -1;
  if (!index.docs.length && typeof fetch === "function") {
    var base = new URL("../search/vn/", self.location.href).href;
    return getJSON(base + "meta.json", null).then(function (meta) { store = meta ? shardStore(base, meta) : memoryStore([]); });
  }
  store = memoryStore(index.docs);
  return Promise.resolve();
}

/* Words one edit apart (a letter left out, added, doubled, changed, or two swapped). */
function oneEditApart(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  var i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/* The index keys a term stands for, each with how exactly: {key: quality}. A word matches its fold, exactly when
   typed without diacritics or with these; the last word of the query also what it begins; a word of four letters
   or more that the index lacks, the words one typo away. A date or a name matches its term. */
function vocabulary(term, isLast) {
  if (term.kind === "concept") {
    return store.shard(shardKey(term.token)).then(function (shard) {
      var found = {};
      if (Object.prototype.hasOwnProperty.call(shard, term.token)) found[term.token] = EXACT;
      return found;
    });
  }
  return store.shard(shardKey(term.folded)).then(function (shard) {
    var found = wordsIn(shard, term, isLast);
    if (Object.keys(found).length || Array.from(term.folded).length < 4) return found;
    var heads = Array.from(term.folded), near = new Set([shardKey(term.folded)]);
    for (var k = 0; k < SHARD_PREFIX; k++) near.add(shardKey(heads.slice(0, k).concat(heads.slice(k + 1)).join("")));
    return Promise.all(Array.from(near).map(function (key) { return store.shard(key); })).then(function (nearby) {
      nearby.forEach(function (other) {
        Object.keys(other).forEach(function (key) { if (oneEditApart(foldWord(key), term.folded)) found[key] = INEXACT; });
      });
      return found;
    });
  });
}

// A word typed with diacritics finds the other forms of its fold too only when the index holds them this many
// times as often as the form typed: its diacritics then look like a slip ("tri thúc" for "trí thức"), not a choice
// ("trí thức", never "trị"/"thực"; "Trọng").
var SLIP = 10;

function wordsIn(shard, term, isLast) {
  var found = {}, completes = isLast && Array.from(term.folded).length >= SHARD_PREFIX, exact = 0, other = 0;
  Object.keys(shard).forEach(function (key) {
    var folded = foldWord(key), quality = null;
    if (folded === term.folded) quality = !term.accented || key === term.key ? EXACT : INEXACT;
    else if (completes && folded.indexOf(term.folded) === 0) quality = !term.accented || begins(key, term.key) ? EXACT : INEXACT;
    if (quality === null) return;
    found[key] = quality;
    if (quality === EXACT) exact += shard[key].length; else other += shard[key].length;
  });
  if (exact && exact * SLIP >= other) Object.keys(found).forEach(function (key) { if (found[key] === INEXACT) delete found[key]; });
  return found;
}

var TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]+$/;

/* Whether an index key begins with a typed one: its letters with theirs, and the same tone if one was typed. */
function begins(key, typed) {
  var letters = key.replace(TONE_MARKS, ""), typedLetters = typed.replace(TONE_MARKS, "");
  var typedTone = typed.slice(typedLetters.length);
  return letters.indexOf(typedLetters) === 0 && (!typedTone || key.slice(letters.length) === typedTone);
}

/* Where each section holds the terms: its title's and its text's matches (search-ranking.js); a position may
   match several terms ("ủy" in "tỉnh ủy, thành ủy"). */
function hitsOf(keysByTerm) {
  var hits = new Map();
  return Promise.all(keysByTerm.map(function (keys, t) {
    return Promise.all(Object.keys(keys).map(function (key) {
      return store.shard(shardKey(foldWord(key))).then(function (shard) {
        var list = shard[key] || [], exact = keys[key] === EXACT;
        for (var k = 0; k < list.length; k += 3) {
          var hit = hits.get(list[k]);
          if (!hit) hits.set(list[k], hit = emptyHit());
          RANKING.addMatch(list[k + 1] & 1 ? hit.text : hit.title, list[k + 2], t, (list[k + 1] >> 1) + 1, exact);
        }
      });
    }));
  })).then(function () { return hits; });
}

function emptyHit() {
  return { title: RANKING.newField(), text: RANKING.newField(), own: null };
}

// A step of closeness outweighs any score of words alone; a document dated the day searched, every closeness; a
// page bearing the number searched, everything but a cited part.
var CLOSENESS = 1e6, WORDS_AT_MOST = 9999, DATED = 1e7, BEARS = 1e8, CITED_PART = 2e8;

/* The score of an entry: its closeness (exact matches rank a quarter step above inexact ones), then the weight of
   where its words are, the page bearing the number or dated the day searched. */
function evaluate(section, hit, hits, query) {
  var parent = section.parent >= 0 ? hits.get(section.parent) : null;
  var found = RANKING.assess(section, hit, parent, query.count, query.allExact);
  var total = Math.max(found.exact ? found.exact + 0.25 : 0, found.any) * CLOSENESS + Math.min(WORDS_AT_MOST, found.words * section.boost);
  if (section.isPage && bears(query.number, section.number)) total += BEARS;
  if (section.zones.length && query.dates) total += DATED * RANKING.datedShare(section, hit, query.dates, query.count);
  return { closeness: found.any, score: total };
}

/* An item ranks just above the section holding it when it holds the words as closely. */
function itemsBeforeTheirSections(scored, byIndex) {
  scored.forEach(function (result) {
    var parent = byIndex.get(sections[result.index].parent);
    if (parent && result.closeness >= parent.closeness && result.score <= parent.score) result.score = parent.score * (1 + 1e-9) + 1e-6;
  });
}

/* The pages whose whole title the query names (a body's page for its name, in any writing): they rank second. */
function namedPages(scored, count) {
  return scored.filter(function (result) {
    var section = sections[result.index];
    if (!section.isPage || result.closeness < 3 || result.terms !== count) return false;
    var covered = RANKING.covered(result.hit.title);
    return covered > 0 && covered === foldedWords(section.title).length;
  });
}

function second(scored, named) {
  var rest = scored.filter(function (result) { return named.indexOf(result) < 0 || result === scored[0]; });
  return rest.slice(0, 1).concat(named.filter(function (result) { return result !== scored[0]; }), rest.slice(1));
}

/* The sections of the pages bearing the cited document's number whose labels name the cited part. */
function citedParts(cited, numberQuery) {
  var found = [];
  var pages = new Set();
  sections.forEach(function (section) { if (section.isPage && bears(numberQuery, section.number)) pages.add(section.page); });
  pages.forEach(function (page) {
    var labelled = sections.filter(function (section) { return section.page === page && section.label; });
    var named = NUMBERS.partsNamed(cited.tokens, labelled.map(function (section) { return section.label; }));
    labelled.forEach(function (section) { if (named.indexOf(section.label) >= 0) found.push(section); });
  });
  return found;
}

/* What a query asks for: numbers.js reads it (terms, dates, names, question words); a citation ("20-KH/TW mục
   IV.3") searches the document's number and puts the cited part first. */
function readSearch(text) {
  var read = READER.readQuery(text);
  var cited = NUMBERS.citation(read.rest);
  var terms = cited ? READER.readQuery(cited.document).terms : read.terms;
  return { terms: terms, cited: cited, number: NUMBERS.searchedNumber(cited ? cited.document : read.rest, knownCodes) };
}

/* Search; `current` tells whether the query is still the latest one, so overtaken queries stop early. */
function search(text, current) {
  var query = readSearch(text);
  if (!query.terms.length) return Promise.resolve({ items: [] });
  var stillWanted = current || function () { return true; };
  return Promise.all(query.terms.map(function (term, t) { return vocabulary(term, t === query.terms.length - 1); }))
    .then(function (keys) {
      if (!stillWanted()) return null;
      // Terms the index lacks entirely are left out of the ranking (and shown as missing), not held against it.
      var kept = [];
      keys.forEach(function (found, t) { if (Object.keys(found).length) kept.push(t); });
      query.kept = kept;
      // A word typed with diacritics is found as typed only where written so: marked there alone ("Trọng", not "trong").
      query.strict = 0;
      kept.forEach(function (t, k) { if (query.terms[t].accented) query.strict |= 1 << k; });
      query.allExact = kept.every(function (t) { return Object.keys(keys[t]).every(function (key) { return keys[t][key] === EXACT; }); });
      query.count = Math.max(1, kept.length);
      query.dates = 0;  // the terms that are dates, as bits
      kept.forEach(function (t, k) { if (/^_[0-9]/.test(query.terms[t].token || "")) query.dates |= 1 << k; });
      return hitsOf(kept.map(function (t) { return keys[t]; }));
    })
    .then(function (hits) { return hits && stillWanted() ? rank(hits, query, stillWanted) : null; });
}

function rank(hits, query, stillWanted) {
  var scored = [];
  hits.forEach(function (hit, i) {
    var value = evaluate(sections[i], hit, hits, query);
    scored.push({ index: i, hit: hit, terms: RANKING.bits(hit.title.terms | hit.text.terms), closeness: value.closeness, score: value.score });
  });
  // A page bearing the number ranks first even when its text did not match every term.
  sections.forEach(function (section, i) {
    if (section.isPage && !hits.has(i) && bears(query.number, section.number)) scored.push({ index: i, hit: emptyHit(), terms: 0, closeness: 0, score: BEARS });
  });
  var byIndex = new Map();
  scored.forEach(function (result) { byIndex.set(result.index, result); });
  itemsBeforeTheirSections(scored, byIndex);
  var named = query.cited ? [] : namedPages(scored, query.count);
  var missing = query.cited ? citeParts(scored, byIndex, query.cited, query.number) : null;
  scored.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
  var top = second(scored, named).slice(0, MAX_RESULTS);
  var shown = top.slice(0, TEXT_RESULTS).map(function (r) { return r.index; });
  return store.texts(shown).then(function () { return stillWanted() ? group(top, query, missing) : null; });
}

/* Puts the parts a citation names first, in their order; returns the citation when it names none. */
function citeParts(scored, byIndex, cited, numberQuery) {
  var parts = citedParts(cited, numberQuery);
  parts.forEach(function (section, rank) {
    var result = byIndex.get(section.index);
    if (!result) scored.push(result = { index: section.index, hit: emptyHit(), closeness: 0 });
    result.score = CITED_PART - rank;
    result.cited = true;
  });
  return parts.length ? null : cited;
}

function group(results, query, missing) {
  var groups = new Map();
  results.forEach(function (result) {
    var page = sections[result.index].page;
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(render(result, query));
  });
  // Material shows a page with its sections: make sure the page itself is in its group.
  groups.forEach(function (items, page) {
    var article = byLocation.get(page);
    if (article && !items.some(function (item) { return item.location === page; })) {
      items.push({ location: article.location, title: article.title, text: article.text || "", score: 0, terms: {} });
    }
    // A cited part the document does not have: its page says so.
    if (missing && article && bears(query.number, article.number)) {
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

// What may join two marked words into one mark: a little punctuation, no space ("24/11/2023", "KH&amp;CN").
var JOINED = /^(?:[^\s\p{L}\p{N}<>&]|&[#\w]+;){1,3}$/u;

function mark(html, positions, from, to) {
  var ranges = [];
  offsets(html).forEach(function (word, position) {
    if (!positions.has(position) || word.start < from || word.end > to) return;
    var last = ranges[ranges.length - 1];
    if (last && JOINED.test(html.slice(last[1], word.start))) last[1] = word.end;
    else ranges.push([word.start, word.end]);
  });
  var out = "", at = from;
  ranges.forEach(function (range) {
    out += html.slice(at, range[0]) + "<mark>" + html.slice(range[0], range[1]) + "</mark>";
    at = range[1];
  });
  return out + html.slice(at, to);
}

/* A short excerpt of a section's text around its first match, marked; tags become spaces so that the
   words stay the ones the index counted. Whole texts make Material lay out far too much. */
function snippet(html, positions) {
  var plain = html.replace(/<[^>]*>/g, " ");
  if (plain.length <= SNIPPET) return mark(plain, positions, 0, plain.length).trim();
  var first = Infinity;
  positions.forEach(function (position) { first = Math.min(first, position); });
  var words = offsets(plain);
  var centre = first < words.length ? words[first].start : 0;
  var from = Math.max(0, centre - 80), to = Math.min(plain.length, from + SNIPPET);
  while (from > 0 && /\S/.test(plain.charAt(from - 1))) from--;
  while (to < plain.length && /\S/.test(plain.charAt(to))) to++;
  return (from > 0 ? "… " : "") + mark(plain, positions, from, to).trim() + (to < plain.length ? " …" : "");
}

/* An entry as Material shows it; its terms are what the reader typed ("Thiếu:" lists those it lacks, and the
   opened page marks the others). */
function render(result, query) {
  var section = sections[result.index];
  var matched = {}, found = new Set(), asTyped = RANKING.foundAsTyped(result.hit, query.strict);
  query.kept.forEach(function (t, k) { if (asTyped & (1 << k)) found.add(t); });
  // A cited part opens without marks: the words searched were only the document's number.
  if (!result.cited) query.terms.forEach(function (term, t) { matched[term.typed] = matched[term.typed] || found.has(t); });
  var title = RANKING.marked(result.hit.title, query.strict), text = RANKING.marked(result.hit.text, query.strict);
  return {
    location: section.location, boost: section.boost, score: result.score, terms: matched,
    title: mark(section.title, title, 0, section.title.length), text: snippet(section.text || "", text)
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
