// The session timeout warning, on every page of a signed-in member of staff (GOV.UK's timeout warning pattern).
// app.js loads this when the page's body says how long the session lasts without a request (data-signed-out-in,
// in seconds) and where to ask to stay signed in (data-keep-alive).
//
// Typing on a page keeps the session alive: at most once in a twelfth of the idle time (five minutes of an hour)
// the page asks the server to stay signed in, so that nobody typing up a long visit is signed out part-way through.
// A page left alone warns before the session ends, in a dialog that counts down, with a button to stay signed in.
// If the session has ended all the same, the dialog says so, and that what was typed is still on the page: signing
// in again in a new tab lets this one be saved.

const MINUTE = 60_000;

function minutes(ms) {
  const n = Math.max(1, Math.ceil(ms / MINUTE));
  return n === 1 ? "1 minute" : `${n} minutes`;
}

function dialogHTML(signInHref) {
  return `
  <h2 class="govuk-heading-m" id="gt-timeout-title">You will be signed out soon</h2>
  <p class="govuk-body" id="gt-timeout-text">You have not used Golden Thread for a while. To keep you safe, you will be signed out in <strong data-timeout-left>5 minutes</strong>. Anything on this page that is not saved will be lost.</p>
  <div class="govuk-button-group" data-timeout-stay>
    <button type="button" class="govuk-button" data-module="govuk-button">Stay signed in</button>
  </div>
  <div data-timeout-ended hidden>
    <p class="govuk-body">What you typed is still on this page. <a class="govuk-link" href="${signInHref}" target="_blank" rel="noopener">Sign in again in a new tab (opens in new tab)</a>, then come back to this tab and save it.</p>
    <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-timeout-close>Back to the page</button>
  </div>`;
}

export function watch(body) {
  const idle = Number(body.dataset.signedOutIn) * 1000;
  const keepAlive = body.dataset.keepAlive;
  if (!(idle > 0) || !keepAlive) {
    return;
  }
  const warnBefore = Math.min(5 * MINUTE, idle / 2);
  const pingEvery = idle / 12;
  let deadline = Date.now() + idle;
  let lastAsked = Date.now();
  let ended = false;

  const dialog = document.createElement("dialog");
  dialog.className = "gt-timeout";
  dialog.setAttribute("aria-labelledby", "gt-timeout-title");
  dialog.setAttribute("aria-describedby", "gt-timeout-text");
  dialog.innerHTML = dialogHTML("/sign-in");
  document.body.append(dialog);
  const left = dialog.querySelector("[data-timeout-left]");
  const title = dialog.querySelector("#gt-timeout-title");
  const text = dialog.querySelector("#gt-timeout-text");

  function showEnded() {
    ended = true;
    title.textContent = "You have been signed out";
    text.textContent = "You were signed out after a time without using Golden Thread.";
    dialog.querySelector("[data-timeout-stay]").hidden = true;
    dialog.querySelector("[data-timeout-ended]").hidden = false;
    if (!dialog.open) {
      dialog.showModal();
    }
  }

  // stay asks the server to keep the session: 204 while signed in; a redirect to sign in once it has ended.
  async function stay() {
    lastAsked = Date.now();
    try {
      const res = await fetch(keepAlive, { credentials: "same-origin", redirect: "manual", cache: "no-store" });
      if (res.status === 204) {
        deadline = Date.now() + idle;
        if (dialog.open && !ended) {
          dialog.close();
        }
        return;
      }
      showEnded();
    } catch {
      // The server could not be reached: the countdown goes on, and the next keystroke asks again.
    }
  }

  dialog.querySelector("[data-timeout-stay] button").addEventListener("click", stay);
  dialog.querySelector("[data-timeout-close]").addEventListener("click", () => dialog.close());
  // Escape closes the warning, which is as good as asking to stay.
  dialog.addEventListener("cancel", () => {
    if (!ended) {
      stay();
    }
  });
  document.addEventListener("input", () => {
    if (!ended && Date.now() - lastAsked >= pingEvery) {
      stay();
    }
  });

  setInterval(() => {
    if (ended) {
      return;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      showEnded();
    } else if (remaining <= warnBefore) {
      left.textContent = minutes(remaining);
      if (!dialog.open) {
        dialog.showModal();
      }
    }
  }, 1000);
}
