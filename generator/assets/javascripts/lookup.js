/* "Tra cứu số hiệu": read a number typed any way and go to its document.
   Mirrors generator/lookup.py; tests run both on tests/fixtures/number_spellings.json. */
(function () {
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

  function parseQuery(text) {
    var folded = " " + fold(String(text).slice(0, MAX_QUERY)).toLowerCase().replace(/&/g, "") + " ";
    TYPE_WORDS.forEach(function (pair) { folded = folded.split(" " + pair[0] + " ").join(" " + pair[1] + " "); });
    folded = folded.replace(/\b(?:so|hieu|van ban)\b/g, " ");
    var tokens = folded.match(/[a-z]+|[0-9]+/g) || [];
    var numbers = tokens.filter(function (t) { return /^[0-9]+$/.test(t); }).map(function (t) { return parseInt(t.slice(0, 9), 10); });
    var codes = tokens.filter(function (t) { return !/^[0-9]+$/.test(t); });
    return { number: numbers.length ? numbers[0] : null, years: numbers.slice(1), codes: codes };
  }

  function entry(key) {
    var parts = key.split("-");
    var digits = parts.filter(function (p) { return /^[0-9]+$/.test(p); }).map(Number);
    return { key: key, number: digits.length ? digits[0] : -1, years: digits.slice(1), codes: parts.filter(function (p) { return !/^[0-9]+$/.test(p); }) };
  }

  function matches(query, candidate) {
    if (query.number === null || query.number !== candidate.number) return false;
    return query.codes.every(function (c) { return candidate.codes.indexOf(c) >= 0; }) &&
      query.years.every(function (y) { return candidate.years.indexOf(y) >= 0; });
  }

  function lookup(text, entries) {
    var query = parseQuery(text);
    return entries.filter(function (candidate) { return matches(query, candidate); });
  }

  function closest(text, entries) {
    var query = parseQuery(text);
    function score(candidate) {
      var shared = query.codes.filter(function (c) { return candidate.codes.indexOf(c) >= 0; }).length;
      var distance = query.number === null ? 1e9 : Math.abs(candidate.number - query.number);
      return (candidate.number === query.number ? 0 : 1e6) - shared * 1e5 + Math.min(distance, 99999);
    }
    return entries.slice().sort(function (a, b) { return score(a) - score(b) || (a.key < b.key ? -1 : 1); }).slice(0, 5);
  }

  function pageEntries() {
    return Array.prototype.map.call(document.querySelectorAll("a.lookup-entry[data-key]"), function (link) {
      var found = entry(link.getAttribute("data-key"));
      found.href = link.href;
      found.label = link.textContent;
      var row = link.closest("tr");
      found.title = row && row.cells.length > 1 ? row.cells[1].textContent : "";
      return found;
    });
  }

  function show(output, message, items) {
    output.textContent = message;
    if (!items.length) return;
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.href;
      a.textContent = item.label;
      li.appendChild(a);
      if (item.title) li.appendChild(document.createTextNode(" — " + item.title));
      list.appendChild(li);
    });
    output.appendChild(list);
  }

  function resolve(text, output, entries) {
    var typed = String(text).trim();
    if (!parseQuery(typed).number && parseQuery(typed).number !== 0) {
      show(output, "Hãy nhập số hiệu có chữ số, ví dụ 45-NQ/TW, NQ45 hoặc kế hoạch 20.", []);
      return;
    }
    var found = lookup(typed, entries);
    if (found.length === 1) {
      show(output, "Đang mở " + found[0].label + "…", []);
      window.location.assign(found[0].href);
    } else if (found.length > 1) {
      show(output, "Có " + found.length + " văn bản mang số hiệu này:", found);
    } else {
      show(output, "Không có văn bản nào mang số hiệu “" + typed.slice(0, 60) + "”. Số hiệu gần giống:", closest(typed, entries));
    }
  }

  function setup() {
    var redirect = document.querySelector("a.redirect-target");
    if (redirect) {
      window.location.replace(redirect.href + window.location.hash);
      return;
    }
    var entries = pageEntries();
    var lookupPage = document.querySelector("a.lookup-page");
    Array.prototype.forEach.call(document.querySelectorAll("form[data-lookup]"), function (form) {
      var input = form.querySelector("input");
      var output = form.querySelector("[role=status]");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (entries.length) resolve(input.value, output, entries);
        else if (lookupPage) window.location.assign(lookupPage.href + "?q=" + encodeURIComponent(input.value));
      });
      var typed = new URLSearchParams(window.location.search).get("q");
      if (typed !== null && entries.length) {
        input.value = typed;
        resolve(typed, output, entries);
      }
    });
  }

  window.numberLookup = { parseQuery: parseQuery, entry: entry, lookup: lookup, closest: closest };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
