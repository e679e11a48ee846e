// Working on a target brings its sentence into view in the document, without moving
// the page: the document scrolls inside its own panel.
(function () {
  const panel = document.getElementById("lm-source");
  function show(index) {
    const mark = document.getElementById("q" + index);
    if (!panel || !mark) return false;
    panel.querySelectorAll("mark.lm-current").forEach((m) => m.classList.remove("lm-current"));
    mark.classList.add("lm-current");
    panel.scrollTop = mark.offsetTop - panel.clientHeight / 3;
    return true;
  }
  document.querySelectorAll(".lm-target").forEach((card) => {
    card.addEventListener("focusin", () => show(card.dataset.index));
    // A range asks for 'from' and 'to', any other comparison for one value.
    const comparator = card.querySelector("select[name$='-comparator']");
    if (comparator) comparator.addEventListener("change", () => {
      const between = comparator.value === "between";
      card.querySelector(".lm-one").classList.toggle("d-none", between);
      card.querySelector(".lm-range").classList.toggle("d-none", !between);
      const measure = card.querySelector(".lm-measure");
      measure.classList.toggle("col-md-3", between);
      measure.classList.toggle("col-md-5", !between);
    });
    const link = card.querySelector("a[href^='#q']");
    if (link) link.addEventListener("click", (e) => { if (show(card.dataset.index)) e.preventDefault(); });
  });
})();
