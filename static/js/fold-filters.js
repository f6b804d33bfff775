// On a phone the filters fold away so that the results come first. This runs in the page's
// head, before anything is drawn: the class hides the filters from the first paint, and once
// the page is read the <details> is closed for real, which looks the same. Nothing moves.
// Without JavaScript, or on a wider screen, the filters stay open.
if (window.matchMedia("(max-width: 60rem)").matches) {
  document.documentElement.classList.add("filters-folding");
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-collapse-on-small-screens]").forEach((details) => {
      details.open = false;
    });
    document.documentElement.classList.remove("filters-folding");
  });
}
