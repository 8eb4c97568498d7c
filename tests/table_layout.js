// How every table of a page is laid out at the window's width, for tests/test_tables_browser.py:
// () => a list of one record per table. Evaluated after the window has been resized, once
// a11y.js has looked at the boxes again (it does on the next frame).
async () => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));

  // A word: letters and digits of a script that puts spaces between words. Japanese breaks
  // between characters anywhere, as it should, so it has no words to keep whole.
  const WORD = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]{2,}/gu;
  const BREAKS_WORDS = { wordBreak: ["break-all", "break-word"], overflowWrap: ["anywhere"] };

  const cellsOf = table => [...table.querySelectorAll(":scope > :is(thead, tbody, tfoot) > tr > :is(th, td)")];

  // Elements in cells whose style lets a line break inside a word.
  const breakingStyles = cells => cells.flatMap(cell => [cell, ...cell.querySelectorAll("*")]).flatMap(element => {
    const style = getComputedStyle(element);
    return Object.entries(BREAKS_WORDS)
      .filter(([property, values]) => values.includes(style[property]))
      .map(([property]) => `<${element.localName}> ${property}: ${style[property]}`);
  });

  // Words laid out on more than one line.
  const brokenWords = cells => cells.flatMap(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const broken = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(WORD)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(rect => rect.width > 0).map(rect => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });

  return [...document.querySelectorAll(".md-content table")].map(table => {
    const box = table.closest(".plan-table-wrap");
    const hint = box && box.previousElementSibling;
    const cells = cellsOf(table);
    const stacked = getComputedStyle(table).display === "block";
    const rowHeaders = [...table.querySelectorAll(":scope > tbody > tr")].map(row => row.querySelector(":scope > th:last-of-type"));
    const dataCells = [...table.querySelectorAll(":scope > tbody > tr > td")];
    return {
      caption: (table.caption ? table.caption.textContent : "").trim().slice(0, 80),
      layout: box ? [...box.classList].filter(name => name.startsWith("plan-table-wrap--")).map(name => name.slice(17)).join(" ") : null,
      overflow: box ? box.scrollWidth - box.clientWidth : null,
      stacked,
      // A grid holds its row headers in view when every row has one and each sticks.
      rowHeadersHeld: rowHeaders.length > 0 && rowHeaders.every(th => th && getComputedStyle(th).position === "sticky"),
      // Stacked, each data cell shows its column's header before its text.
      unlabelled: stacked ? dataCells.filter(td => !td.dataset.label || getComputedStyle(td, "::before").content === "none").length : 0,
      headerRowInPage: !table.tHead || getComputedStyle(table.tHead).display !== "none",
      hintShown: !!hint && hint.classList.contains("plan-scroll-hint") && !hint.hidden,
      named: box ? box.getAttribute("aria-label") : null,
      scrollName: box ? box.dataset.scrollLabel : null,
      tabStop: !!box && box.getAttribute("tabindex") === "0",
      breakingStyles: breakingStyles(cells),
      brokenWords: brokenWords(cells),
    };
  });
}
