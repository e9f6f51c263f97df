/* Document numbers typed any way people type them: one normaliser for the lookup box and the search
   worker. Mirrors generator/lookup.py; tests run both on tests/fixtures/number_spellings.json. */
(function (scope) {
  "use strict";
  var MAX_QUERY = 200;
  var TYPE_WORDS = [
    ["chuong trinh hanh dong", "ctr"], ["chuong trinh", "ctr"], ["nghi quyet", "nq"], ["ke hoach", "kh"],
    ["huong dan", "hd"], ["chi thi", "ct"], ["ket luan", "kl"], ["quyet dinh", "qd"], ["quy dinh", "qdi"],
    ["thong bao", "tb"], ["thong tri", "ttr"], ["bao cao", "bc"], ["cong van", "cv"], ["nghi dinh", "nd"],
    ["thong tu", "tt"], ["de an", "da"]
  ];

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function isDigits(token) {
    return /^[0-9]+$/.test(token);
  }

  /* "NQ45", "nghị quyết 45", "45/NQ-TW" -> {number: 45, years: [], codes: ["nq", ...]}. */
  function parseQuery(text) {
    var folded = " " + fold(String(text).slice(0, MAX_QUERY)).toLowerCase().replace(/&/g, "") + " ";
    TYPE_WORDS.forEach(function (pair) { folded = folded.split(" " + pair[0] + " ").join(" " + pair[1] + " "); });
    folded = folded.replace(/\b(?:so|hieu|van ban)\b/g, " ");
    var tokens = folded.match(/[a-z]+|[0-9]+/g) || [];
    var numbers = tokens.filter(isDigits).map(function (t) { return parseInt(t.slice(0, 9), 10); });
    return { number: numbers.length ? numbers[0] : null, years: numbers.slice(1), codes: tokens.filter(function (t) { return !isDigits(t); }) };
  }

  /* A number key ("01-2024-tt-bkhcn") split into its number, years and letter codes. */
  function entry(key) {
    var parts = key.split("-");
    var digits = parts.filter(isDigits).map(Number);
    return { key: key, number: digits.length ? digits[0] : -1, years: digits.slice(1), codes: parts.filter(function (p) { return !isDigits(p); }) };
  }

  /* The key of a number as written: "118/QĐ/TW" -> "118-qd-tw". */
  function numberKey(number) {
    return (fold(number).toLowerCase().replace(/&/g, "").match(/[a-z0-9]+/g) || []).join("-");
  }

  function matches(query, candidate) {
    if (query.number === null || query.number !== candidate.number) return false;
    return query.codes.every(function (c) { return candidate.codes.indexOf(c) >= 0; }) &&
      query.years.every(function (y) { return candidate.years.indexOf(y) >= 0; });
  }

  scope.vnNumbers = { fold: fold, parseQuery: parseQuery, entry: entry, numberKey: numberKey, matches: matches };
  if (typeof module !== "undefined") module.exports = scope.vnNumbers;
})(typeof self !== "undefined" ? self : this);
