// What Material requests as every page loads, held back until it is needed. Runs before Material's
// bundle.
// - Search loads when the reader first opens it: Material fetches the whole search index and
//   starts its search worker with every page, about 150 KB compressed, more than the rest of the
//   page. Both wait until the search field takes focus or the search opens (the phone layout's
//   toggle, the "/" and "s" shortcuts); Material meanwhile shows "Initializing search", as it
//   does while any index loads.
// - Material looks for a sitemap.xml beside each <link rel=alternate>, expecting them to be the
//   languages' home pages; ours point at this page in the other language (theme/main.html), so
//   every such request was a 404 and an error in the console. They fail at once instead, as the
//   404 did, without a request: Material then keeps the language links as they are.
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  const SITEMAP = /\/sitemap\.xml$/;
  let started = false;
  const waiting = [];
  const whenStarted = action => (started ? action() : waiting.push(action));
  const start = () => {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(action => action());
  };
  document.addEventListener("focusin", event => {
    if (event.target.matches && event.target.matches(".md-search__input")) start();
  });
  document.addEventListener("change", event => {
    if (event.target.id === "__search" && event.target.checked) start();
  });

  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.planPath = new URL(url, location.href).pathname;
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (INDEX.test(this.planPath)) whenStarted(() => send.apply(this, body));
    else if (SITEMAP.test(this.planPath)) setTimeout(() => this.dispatchEvent(new ProgressEvent("error")));
    else send.apply(this, body);
  };

  // The worker, started on demand: what Material's bundle uses of it (listeners, messages).
  const RealWorker = window.Worker;
  window.Worker = class {
    constructor(url, options) {
      this.listeners = [];
      this.queue = [];
      whenStarted(() => {
        this.worker = new RealWorker(url, options);
        this.listeners.forEach(args => this.worker.addEventListener(...args));
        this.queue.splice(0).forEach(message => this.worker.postMessage(message));
      });
    }
    addEventListener(...args) {
      this.listeners.push(args);
      if (this.worker) this.worker.addEventListener(...args);
    }
    removeEventListener(...args) {
      this.listeners = this.listeners.filter(kept => kept[0] !== args[0] || kept[1] !== args[1]);
      if (this.worker) this.worker.removeEventListener(...args);
    }
    postMessage(message) {
      if (this.worker) this.worker.postMessage(message);
      else this.queue.push(message);
    }
    terminate() {
      if (this.worker) this.worker.terminate();
    }
  };
})();
