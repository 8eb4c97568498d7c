/*
 * ふりがな (issue 27, WCAG 3.1.6 Pronunciation): readings over the words written in kanji, shown on
 * request by the header's button (theme/partials/header.html). The build writes each Japanese
 * page's readings beside it (readings.json: for each text node of the page with kanji in it, the
 * ranges of kanji and how they are read). Pressed, the button fetches them and writes each range
 * as <ruby class="furigana">漢字<rt aria-hidden="true" data-reading="かんじ"></rt></ruby>: the reading
 * is an attribute that a11y.css shows, so that a screen reader reads the text once and copied text
 * has no readings. Pressed again, the page's own text nodes are put back. The choice is remembered
 * across pages (localStorage "planpub-furigana"); while it is off, nothing is fetched.
 */
(() => {
  const button = document.querySelector("[data-plan-furigana]");
  if (!button) return;
  const status = document.getElementById(button.getAttribute("aria-describedby"));
  const KEY = "planpub-furigana";
  // Left as they are: text the build gave no readings (code, text marked as another language); text
  // it never saw, which other scripts write later, such as search results, which may repeat a text
  // of the page; a menu's options, which show text only; and the header, so that it keeps its
  // height (its title is the navigation's title too, which gets readings).
  const SKIP = "script, style, svg, math, textarea, code, pre, title, template, rt, rp, ruby, select, .md-header, .md-search";

  let readings = null; // Map: text node data → [[start, end, reading]], once fetched
  let loading = null;
  let shown = []; // [the page's text node, the nodes written in its place]
  let wanted = false;

  const stored = action => {
    try {
      return action(window.localStorage);
    } catch (error) {
      return null; // storage refused (private browsing, blocked cookies): the choice lasts the page
    }
  };

  const japanese = element => {
    const marked = element.closest("[lang]");
    return !marked || marked.lang.toLowerCase().startsWith("ja");
  };

  const annotated = node => {
    const parent = node.parentElement;
    return readings.has(node.data) && parent && !parent.closest(SKIP) && japanese(parent);
  };

  const ruby = (base, reading) => {
    const element = document.createElement("ruby");
    const annotation = document.createElement("rt");
    element.className = "furigana";
    annotation.setAttribute("aria-hidden", "true");
    annotation.dataset.reading = reading;
    element.append(base, annotation);
    return element;
  };

  // The text node's data cut at its ranges: the text between them as it was, each range in ruby.
  const withRuby = node => {
    const parts = [];
    let at = 0;
    readings.get(node.data).forEach(([start, end, reading]) => {
      if (start > at) parts.push(document.createTextNode(node.data.slice(at, start)));
      parts.push(ruby(node.data.slice(start, end), reading));
      at = end;
    });
    if (at < node.data.length) parts.push(document.createTextNode(node.data.slice(at)));
    node.replaceWith(...parts);
    return [node, parts];
  };

  const show = () => {
    const nodes = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (annotated(node)) nodes.push(node);
    }
    shown = nodes.map(withRuby);
    document.documentElement.classList.add("plan-furigana-on"); // room for the readings: a11y.css
  };

  // The very text nodes that were there: scripts holding one keep a node of the page.
  const hide = () => {
    shown.forEach(([node, parts]) => {
      parts[0].before(node);
      parts.forEach(part => part.remove());
    });
    shown = [];
    document.documentElement.classList.remove("plan-furigana-on");
  };

  // Once per page; after a failure, the next press tries again.
  const load = () => loading || (loading = fetch(button.dataset.readings)
    .then(response => {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    })
    .then(json => { readings = new Map(Object.entries(json)); })
    .catch(error => {
      loading = null;
      throw error;
    }));

  const failed = () => {
    if (!wanted) return;
    set(false);
    status.textContent = status.dataset.failed;
  };

  const set = on => {
    wanted = on;
    button.setAttribute("aria-pressed", String(on));
    status.textContent = "";
    if (!on) {
      hide();
      return;
    }
    load().then(() => {
      if (wanted && !shown.length) show();
    }, failed);
  };

  button.addEventListener("click", () => {
    set(!wanted);
    stored(storage => (wanted ? storage.setItem(KEY, "on") : storage.removeItem(KEY)));
  });
  // The message stays until the reader moves on: it is read out as it appears (role="status").
  button.addEventListener("blur", () => { status.textContent = ""; });
  if (stored(storage => storage.getItem(KEY)) === "on") set(true);
})();
