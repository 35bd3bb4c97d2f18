/* "Exit this page", after the GOV.UK design system: the button, or Shift pressed three
   times, blanks the page at once and leaves for a neutral site in this page's place in the
   browser's history, so that Back does not bring it back. Without this script the button
   is still a plain link to that site. */
(() => {
  "use strict";

  const PRESSES_TO_EXIT = 3;
  const PRESS_WINDOW_MS = 5000;
  const MESSAGE_SHOWN_MS = 5000;

  const button = document.querySelector("[data-quick-exit]");
  if (!button) {
    return;
  }

  const hint = document.createElement("span");
  hint.id = "quick-exit-hint";
  hint.className = "visually-hidden";
  hint.textContent = "Or press Shift 3 times.";
  const status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  const dots = document.createElement("span");
  dots.className = "quick-exit__presses";
  dots.hidden = true;
  dots.append(...Array.from({ length: PRESSES_TO_EXIT }, () => document.createElement("span")));
  button.append(dots);
  button.after(hint, status);
  button.setAttribute("aria-describedby", hint.id);

  let presses = 0;
  let lastKeyHadShift = false;
  let pressWindow;
  let messageTimer;

  function exit(event) {
    event.preventDefault();
    document.documentElement.classList.add("quick-exit-leaving");
    const cover = document.createElement("div");
    cover.className = "quick-exit-cover";
    cover.setAttribute("role", "alert");
    cover.textContent = "Loading.";
    document.body.append(cover);
    document.title = "Loading";
    // The neutral site is not told which site the reader was on.
    const referrer = document.createElement("meta");
    referrer.name = "referrer";
    referrer.content = "no-referrer";
    document.head.append(referrer);
    window.location.replace(button.href);
  }

  function say(message) {
    clearTimeout(messageTimer);
    status.textContent = message;
    messageTimer = setTimeout(() => {
      status.textContent = "";
    }, MESSAGE_SHOWN_MS);
  }

  function showPresses() {
    dots.hidden = presses === 0;
    dots.querySelectorAll("span").forEach((dot, index) => {
      dot.classList.toggle("quick-exit__press--done", index < presses);
    });
  }

  function forgetPresses() {
    clearTimeout(pressWindow);
    presses = 0;
    status.textContent = "";
    showPresses();
  }

  function countShift(event) {
    presses += 1;
    clearTimeout(pressWindow);
    if (presses >= PRESSES_TO_EXIT) {
      exit(event);
      return;
    }
    showPresses();
    const left = PRESSES_TO_EXIT - presses;
    say(`Shift, press ${left} more ${left === 1 ? "time" : "times"} to exit.`);
    pressWindow = setTimeout(() => {
      forgetPresses();
      say("Exit this page expired.");
    }, PRESS_WINDOW_MS);
  }

  button.addEventListener("click", exit);
  // On key up, and only a Shift released on its own: Shift held for a capital letter or
  // Shift+Tab is typing, not a request to leave, and any other key starts the count again.
  document.addEventListener(
    "keyup",
    (event) => {
      if (event.key === "Shift" && !lastKeyHadShift) {
        countShift(event);
      } else if (presses > 0) {
        forgetPresses();
      }
      lastKeyHadShift = event.shiftKey;
    },
    true,
  );
})();
