// Ma sélection, in place. Without this script every button is a form that adds or removes a
// fiche and shows the selection's page; with it, a button adds or removes its fiche without
// leaving the page. The chosen fiches' ids are in the signed cookie "selection"
// ("12.34.56:timestamp:signature"), which this script only reads: the server writes it.
(() => {
  const chosenIds = () => {
    const cookie = document.cookie.split("; ").find((item) => item.startsWith("selection="));
    if (!cookie) {
      return [];
    }
    const value = decodeURIComponent(cookie.slice("selection=".length)).replace(/^"|"$/g, "");
    return value.split(":")[0].split(".").filter((id) => /^\d+$/.test(id));
  };

  const announce = (message) => {
    let status = document.querySelector("[data-selection-status]");
    if (!status) {
      status = document.createElement("div");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      status.dataset.selectionStatus = "";
      document.body.append(status);
    }
    status.textContent = message;
  };

  const showCount = (ids) => {
    document.querySelectorAll("[data-selection-count]").forEach((count) => {
      count.textContent = ids.length ? ` (${ids.length})` : "";
      count.hidden = !ids.length;
    });
  };

  // Each fiche's button says whether it adds or removes, and its form posts accordingly.
  const showChosen = (ids) => {
    document.querySelectorAll("form[data-selection-toggle]").forEach((form) => {
      if (!form.dataset.addUrl) {
        form.dataset.addUrl = form.getAttribute("action");
      }
      const chosen = ids.includes(form.dataset.ficheId);
      form.setAttribute("action", chosen ? form.dataset.removeUrl : form.dataset.addUrl);
      form.classList.toggle("selection-toggle--chosen", chosen);
      form.querySelector('[data-when="out"]').hidden = chosen;
      form.querySelector('[data-when="in"]').hidden = !chosen;
    });
    showCount(ids);
  };

  const post = async (form) => {
    const response = await fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const answer = await response.json();
    return { ok: response.ok, ...answer };
  };

  // On the selection's page: a removed fiche leaves the list, and the links follow.
  const dropFromPage = (form, answer) => {
    form.closest("[data-slug]").remove();
    document.querySelectorAll("[data-selection-total]").forEach((total) => {
      total.textContent = answer.count_label;
    });
    const slugs = [...document.querySelectorAll(".selection-list [data-slug]")].map(
      (item) => item.dataset.slug,
    );
    if (!slugs.length) {
      window.location.reload();
      return;
    }
    const query = new URLSearchParams(slugs.map((slug) => ["fiche", slug])).toString();
    const share = document.querySelector("[data-share-url]");
    if (share) {
      const url = new URL(share.value);
      url.search = query;
      share.value = url.toString();
    }
    const pdf = document.querySelector("[data-selection-pdf]");
    if (pdf) {
      pdf.setAttribute("href", `${new URL(pdf.href).pathname}?${query}`);
    }
  };

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("form[data-selection-toggle], form[data-selection-remove]")) {
      return;
    }
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const answer = await post(form);
      announce(answer.message);
      if (answer.ok) {
        showChosen(answer.ids.map(String));
        if (form.matches("[data-selection-remove]")) {
          dropFromPage(form, answer);
        }
      }
    } catch {
      form.submit(); // The page's own way: the form posts and the server answers.
    } finally {
      button.disabled = false;
    }
  });

  // The link of a selection, copied in one click where the browser allows it.
  document.querySelectorAll("[data-copy]").forEach((button) => {
    if (!navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", async () => {
      const field = document.getElementById(button.dataset.copy);
      const status = document.querySelector("[data-copy-status]");
      try {
        await navigator.clipboard.writeText(field.value);
        status.textContent = button.dataset.copied;
      } catch {
        field.select();
        status.textContent = button.dataset.copyFailed;
      }
    });
  });

  document.addEventListener("DOMContentLoaded", () => showChosen(chosenIds()));
  // The catalogue's results are redrawn in place (htmx): mark their buttons again.
  document.addEventListener("htmx:afterSwap", () => showChosen(chosenIds()));
})();
