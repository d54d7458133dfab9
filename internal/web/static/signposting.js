// The signposting section (frontdoorpage.Signposting), enhanced. app.js loads this only on pages that have the
// section, with the accessible-autocomplete library.
//
// Without this script the section works in pages: "Search the directory" shows the page again with the results,
// each with an Add button, and Remove is a submit button too. With it, "Find a service" becomes a type-ahead box
// over the directory's word search (GET /directory/services/suggest?q=), choosing a service adds its card from the
// section's <template> without a page load, and Remove takes the card away. The cards carry the same form fields
// either way, so the page saves them the same way.

const DEBOUNCE_MS = 150;

function escapeHTML(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export function enhance(section, accessibleAutocomplete) {
  const find = section.querySelector("[data-signposting-find]");
  const original = find.querySelector('input[name="signpost_find"]');
  const chosen = section.querySelector("[data-signposting-chosen]");
  const none = section.querySelector("[data-signposting-none]");
  const status = section.querySelector("[data-signposting-status]");
  const template = section.querySelector("template[data-signposting-template]");
  const url = section.dataset.suggest;
  if (!original || !chosen || !template || !url) {
    return;
  }

  // What the directory's search says goes into the type-ahead's menu, newest search only.
  let timer;
  let inFlight;
  function source(query, populate) {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      inFlight?.abort();
      inFlight = new AbortController();
      try {
        const res = await fetch(url + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          signal: inFlight.signal,
        });
        populate(res.ok ? (await res.json()).services : []);
      } catch (err) {
        if (err.name !== "AbortError") {
          populate([]);
        }
      }
    }, DEBOUNCE_MS);
  }

  function say(text) {
    // Emptied first, so the same words are announced again.
    status.textContent = "";
    setTimeout(() => {
      status.textContent = text;
    }, 50);
  }

  function cards() {
    return Array.from(chosen.querySelectorAll("[data-signpost]"));
  }

  function showNone() {
    if (none) {
      none.hidden = cards().length > 0;
    }
  }

  function nextIndex() {
    let next = 0;
    for (const card of cards()) {
      const n = Number.parseInt(card.dataset.signpost, 10);
      if (!Number.isNaN(n) && n >= next) {
        next = n + 1;
      }
    }
    return next;
  }

  function add(service) {
    const existing = cards().find((card) => card.querySelector("[data-signpost-service]")?.value === service.id);
    if (existing) {
      say(service.name + " is already on the list");
      existing.querySelector(".govuk-summary-card__title")?.focus();
      return;
    }
    const card = template.content.querySelector("[data-signpost]").cloneNode(true);
    const index = String(nextIndex());
    for (const el of [card, ...card.querySelectorAll("*")]) {
      for (const attr of Array.from(el.attributes)) {
        if (attr.value.includes("__INDEX__")) {
          el.setAttribute(attr.name, attr.value.replaceAll("__INDEX__", index));
        }
      }
    }
    card.querySelector("[data-signpost-service]").value = service.id;
    card.querySelector("[data-signpost-name]").textContent = service.name;
    card.querySelector("[data-signpost-organisation]").textContent = service.organisation;
    card.querySelector("[data-signpost-remove-name]").textContent = " " + service.name;
    card.querySelector("[data-signpost-shared]").value = service.shared;
    chosen.appendChild(card);
    showNone();
    const followUp = ["day", "month", "year"].map((p) => card.querySelector(`input[name$="-follow_up_on-${p}"]`)?.value).join("/");
    say("Added " + service.name + ". Follow up by " + followUp + ". Search again to add another service.");
  }

  // A fresh type-ahead box: after each choice the old one is replaced, so the box is empty for the next search.
  let host;
  function mount(focus) {
    const next = document.createElement("div");
    (host ?? original).replaceWith(next);
    host = next;
    accessibleAutocomplete({
      element: host,
      id: original.id,
      name: original.name,
      source,
      minLength: 2,
      confirmOnBlur: false,
      showNoOptionsFound: true,
      tNoResults: () => "No services found",
      templates: {
        inputValue: (s) => (s ? s.name : ""),
        suggestion: (s) =>
          s
            ? escapeHTML(s.name) + (s.organisation ? ' <span class="govuk-!-font-size-16">(' + escapeHTML(s.organisation) + ")</span>" : "")
            : "",
      },
      onConfirm: (s) => {
        if (!s) {
          return;
        }
        add(s);
        setTimeout(() => mount(true), 0);
      },
    });
    if (focus) {
      host.querySelector("input")?.focus();
    }
  }
  mount(false);
  // The type-ahead box searches as you type, so the button that searches in a page is not needed.
  const searchButton = section.querySelector("[data-signposting-search]");
  if (searchButton) {
    searchButton.hidden = true;
  }

  section.addEventListener("click", (event) => {
    const remove = event.target.closest("[data-signpost-remove]");
    if (!remove) {
      return;
    }
    event.preventDefault();
    const card = remove.closest("[data-signpost]");
    const name = card.querySelector("[data-signpost-name]")?.textContent.trim();
    card.remove();
    showNone();
    say("Removed " + name);
    host.querySelector("input")?.focus();
  });
}
