/*
 * Keyboard and screen reader behaviour for Material's chrome (issue 7, defects 1-4).
 *
 * Material keeps doing the work: these handlers click its own checkboxes (#__drawer, #__search and
 * the navigation toggles) and move focus; theme/assets/stylesheets/a11y.css hides whatever is
 * closed so that it leaves the Tab order. The markup is in theme/partials (header, nav, nav-item,
 * search, alternate). Breakpoints are Material's: the navigation is a drawer below 1220 px and the
 * search field sits in the header from 960 px.
 */
(function () {
  "use strict";

  /* 0. Colours (issue 27: WCAG 1.4.8, 1.4.6) ------------------------------------------------ */

  // The header's button switches the high-contrast theme (a11y.css, under data-contrast="high"
  // on <html>) on and off and remembers the choice for every page; theme/main.html applies it
  // before each page is drawn. Storage may be refused: the choice then holds for this page.
  var root = document.documentElement;
  document.querySelectorAll("[data-plan-contrast]").forEach(function (button) {
    button.setAttribute("aria-pressed", String(root.getAttribute("data-contrast") === "high"));
    button.addEventListener("click", function () {
      var high = root.getAttribute("data-contrast") !== "high";
      if (high) root.setAttribute("data-contrast", "high");
      else root.removeAttribute("data-contrast");
      button.setAttribute("aria-pressed", String(high));
      try {
        if (high) localStorage.setItem("planpub-contrast", "high");
        else localStorage.removeItem("planpub-contrast");
      } catch (error) { /* not remembered */ }
    });
  });

  var drawerToggle = document.getElementById("__drawer");
  var searchToggle = document.getElementById("__search");
  if (!drawerToggle || !searchToggle) return;

  var sidebarNav = window.matchMedia("(min-width: 76.25em)");
  var headerSearch = window.matchMedia("(min-width: 60em)");
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), " +
    "select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

  function shown(el) {
    return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility === "visible";
  }

  function firstFocusable(root) {
    var all = root ? root.querySelectorAll(FOCUSABLE) : [];
    for (var i = 0; i < all.length; i++) if (shown(all[i])) return all[i];
    return null;
  }

  function focus(el, options) {
    if (el) el.focus(options);
  }

  // In the drawer, what takes focus may still be sliding in: scrolling it into view would shift
  // the drawer's clipped contents sideways for good.
  function focusInDrawer(el) {
    focus(el, { preventScroll: true });
  }

  function lostFocus() {
    var active = document.activeElement;
    return !active || active === document.body || active === document.documentElement;
  }

  function typing(el) {
    return !!el && (/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) || el.isContentEditable);
  }

  function setToggle(input, checked) {
    if (input.checked !== checked) input.click(); // as Material does: a real change event
  }

  // Every page starts with the drawer and the search closed. The checkboxes lack Material's
  // autocomplete="off" (invalid there; see planpub/post_build.py), so Firefox may restore them
  // as checked on reload. An address with ?q= is a link to search, which Material opens.
  setToggle(drawerToggle, false);
  if (!new URLSearchParams(location.search).has("q")) setToggle(searchToggle, false);

  /* 1. Navigation drawer (below 1220 px) --------------------------------------------------- */

  var drawerButton = document.querySelector("[data-a11y-drawer-open]");
  var drawer = document.querySelector(".md-sidebar--primary");
  var drawerClose = document.querySelector("[data-a11y-drawer-close]");
  var hashAtOpen = null;

  function isDrawer() {
    return !sidebarNav.matches && !!drawer;
  }

  function hashTarget() {
    var id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (error) {
      return null;
    }
    return id ? document.getElementById(id) : null;
  }

  if (drawerButton && drawer) {
    drawerButton.addEventListener("click", function () {
      setToggle(drawerToggle, true);
      focusInDrawer(firstFocusable(drawer));
    });
    if (drawerClose) {
      drawerClose.addEventListener("click", function () {
        setToggle(drawerToggle, false);
      });
    }
    drawerToggle.addEventListener("change", function () {
      drawerButton.setAttribute("aria-expanded", String(drawerToggle.checked));
      if (drawerToggle.checked) {
        hashAtOpen = location.hash;
        return;
      }
      if (!isDrawer() || !(lostFocus() || drawer.contains(document.activeElement))) return;
      // Material closes the drawer after a link in it was followed: a link to a part of this page
      // takes focus there, anything else takes it back to the menu button.
      var target = location.hash !== hashAtOpen ? hashTarget() : null;
      if (target) {
        if (!target.matches(FOCUSABLE)) target.setAttribute("tabindex", "-1");
        focus(target, { preventScroll: true });
      } else {
        focus(drawerButton);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !drawerToggle.checked || !isDrawer() || searchToggle.checked) return;
      event.preventDefault();
      setToggle(drawerToggle, false);
    });
    // Leaving the drawer with Tab or Shift+Tab closes it, so focus never hides behind it.
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (drawerToggle.checked && isDrawer() && next && !drawer.contains(next)) {
        setToggle(drawerToggle, false);
      }
    });
  }

  /* 2. Navigation section toggles ------------------------------------------------------------ */

  function syncToggle(input) {
    var buttons = document.querySelectorAll('[data-a11y-toggle="' + input.id + '"]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-expanded", String(input.checked));
    }
  }

  var navToggles = document.querySelectorAll(".md-nav__toggle");
  for (var n = 0; n < navToggles.length; n++) {
    syncToggle(navToggles[n]);
    navToggles[n].addEventListener("change", function (event) {
      syncToggle(event.target);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-a11y-toggle]") : null;
    var input = button && document.getElementById(button.getAttribute("data-a11y-toggle"));
    if (!input) return;
    input.click();
    // In the drawer the levels slide over each other: follow the level that comes into view.
    if (!isDrawer() || !drawer.contains(button)) return;
    if (input.checked) {
      focusInDrawer(firstFocusable(document.getElementById(button.getAttribute("aria-controls"))));
    } else {
      focusInDrawer(drawer.querySelector('[data-a11y-toggle="' + input.id + '"]:not(.a11y-nav-back)'));
    }
  });

  /* 3. Search ---------------------------------------------------------------------------------- */

  var search = document.querySelector("[data-md-component=search]");
  var query = search && search.querySelector("[data-md-component=search-query]");
  var searchButton = document.querySelector("[data-a11y-search-open]");
  var status = search && search.querySelector("[data-a11y-search-status]");
  var meta = search && search.querySelector(".md-search-result__meta");
  var searchOpener = null;

  function openSearch() {
    setToggle(searchToggle, true);
    focus(query);
  }

  // Escape closes search; focus stays in the search field when it is in the header (960 px and
  // up), otherwise it goes back where search was opened from. Material's own Escape handler would
  // drop focus on <body>, so it does not see this key.
  function closeSearch() {
    var inside = search.contains(document.activeElement);
    if (headerSearch.matches) {
      if (inside && document.activeElement !== query) {
        // From a result: back to the field first. Material opens search whenever the field gains
        // focus (it looks 1 ms later), so close once it has looked.
        focus(query);
        setTimeout(function () {
          setToggle(searchToggle, false);
        }, 50);
        return;
      }
      setToggle(searchToggle, false);
      return;
    }
    setToggle(searchToggle, false);
    if (inside || lostFocus()) focus(shown(searchOpener) ? searchOpener : searchButton);
  }

  if (search && query) {
    if (searchButton) {
      searchButton.addEventListener("click", function () {
        searchOpener = searchButton;
        openSearch();
      });
    }
    // A link to search in the page (the home page's "search the plan", href="?q=") opens it
    // where it is, and focus goes back to the link when it closes.
    document.querySelectorAll("[data-a11y-search-link]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        searchOpener = link;
        openSearch();
      });
    });
    query.addEventListener("focus", function (event) {
      var from = event.relatedTarget;
      if (from && !search.contains(from)) searchOpener = from;
    });
    window.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !searchToggle.checked) return;
      event.preventDefault();
      event.stopPropagation();
      closeSearch();
    }, true);
    // After Escape the field keeps focus with search closed: typing or ArrowDown opens it again.
    var reopen = function (event) {
      if (!searchToggle.checked && (event.type !== "keydown" || event.key === "ArrowDown")) {
        setToggle(searchToggle, true);
      }
    };
    query.addEventListener("input", reopen);
    query.addEventListener("click", reopen);
    query.addEventListener("keydown", reopen);
    searchToggle.addEventListener("change", function () {
      if (searchButton) searchButton.setAttribute("aria-expanded", String(searchToggle.checked));
      if (searchToggle.checked) return;
      if (status) status.textContent = "";
      // Closed by a pointer (overlay, back arrow): put focus back if it was lost with the dialog.
      setTimeout(function () {
        if (searchToggle.checked || headerSearch.matches) return;
        if (lostFocus() || search.contains(document.activeElement)) {
          focus(shown(searchOpener) ? searchOpener : searchButton);
        }
      }, 0);
    });
    // Announce the result count or "no results" politely, once typing pauses (WCAG 4.1.3).
    if (status && meta) {
      var timer = null;
      new MutationObserver(function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          var text = searchToggle.checked && query.value.trim() ? meta.textContent.trim() : "";
          if (status.textContent !== text) status.textContent = text;
        }, 500);
      }).observe(meta, { childList: true, characterData: true, subtree: true });
    }
  }

  /* 3b. Search results by Tab (issue 26, failure 3: WCAG 4.1.2, 2.4.3) ------------------------- */

  // Tab and Shift+Tab move through the field and the result links as anywhere else in the page:
  // Material makes its result links no Tab stops (tabindex=-1, reached by ArrowDown/ArrowUp
  // only, which still work), and its own handler, which would close search on Tab and send
  // focus to the navigation, does not see Tab. A hint under the result count says so, and the
  // announcement of the count ends with it. Leaving search with Tab or Shift+Tab closes it.
  // Below 960 px search opens over the page: it is a dialog then, and only then.
  var searchHint = search && search.querySelector(".plan-search-hint");
  var resultList = search && search.querySelector(".md-search-result__list");

  function syncSearchDialog() {
    var dialog = searchToggle.checked && !headerSearch.matches;
    if (dialog) {
      search.setAttribute("role", "dialog");
      search.setAttribute("aria-label", search.getAttribute("data-a11y-dialog-label"));
    } else {
      search.removeAttribute("role");
      search.removeAttribute("aria-label");
    }
  }

  // A result link holds an <article>, whose text Chromium leaves out of the link's name: without
  // its role, the link is named by what it shows, its title first.
  function tabbableResult(link) {
    var article = link.querySelector(".md-search-result__article");
    link.removeAttribute("tabindex");
    if (article) article.setAttribute("role", "none");
  }

  function hasResults() {
    return !!search.querySelector(".md-search-result__item");
  }

  if (search && query) {
    syncSearchDialog();
    searchToggle.addEventListener("change", syncSearchDialog);
    headerSearch.addEventListener("change", syncSearchDialog);
    window.addEventListener("keydown", function (event) {
      // Shift too: on any other key Material puts focus back in the field, before Shift+Tab.
      if (/^(Tab|Shift)$/.test(event.key) && searchToggle.checked && search.contains(document.activeElement)) {
        event.stopPropagation();
      }
    }, true);
    search.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (searchToggle.checked && next && !search.contains(next)) setToggle(searchToggle, false);
    });
    if (resultList) {
      new MutationObserver(function () {
        resultList.querySelectorAll(".md-search-result__link[tabindex='-1']").forEach(tabbableResult);
      }).observe(resultList, { childList: true, subtree: true });
    }
    if (searchHint && status) {
      new MutationObserver(function () {
        var text = status.textContent;
        if (text && hasResults() && text.indexOf(searchHint.textContent) < 0) {
          status.textContent = text + " " + searchHint.textContent;
        }
      }).observe(status, { childList: true, characterData: true, subtree: true });
    }
  }

  /* 4. Language menu --------------------------------------------------------------------------- */

  var selects = document.querySelectorAll("[data-a11y-select]");
  Array.prototype.forEach.call(selects, function (select) {
    var button = select.querySelector("button[aria-controls]");
    var list = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!list) return;

    function setOpen(open) {
      list.hidden = !open;
      select.classList.toggle("a11y-select--open", open);
      button.setAttribute("aria-expanded", String(open));
    }

    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(list.hidden);
    });
    select.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || list.hidden) return;
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      focus(button);
    });
    select.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (!list.hidden && next && !select.contains(next)) setOpen(false);
    });
    document.addEventListener("click", function (event) {
      if (!list.hidden && !select.contains(event.target)) setOpen(false);
    });
  });

  /* 5. Table boxes ------------------------------------------------------------------------- */

  // A table's box is a Tab stop only while it scrolls sideways, so that keyboard users can
  // scroll it; a box that fits would be a stop with nothing to do. While it scrolls, a hint
  // above it says so, and so does its name (content/components/table.j2 gives both texts; the
  // hint is made here, so that search does not index it on every page). Without this script
  // every box stays a Tab stop, which is harmless, and shows no hint.
  var tableBoxes = Array.prototype.map.call(document.querySelectorAll(".plan-table-wrap"), function (box) {
    return { box: box, name: box.getAttribute("aria-label"), hint: null };
  });
  function showHint(table, shown) {
    if (shown && !table.hint) {
      table.hint = document.createElement("p");
      table.hint.className = "plan-scroll-hint";
      table.hint.setAttribute("aria-hidden", "true"); // the box's name says it
      table.hint.textContent = table.box.getAttribute("data-scroll-hint");
      table.box.before(table.hint);
    }
    if (table.hint) table.hint.hidden = !shown;
  }
  function updateTableBoxes() {
    tableBoxes.forEach(function (table) {
      var box = table.box;
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls) box.setAttribute("tabindex", "0");
      else if (document.activeElement !== box) box.removeAttribute("tabindex");
      box.setAttribute("aria-label", scrolls ? box.getAttribute("data-scroll-label") : table.name);
      showHint(table, scrolls);
    });
  }
  if (tableBoxes.length && window.ResizeObserver) {
    var observer = new ResizeObserver(updateTableBoxes);
    tableBoxes.forEach(function (table) {
      observer.observe(table.box);
      observer.observe(table.box.querySelector("table")); // rows shown or hidden (roadmap filters)
    });
  }

  /* 6. Printing ----------------------------------------------------------------------------- */

  // A printout says where it came from: the page's address under the plan title, and the
  // address of every link in the text after it (plan.css prints them). Without this script
  // only the addresses of links to other sites print.
  document.querySelectorAll("[data-print-url]").forEach(function (slot) {
    slot.textContent = location.href;
  });
  document.querySelectorAll(".md-content a[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    if (href.charAt(0) !== "#" && !/^(mailto|tel):/.test(href)) link.setAttribute("data-print-href", link.href);
  });

  // Focus stays in sight in the table of contents. With toc.follow, Material scrolls the
  // contents panel to the section being read whenever the page scrolls; Tabbing through a long
  // contents list scrolls the page too, and the panel could be carried away from the link that
  // has focus (WCAG 2.4.7). After any scroll of a panel holding focus, the focused link is
  // brought back to the middle of what the panel shows: below its sticky title, which covers
  // the links scrolled under it. Only the panel scrolls, so the page (and toc.follow) stay put.
  // The same when focus moves without a scroll: with Shift+Tab from the page's end, the browser
  // counts a link under the sticky title as in view and does not scroll.
  function keepFocusInPanel(panel) {
    var focused = document.activeElement;
    if (!(panel instanceof Element) || !focused || !panel.contains(focused) || !panel.closest(".md-sidebar--secondary")) return;
    var shown = panel.getBoundingClientRect();
    var title = panel.querySelector(".md-nav__title");
    var top = title ? Math.max(shown.top, title.getBoundingClientRect().bottom) : shown.top;
    var link = focused.getBoundingClientRect();
    if (link.top < top || link.bottom > shown.bottom) panel.scrollTop += link.top - (top + shown.bottom - link.height) / 2;
  }
  document.addEventListener("scroll", function (event) { keepFocusInPanel(event.target); }, true);
  document.addEventListener("focusin", function (event) {
    keepFocusInPanel(event.target instanceof Element && event.target.closest(".md-sidebar__scrollwrap"));
  });

  /* Issue 26, failure 5: no single-key shortcuts (WCAG 2.1 SC 2.1.4) ----------------------- */

  // Material listens on the window for keys pressed outside a text field: n or . load the next
  // page, p or , the previous one, and s, f or / open search. Speech input types what it hears,
  // and one word said with focus on a link would take the reader to another page. A character key
  // goes no further than the document: the page's own handlers (on the elements) still get it,
  // Material's do not. Search stays a field in the header, or its button below 960 px. With search
  // open, its keys are search's (Material's "search" mode).
  document.addEventListener("keydown", function (event) {
    if (event.key.length !== 1 || event.ctrlKey || event.metaKey || searchToggle.checked || typing(event.target)) return;
    event.stopPropagation();
  });

  /* Issue 26, failure 1: focus below the sticky header (WCAG 2.4.7) ----------------------- */

  // Material's header is 2.4rem high unless the plan title wraps (at 200% zoom, in English): a11y.css
  // keeps scrolling focus (Shift+Tab), links to a part of the page and the sidebars below the
  // header's real height, which this gives it. Without this script the 2.4rem of a one-line title.
  var header = document.querySelector(".md-header");
  if (header && window.ResizeObserver) {
    new ResizeObserver(function () {
      document.documentElement.style.setProperty("--a11y-header-height", header.offsetHeight + "px");
    }).observe(header);
  }

  // The same sideways, in a grid that scrolls: its row headers are held in view at its start
  // (plan.css), and what Shift+Tab scrolls into view comes to rest beside them, not under them.
  function keepFocusBesideRowHeaders(entries) {
    entries.forEach(function (entry) {
      var box = entry.target;
      var held = Array.prototype.filter.call(box.querySelectorAll("thead th"), function (th) {
        return getComputedStyle(th).position === "sticky";
      });
      var width = Math.max.apply(null, held.map(function (th) { return th.offsetWidth; }).concat(0));
      box.style.scrollPaddingLeft = width ? width + 4 + "px" : "";
    });
  }
  if (window.ResizeObserver) {
    var grids = new ResizeObserver(keepFocusBesideRowHeaders);
    document.querySelectorAll(".plan-table-wrap--grid").forEach(function (box) {
      grids.observe(box);
    });
  }
})();
