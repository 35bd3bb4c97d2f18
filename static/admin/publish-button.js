// Names the post form's main button for what saving will do: "Publish" a post due now,
// "Schedule" one whose publish time is still to come, "Save" a draft. Without this script
// the button says "Save", and the message after saving says what happened (blog/admin.py).
"use strict";

(function () {
  const DATE = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/;
  const TIME = /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*$/;

  // The moment the admin's date (2026-11-03) and time (09:30:00) stand for, in
  // milliseconds, or null when they do not make one. They are in the server's time zone,
  // whose offset from UTC the admin gives in seconds on the body, as Django's own
  // date and time shortcuts read it.
  function publishMoment(dateText, timeText) {
    const date = DATE.exec(dateText);
    const time = TIME.exec(timeText);
    if (!date || !time) {
      return null;
    }
    const serverOffset = Number(document.body.dataset.adminUtcOffset) || 0;
    const [, year, month, day] = date.map(Number);
    const [, hour, minute, second] = time.map(function (part) {
      return Number(part || 0);
    });
    return Date.UTC(year, month - 1, day, hour, minute, second) - serverOffset * 1000;
  }

  function label(status, moment) {
    if (status !== "published") {
      return "Save";
    }
    return moment !== null && moment > Date.now() ? "Schedule" : "Publish";
  }

  document.addEventListener("DOMContentLoaded", function () {
    const status = document.getElementById("id_status");
    const date = document.getElementById("id_publish_at_0");
    const time = document.getElementById("id_publish_at_1");
    const button = status && status.form.querySelector('input[name="_save"]');
    if (!button || !date || !time) {
      return;
    }

    function relabel() {
      button.value = label(status.value, publishMoment(date.value, time.value));
    }

    // Django's calendar and clock shortcuts set a value without an input event, then
    // focus the field.
    for (const type of ["input", "change", "focusin"]) {
      status.form.addEventListener(type, relabel);
    }
    // A scheduled time comes, and the post would be published at once.
    setInterval(relabel, 15000);
    relabel();
  });
})();
