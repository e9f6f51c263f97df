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

if (typeof importScripts === "function") importScripts("numbers.js", "searchtext.js", "forms.js");
else if (typeof require === "function" && typeof module !== "undefined") {
  self.vnNumbers = require("./numbers.js");
  self.vnSearchText = require("./searchtext.js");
}

// Shared with the build (generator/corpus/vocabulary.py, written into numbers.js and searchtext.js).
var NUMBERS = self.vnNumbers;
var READER = self.vnSearchText;
var VOCABULARY = NUMBERS.vocabulary;
var SHARD_PREFIX = VOCABULARY.shardPrefix;
var PLAIN_HEAD = new RegExp("^[a-z0-9]{1," + SHARD_PREFIX + "}$");
var ZONES = READER.vocabulary.metaZones;
// How much a match counts by where it is: a title or heading, a document's own metadata by part (its issuer's and
// signer's names above all), running text; an item's context is the title of the heading that holds it.
var TITLE = 12, TEXT = 1, CONTEXT = 6;
var NAME = 16;
var ZONE_WEIGHTS = { title: TITLE, issuer: NAME, signer: NAME, other: 3, date: TITLE };
// Inexact matches (other diacritics than typed, a typo) count half; a date or name as a whole counts as typed.
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

function wordsIn(shard, term, isLast) {
  var found = {}, completes = isLast && Array.from(term.folded).length >= SHARD_PREFIX;
  Object.keys(shard).forEach(function (key) {
    var folded = foldWord(key);
    if (folded === term.folded) found[key] = !term.accented || key === term.key ? EXACT : INEXACT;
    else if (completes && folded.indexOf(term.folded) === 0) found[key] = !term.accented || begins(key, term.key) ? EXACT : INEXACT;
  });
  return found;
}

var TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]+$/;

/* Whether an index key begins with a typed one: its letters with theirs, and the same tone if one was typed. */
function begins(key, typed) {
  var letters = key.replace(TONE_MARKS, ""), typedLetters = typed.replace(TONE_MARKS, "");
  var typedTone = typed.slice(typedLetters.length);
  return letters.indexOf(typedLetters) === 0 && (!typedTone || key.slice(letters.length) === typedTone);
}

/* Where each section holds the terms: for its title and its text, the matches {p, t, span, q} (word position,
   term, length in words, quality); a position may match several terms ("ủy" in "tỉnh ủy, thành ủy"). */
function hitsOf(keysByTerm) {
  var hits = new Map();
  return Promise.all(keysByTerm.map(function (keys, t) {
    return Promise.all(Object.keys(keys).map(function (key) {
      return store.shard(shardKey(foldWord(key))).then(function (shard) {
        var list = shard[key] || [];
        for (var k = 0; k < list.length; k += 3) {
          var hit = hits.get(list[k]);
          if (!hit) hits.set(list[k], hit = emptyHit());
          var field = list[k + 1] & 1 ? hit.text : hit.title;
          field.raw.push({ p: list[k + 2], t: t, span: (list[k + 1] >> 1) + 1, q: keys[key] });
          field.terms |= 1 << t;
          if (keys[key] === EXACT) field.exact |= 1 << t;
        }
      });
    }));
  })).then(function () { return hits; });
}

function emptyHit() {
  return { title: { raw: [], sorted: null, terms: 0, exact: 0 }, text: { raw: [], sorted: null, terms: 0, exact: 0 } };
}

/* A field's matches in word order, the best of each term at each position. */
function ordered(field) {
  if (field.sorted === null) {
    var raw = field.raw, kept = 0;
    raw.sort(function (a, b) { return a.p - b.p || a.t - b.t || b.q - a.q || b.span - a.span; });
    for (var i = 0; i < raw.length; i++) if (i === 0 || raw[i - 1].p !== raw[i].p || raw[i - 1].t !== raw[i].t) raw[kept++] = raw[i];
    raw.length = kept;
    field.sorted = raw;
  }
  return field;
}

/* Calls `each` with every match of a field at word position `p` (found by halving). */
function eachAt(field, p, each) {
  var sorted = field.sorted, low = 0, high = sorted.length;
  while (low < high) {
    var middle = (low + high) >> 1;
    if (sorted[middle].p < p) low = middle + 1; else high = middle;
  }
  for (; low < sorted.length && sorted[low].p === p; low++) each(sorted[low]);
}

/* Whether the next query term follows `match` straight after it. */
function followed(field, match) {
  var found = false;
  eachAt(field, match.p + match.span, function (next) { found = found || next.t === match.t + 1; });
  return found;
}

/* The streams an entry is read from, in reading order: an item's context (its heading's title), its title, its
   text; each with the weight of a position, and whether it labels the whole entry (titles do). A document's own
   entry is one stream: its kind, then its title and the rest of its metadata. */
function streams(section, hit, hits) {
  if (section.zones.length) return [{ field: ownEntry(section, hit), weight: ownWeight(section), whole: true }];
  var found = [];
  var parent = section.parent >= 0 ? hits.get(section.parent) : null;
  if (parent) found.push({ field: ordered(parent.title), weight: function () { return CONTEXT; }, whole: true });
  found.push({ field: ordered(hit.title), weight: function () { return TITLE; }, whole: true });
  found.push({ field: ordered(hit.text), weight: function () { return TEXT; }, whole: false });
  return found;
}

/* A document's own entry read as readers name a document, its kind straight before its title ("Kết luận về danh
   mục chức danh…"): the kind's words, then the text's moved after them; the number's words apart. */
function ownEntry(section, hit) {
  if (!hit.own) {
    var kind = section.kindWords, field = { raw: [], sorted: null };
    ordered(hit.title).sorted.forEach(function (m) { field.raw.push({ p: m.p < kind ? m.p : m.p - 1e6, t: m.t, span: m.span, q: m.q }); });
    ordered(hit.text).sorted.forEach(function (m) { field.raw.push({ p: m.p + kind, t: m.t, span: m.span, q: m.q }); });
    hit.own = ordered(field);
  }
  return hit.own;
}

function ownWeight(section) {
  return function (position) { return position < section.kindWords ? TITLE : ZONE_WEIGHTS[zoneAt(section.zones, position - section.kindWords)]; };
}

function zoneWeight(ends) {
  return function (position) { return ZONE_WEIGHTS[zoneAt(ends, position)]; };
}

function zoneAt(ends, position) {
  for (var z = 0; z < ends.length; z++) if (position < ends[z]) return ZONES[z];
  return ZONES[ZONES.length - 1];
}

/* The longest run of consecutive query terms starting with `match`, adjacent in its field. */
function runFrom(field, match, least) {
  var longest = 1;
  eachAt(field, match.p + match.span, function (next) {
    if (next.t === match.t + 1 && next.q >= least) longest = Math.max(longest, 1 + runFrom(field, next, least));
  });
  return longest;
}

/* How closely an entry holds the query's `count` terms, counting only matches of quality `least` or more:
   2 × the share of the query's word links found adjacent in the longest run, + the share of terms found together,
   + 0.5 when all of them are in the query's order. A phrase gives 3.5. Found together: every match in a title (or
   a document's own entry), and in running text those within a window of a few words (the best window). */
var inWindow = new Int32Array(32);

function closeness(parts, count, least) {
  var whole = { found: 0, longest: 0, next: 0 }, text = null;  // found: the terms as bits
  parts.forEach(function (part) {
    if (part.whole) read(whole, part.field, least);
    else text = part.field;
  });
  var matches = text ? text.sorted : [];
  var distinct = bits(whole.found), best = closenessOf(distinct, whole.longest, whole.next, count), from = 0;
  var width = 2 * count + 8;
  inWindow.fill(0, 0, count);
  for (var to = 0; to < matches.length; to++) {
    var match = matches[to];
    if (match.q < least) continue;
    if (inWindow[match.t]++ === 0 && !(whole.found & (1 << match.t))) distinct++;
    for (; match.p - matches[from].p >= width; from++) {
      var gone = matches[from];
      if (gone.q >= least && --inWindow[gone.t] === 0 && !(whole.found & (1 << gone.t))) distinct--;
    }
    var longest = whole.longest, next = whole.next;
    for (var k = from; k <= to; k++) {
      if (matches[k].q < least) continue;
      longest = Math.max(longest, runOf(text, matches[k], least));
      if (distinct === count && matches[k].t === next) next++;
    }
    best = Math.max(best, closenessOf(distinct, longest, next, count));
  }
  return best;
}

function bits(set) {
  var n = 0;
  for (; set; set &= set - 1) n++;
  return n;
}

function read(state, field, least) {
  field.sorted.forEach(function (match) {
    if (match.q < least) return;
    state.found |= 1 << match.t;
    if (match.t === state.next) state.next++;
    state.longest = Math.max(state.longest, runOf(field, match, least));
  });
}

/* The run starting with a match, worked out once for each quality. */
function runOf(field, match, least) {
  if (match.runAt !== least) { match.run = runFrom(field, match, least); match.runAt = least; }
  return match.run;
}

function closenessOf(found, longest, next, count) {
  if (!found) return 0;
  var links = count > 1 ? (longest - 1) / (count - 1) : 1;
  return 2 * links + found / count + (found === count && next >= count ? 0.5 : 0);
}

// A step of closeness outweighs any score of words alone; a document dated the day searched, every closeness; a
// page bearing the number searched, everything but a cited part.
var CLOSENESS = 1e6, WORDS_AT_MOST = 9999, DATED = 1e7, BEARS = 1e8, CITED_PART = 2e8;

/* The score of an entry: its closeness (exact matches rank a quarter step above inexact ones), then the weight of
   where its words are, the page bearing the number or dated the day searched. */
function evaluate(section, hit, hits, query) {
  var parent = section.parent >= 0 ? hits.get(section.parent) : null;
  var terms = hit.title.terms | hit.text.terms | (parent ? parent.title.terms : 0);
  if (query.count > 1 && !(terms & (terms - 1))) return alone(section, hit, query);
  var parts = streams(section, hit, hits);
  var any = closeness(parts, query.count, INEXACT), exact = query.allExact ? any : closeness(parts, query.count, EXACT);
  var total = Math.max(exact ? exact + 0.25 : 0, any) * CLOSENESS + Math.min(WORDS_AT_MOST, words(parts, query.count) * section.boost);
  return { closeness: any, score: total + bonus(section, hit, query) };
}

/* An entry holding a single term of several: its share of the query, and where the term is. Most entries of a
   query of common words are such, and need no more. */
function alone(section, hit, query) {
  var any = 1 / query.count, exact = hit.title.exact | hit.text.exact ? any + 0.25 : 0;
  var weight = hit.title.terms || section.zones.length ? TITLE : TEXT;
  return { closeness: any, score: Math.max(exact, any) * CLOSENESS + 10 * weight * section.boost + bonus(section, hit, query) };
}

/* The page bearing the number searched, or a document dated the day searched. */
function bonus(section, hit, query) {
  var total = section.isPage && bears(query.number, section.number) ? BEARS : 0;
  return total + (section.zones.length && query.dates.size ? DATED * datedShare(section, hit, query) : 0);
}

/* The weight of where the terms are found, each where it weighs most, and a little for repeats and adjacent pairs. */
function words(parts, count) {
  var best = new Map(), repeats = 0;
  parts.forEach(function (part) {
    part.field.sorted.forEach(function (match) {
      var weight = part.weight(match.p) * match.q;
      best.set(match.t, Math.max(best.get(match.t) || 0, weight));
      repeats += 0.1;
      if (followed(part.field, match)) repeats += weight;
    });
  });
  var total = Math.min(repeats, count);  // repeats only break ties
  best.forEach(function (weight) { total += 10 * weight; });
  return total;
}

/* For a document's own entry, the share of the query's terms it holds when its date part holds a date searched. */
function datedShare(section, hit, query) {
  var dated = false, found = new Set();
  ordered(hit.title).sorted.forEach(function (match) { found.add(match.t); });
  ordered(hit.text).sorted.forEach(function (match) {
    found.add(match.t);
    if (zoneAt(section.zones, match.p) === "date" && query.dates.has(match.t)) dated = true;
  });
  return dated ? found.size / query.count : 0;
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
    var covered = new Set();
    ordered(result.hit.title).sorted.forEach(function (match) { for (var k = 0; k < match.span; k++) covered.add(match.p + k); });
    return covered.size > 0 && covered.size === foldedWords(section.title).length;
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
      query.strict = kept.map(function (t) { return Boolean(query.terms[t].accented); });
      query.allExact = kept.every(function (t) { return Object.keys(keys[t]).every(function (key) { return keys[t][key] === EXACT; }); });
      query.count = Math.max(1, kept.length);
      query.dates = new Set();
      kept.forEach(function (t, k) { if (/^_[0-9]/.test(query.terms[t].token || "")) query.dates.add(k); });
      return hitsOf(kept.map(function (t) { return keys[t]; }));
    })
    .then(function (hits) { return hits && stillWanted() ? rank(hits, query, stillWanted) : null; });
}

function rank(hits, query, stillWanted) {
  var scored = [];
  hits.forEach(function (hit, i) {
    var terms = new Set(), value = evaluate(sections[i], hit, hits, query);
    [hit.title, hit.text].forEach(function (field) { field.raw.forEach(function (match) { terms.add(match.t); }); });
    scored.push({ index: i, hit: hit, terms: terms.size, closeness: value.closeness, score: value.score });
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

/* Whether a match finds its term as typed: exactly, or any way when the term was typed without diacritics. */
function asTyped(match, strict) {
  return match.q === EXACT || !strict[match.t];
}

/* The word positions to mark: each term where it is found as typed; a term found in a run of consecutive terms
   only in such runs. */
function marked(hit, strict) {
  return [hit.title, hit.text].map(function (field) {
    var kept = ordered(field).sorted.filter(function (match) { return asTyped(match, strict); });
    var byPosition = new Map(), inRun = new Set(), phrased = new Set(), words = new Set();
    kept.forEach(function (match) { (byPosition.get(match.p) || byPosition.set(match.p, []).get(match.p)).push(match); });
    kept.forEach(function (match) {
      (byPosition.get(match.p + match.span) || []).forEach(function (next) {
        if (next.t === match.t + 1) { inRun.add(match); inRun.add(next); phrased.add(match.t); phrased.add(next.t); }
      });
    });
    kept.forEach(function (match) {
      if (inRun.has(match) || !phrased.has(match.t)) for (var k = 0; k < match.span; k++) words.add(match.p + k);
    });
    return words;
  });
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
  var matched = {}, found = new Set();
  [result.hit.title, result.hit.text].forEach(function (field) {
    field.raw.forEach(function (match) { if (asTyped(match, query.strict)) found.add(query.kept[match.t]); });
  });
  // A cited part opens without marks: the words searched were only the document's number.
  if (!result.cited) query.terms.forEach(function (term, t) { matched[term.typed] = matched[term.typed] || found.has(t); });
  var positions = marked(result.hit, query.strict);
  return {
    location: section.location, boost: section.boost, score: result.score, terms: matched,
    title: mark(section.title, positions[0], 0, section.title.length), text: snippet(section.text || "", positions[1])
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
