// The conversation page (conversationpage.NewConversation), enhanced. app.js loads this only on that page.
//
// Without this script the page works in pages: each "Add …" and "Remove" button posts the form, and the server
// sends it back as typed with the entry added or taken out, at the same place. With it, the same post is sent in
// the background and the form the server sends back takes this one's place, without a page load, and the new entry's
// first box takes the focus. What was typed is always the server's to keep and show again, so the two ways cannot
// differ. The SMART check beside an outcome is asked of the server as the outcome is written, and the box for why the
// lower rungs cannot meet an outcome shows only when a solution's rung is above information and advice.

import { initAll } from "./build/govuk-frontend.min.js";

const CHECK_AFTER_MS = 700;
const DRAFT_EVERY_MS = 60_000;

// post sends the form as the button would, and returns the page the server answers with, or null.
async function post(form, button) {
  const body = new URLSearchParams(new FormData(form));
  body.set("entry", button);
  try {
    const res = await fetch(form.action, { method: "POST", body, credentials: "same-origin" });
    if (!res.ok) {
      return null;
    }
    return new DOMParser().parseFromString(await res.text(), "text/html");
  } catch {
    return null;
  }
}

// showReasons shows each solution's reason box only when its rung needs one, or when something is already in it.
function showReasons(form) {
  for (const select of form.querySelectorAll("select[data-rung]")) {
    const box = select.closest(".gt-entry")?.querySelector("[data-lower-rungs-reason]");
    if (!box) {
      continue;
    }
    const needs = select.selectedOptions[0]?.dataset.needsReason === "true";
    const typed = box.querySelector("textarea")?.value.trim() !== "";
    const wrong = box.querySelector(".govuk-form-group--error") !== null;
    box.hidden = !(needs || typed || wrong);
  }
}

export function enhance(form) {
  const status = document.createElement("div");
  status.className = "govuk-visually-hidden";
  status.setAttribute("role", "status");
  form.after(status);

  form.addEventListener("click", async (event) => {
    const button = event.target.closest('button[name="entry"]');
    if (!button || !form.contains(button)) {
      return;
    }
    event.preventDefault();
    if (button.value === "draft") {
      saveDraft();
      return;
    }
    const page = await post(form, button.value);
    const fresh = page?.getElementById(form.id);
    if (!fresh) {
      form.requestSubmit(button); // the page in pages, as without this script
      return;
    }
    form.innerHTML = fresh.innerHTML;
    initAll({ scope: form });
    showReasons(form);
    const added = form.querySelector("[data-added]");
    if (added) {
      added.querySelector("input:not([type=hidden]), textarea, select")?.focus();
      status.textContent = (added.querySelector("legend")?.textContent.trim() ?? "An entry") + " added";
      return;
    }
    const place = document.getElementById(new URL(button.formAction).hash.slice(1));
    place?.querySelector("button")?.focus();
    status.textContent = "Removed";
  });

  form.addEventListener("change", (event) => {
    if (event.target.matches("select[data-rung]")) {
      showReasons(form);
    }
  });

  // The SMART check: when an outcome's boxes are changed, the server's check of it replaces the one shown.
  const timers = new Map();
  form.addEventListener("input", (event) => {
    const outcome = event.target.closest('.gt-entry[id^="outcome_"]:not(.gt-entry--nested)');
    if (!outcome) {
      return;
    }
    clearTimeout(timers.get(outcome.id));
    timers.set(outcome.id, setTimeout(async () => {
      const page = await post(form, "check:" + outcome.id);
      const fresh = page?.getElementById(outcome.id + "_smart");
      const shown = document.getElementById(outcome.id + "_smart");
      if (fresh && shown && fresh.innerHTML !== shown.innerHTML) {
        shown.innerHTML = fresh.innerHTML;
      }
    }, CHECK_AFTER_MS));
  });

  // Drafts: "Save as a draft", and every minute while the page is being typed in, keep the page as typed on the
  // server; the line above the buttons says when, as the server wrote it.
  let typedSinceDraft = false;
  form.addEventListener("input", () => {
    typedSinceDraft = true;
  });
  async function saveDraft() {
    typedSinceDraft = false;
    const page = await post(form, "draft");
    const fresh = page?.getElementById("draft-status");
    const shown = document.getElementById("draft-status");
    if (fresh && shown) {
      shown.textContent = fresh.textContent.trim() || "Draft saved";
    }
  }
  setInterval(() => {
    if (typedSinceDraft) {
      saveDraft();
    }
  }, DRAFT_EVERY_MS);

  showReasons(form);
}
