// On a phone, the filters fold away so that the results come first; without JavaScript,
// or on a wider screen, they stay open.
const smallScreen = window.matchMedia("(max-width: 60rem)");
document.querySelectorAll("[data-collapse-on-small-screens]").forEach((details) => {
  if (smallScreen.matches) {
    details.open = false;
  }
});
