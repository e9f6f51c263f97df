/* After a search result is opened (?h=…), mark the words searched for on the page, read as the search worker read
   them (searchtext.js): whole words, diacritics optional but followed when typed ("tri thuc" marks "trí thức", never
   the "tri" of "triển"; "Trọng" marks "trọng", not "trong", where the page has it), dates and names in any writing
   ("KHCN" marks "KH&CN" and "khoa học và công nghệ"), consecutive query words as a phrase where the page has them.
   Replaces Material's own marks, which match prefixes. */
(function () {
  "use strict";
  var reader = null;

  function queryTerms() {
    var h = new URLSearchParams(window.location.search).get("h");
    return h ? reader.readQuery(h).terms : [];
  }

  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("script, style, mark, .headerlink") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes.map(function (node) { return { node: node, words: reader.textWords(node.nodeValue) }; });
  }

  /* Which words a word term marks on this page: those written as typed when typed with diacritics, else those of
     the same fold; failing that, for the last term, those it begins. */
  function wordRules(terms, nodes) {
    var all = [];
    nodes.forEach(function (item) { all = all.concat(item.words); });
    return terms.map(function (term, t) {
      if (term.kind !== "word") return null;
      var same = function (word) { return word.folded === term.folded; };
      var typed = function (word) { return word.key === term.key; };
      if (term.accented) return typed;
      if (all.some(same) || t < terms.length - 1) return same;
      return function (word) { return word.folded.indexOf(term.folded) === 0; };
    });
  }

  /* The spans of the query's terms in one text node: {start, span, t} by word. */
  function spansIn(words, terms, rules) {
    var found = new Map();
    words.forEach(function (word, i) {
      rules.forEach(function (rule, t) { if (rule && !found.has(i) && rule(word)) found.set(i, { span: 1, t: t }); });
    });
    reader.concepts(words).forEach(function (concept) {
      terms.forEach(function (term, t) { if (term.token === concept.token) found.set(concept.start, { span: concept.span, t: t }); });
    });
    return found;
  }

  function inRuns(spans) {
    var runs = new Map();
    spans.forEach(function (at, i) {
      var following = spans.get(i + at.span);
      if (following && following.t === at.t + 1) { runs.set(i, at); runs.set(i + at.span, following); }
    });
    return runs;
  }

  /* A term found in a run of consecutive terms anywhere on the page is marked only in such runs. */
  function mark(root, terms) {
    var nodes = textNodes(root), rules = wordRules(terms, nodes);
    var found = nodes.map(function (item) { return spansIn(item.words, terms, rules); });
    var runs = found.map(inRuns), phrased = new Set();
    runs.forEach(function (spans) { spans.forEach(function (at) { phrased.add(at.t); }); });
    nodes.forEach(function (item, n) {
      var ranges = [];
      found[n].forEach(function (at, i) {
        if (runs[n].has(i) || !phrased.has(at.t)) ranges.push([item.words[i].start, item.words[i + at.span - 1].end]);
      });
      ranges.sort(function (a, b) { return b[0] - a[0]; });
      var last = Infinity;
      ranges.forEach(function (range) {
        if (range[1] > last) return;  // overlaps a span already marked
        var word = item.node.splitText(range[0]);
        word.splitText(range[1] - range[0]);
        var element = document.createElement("mark");
        element.setAttribute("data-vn-highlight", "");
        word.parentNode.replaceChild(element, word);
        element.appendChild(word);
        last = range[0];
      });
    });
  }

  function unwrapMaterialMarks(root) {
    var marks = root.querySelectorAll("mark[data-md-highlight]");
    Array.prototype.forEach.call(marks, function (element) {
      element.replaceWith(document.createTextNode(element.textContent));
    });
    root.normalize();
    return marks.length > 0;
  }

  function setup() {
    var terms = queryTerms();
    var root = document.querySelector("article.md-content__inner");
    if (!terms.length || !root) return;
    unwrapMaterialMarks(root);
    mark(root, terms);
    new MutationObserver(function () {
      if (unwrapMaterialMarks(root)) {
        Array.prototype.forEach.call(root.querySelectorAll("mark[data-vn-highlight]"), function (element) {
          element.replaceWith(document.createTextNode(element.textContent));
        });
        root.normalize();
        mark(root, terms);
      }
    }).observe(root, { childList: true, subtree: true });
  }

  /* How search reads text (searchtext.js) and the names' forms (forms.js) are loaded only when a page has
     something to mark. */
  function start() {
    if (!new URLSearchParams(window.location.search).get("h")) return;
    var own = document.querySelector("script[src*='numbers.js']");
    var wanted = ["searchtext.js", "forms.js"].filter(function (name) { return !window[name === "forms.js" ? "vnForms" : "vnSearchText"]; });
    (function next() {
      if (!wanted.length) {
        reader = window.vnSearchText;
        if (reader) setup();
        return;
      }
      var script = document.createElement("script");
      script.src = own ? own.src.replace(/numbers\.js(\?.*)?$/, wanted.shift()) : "";
      script.onload = script.onerror = next;
      document.head.appendChild(script);
    })();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
