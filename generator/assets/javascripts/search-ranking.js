/* How closely and where a search entry holds a query's terms, for search-worker.js (which loads it).
   An entry's matches are kept per field (title, text) as one number each (position, term, as typed or not,
   length), then as one sorted typed array: a query of common words touches tens of thousands of entries, and an
   object for each match would keep the collector busy longer than the ranking itself. */
(function (scope) {
  "use strict";

  // How much a match counts by where it is: a title or heading, a document's own metadata by part (its issuer's and
  // signer's names above all), running text; an item's context is the title of the heading that holds it.
  var TITLE = 12, TEXT = 1, CONTEXT = 6, NAME = 16;
  var ZONE_WEIGHTS = { title: TITLE, issuer: NAME, signer: NAME, other: 3, date: TITLE };
  // A match other than as typed (other diacritics, a typo) counts half.
  var INEXACT_WEIGHT = 0.5;
  // In a document's own entry, its number's words come first, then its kind from here on, then its text.
  var KIND_AT = 64;
  var ZONES = null;

  function newField() {
    return { raw: [], values: null, n: 0, terms: 0, exactTerms: 0, runs: [null, null] };
  }

  // A match as a number: its position (20 bits), its term (4), whether not as typed (1) and 63 less its length (6),
  // so that sorting the numbers orders matches by position, term, as typed first, longest first.
  var MAX_POSITION = (1 << 20) - 1;

  /* Note a match: word position `p`, term `t`, length in words `span`, found as typed or not. */
  function addMatch(field, p, t, span, exact) {
    field.raw.push((Math.min(p, MAX_POSITION) << 11) | (t << 7) | (exact ? 0 : 64) | (63 - span));
    field.terms |= 1 << t;
    if (exact) field.exactTerms |= 1 << t;
  }

  function position(field, i) { return field.values[i] >>> 11; }
  function term(field, i) { return (field.values[i] >>> 7) & 15; }
  function isExact(field, i) { return !(field.values[i] & 64); }
  function span(field, i) { return 63 - (field.values[i] & 63); }

  /* The field's matches in word order, the best of each term at each position (as typed first, then longest). */
  function ordered(field) {
    if (field.values !== null) return field;
    var values = Int32Array.from(field.raw).sort(), n = 0;
    for (var i = 0; i < values.length; i++) {
      if (n && values[n - 1] >>> 7 === values[i] >>> 7) continue;  // the same position and term
      values[n++] = values[i];
    }
    field.values = values;
    field.n = n;
    field.raw = null;
    return field;
  }

  /* Calls `each` with every match of a field at word position `p` (found by halving). */
  function eachAt(field, p, each) {
    var low = 0, high = field.n;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (position(field, middle) < p) low = middle + 1; else high = middle;
    }
    for (; low < field.n && position(field, low) === p; low++) each(low);
  }

  /* Whether the next query term follows match `i` straight after it. */
  function followed(field, i) {
    var found = false;
    eachAt(field, position(field, i) + span(field, i), function (j) { found = found || term(field, j) === term(field, i) + 1; });
    return found;
  }

  /* The longest run of consecutive query terms starting with match `i`, adjacent in its field; `exactOnly`: of
     matches as typed only. Worked out once. */
  function runOf(field, i, exactOnly) {
    if (field.n === 1) return 1;
    var memo = field.runs[+exactOnly] || (field.runs[+exactOnly] = new Int8Array(field.n));
    if (!memo[i]) {
      var longest = 1;
      eachAt(field, position(field, i) + span(field, i), function (j) {
        if (term(field, j) === term(field, i) + 1 && (isExact(field, j) || !exactOnly)) longest = Math.max(longest, 1 + runOf(field, j, exactOnly));
      });
      memo[i] = longest;
    }
    return memo[i];
  }

  function constant(weight) {
    return function () { return weight; };
  }
  var TITLE_WEIGHT = constant(TITLE), TEXT_WEIGHT = constant(TEXT), CONTEXT_WEIGHT = constant(CONTEXT);

  /* The streams an entry is read from, in reading order: an item's context (its heading's title), its title, its
     text; each with the weight of a position, and whether it labels the whole entry (titles do). A document's own
     entry is one stream: its kind, then its title and the rest of its metadata. */
  function streams(section, hit, parent) {
    if (section.zones.length) return [{ field: ownEntry(section, hit), weight: ownWeight(section), whole: true }];
    var found = [];
    if (parent) found.push({ field: ordered(parent.title), weight: CONTEXT_WEIGHT, whole: true });
    found.push({ field: ordered(hit.title), weight: TITLE_WEIGHT, whole: true });
    found.push({ field: ordered(hit.text), weight: TEXT_WEIGHT, whole: false });
    return found;
  }

  /* A document's own entry read as readers name a document, its kind straight before its title ("Kết luận về danh
     mục chức danh…"): the number's words first, then the kind's, then the text's. */
  function ownEntry(section, hit) {
    if (!hit.own) {
      var kind = section.kindWords, own = newField(), title = ordered(hit.title), text = ordered(hit.text);
      for (var i = 0; i < title.n; i++) {
        var p = position(title, i) < kind ? KIND_AT + position(title, i) : position(title, i) - kind;
        addMatch(own, p, term(title, i), span(title, i), isExact(title, i));
      }
      for (var j = 0; j < text.n; j++) addMatch(own, KIND_AT + kind + position(text, j), term(text, j), span(text, j), isExact(text, j));
      hit.own = ordered(own);
    }
    return hit.own;
  }

  function ownWeight(section) {
    var start = KIND_AT + section.kindWords;
    return function (position) { return position < start ? TITLE : ZONE_WEIGHTS[zoneAt(section.zones, position - start)]; };
  }

  /* The part of a document's own entry a word of its text is in (META_ZONES). */
  function zoneAt(ends, position) {
    for (var z = 0; z < ends.length; z++) if (position < ends[z]) return ZONES[z];
    return ZONES[ZONES.length - 1];
  }

  var inWindow = new Int32Array(32);

  /* How closely an entry holds the query's `count` terms (of matches as typed only, with `exactOnly`): 2 × the share
     of the query's word links found adjacent in the longest run, + the share of terms found together, + 0.5 when
     all of them are in the query's order. A phrase gives 3.5. Found together: every match in a title (or a
     document's own entry), and in running text those within a window of a few words (the best window). */
  function closeness(parts, count, exactOnly) {
    var whole = { found: 0, longest: 0, next: 0 }, text = null;  // found: the terms as bits
    parts.forEach(function (part) {
      if (part.whole) read(whole, part.field, exactOnly);
      else text = part.field;
    });
    var distinct = bits(whole.found), best = closenessOf(distinct, whole.longest, whole.next, count);
    if (!text) return best;
    var from = 0, width = 2 * count + 8;
    inWindow.fill(0, 0, count);
    for (var to = 0; to < text.n; to++) {
      if (exactOnly && !isExact(text, to)) continue;
      var t = term(text, to);
      if (inWindow[t]++ === 0 && !(whole.found & (1 << t))) distinct++;
      for (; position(text, to) - position(text, from) >= width; from++) {
        var gone = term(text, from);
        if ((isExact(text, from) || !exactOnly) && --inWindow[gone] === 0 && !(whole.found & (1 << gone))) distinct--;
      }
      var longest = whole.longest, next = whole.next;
      for (var k = from; k <= to; k++) {
        if (exactOnly && !isExact(text, k)) continue;
        longest = Math.max(longest, runOf(text, k, exactOnly));
        if (distinct === count && term(text, k) === next) next++;
      }
      best = Math.max(best, closenessOf(distinct, longest, next, count));
    }
    return best;
  }

  function read(state, field, exactOnly) {
    for (var i = 0; i < field.n; i++) {
      if (exactOnly && !isExact(field, i)) continue;
      state.found |= 1 << term(field, i);
      if (term(field, i) === state.next) state.next++;
      state.longest = Math.max(state.longest, runOf(field, i, exactOnly));
    }
  }

  function bits(set) {
    var n = 0;
    for (; set; set &= set - 1) n++;
    return n;
  }

  function closenessOf(found, longest, next, count) {
    if (!found) return 0;
    var links = count > 1 ? (longest - 1) / (count - 1) : 1;
    return 2 * links + found / count + (found === count && next >= count ? 0.5 : 0);
  }

  /* The weight of where the terms are found, each where it weighs most, and a little for repeats and adjacent
     pairs, which only break ties. */
  function words(parts, count) {
    var best = new Float64Array(count), repeats = 0, total = 0;
    parts.forEach(function (part) {
      var field = part.field;
      for (var i = 0; i < field.n; i++) {
        var weight = part.weight(position(field, i)) * (isExact(field, i) ? 1 : INEXACT_WEIGHT);
        best[term(field, i)] = Math.max(best[term(field, i)], weight);
        repeats += 0.1;
        if (followed(field, i)) repeats += weight;
      }
    });
    best.forEach(function (weight) { total += 10 * weight; });
    return total + Math.min(repeats, count);
  }

  /* How closely and where an entry holds the query: {any, exact} closeness (of every match, of matches as typed)
     and the weight of where. `parent`: the hit of the heading holding an item. An entry holding a single term of
     several (most entries of a query of common words) needs no more than its share of the query. */
  function assess(section, hit, parent, count, allExact) {
    var terms = hit.title.terms | hit.text.terms | (parent ? parent.title.terms : 0);
    if (count > 1 && !(terms & (terms - 1))) {
      var share = 1 / count, exact = hit.title.exactTerms | hit.text.exactTerms ? share : 0;
      return { any: share, exact: exact, words: 10 * (hit.title.terms || section.zones.length ? TITLE : TEXT) };
    }
    var parts = streams(section, hit, parent), any = closeness(parts, count, false);
    return { any: any, exact: allExact ? any : closeness(parts, count, true), words: words(parts, count) };
  }

  /* For a document's own entry, the share of the query's terms it holds when its date part holds a date searched
     (`dates`: the terms that are dates, as bits). */
  function datedShare(section, hit, dates, count) {
    var text = ordered(hit.text), dated = false;
    for (var i = 0; i < text.n; i++) if (dates & (1 << term(text, i)) && zoneAt(section.zones, position(text, i)) === "date") dated = true;
    return dated ? bits(hit.title.terms | hit.text.terms) / count : 0;
  }

  /* The word positions of a field a title names whole: every word covered by a match. */
  function covered(field) {
    var words = new Set();
    ordered(field);
    for (var i = 0; i < field.n; i++) for (var k = 0; k < span(field, i); k++) words.add(position(field, i) + k);
    return words.size;
  }

  /* The word positions to mark in a field: each term where it is found as typed (a match other than as typed
     only for a term typed without diacritics: `strict`, the terms typed with them, as bits); a term found in a
     run of consecutive terms only in such runs. */
  function marked(field, strict) {
    ordered(field);
    var kept = [], inRun = new Set(), phrased = 0, words = new Set();
    for (var i = 0; i < field.n; i++) if (isExact(field, i) || !(strict & (1 << term(field, i)))) kept.push(i);
    var keptAt = new Map();
    kept.forEach(function (i) { (keptAt.get(position(field, i)) || keptAt.set(position(field, i), []).get(position(field, i))).push(i); });
    kept.forEach(function (i) {
      (keptAt.get(position(field, i) + span(field, i)) || []).forEach(function (j) {
        if (term(field, j) === term(field, i) + 1) { inRun.add(i); inRun.add(j); phrased |= (1 << term(field, i)) | (1 << term(field, j)); }
      });
    });
    kept.forEach(function (i) {
      if (inRun.has(i) || !(phrased & (1 << term(field, i)))) for (var k = 0; k < span(field, i); k++) words.add(position(field, i) + k);
    });
    return words;
  }

  /* The terms a hit finds as typed, as bits. */
  function foundAsTyped(hit, strict) {
    var terms = hit.title.terms | hit.text.terms, exact = hit.title.exactTerms | hit.text.exactTerms;
    return exact | (terms & ~strict);
  }

  scope.vnRanking = {
    newField: newField, addMatch: addMatch, assess: assess, datedShare: datedShare, covered: covered, marked: marked,
    foundAsTyped: foundAsTyped, bits: bits,
    setZones: function (zones) { ZONES = zones; }
  };
  if (typeof module !== "undefined") module.exports = scope.vnRanking;
})(typeof self !== "undefined" ? self : this);
