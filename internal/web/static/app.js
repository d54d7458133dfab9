// Golden Thread's only script. Every page works without it: it adds GOV.UK
// Frontend's enhancements (error summary focus, conditional reveals, the
// mobile menu) and turns marked selects into type-ahead lists.
//
// The Content-Security-Policy allows scripts from this site only and no inline
// script, so the class GOV.UK Frontend looks for is set here instead of in
// GOV.UK's usual inline snippet. Module scripts only run in browsers that
// GOV.UK Frontend supports, which is what that snippet checks.
import { initAll } from "./build/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// The accessible-autocomplete library, loaded once and only on pages that use it.
let autocomplete;
function loadAutocomplete() {
  autocomplete ??= new Promise((resolve, reject) => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = "/assets/build/accessible-autocomplete.min.css";
    document.head.appendChild(css);

    const script = document.createElement("script");
    script.src = "/assets/build/accessible-autocomplete.min.js";
    script.addEventListener("load", () => resolve(window.accessibleAutocomplete));
    script.addEventListener("error", reject);
    document.head.appendChild(script);
  });
  return autocomplete;
}

// <select data-module="gt-autocomplete"> becomes an accessible autocomplete.
const selects = document.querySelectorAll('select[data-module="gt-autocomplete"]');
if (selects.length > 0) {
  loadAutocomplete().then((accessibleAutocomplete) => {
    for (const select of selects) {
      accessibleAutocomplete.enhanceSelectElement({
        selectElement: select,
        showAllValues: true,
      });
    }
  });
}

// The signposting section (frontdoorpage.Signposting): its "Find a service" box searches the directory as you
// type, and choosing a service adds it without a page load. Without this, its buttons do the same in pages.
const signposting = document.querySelectorAll('[data-module="gt-signposting"]');
if (signposting.length > 0) {
  Promise.all([loadAutocomplete(), import("./signposting.js")]).then(([accessibleAutocomplete, module]) => {
    for (const section of signposting) {
      module.enhance(section, accessibleAutocomplete);
    }
  });
}

// The conversation page (conversationpage.NewConversation): its Add and Remove buttons change the form without a
// page load. Without this, they do the same in pages.
const sitting = document.querySelector('form[data-module="gt-sitting"]');
if (sitting) {
  import("./sitting.js").then((module) => module.enhance(sitting));
}

// The session timeout warning, for a signed-in member of staff (timeout.js).
if (document.body.dataset.signedOutIn) {
  import("./timeout.js").then((module) => module.watch(document.body));
}
