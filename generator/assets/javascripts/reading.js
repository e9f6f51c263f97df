/* Reading a document: its contents ("Mục lục", theme/partials/doc-toc.html) open and close without leaving
   a trace in the history, so that going back after a jump returns to the reader's place; on a wide screen
   the part being read is marked in the contents. And a section's link: tapping the mark of a heading or the
   number of an item copies the section's address and says so. */
(function () {
  "use strict";

  function setupContents() {
    var toc = document.querySelector(".doc-toc");
    if (!toc) return;
    var open = toc.querySelector(".doc-toc__open");
    var panel = toc.querySelector(".doc-toc__panel");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "doc-toc__close";
    close.textContent = "Đóng";
    toc.querySelector(".doc-toc__title").appendChild(close);
    open.setAttribute("role", "button");
    open.setAttribute("aria-expanded", "false");

    function show(shown) {
      toc.classList.toggle("is-open", shown);
      open.setAttribute("aria-expanded", shown ? "true" : "false");
      open.textContent = shown ? "Đóng mục lục" : "Mục lục";
      if (shown) {
        var current = panel.querySelector("[aria-current]") || panel.querySelector("a");
        if (current) current.focus();
      }
    }

    open.addEventListener("click", function (event) {
      event.preventDefault();
      show(!toc.classList.contains("is-open"));
    });
    close.addEventListener("click", function () {
      show(false);
      open.focus();
    });
    panel.addEventListener("click", function (event) {
      if (event.target.closest("a")) show(false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toc.classList.contains("is-open")) {
        show(false);
        open.focus();
      }
    });
    followReading(panel);
  }

  /* Marks the entry of the part whose heading or item was last scrolled past the top of the screen. */
  function followReading(panel) {
    if (!("IntersectionObserver" in window)) return;
    var links = {};
    Array.prototype.forEach.call(panel.querySelectorAll("a[href^='#']"), function (a) {
      links[decodeURIComponent(a.getAttribute("href").slice(1))] = a;
    });
    var targets = Object.keys(links).map(function (id) { return document.getElementById(id); }).filter(Boolean);
    var current = null;
    var observer = new IntersectionObserver(function () {
      var passed = null;
      targets.forEach(function (target) {
        if (target.getBoundingClientRect().top < 120) passed = target;
      });
      var link = passed ? links[passed.id] : null;
      if (link === current) return;
      if (current) current.removeAttribute("aria-current");
      if (link) link.setAttribute("aria-current", "location");
      current = link;
    }, { rootMargin: "0px 0px -60% 0px" });
    targets.forEach(function (target) { observer.observe(target); });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(area);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  var note = null;
  var hideLater = null;

  function say(text) {
    if (!note) {
      note = document.createElement("p");
      note.className = "copy-note";
      note.setAttribute("role", "status");
      document.body.appendChild(note);
    }
    note.textContent = text;
    note.hidden = false;
    clearTimeout(hideLater);
    hideLater = setTimeout(function () { note.hidden = true; }, 4000);
  }

  function setupCopyLinks() {
    document.addEventListener("click", function (event) {
      var mark = event.target.closest(".md-typeset .headerlink, .md-typeset .doc-marker");
      if (!mark || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      var address = mark.href;
      var holder = mark.closest("[data-part]");
      var part = holder ? holder.getAttribute("data-part") : "";
      var what = part ? "mục " + part : "mục này";
      copyText(address).then(
        function () { say("Đã chép liên kết tới " + what + "."); },
        function () { say("Liên kết tới " + what + " đã ở thanh địa chỉ."); }
      );
    });
  }

  /* The error page's search button opens Material's search box. */
  function setupSearchButton() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-open-search]"), function (button) {
      button.addEventListener("click", function () {
        var toggle = document.querySelector("label[for='__search']");
        if (toggle) toggle.click();
      });
    });
  }

  function setup() {
    setupContents();
    setupCopyLinks();
    setupSearchButton();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
