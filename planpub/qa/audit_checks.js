/*
 * In-page checks of the accessibility audit (planpub/qa/audit.py) and the keyboard tests: installed
 * in every page before its own scripts run. window.__kb follows focus; window.__audit reads the
 * page's structure and layout.
 *
 * Every check reads the page after CSS transitions have been run to their end (the state a reader
 * sees a moment later), so a drawer that is still sliding or a link that is still fading in does
 * not count as visible or invisible by accident.
 */
(() => {
  if (window.__kb) return;

  // What can take focus from the keyboard (Chrome adds scroll containers without focusable
  // content; those are found by a Tab walk and checked all the same).
  const TABBABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), " +
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]";

  const settle = () => document.getAnimations().forEach(a => { try { a.finish(); } catch (e) { /* idle */ } });

  /* Colours and contrast (WCAG 2.0 relative luminance) */
  const rgba = colour => {
    const parts = (colour.match(/[\d.]+/g) || []).map(Number);
    return {r: parts[0] || 0, g: parts[1] || 0, b: parts[2] || 0, a: parts.length > 3 ? parts[3] : 1};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
  });
  const luminance = c => {
    const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  };
  const contrast = (one, two) => {
    const [light, dark] = [luminance(one), luminance(two)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  // The colour painted behind an element: the backgrounds of it and its ancestors, blended.
  const backgroundOf = el => {
    const layers = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c.a > 0) layers.push(c);
      if (c.a >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), {r: 255, g: 255, b: 255, a: 1});
  };

  const focusStyle = el => {
    const s = getComputedStyle(el);
    return {outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(" "),
            outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
            outlineColor: s.outlineColor, outlineOffset: parseFloat(s.outlineOffset) || 0, shadow: s.boxShadow};
  };
  const seen = el => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    let opacity = 1;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
    return {x: r.x, y: r.y, width: r.width, height: r.height, visibility: s.visibility, opacity,
            inert: !!el.closest("[inert]")};
  };
  // The content of a closed <details> keeps its boxes but is not shown (content-visibility:
  // hidden); checkVisibility says so.
  const visible = el => {
    const v = seen(el);
    const right = Math.max(document.documentElement.scrollWidth, innerWidth);
    return v.width >= 1 && v.height >= 1 && v.visibility === "visible" && v.opacity > 0 && !v.inert
      && v.x + v.width > 0 && v.x < right && el.checkVisibility();
  };
  const describe = el => ({
    key: el.getAttribute("data-kb") || "",
    tag: el.tagName.toLowerCase(),
    name: (el.getAttribute("aria-label") || el.textContent || el.value || "").replace(/\s+/g, " ").trim().slice(0, 200),
    cls: typeof el.className === "string" ? el.className : "",
  });
  const unfocused = {};
  let tagged = 0;  // keys are never reused, as elements start taking focus at other widths

  // Tag every element that can take focus and record how it looks unfocused; returns the keys
  // of those visible now.
  const record = () => {
    settle();
    const all = [...document.querySelectorAll(TABBABLE)].filter(el => el.tabIndex >= 0);
    all.forEach(el => {
      if (!el.hasAttribute("data-kb")) el.setAttribute("data-kb", "kb" + tagged++);
      unfocused[el.getAttribute("data-kb")] = focusStyle(el);
    });
    return all.filter(visible).map(el => el.getAttribute("data-kb"));
  };

  // What is painted where the outline is drawn: the element itself when the outline is inside it,
  // else whatever is shown just outside each of its four sides (it may be positioned over
  // something other than its parent).
  // Sides off screen or covered where they meet the element (a link of the table of contents
  // scrolled under the sticky header) are not seen and are left out: the sides that show must
  // carry the indicator. Each side is sampled just outside and just inside the element.
  const outlineBackgrounds = (el, style) => {
    if (style.outlineOffset < 0) return [backgroundOf(el)];
    const r = el.getBoundingClientRect();
    const d = style.outlineOffset + style.outlineWidth / 2;
    const middle = (Math.max(r.top, 0) + Math.min(r.bottom, innerHeight)) / 2;
    const centre = r.left + r.width / 2;
    const sides = [[[r.left - d, middle], [r.left + 1, middle]], [[r.right + d, middle], [r.right - 1, middle]],
                   [[centre, r.top - d], [centre, r.top + 1]], [[centre, r.bottom + d], [centre, r.bottom - 1]]];
    const inView = ([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
    const shown = ([x, y]) => { const hit = document.elementFromPoint(x, y); return !!hit && el.contains(hit); };
    const behind = sides
      .filter(([outside, inside]) => inView(outside) && inView(inside) && shown(inside))
      .map(([[x, y]]) => document.elementsFromPoint(x, y).find(n => n !== el && !el.contains(n)))
      .filter(Boolean);
    return (behind.length ? behind : [el.parentElement || el]).map(backgroundOf);
  };

  // The contrast of a focus outline against what is around it, at its weakest side; a ring drawn
  // with box-shadow next to the outline counts where it stands out more (two-tone indicators
  // show on light and dark backgrounds alike). Null for indicators without an outline.
  const indicatorContrast = (el, style) => {
    if (style.outlineStyle === "none" || style.outlineWidth === 0) return null;
    const rings = [style.outlineColor, ...(style.shadow.match(/rgba?\([^)]*\)/g) || [])].map(rgba);
    return Math.min(...outlineBackgrounds(el, style).map(bg => Math.max(...rings.map(ring => contrast(over(ring, bg), bg)))));
  };

  // Issue 26, failure 1 (WCAG 2.4.7): part of the focused element, or of its focus outline, lies
  // under Material's sticky header. Seven sampled points may all miss a thin strip, so the
  // element's box (grown by its outline) is compared with the header's, and where they overlap
  // the header must be what is painted (a drawer or the skip link is drawn over it). A box taller
  // than the window below the header (a table that scrolls sideways) cannot be shown whole: it
  // only has to show (onTop).
  const underHeader = (el, style) => {
    const header = document.querySelector(".md-header");
    if (!header || header.contains(el)) return false;
    const h = header.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    const ring = style.outlineStyle !== "none" ? Math.max(0, style.outlineOffset + style.outlineWidth) : 0;
    if (r.height + 2 * ring > innerHeight - h.bottom) return false;
    const top = Math.max(r.top - ring, h.top), bottom = Math.min(r.bottom + ring, h.bottom);
    const left = Math.max(r.left, h.left), right = Math.min(r.right, h.right);
    if (bottom - top < 1 || right - left < 1) return false;
    const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
    return !!hit && header.contains(hit);
  };

  // What has focus now: where it is, whether it can be seen, and whether it shows a focus indicator.
  const measure = () => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    settle();
    const info = describe(el);
    const v = seen(el);
    const focused = focusStyle(el);
    const before = unfocused[info.key] || {outline: "none", outlineStyle: "none", shadow: "none"};
    const transparent = c => /rgba\([^)]*,\s*0\)$/.test(c) || c === "transparent";
    const outline = focused.outlineStyle !== "none" && focused.outlineWidth > 0 && !transparent(focused.outlineColor)
      && focused.outline !== before.outline;
    const shadow = focused.shadow !== "none" && focused.shadow !== before.shadow;
    // Not entirely hidden: some point of it is not covered or cut off (sampled across each of its
    // boxes: a link that wraps has one a line, and the middle of the box around both lines can be
    // a neighbour's text).
    const points = [[.5, .5], [.1, .5], [.9, .5], [.5, .1], [.5, .9], [.1, .1], [.9, .9]];
    const boxes = [...el.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    const onTop = (boxes.length ? boxes : [v]).some(box => points.some(([fx, fy]) => {
      const hit = document.elementFromPoint(box.x + box.width * fx, box.y + box.height * fy);
      return !!hit && (el.contains(hit) || hit.contains(el));
    }));
    return Object.assign(info, {
      visible: visible(el),
      inViewport: v.x + v.width > 0 && v.x < innerWidth && v.y + v.height > 0 && v.y < innerHeight,
      onTop,
      underHeader: underHeader(el, focused),
      indicator: outline || shadow,
      indicatorContrast: outline ? indicatorContrast(el, focused) : null,
      focused: focused.outline + " / " + focused.shadow,
      expanded: el.getAttribute("aria-expanded"),
      inDrawer: !!el.closest(".md-sidebar--primary"),
      inSearch: !!el.closest("[data-md-component=search]"),
    });
  };

  // Resolves once nothing has scrolled for a moment (at most a second): the page's own scroll
  // handlers (the table of contents following the page) have run.
  const rest = (quietFor = 150) => new Promise(resolve => {
    let timer;
    const quiet = () => { clearTimeout(timer); timer = setTimeout(done, quietFor); };
    const done = () => { removeEventListener("scroll", quiet, true); resolve(); };
    addEventListener("scroll", quiet, true);
    quiet();
    setTimeout(done, Math.max(1000, 2 * quietFor));
  });

  // Scrolling focus into view can take a few frames, more on a busy machine, and a panel's own
  // smooth scrolling (Material's table of contents follows the page) may still be under way: a
  // check that fails is read again a few frames later, and once more when scrolling has stopped.
  const active = async () => {
    const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
    const seenWell = info => !info || (info.visible && info.inViewport && info.onTop && !info.underHeader);
    let info = measure();
    for (let i = 0; i < 30 && !seenWell(info); i++) {
      await frame();
      info = measure();
    }
    // On a busy machine frames come far apart, and a smooth scroll can pause longer than one
    // quiet moment before it ends: each further look waits for a longer quiet.
    for (let i = 1; i <= 3 && !seenWell(info); i++) {
      await rest(150 * 2 ** i);
      info = measure();
    }
    return info;
  };

  // Start the next Tab from the top of the page, wherever focus has been: blurring alone leaves
  // the browser's starting point for Tab where focus was. A focused element that is removed
  // leaves the starting point where it stood: at the start of the body, or at its end for a walk
  // backwards with Shift+Tab (issue 26, failure 1).
  const reset = async (backwards = false) => {
    if (document.activeElement) document.activeElement.blur();
    const start = document.createElement("span");
    start.tabIndex = -1;
    if (backwards) document.body.append(start);
    else document.body.prepend(start);
    start.focus({preventScroll: true});
    start.remove();
    // Back to the top at once, scrolling panels too: a smooth scroll still running (Material's
    // table of contents follows the page) would otherwise carry focus out of view mid-walk.
    document.querySelectorAll("*").forEach(el => { if (el.scrollTop || el.scrollLeft) el.scrollTo({top: 0, left: 0, behavior: "instant"}); });
    window.scrollTo({top: 0, left: 0, behavior: "instant"});
    await rest();
  };

  const outerHtml = keys => keys.map(k => document.querySelector(`[data-kb="${k}"]`).outerHTML.slice(0, 160));

  window.__kb = {record, active, reset, outerHtml};

  /* Page structure (WCAG 1.1.1, 1.3.1, 1.4.1, 2.4.2, 2.4.9, 3.1.2) */
  const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;
  const snippet = el => el.outerHTML.slice(0, 160);

  const headings = () => {
    const all = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
    const skipped = [];
    all.forEach((h, i) => {
      const level = Number(h.tagName[1]);
      const previous = i ? Number(all[i - 1].tagName[1]) : 0;
      if (level > previous + 1) skipped.push(`h${previous} → ${snippet(h)}`);
    });
    return {h1: all.filter(h => h.tagName === "H1").length, skipped};
  };

  const tables = () => [...document.querySelectorAll("table")].flatMap(table => {
    const caption = table.querySelector(":scope > caption");
    const problems = [];
    if (!caption || !caption.textContent.trim()) problems.push(`no caption: ${snippet(table)}`);
    table.querySelectorAll("th:not([scope])").forEach(th => problems.push(`th without scope: ${snippet(th)}`));
    return problems;
  });

  const unnamedImages = () => [
    ...[...document.querySelectorAll("img:not([alt])")].map(snippet),
    ...[...document.querySelectorAll("svg:not([aria-hidden=true])")]
      .filter(svg => !svg.closest("[aria-hidden=true]") && !svg.getAttribute("aria-label") && !svg.querySelector("title"))
      .filter(svg => svg.getAttribute("role") === "img")
      .map(snippet),
  ];

  // Japanese text in an English page that is not inside an element marked lang="ja".
  const unmarkedJapanese = () => {
    if (!document.documentElement.lang.startsWith("en")) return [];
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, noscript, template") || !JAPANESE.test(node.data)) continue;
      const marked = parent.closest("[lang]");
      if (!marked || !marked.lang.startsWith("ja")) found.push(`${node.data.trim().slice(0, 40)} in ${snippet(parent).slice(0, 100)}`);
    }
    return found;
  };

  /* Colour as the only visual means of telling things apart (WCAG 1.4.1), in the page's content.
     Links in running text are axe's (link-in-text-block). */
  const chromatic = colour => {
    const c = rgba(colour);
    return c.a > 0.1 && Math.max(c.r, c.g, c.b) - Math.min(c.r, c.g, c.b) >= 40;
  };
  // Anything but colour that sets a run of text apart from the text around it.
  const TEXT_CUES = ["fontWeight", "fontStyle", "fontSize", "fontFamily", "textDecorationLine", "textTransform",
                     "backgroundColor", "borderTopStyle", "borderBottomStyle", "borderLeftStyle", "outlineStyle"];
  const ownText = el => [...el.childNodes].some(n => n.nodeType === 3 && n.data.trim());
  const colouredText = elements => elements
    .filter(el => ownText(el) && el.parentElement && !el.closest("a, svg") && visible(el))
    .filter(el => {
      const s = getComputedStyle(el), p = getComputedStyle(el.parentElement);
      return chromatic(s.color) && s.color !== p.color && TEXT_CUES.every(cue => s[cue] === p[cue]);
    })
    .map(el => `text in colour alone: ${snippet(el).slice(0, 120)}`);

  // Text-less shapes (boxes, bars, dots, drawn by elements or ::before/::after): one form in two
  // colours tells things apart by colour alone.
  const paint = s => [s.backgroundColor, ...["Top", "Right", "Bottom", "Left"]
    .filter(side => s[`border${side}Style`] !== "none" && parseFloat(s[`border${side}Width`]) > 0)
    .map(side => s[`border${side}Color`])].filter(chromatic);
  const shapes = elements => {
    const forms = new Map();
    const add = (el, kind, s) => {
      const colours = paint(s);
      if (!colours.length) return;
      const sides = ["Top", "Right", "Bottom", "Left"].map(side => s[`border${side}Style`]).join("/");
      const form = [kind, s.height, s.borderRadius, sides, s.backgroundImage].join(" ");
      if (!forms.has(form)) forms.set(form, new Map());
      colours.forEach(colour => forms.get(form).has(colour) || forms.get(form).set(colour, snippet(el).slice(0, 80)));
    };
    elements.forEach(el => {
      if (el.closest("svg") || !visible(el)) return;
      if (!el.textContent.trim()) add(el, el.tagName, getComputedStyle(el));
      ["::before", "::after"].forEach(pseudo => {
        const s = getComputedStyle(el, pseudo);
        if (s.content !== "none" && !/[\p{L}\p{N}]/u.test(s.content)) add(el, pseudo, s);
      });
    });
    return [...forms.values()].filter(colours => colours.size > 1)
      .map(colours => `shapes told apart by colour alone: ${[...colours].map(([c, el]) => `${c} ${el}`).join(" | ")}`);
  };

  // Chart marks: one kind of mark (element and dash pattern) in two colours.
  const chartMarks = root => [...root.querySelectorAll("svg")].flatMap(svg => {
    const forms = new Map();
    svg.querySelectorAll("circle, ellipse, rect, path, line, polyline, polygon").forEach(mark => {
      const s = getComputedStyle(mark);
      const colours = [s.fill, s.stroke].filter(chromatic);
      const form = [mark.tagName, s.strokeDasharray].join(" ");
      if (!forms.has(form)) forms.set(form, new Set());
      colours.forEach(colour => forms.get(form).add(colour));
    });
    return [...forms].filter(([, colours]) => colours.size > 1)
      .map(([form, colours]) => `chart marks told apart by colour alone (${form}: ${[...colours].join(", ")}) in ${snippet(svg).slice(0, 80)}`);
  });

  // Issue 26, failure 2: a state told by colour alone, anywhere in the page. The current page in
  // the navigation, the section being read in the table of contents (and those already read), and
  // whatever aria-current marks must differ from an element of their kind beside them in more than
  // colour. Read with the page scrolled halfway down, where the table of contents shows what is
  // being read (toc.follow), then back at the top.
  const STATES = ".md-nav__link--active, .md-nav__link--passed, [aria-current]:not([aria-current=false])";
  const STATE_CUES = [...TEXT_CUES, "borderRightStyle", "boxShadow", "textDecorationStyle", "textDecorationThickness"];
  const kindOf = el => `${el.tagName} ${el.classList[0] || ""}`;
  const statesByColour = () => [...document.querySelectorAll(STATES)]
    .filter(el => el.textContent.trim() && visible(el))
    .flatMap(el => {
      const around = el.parentElement.closest("nav, ul, ol") || document.body;
      const peer = [...around.querySelectorAll(el.tagName)]
        .find(other => kindOf(other) === kindOf(el) && !other.matches(STATES) && other.textContent.trim() && visible(other));
      if (!peer) return [];
      const s = getComputedStyle(el), p = getComputedStyle(peer);
      const name = el.textContent.trim().replace(/\s+/g, " ").slice(0, 60);
      return s.color !== p.color && STATE_CUES.every(cue => s[cue] === p[cue])
        ? [`state told by colour alone (${s.color} against ${p.color}): ${name} in <${kindOf(el).toLowerCase()}>`] : [];
    });
  const states = async () => {
    window.scrollTo({top: (document.documentElement.scrollHeight - innerHeight) / 2, behavior: "instant"});
    await rest();
    const found = statesByColour();
    window.scrollTo({top: 0, behavior: "instant"});
    await rest();
    return found;
  };

  const colourOnly = () => {
    const content = document.querySelector(".md-content") || document.body;
    const elements = [...content.querySelectorAll("*")];
    return [...colouredText(elements), ...shapes(elements), ...chartMarks(content)];
  };

  /* Link purpose from the link text alone (WCAG 2.4.9, issue 27): a link's name must say where it
     leads, so no two links of one name may lead to different places, and no name may be one that
     says nothing of the place ("here", "more"). */
  const GENERIC_LINK_TEXTS = ["こちら", "ここ", "こちらから", "こちらをクリック", "ここをクリック", "詳細", "詳しく", "詳しくはこちら",
    "詳細はこちら", "続き", "続きを読む", "もっと見る", "リンク", "here", "click here", "more", "read more", "more info",
    "more information", "learn more", "details", "link", "this page", "continue"];
  const bare = name => name.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "");
  const GENERIC = new Set(GENERIC_LINK_TEXTS.map(bare));
  // The text a link's name is computed from (the accessible name, without what is hidden from
  // assistive technology: readings marked aria-hidden, icons).
  const contentText = node => [...node.childNodes].map(child =>
    child.nodeType === 3 ? child.data
      : child.nodeType !== 1 || child.getAttribute("aria-hidden") === "true" || getComputedStyle(child).display === "none" ? ""
        : child.tagName === "IMG" ? child.getAttribute("alt") || ""
          : child.getAttribute("aria-label") || contentText(child)).join("");
  const linkName = a => {
    const labels = (a.getAttribute("aria-labelledby") || "").split(/\s+/).map(id => document.getElementById(id)).filter(Boolean);
    const name = labels.length ? labels.map(contentText).join(" ") : a.getAttribute("aria-label") || contentText(a) || a.title;
    return name.replace(/\s+/g, " ").trim();
  };
  // Where a link leads: another page (or a place on one), or a place on this page. A link to a
  // place on this page that holds a link of the same name leads where that link leads (the table
  // of contents, to a heading that links to its subject's page); one to a place in the section of
  // a heading of its name (an indicator's row under the indicator's heading) leads to that section.
  const HEADINGS = "h1, h2, h3, h4, h5, h6";
  const headingBefore = el => [...document.querySelectorAll(HEADINGS)]
    .filter(h => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
  const destination = (a, name) => {
    const url = new URL(a.href);
    const place = url.hash && url.href.split("#")[0] === location.href.split("#")[0]
      && document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (!place) return {url: a.href, here: false};
    const same = [...place.querySelectorAll("a[href]")].find(link => link !== a && linkName(link) === name);
    if (same) return {url: same.href, here: false};
    const section = place.matches(HEADINGS) ? place : headingBefore(place);
    const named = section && section.id && section.textContent.replace(/\s+/g, " ").trim() === name;
    return named ? {url: `${url.href.split("#")[0]}#${section.id}`, here: true, heading: true} : {url: a.href, here: true, heading: false};
  };
  // Links of one name lead to one place. A link of the table of contents, to a heading of this
  // page, may share its name with a link to the page of the heading's subject.
  const ambiguous = (name, links) => {
    const places = links.map(({a}) => destination(a, name));
    const elsewhere = new Set(places.filter(place => !place.here).map(place => place.url));
    const here = new Set(places.filter(place => place.here).map(place => place.url));
    const headingsOnly = places.every(place => !place.here || place.heading);
    return elsewhere.size > 1 || here.size > 1 || (elsewhere.size && here.size && !headingsOnly) ? [...elsewhere, ...here] : [];
  };
  const linkPurpose = () => {
    const links = [...document.querySelectorAll("a[href]")].filter(a => !a.closest("[aria-hidden=true], template"))
      .map(a => ({a, name: linkName(a)})).filter(link => link.name);
    const generic = links.filter(({name}) => GENERIC.has(bare(name)))
      .map(({a, name}) => `link text says nothing of where it leads: “${name}” ${snippet(a).slice(0, 100)}`);
    const byName = new Map();
    links.forEach(link => byName.set(link.name, [...(byName.get(link.name) || []), link]));
    const same = [...byName].map(([name, named]) => [name, ambiguous(name, named)]).filter(([, places]) => places.length)
      .map(([name, places]) => `the link text “${name.slice(0, 60)}” leads to ${places.length} places: `
        + places.map(url => url.replace(location.origin, "")).join(", ").slice(0, 200));
    return [...generic, ...same];
  };

  const structure = () => Object.assign(headings(), {
    title: document.title,
    tables: tables(),
    unnamedImages: unnamedImages(),
    media: document.querySelectorAll("video, audio, object, embed, iframe, canvas, marquee, blink").length,
    unmarkedJapanese: unmarkedJapanese(),
    colourOnly: colourOnly(),
    links: linkPurpose(),
  });

  /* Layout when zoomed (WCAG 1.4.4): text cut off, or header parts drawn over each other */
  const clipped = () => {
    settle();
    const cut = [];
    document.querySelectorAll("body *").forEach(el => {
      if (!el.textContent.trim() || !visible(el)) return;
      const s = getComputedStyle(el);
      const hides = v => v === "hidden" || v === "clip";
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return; // visually hidden text for screen readers
      if ((hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
          (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1 && s.position !== "fixed")) {
        cut.push(`${el.textContent.trim().replace(/\s+/g, " ").slice(0, 40)} in ${snippet(el).slice(0, 100)}`);
      }
    });
    return cut;
  };

  const overlaps = () => {
    const parts = [...document.querySelectorAll(".md-header__inner > *")].filter(visible);
    const boxes = parts.map(el => el.getBoundingClientRect());
    const found = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
        found.push(`${snippet(parts[i]).slice(0, 80)} × ${snippet(parts[i + 1 + j]).slice(0, 80)}`);
      }
    }));
    return found;
  };

  /* Issue 27: blocks of text (WCAG 1.4.8), read at the window's present size */
  // Prose blocks: paragraphs, list items, definitions, quotations and captions in the page's own
  // content (its main landmark). Table cells need their width: only their line height is checked.
  const PROSE = "p, li, dd, blockquote, figcaption, caption";
  const CELLS = "td, th";
  const MAX_FULL_WIDTH = 40;  // characters a line, in Japanese
  const MAX_CHARACTERS = 80;  // in English, a full-width character counting as two
  const FULL_WIDTH = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

  const japanese = el => { const marked = el.closest("[lang]"); return !!marked && marked.lang.startsWith("ja"); };
  const named = el => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ""}> `
    + JSON.stringify(el.textContent.replace(/\s+/g, " ").trim().slice(0, 50));

  // The text of a block that it lays out itself: not that of a block inside it (measured on its
  // own), nor text hidden or visually hidden (in a box of 1 px) for screen readers.
  const ownTextNodes = (block, blocks) => {
    const shown = new Map();
    const isShown = el => {
      if (!shown.has(el)) {
        const r = el.getBoundingClientRect();
        shown.set(el, el.checkVisibility() && (r.width > 1 || r.height > 1) && (el === block || isShown(el.parentElement)));
      }
      return shown.get(el);
    };
    const nodes = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.data.trim() && node.parentElement.closest(blocks) === block && isShown(node.parentElement)) nodes.push(node);
    }
    return nodes;
  };

  // The lines of a block as drawn, each with its width and its length in characters (a
  // full-width one counting two), from the box of every character: a character whose box starts
  // below the line so far starts a new line. Every character is measured, none is sampled.
  const lines = (block, blocks) => {
    const found = [];
    const range = document.createRange();
    let line = null;
    ownTextNodes(block, blocks).forEach(node => {
      const text = node.data;
      for (let i = 0; i < text.length; i++) {
        const pair = text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) < 0xdc00;
        range.setStart(node, i);
        range.setEnd(node, i + (pair ? 2 : 1));
        const box = range.getBoundingClientRect();
        const character = text.slice(i, i + (pair ? 2 : 1));
        if (pair) i++;
        if (box.width <= 0) continue;  // collapsed white space
        if (!line || box.top >= line.bottom - 1) {
          line = {top: box.top, bottom: box.bottom, left: box.left, right: box.right, characters: 0};
          found.push(line);
        }
        line.bottom = Math.max(line.bottom, box.bottom);
        line.left = Math.min(line.left, box.left);
        line.right = Math.max(line.right, box.right);
        line.characters += FULL_WIDTH.test(character) ? 2 : 1;
      }
    });
    return found;
  };

  const lineHeight = el => {
    const s = getComputedStyle(el);
    return parseFloat(s.lineHeight) / parseFloat(s.fontSize);  // NaN for "normal", about 1.2
  };

  const lineLength = block => {
    const drawn = lines(block, PROSE);
    const at = `at ${innerWidth} px`;
    if (japanese(block)) {
      const widest = Math.max(0, ...drawn.map(l => l.right - l.left)) / parseFloat(getComputedStyle(block).fontSize);
      return widest > MAX_FULL_WIDTH + 0.05 ? [`line ${widest.toFixed(1)} full-width characters wide (over ${MAX_FULL_WIDTH}) ${at}: ${named(block)}`] : [];
    }
    const longest = Math.max(0, ...drawn.map(l => l.characters));
    return longest > MAX_CHARACTERS ? [`line of ${longest} characters (over ${MAX_CHARACTERS}) ${at}: ${named(block)}`] : [];
  };

  // Paragraph spacing, from baseline to baseline: a paragraph's last line and the next
  // paragraph's first, under it, are at least 1.5 line heights apart (see
  // theme/assets/stylesheets/plan.css). Paragraphs side by side (fields in a row) are not spaced.
  const paragraphSpacing = p => {
    const next = p.nextElementSibling;
    if (!next || next.tagName !== "P" || !visible(next) || !next.textContent.trim()) return [];
    const box = p.getBoundingClientRect(), nextBox = next.getBoundingClientRect();
    if (nextBox.left >= box.right - 1 || nextBox.right <= box.left + 1) return [];
    const height = parseFloat(getComputedStyle(p).lineHeight);
    const gap = nextBox.top - box.bottom;
    return gap + height < 1.5 * height - 0.5
      ? [`paragraphs ${(gap + height).toFixed(1)} px apart from baseline to baseline, under 1.5 line heights (${(1.5 * height).toFixed(1)} px): ${named(p)}`] : [];
  };

  const presentation = () => {
    settle();
    const content = document.querySelector("main") || document.body;
    const withText = el => el.textContent.trim() && visible(el);
    const blocks = [...content.querySelectorAll(PROSE)].filter(withText);
    const cells = [...content.querySelectorAll(CELLS)].filter(withText);
    const tight = [...blocks, ...cells].filter(el => !(lineHeight(el) >= 1.5 - 1e-3))
      .map(el => `line height ${lineHeight(el).toFixed(2)} times the font size (under 1.5): ${named(el)}`);
    const justified = [...document.body.querySelectorAll("*")]
      .filter(el => ownText(el) && /justify/.test(getComputedStyle(el).textAlign + getComputedStyle(el).textAlignLast))
      .map(el => `justified text: ${named(el)}`);
    return [...blocks.flatMap(lineLength), ...tight,
            ...blocks.filter(el => el.tagName === "P").flatMap(paragraphSpacing), ...justified];
  };

  // After the window is resized: two frames, so that the page's resize observers (a11y.js makes
  // table boxes Tab stops while they scroll) have run before anything is checked.
  const frames = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => { settle(); resolve(); })));

  window.__audit = {settle, frames, structure, states, clipped, overlaps, linkPurpose, presentation};
})();
