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

// <select data-module="gt-autocomplete"> becomes an accessible autocomplete.
// The library is loaded only on pages that use it.
const selects = document.querySelectorAll('select[data-module="gt-autocomplete"]');
if (selects.length > 0) {
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = "/assets/build/accessible-autocomplete.min.css";
  document.head.appendChild(css);

  const script = document.createElement("script");
  script.src = "/assets/build/accessible-autocomplete.min.js";
  script.addEventListener("load", () => {
    for (const select of selects) {
      window.accessibleAutocomplete.enhanceSelectElement({
        selectElement: select,
        showAllValues: true,
      });
    }
  });
  document.head.appendChild(script);
}
