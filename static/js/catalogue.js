// A long list of choices gets a search box: typing keeps the choices whose label holds the
// typed letters, accents and capitals aside. Without JavaScript the whole list scrolls.
const SEARCH_FROM = 8;
const folded = (text) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

document.querySelectorAll("[data-choice-list]").forEach((list, number) => {
  const options = [...list.querySelectorAll("li")];
  if (options.length < SEARCH_FROM) {
    return;
  }
  const legend = list.closest("fieldset").querySelector("legend").textContent.trim();
  const search = document.createElement("input");
  search.type = "search";
  search.id = `recherche-liste-${number}`;
  search.className = "choice-list__search";
  search.setAttribute("aria-label", `${list.dataset.searchLabel} : ${legend}`);
  search.placeholder = `${list.dataset.searchLabel}…`;
  search.autocomplete = "off";
  const shown = document.createElement("p");
  shown.className = "help choice-list__shown";
  shown.setAttribute("aria-live", "polite");
  list.before(search, shown);

  search.addEventListener("input", () => {
    const wanted = folded(search.value.trim());
    let count = 0;
    options.forEach((option) => {
      const match = !wanted || folded(option.textContent).includes(wanted);
      option.hidden = !match;
      count += match ? 1 : 0;
    });
    list.querySelectorAll("fieldset").forEach((group) => {
      group.hidden = !group.querySelector("li:not([hidden])");
    });
    shown.textContent = wanted ? `${count} ${list.dataset.shownLabel}` : "";
  });
  // The box only narrows the list: it neither submits the form nor refreshes the results.
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
    }
  });
  search.addEventListener("change", (event) => event.stopPropagation());
});

// A chip or a page link redraws the results from a new address: the form follows it, so that
// the next change of a filter does not bring back a criterion the person just removed.
const filters = document.getElementById("filtres");
const followAddress = () => {
  const params = new URLSearchParams(window.location.search);
  filters.querySelectorAll("input[name], select[name]").forEach((field) => {
    if (field.type === "checkbox") {
      field.checked = params.getAll(field.name).includes(field.value);
    } else if (field.type !== "hidden") {
      field.value = params.get(field.name) ?? (field.tagName === "SELECT" ? field.value : "");
    }
  });
};
if (filters) {
  document.body.addEventListener("htmx:afterSettle", (event) => {
    if (!filters.contains(event.detail.elt)) {
      followAddress();
    }
  });
}
