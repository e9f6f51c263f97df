/* After a search result is opened (?h=…), mark the words searched for on the page: whole words compared
   without diacritics ("tri thuc" marks "trí thức", never the "tri" of "triển"), consecutive query
   words as a phrase where the page has them. Replaces Material's own marks, which match prefixes. */
(function () {
  "use strict";
  var WORD = /[\p{L}\p{N}]+/gu;
  var fold = window.vnNumbers.fold;

  function queryTerms() {
    var h = new URLSearchParams(window.location.search).get("h");
    return h ? (fold(h).match(WORD) || []).slice(0, 12) : [];
  }

  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("script, style, mark, .headerlink") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  function matchesIn(text, terms, phrasesOnly) {
    var words = [], found = [], match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) words.push({ start: match.index, end: match.index + match[0].length, term: terms.indexOf(fold(match[0])) });
    words.forEach(function (word, i) {
      if (word.term < 0) return;
      var next = words[i + 1], previous = words[i - 1];
      var inPhrase = (next && next.term === word.term + 1) || (previous && previous.term === word.term - 1 && previous.term >= 0);
      if (!phrasesOnly || inPhrase) found.push(word);
    });
    return found;
  }

  function mark(root, terms) {
    var nodes = textNodes(root);
    var phrasesOnly = terms.length > 1 && nodes.some(function (node) {
      return matchesIn(node.nodeValue, terms, true).length > 0;
    });
    nodes.forEach(function (node) {
      var found = matchesIn(node.nodeValue, terms, phrasesOnly);
      for (var i = found.length - 1; i >= 0; i--) {
        var word = node.splitText(found[i].start);
        word.splitText(found[i].end - found[i].start);
        var element = document.createElement("mark");
        element.setAttribute("data-vn-highlight", "");
        word.parentNode.replaceChild(element, word);
        element.appendChild(word);
      }
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
