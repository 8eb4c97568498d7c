// In-page helpers for tests/manual/observe.py: each returns plain data about the page as shown.
window.__obs = (() => {
  const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el); return r.width > 0 && r.height > 0 && s.visibility !== "hidden"; };
  const text = el => (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim();
  const name = el => (el.getAttribute("aria-label") || (el.getAttribute("aria-labelledby") || "").split(" ").map(id => text(document.getElementById(id) || document.createElement("i"))).join(" ").trim() || text(el)).replace(/\s+/g, " ").trim();
  const path = el => { const parts = []; for (; el && el !== document.body; el = el.parentElement) parts.unshift(el.tagName + ([...(el.parentElement?.children || [])].indexOf(el))); return parts.join(">"); };
  const rgb = value => (value.match(/[\d.]+/g) || []).slice(0, 4).map(Number);
  const luminance = ([r, g, b]) => { const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b); };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100; };
  const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length === 3 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  const header = () => document.querySelector(".md-header")?.getBoundingClientRect().bottom || 0;
  const describe = el => el && el !== document.body ? { tag: el.tagName.toLowerCase(), role: el.getAttribute("role"), name: name(el).slice(0, 60), expanded: el.getAttribute("aria-expanded"), controls: el.getAttribute("aria-controls"), activedescendant: el.getAttribute("aria-activedescendant"), autocomplete: el.getAttribute("aria-autocomplete") } : null;
  return {
    describe,
    focused() {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      const fixed = getComputedStyle(el).position === "fixed" || !!el.closest(".md-header");
      return { path: path(el), name: name(el).slice(0, 40), top: Math.round(r.top), bottom: Math.round(r.bottom), underHeader: !fixed && r.height > 0 && r.bottom <= header() + 1 };
    },
    nonText() {
      const images = [...document.querySelectorAll("img, svg, [role=img], canvas")];
      const exposed = images.filter(el => !el.closest("[aria-hidden=true]") && el.getAttribute("role") !== "presentation");
      return {
        images: images.length,
        exposed: exposed.length,
        exposedNamed: exposed.filter(el => name(el) || el.getAttribute("alt") !== null || el.querySelector("title")).length,
        exposedUnnamedInNamedControl: exposed.filter(el => !name(el) && !el.querySelector("title") && el.closest("a,button") && name(el.closest("a,button"))).length,
        charts: [...document.querySelectorAll("figure svg[role=img], .plan-chart [role=img]")].map(el => name(el).slice(0, 80)).slice(0, 3),
      };
    },
    readingOrder() {
      // Blocks of the content in DOM order whose box starts above the previous one's (visual order ≠ DOM order).
      const blocks = [...document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-content h4, .md-content p, .md-content li, .md-content table, .md-content figure")].filter(visible);
      let back = 0; let previous = -Infinity;
      for (const el of blocks) { const top = el.getBoundingClientRect().top + scrollY; if (top + 2 < previous && !el.closest("table, li li")) back += 1; previous = Math.max(previous, top); }
      const reordered = [...document.querySelectorAll(".md-content *")].filter(el => { const s = getComputedStyle(el); return (s.order !== "0") || s.flexDirection.endsWith("reverse"); }).length;
      return { blocks: blocks.length, startAboveThePrevious: back, cssReordered: reordered };
    },
    sensoryWords() {
      const words = /(右の|左の|上の図|下の図|右側|左側|赤色|青色|緑色|丸印|四角|\b(above|below|on the (left|right)|red|green|blue|round|square) (button|box|mark|text|figure|table|icon)s?\b)/gi;
      return [...new Set((text(document.querySelector(".md-content") || document.body).match(words) || []))];
    },
    stateColours() {
      const styleOf = el => { const s = getComputedStyle(el); return { color: s.color, weight: s.fontWeight, decoration: s.textDecorationLine, borderLeft: s.borderLeftWidth + " " + s.borderLeftStyle, background: s.backgroundColor, before: getComputedStyle(el, "::before").content }; };
      const pick = selector => { const el = [...document.querySelectorAll(selector)].find(visible); return el ? { name: name(el).slice(0, 30), ...styleOf(el) } : null; };
      const current = [...document.querySelectorAll(".md-nav--primary a.md-nav__link--active, .md-nav--primary [aria-current=page]")].find(visible);
      return {
        currentNav: current ? { name: name(current).slice(0, 30), ...styleOf(current) } : null,
        otherNav: pick(".md-nav--primary a.md-nav__link:not(.md-nav__link--active)"),
        colourRatioNav: current ? ratio(rgb(getComputedStyle(current).color), rgb(getComputedStyle([...document.querySelectorAll(".md-nav--primary a.md-nav__link:not(.md-nav__link--active)")].find(visible)).color)) : null,
        activeToc: pick(".md-nav--secondary a.md-nav__link--active"),
        otherToc: pick(".md-nav--secondary a.md-nav__link:not(.md-nav__link--active)"),
      };
    },
    contrasts() {
      // Text in SVG charts (axe does not measure it) and the marks and borders of UI components (1.4.11).
      const svgText = [...document.querySelectorAll("svg text")].filter(visible).map(el => ratio(rgb(getComputedStyle(el).fill), background(el.closest("svg"))));
      const marks = [...document.querySelectorAll("svg rect, svg path, svg circle, svg line, svg polyline")].filter(el => visible(el) && el.closest(".md-content") && !el.closest("a,button"))
        .map(el => { const s = getComputedStyle(el); const paint = s.fill !== "none" && !s.fill.startsWith("url") ? s.fill : s.stroke; return ratio(rgb(paint), background(el.closest("svg"))); });
      const controls = [...document.querySelectorAll("select, input:not([type=checkbox]):not([type=hidden]), .md-search__form")].filter(visible)
        .map(el => { const s = getComputedStyle(el); const edge = s.borderBottomWidth !== "0px" ? s.borderBottomColor : s.backgroundColor; return ratio(rgb(edge), background(el.parentElement)); });
      const summary = list => list.length ? { count: list.length, min: Math.min(...list), below3: list.filter(v => v < 3).length } : { count: 0 };
      return { svgText: summary(svgText), svgTextBelow45: svgText.filter(v => v < 4.5).length, chartMarks: summary(marks), controls: summary(controls) };
    },
    hoverContent() {
      const rules = [...document.styleSheets].flatMap(sheet => { try { return [...sheet.cssRules]; } catch { return []; } });
      const hoverShows = rules.filter(rule => rule.selectorText && /:hover|:focus/.test(rule.selectorText) && /(display|visibility|opacity)/.test(rule.style?.cssText || "")).map(rule => rule.selectorText);
      return { hoverOrFocusRulesThatShowOrHide: hoverShows.length, sample: hoverShows.slice(0, 6), tooltips: document.querySelectorAll("[role=tooltip], .md-tooltip").length, titleAttributes: document.querySelectorAll("[title]").length };
    },
    imagesOfText() {
      return { rasterImages: document.querySelectorAll("img, canvas, picture").length, cssBackgroundImages: [...document.querySelectorAll(".md-content *")].filter(el => getComputedStyle(el).backgroundImage.includes("url(")).length };
    },
    moving() {
      const running = document.getAnimations().filter(a => a.playState === "running");
      return { runningAnimations: running.length, infinite: running.filter(a => a.effect?.getTiming().iterations === Infinity).length, media: document.querySelectorAll("video, audio, marquee, blink, iframe").length, metaRefresh: document.querySelectorAll("meta[http-equiv=refresh i]").length };
    },
    bypass() {
      const skip = document.querySelector("a.md-skip, a[href^='#'][class*=skip]");
      return { skipLink: skip ? { name: name(skip), target: !!document.getElementById(decodeURIComponent(skip.hash.slice(1))) } : null, main: document.querySelectorAll("main, [role=main]").length, h1: document.querySelectorAll("h1").length, headings: document.querySelectorAll("h2, h3").length };
    },
    sameTextOtherTargets() {
      const byText = {};
      for (const a of document.querySelectorAll(".md-content a[href]")) { const t = name(a); (byText[t] ||= new Set()).add(a.getAttribute("href")); }
      return Object.fromEntries(Object.entries(byText).filter(([, targets]) => targets.size > 1).map(([t, targets]) => [t, targets.size]));
    },
    ways() {
      return { navLinks: document.querySelectorAll(".md-nav--primary a[href]").length, search: !!document.querySelector(".md-search__input"), contentsLinks: document.querySelectorAll(".md-content a[href]").length, breadcrumbs: !!document.querySelector("[aria-label*=パンくず], [aria-label*=Breadcrumb], .md-path") };
    },
    headings() {
      const list = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(h => !h.closest("[hidden]"));
      const names = list.map(h => text(h));
      let skipped = 0; let last = 0;
      for (const h of list) { const level = Number(h.tagName[1]); if (last && level > last + 1) skipped += 1; last = level; }
      return { count: list.length, empty: names.filter(n => !n).length, skipped, h1: names.filter((n, i) => list[i].tagName === "H1"), sample: names.slice(1, 4) };
    },
    labelInName() {
      const controls = [...document.querySelectorAll("a[href], button, [role=button], input, select")].filter(el => visible(el) && el.hasAttribute("aria-label"));
      const squash = s => s.replace(/[\s\u200b]+/g, "").toLowerCase();
      const mismatch = controls.filter(el => { const shown = squash(text(el)); return shown && !squash(name(el)).includes(shown); }).map(el => `${text(el).slice(0, 30)} → ${name(el).slice(0, 40)}`);
      return { withAriaLabel: controls.length, visibleTextNotInName: mismatch.length, sample: mismatch.slice(0, 4) };
    },
    unmarkedJapanese() {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const found = [];
      for (let node; (node = walker.nextNode());) {
        if (!/[\u3040-\u30ff\u4e00-\u9fff]/.test(node.textContent)) continue;
        const owner = node.parentElement; if (!owner || owner.closest("script, style, [hidden]")) continue;
        if (owner.closest("[lang]").getAttribute("lang") !== "ja") found.push(node.textContent.trim().slice(0, 20));
      }
      return { textNodesWithJapanese: found.length, sample: found.slice(0, 5) };
    },
    chrome() {
      const nav = [...document.querySelectorAll(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link, .md-nav--primary > .md-nav__list > .md-nav__item > label, .md-nav--primary > .md-nav__list > .md-nav__item > button")].map(text).filter(Boolean);
      const controls = [...document.querySelectorAll(".md-header button, .md-header a, .md-skip, .md-search__input")].map(el => name(el));
      return { nav: nav.join(" | "), controls: controls.join(" | ") };
    },
    fields() {
      return [...document.querySelectorAll("input:not([type=checkbox]):not([type=hidden]), select, textarea")].map(el => ({ tag: el.tagName.toLowerCase(), name: name(el) || (el.labels?.[0] && text(el.labels[0])) || "", visibleLabel: !!(el.labels?.length && [...el.labels].some(visible)), placeholder: el.placeholder || "" }));
    },
    clipped() {
      // Text cut off or overlapping with the text-spacing style: its own box clips its text.
      const hiddenForSight = el => getComputedStyle(el).clip.startsWith("rect") || getComputedStyle(el).clipPath.startsWith("inset");  // screen-reader-only text
      const els = [...document.querySelectorAll(".md-content *, .md-header *, .md-nav *")].filter(el => visible(el) && el.children.length === 0 && text(el) && !hiddenForSight(el));
      const cut = els.filter(el => { const s = getComputedStyle(el); const clips = /hidden|clip/.test(s.overflow + s.overflowX + s.overflowY) || s.textOverflow === "ellipsis"; return clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1); });
      return { textElements: els.length, clipped: cut.length, sample: cut.slice(0, 4).map(el => `${el.className} ${text(el).slice(0, 30)}`), pageWiderThanWindow: document.documentElement.scrollWidth > innerWidth };
    },
    // Issue 27, level AAA.
    location() {
      // 2.4.8: where the page is in the site: breadcrumbs, the current page in the navigation, the title.
      const crumbs = document.querySelector("nav[aria-label=パンくずリスト], nav[aria-label=Breadcrumb], .md-path");
      const current = document.querySelector(".md-nav--primary [aria-current=page]");
      return { breadcrumbs: crumbs ? [...crumbs.querySelectorAll("li, a")].filter(el => el.tagName === "LI").map(text).join(" › ") : null,
               currentInNavigation: current ? name(current).slice(0, 50) : null, title: document.title.slice(0, 60) };
    },
    sections() {
      // 2.4.10: how much content runs without a heading: blocks of the content between two headings.
      const blocks = [...document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-content h4, .md-content h5, .md-content h6, .md-content p, .md-content li, .md-content table, .md-content dl, .md-content figure")]
        .filter(el => !el.parentElement.closest("li, table, dl, figure"));
      let run = 0; let longest = 0;
      for (const el of blocks) { run = /^H\d$/.test(el.tagName) ? 0 : run + 1; longest = Math.max(longest, run); }
      return { headings: blocks.filter(el => /^H\d$/.test(el.tagName)).length, blocks: blocks.length, longestRunWithoutHeading: longest };
    },
    changesOfContext() {
      // 2.2.4, 2.2.5, 3.2.5: what could change the page or open a window without being asked.
      const handlers = ["onchange", "onfocus", "onblur", "onload", "onmouseover"].filter(h => document.querySelector(`[${h}]`));
      return { metaRefresh: document.querySelectorAll("meta[http-equiv=refresh i]").length, newWindows: document.querySelectorAll("a[target=_blank], form[target=_blank]").length,
               forms: [...document.querySelectorAll("form")].map(f => f.getAttribute("action") || "(none)"), passwordFields: document.querySelectorAll("input[type=password]").length,
               liveRegions: [...document.querySelectorAll("[aria-live], [role=status], [role=alert]")].map(el => el.getAttribute("role") || el.getAttribute("aria-live")), inlineHandlers: handlers,
               draggable: document.querySelectorAll("[draggable=true]").length, focusableInCharts: document.querySelectorAll("svg [tabindex], svg a").length };
    },
    help() {
      // 3.3.5: the help each field gives: its label, its description and any visible hint.
      return [...document.querySelectorAll("input:not([type=hidden]), select")].map(el => ({ name: name(el) || (el.labels?.[0] && text(el.labels[0])) || "",
        description: (el.getAttribute("aria-describedby") || "").split(" ").map(id => text(document.getElementById(id) || document.createElement("i"))).join(" ").trim().slice(0, 80) }));
    },
    terms() {
      // 3.1.3: links from terms to their definitions in the glossary, and the glossary's entries.
      const links = [...document.querySelectorAll("a.plan-term-link")];
      return { termLinks: links.length, sample: links.slice(0, 4).map(text), definitions: location.pathname.endsWith("/glossary/") ? document.querySelectorAll(".md-content dt").length : undefined };
    },
    linkNames() {
      // 2.4.9: the names of the page's links read alone: how many, the shortest.
      const names = [...document.querySelectorAll("a[href]")].filter(a => !a.closest("[aria-hidden=true]")).map(name).filter(Boolean);
      return { links: names.length, distinctNames: new Set(names).size, shortest: [...new Set(names)].sort((x, y) => x.length - y.length).slice(0, 8) };
    },
    abbreviations() {
      // 3.1.4: the abbreviations marked with their expansion, and any marked twice on the page.
      const marked = [...document.querySelectorAll(".md-content abbr[title]")].map(el => `${text(el)}=${el.title}`);
      const words = marked.map(entry => entry.split("=")[0]);
      return { marked: marked.length, twice: words.filter((word, index) => words.indexOf(word) !== index), sample: marked.slice(0, 5) };
    },
    inBrief() {
      // 3.1.5: what an item or initiative page opens with, after its title.
      const h1 = document.querySelector(".md-content h1"); const first = h1 && [...document.querySelectorAll(".md-content h2")][0];
      const box = first && first.nextElementSibling;
      return first ? { firstSection: text(first), opensWith: box ? text(box).slice(0, 120) : null } : null;
    },
    invisibleIcons() {
      // In forced colours, icons drawn as CSS masks or backgrounds vanish (forced-color-adjust aside).
      const icons = [...document.querySelectorAll("*")].filter(el => visible(el)).filter(el => ["", "::before", "::after"].some(p => { const s = getComputedStyle(el, p || null); return (s.maskImage && s.maskImage !== "none") || (s.webkitMaskImage && s.webkitMaskImage !== "none"); }));
      const vanish = icons.filter(el => ["", "::before", "::after"].some(p => { const s = getComputedStyle(el, p || null); return ((s.maskImage && s.maskImage !== "none") || (s.webkitMaskImage && s.webkitMaskImage !== "none")) && s.forcedColorAdjust !== "none"; }));
      return { maskedIcons: icons.length, drawnWithBackgroundInForcedColours: vanish.length, sample: vanish.slice(0, 4).map(el => el.className.toString().slice(0, 40)) };
    },
  };
})();
