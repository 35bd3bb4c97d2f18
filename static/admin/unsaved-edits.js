// Work written in an admin form is never lost: leaving the form with unsaved changes asks
// first, and what is typed is kept in this browser (localStorage) until it is saved, so
// that after a crash, a closed tab or an expired session it is offered back.
//
// Saving with an expired session sends the editor through the sign-in page and back to
// an empty form: the text kept on the way out is then put back at once.
"use strict";

(function () {
  const PREFIX = "unsaved-edits:";
  const KEPT_FOR_MS = 30 * 24 * 60 * 60 * 1000;
  const SAVE_DELAY_MS = 400;

  function read(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function write(key, draft) {
    try {
      localStorage.setItem(key, JSON.stringify(draft));
    } catch (error) {
      // Storage full or switched off: the unsaved-changes prompt still guards the text.
    }
  }

  function storedKeys() {
    return Object.keys(localStorage).filter((key) => key.startsWith(PREFIX));
  }

  // A success message means the form sent last was saved: its copy has done its work.
  function forgetSavedDrafts() {
    const saved = document.querySelector(".messagelist .success");
    for (const key of storedKeys()) {
      const draft = read(key);
      if (!draft || Date.now() - draft.keptAt > KEPT_FOR_MS || (saved && draft.sent)) {
        localStorage.removeItem(key);
      }
    }
  }

  function fieldsOf(form) {
    return Array.from(form.elements).filter((field) =>
      field.name && !["hidden", "file", "submit", "button", "password"].includes(field.type) &&
      !field.closest(".empty-form"));
  }

  function valuesOf(form) {
    const values = {};
    for (const field of fieldsOf(form)) {
      if (field.type === "checkbox") {
        values[`${field.name}=${field.value}`] = field.checked;
      } else if (field.type === "radio") {
        if (field.checked) values[field.name] = field.value;
      } else if (field.type === "select-multiple") {
        values[field.name] = Array.from(field.selectedOptions, (option) => option.value);
      } else {
        values[field.name] = field.value;
      }
    }
    return values;
  }

  function fill(form, values) {
    for (const field of fieldsOf(form)) {
      const name = field.type === "checkbox" ? `${field.name}=${field.value}` : field.name;
      if (!(name in values)) continue;
      const value = values[name];
      if (field.type === "checkbox") field.checked = value;
      else if (field.type === "radio") field.checked = field.value === value;
      else if (field.type === "select-multiple") {
        for (const option of field.options) option.selected = value.includes(option.value);
      } else field.value = value;
      field.dispatchEvent(new Event("input", {bubbles: true}));
      field.dispatchEvent(new Event("change", {bubbles: true}));
    }
  }

  function sameValues(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function notice(form, text, actions) {
    const box = document.createElement("div");
    box.className = "unsaved-edits";
    box.setAttribute("role", "status");
    const message = document.createElement("p");
    message.textContent = text;
    box.append(message);
    if (actions.length) {
      const buttons = document.createElement("p");
      buttons.className = "unsaved-edits__buttons";
      for (const [label, act] of actions) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = label;
        button.addEventListener("click", () => {
          act();
          box.remove();
        });
        buttons.append(button);
      }
      box.append(buttons);
    }
    form.before(box);
    return box;
  }

  function keepEdits(form) {
    const key = PREFIX + location.pathname;
    const saved = valuesOf(form);
    let sending = false;
    let timer = null;

    const changed = () => !sameValues(valuesOf(form), saved);
    const keep = (sent) => {
      if (changed()) write(key, {keptAt: Date.now(), sent: sent, values: valuesOf(form)});
      else localStorage.removeItem(key);
    };

    const draft = read(key);
    if (draft && !sameValues(draft.values, saved)) {
      const when = new Date(draft.keptAt).toLocaleString([], {dateStyle: "medium", timeStyle: "short"});
      if (document.querySelector(".errornote")) {
        // The form came back with errors and holds what was sent: keep the copy.
        write(key, {...draft, sent: false});
      } else if (draft.sent) {
        fill(form, draft.values);
        notice(form, "You were signed out before your changes could be saved. They are back in the form: check them, then save again.", []);
      } else {
        notice(form, `This form has changes from ${when} that were not saved.`, [
          ["Restore them", () => fill(form, draft.values)],
          ["Discard them", () => localStorage.removeItem(key)],
        ]);
      }
    } else if (draft) {
      localStorage.removeItem(key);
    }

    const keepSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => keep(false), SAVE_DELAY_MS);
    };
    form.addEventListener("input", keepSoon);
    form.addEventListener("change", keepSoon);
    form.addEventListener("submit", () => {
      sending = true;
      clearTimeout(timer);
      keep(true);
    });
    window.addEventListener("beforeunload", (event) => {
      if (sending || !changed()) return;
      keep(false);
      event.preventDefault();
      event.returnValue = "";
    });
  }

  document.addEventListener("DOMContentLoaded", forgetSavedDrafts);
  // After the admin's own scripts have set up their widgets, so that what they change on
  // load does not count as the editor's change.
  window.addEventListener("load", () => {
    const form = document.querySelector("#content-main form[id$='_form']");
    if (form && form.querySelector(".markdown-editor")) setTimeout(() => keepEdits(form));
  });
})();
