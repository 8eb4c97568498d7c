/*
 * Filters of the roadmap page (progressive enhancement): by pillar or guideline, department,
 * fiscal year (the years an item's or initiative's schedule covers) and mark. The page is whole
 * without JavaScript; this script shows the filter form, hides the items and initiatives (each a
 * <tbody data-subject>) that do not match, the headings and tables left empty, and says in a
 * status message how many are shown.
 */
(() => {
  const form = document.querySelector(".plan-roadmap-filter");
  if (!form) return;
  const subjects = [...document.querySelectorAll("tbody[data-subject]")];
  const status = form.querySelector("[role=status]");
  const has = (list, value) => !value || list.split(" ").includes(value);

  const matches = (subject, filter) =>
    (!filter.group || subject.dataset.group === filter.group) &&
    has(subject.dataset.departments, filter.department) && has(subject.dataset.years, filter.year) &&
    has(subject.dataset.marks, filter.mark);

  // A table with nothing shown goes with its heading; a part's heading goes when none of its
  // tables shows.
  const hideEmpty = () => {
    document.querySelectorAll("table.plan-roadmap").forEach(table => {
      const wrap = table.closest(".plan-table-wrap");
      wrap.hidden = !table.querySelector("tbody[data-subject]:not([hidden])");
      const heading = wrap.previousElementSibling;
      if (heading && heading.tagName === "H3") heading.hidden = wrap.hidden;
    });
    document.querySelectorAll(".md-content h2").forEach(part => {
      let shown = false;
      for (let el = part.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) {
        if (el.matches(".plan-table-wrap") && !el.hidden) shown = true;
      }
      part.hidden = !shown;
    });
  };

  const apply = () => {
    const filter = Object.fromEntries(["group", "department", "year", "mark"].map(name => [name, form.elements[name].value]));
    subjects.forEach(subject => { subject.hidden = !matches(subject, filter); });
    hideEmpty();
    const shown = subjects.filter(subject => !subject.hidden).length;
    status.textContent = status.dataset.template.replace("{shown}", shown).replace("{total}", subjects.length);
  };

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", event => { event.preventDefault(); apply(); });
})();
