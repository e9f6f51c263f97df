/* For the copy opened from disk (file://), where Chromium runs no web workers: when Material asks
   for the search worker, give it a stand-in that runs search-worker.js (already loaded) in the page.
   Material itself loads the index from search/search_index.js there. */
(function () {
  "use strict";
  var NativeWorker = window.Worker;

  function InPageWorker() {
    this.listeners = [];
  }
  InPageWorker.prototype.addEventListener = function (type, listener) {
    if (type === "message") this.listeners.push(listener);
  };
  InPageWorker.prototype.removeEventListener = function (type, listener) {
    this.listeners = this.listeners.filter(function (known) { return known !== listener; });
  };
  InPageWorker.prototype.postMessage = function (message) {
    var worker = this;
    window.vnSearch.handle(message).then(function (answer) {
      if (!answer) return;
      var event = { data: answer };
      if (typeof worker.onmessage === "function") worker.onmessage(event);
      worker.listeners.forEach(function (listener) { listener(event); });
    });
  };
  InPageWorker.prototype.terminate = function () {};

  window.Worker = function (url, options) {
    if (String(url).indexOf("search-worker.js") >= 0) return new InPageWorker();
    return new NativeWorker(url, options);
  };
})();
