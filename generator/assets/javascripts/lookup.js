/* "Tra cứu số hiệu": read a number typed any way (numbers.js) and go to its document, or to the part of it
   a citation names ("20-KH/TW mục IV.3"); on a document page, open the part an address names ("#muc-iv-3"). */
(function () {
  "use strict";
  // Not "q": Material reads ?q= as a search and opens its search overlay over the page.
  var PARAMETER = "so";
  var numbers = window.vnNumbers;
  var parseQuery = numbers.parseQuery, entry = numbers.entry, matches = numbers.matches;
  // An address naming a part by its label rather than its anchor: "#muc-iv-3", "#muc-2-3", "#muc-iv-1-y-2".
  var PART_ADDRESS = /^muc[-=]/;

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
    var cited = numbers.citation(typed);
    if (cited) typed = cited.document;
    if (!parseQuery(typed).number && parseQuery(typed).number !== 0) {
      show(output, "Hãy nhập số hiệu có chữ số, ví dụ 45-NQ/TW, NQ45, kế hoạch 20 hoặc 20-KH/TW mục IV.3.", []);
      return;
    }
    var found = lookup(typed, entries);
    if (found.length === 1) {
      show(output, "Đang mở " + found[0].label + (cited ? ", mục " + cited.part : "") + "…", []);
      window.location.assign(found[0].href.split("#")[0] + (cited ? "#muc-" + cited.tokens.join("-") : ""));
    } else if (found.length > 1) {
      show(output, "Có " + found.length + " văn bản mang số hiệu này:", found);
    } else {
      show(output, "Không có văn bản nào mang số hiệu “" + typed.slice(0, 60) + "”. Số hiệu gần giống:", closest(typed, entries));
    }
  }

  /* On a document page opened at "#muc-…": go to the heading or item that label names, or say there is none. */
  function openPart() {
    var wanted;
    try {
      wanted = decodeURIComponent(window.location.hash.slice(1));
    } catch (malformed) {  // "#muc-%E0%A4": an address cut short; the page opens at its top
      return;
    }
    if (!PART_ADDRESS.test(wanted) || document.getElementById(wanted)) return;
    var labelled = Array.prototype.slice.call(document.querySelectorAll("[data-part][id]"));
    if (!labelled.length) return;
    var tokens = numbers.partTokens(wanted.slice(4));
    var named = numbers.partsNamed(tokens, labelled.map(function (element) { return element.dataset.part; }));
    var target = labelled.filter(function (element) { return named.indexOf(element.dataset.part) >= 0; })[0];
    if (target) {
      window.location.replace("#" + target.id);
      return;
    }
    var note = document.createElement("p");
    note.className = "part-missing";
    note.setAttribute("role", "status");
    note.textContent = "Văn bản này không có mục " + numbers.partName(tokens) + ". Các mục của văn bản ở phần Nội dung văn bản bên dưới.";
    var heading = document.querySelector("article h1");
    if (heading) heading.insertAdjacentElement("afterend", note);
  }

  function setup() {
    openPart();
    window.addEventListener("hashchange", openPart);
    var entries = pageEntries();
    var lookupPage = document.querySelector("a.lookup-page");
    Array.prototype.forEach.call(document.querySelectorAll("form[data-lookup]"), function (form) {
      var input = form.querySelector("input");
      var output = form.querySelector("[role=status]");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (entries.length) resolve(input.value, output, entries);
        else if (lookupPage) window.location.assign(lookupPage.href + "?" + PARAMETER + "=" + encodeURIComponent(input.value));
      });
      var typed = new URLSearchParams(window.location.search).get(PARAMETER);
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
