// The Markdown editor (practice.widgets.MarkdownEditorWidget): the text beside a preview of
// the page as readers will see it, a live word count, and images dropped or pasted in,
// which are uploaded with their progress shown and inserted once the editor describes them.
//
// It replaces django-markdownx's own script, which puts whatever the server answers (a
// refusal, the sign-in page) into the preview and inserts images without a description.
"use strict";

(function () {
  const PREVIEW_DELAY_MS = 300;

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // The messages of a refusal: the endpoints answer {field: [message, ...]}.
  function messagesOf(answer, status) {
    const messages = answer && typeof answer === "object" ? Object.values(answer).flat() : [];
    if (messages.length) return messages;
    if (status === 413) return ["This file is too large to upload."];
    return ["The server could not take this just now. Your text is safe here; try again in a moment."];
  }

  function escapeDescription(text) {
    return text.replace(/\s+/g, " ").trim().replace(/[\\[\]]/g, "\\$&");
  }

  class MarkdownEditor {
    constructor(container) {
      this.container = container;
      this.textarea = container.querySelector("textarea");
      this.frame = container.querySelector("iframe");
      this.status = container.querySelector("[data-upload-status]");
      this.wordCount = container.querySelector("[data-word-count]");
      this.readingTime = container.querySelector("[data-reading-time]");
      this.wordsPerMinute = Number(container.dataset.wordsPerMinute);
      this.previewHtml = null;
      this.previewTimer = null;

      this.textarea.addEventListener("input", () => {
        this.count();
        clearTimeout(this.previewTimer);
        this.previewTimer = setTimeout(() => this.preview(), PREVIEW_DELAY_MS);
      });
      this.textarea.addEventListener("drop", (event) => this.receive(event, event.dataTransfer));
      this.textarea.addEventListener("paste", (event) => this.receive(event, event.clipboardData));
      this.frame.addEventListener("load", () => this.show());
      this.count();
      this.preview();
    }

    count() {
      const words = this.textarea.value.split(/\s+/).filter(Boolean).length;
      const minutes = Math.max(1, Math.ceil(words / this.wordsPerMinute));
      this.wordCount.textContent = `${words} word${words === 1 ? "" : "s"}`;
      this.readingTime.textContent = `${minutes} min read`;
    }

    async preview() {
      const data = new FormData();
      data.append("content", this.textarea.value);
      const answer = await this.send(this.textarea.dataset.markdownxUrlsPath, data);
      if (answer.ok) {
        this.previewHtml = await answer.text();
        this.show();
        this.showErrors([]);
      } else {
        this.showErrors(messagesOf(await answer.json().catch(() => null), answer.status));
      }
    }

    send(url, data) {
      return fetch(url, {
        method: "POST",
        body: data,
        headers: {"X-CSRFToken": csrfToken()},
        credentials: "same-origin",
        redirect: "error",
      }).catch(() => new Response(null, {status: 503}));
    }

    // The preview frame is the site's own page: fill its article once it has loaded.
    show() {
      const body = this.frame.contentDocument && this.frame.contentDocument.querySelector("[data-preview]");
      if (body && this.previewHtml !== null) body.innerHTML = this.previewHtml;
    }

    showErrors(messages) {
      let list = this.container.querySelector("ul[data-editor-errors]");
      if (!messages.length) {
        if (list) list.remove();
        return;
      }
      if (!list) {
        list = document.createElement("ul");
        list.className = "errorlist";
        list.dataset.editorErrors = "";
        list.setAttribute("role", "alert");
        this.container.prepend(list);
      }
      list.replaceChildren(...messages.map((message) => {
        const item = document.createElement("li");
        item.textContent = message;
        return item;
      }));
    }

    async receive(event, transfer) {
      const files = Array.from((transfer && transfer.files) || []).filter((file) => file.type.startsWith("image/") || file.type === "");
      if (!files.length) return;
      event.preventDefault();
      const position = this.textarea.selectionStart;
      for (const file of files) {
        const url = await this.upload(file);
        if (!url) continue;
        const description = await describe(url, file.name);
        if (description === null) {
          this.status.textContent = `${file.name} was left out.`;
          continue;
        }
        this.insert(`![${escapeDescription(description)}](${url})`, position);
        this.status.textContent = `${file.name} was added.`;
      }
    }

    upload(file) {
      const line = document.createElement("p");
      const progress = document.createElement("progress");
      progress.max = 100;
      progress.value = 0;
      const label = document.createElement("label");
      label.textContent = `Uploading ${file.name} `;
      label.append(progress);
      line.append(label);
      this.status.replaceChildren(line);
      this.showErrors([]);

      return new Promise((resolve) => {
        const request = new XMLHttpRequest();
        request.open("POST", this.textarea.dataset.markdownxUploadUrlsPath);
        request.setRequestHeader("X-CSRFToken", csrfToken());
        request.responseType = "json";
        request.upload.addEventListener("progress", (progressEvent) => {
          if (progressEvent.lengthComputable) {
            progress.value = Math.round((100 * progressEvent.loaded) / progressEvent.total);
          }
        });
        request.addEventListener("load", () => {
          line.remove();
          if (request.status === 200 && request.response && request.response.url) {
            resolve(request.response.url);
          } else {
            this.showErrors(messagesOf(request.response, request.status));
            resolve(null);
          }
        });
        request.addEventListener("error", () => {
          line.remove();
          this.showErrors(["The image could not be sent: check the connection and drop it again."]);
          resolve(null);
        });
        const data = new FormData();
        data.append("image", file);
        request.send(data);
      });
    }

    // The image in a paragraph of its own, where the text was when it was dropped.
    insert(markdown, position) {
      const value = this.textarea.value;
      const before = value.slice(0, position);
      const after = value.slice(position);
      const opening = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
      const closing = after === "" || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
      this.textarea.value = before + opening + markdown + closing + after;
      const caret = (before + opening + markdown).length;
      this.textarea.focus();
      this.textarea.setSelectionRange(caret, caret);
      this.textarea.dispatchEvent(new Event("input", {bubbles: true}));
    }
  }

  let dialogCount = 0;

  // Asks for an uploaded image's description; resolves with it, or null if left out.
  function describe(url, fileName) {
    dialogCount += 1;
    const id = `image-description-${dialogCount}`;
    const dialog = document.createElement("dialog");
    dialog.className = "image-description";
    dialog.setAttribute("aria-labelledby", `${id}-heading`);
    const form = document.createElement("form");
    form.method = "dialog";

    const heading = document.createElement("h2");
    heading.id = `${id}-heading`;
    heading.textContent = "Describe this image";
    const image = document.createElement("img");
    image.src = url;
    image.alt = "";
    image.className = "image-description__image";
    const label = document.createElement("label");
    label.htmlFor = `${id}-text`;
    label.textContent = "Description (alt text)";
    const help = document.createElement("p");
    help.id = `${id}-help`;
    help.className = "help";
    help.textContent = `What a reader who cannot see ${fileName} needs to know, in a sentence: “Two armchairs by a window”. Screen readers read it aloud, and it shows if the image cannot load.`;
    const input = document.createElement("input");
    input.type = "text";
    input.id = `${id}-text`;
    input.required = true;
    input.maxLength = 250;
    input.setAttribute("aria-describedby", help.id);
    const buttons = document.createElement("div");
    buttons.className = "image-description__buttons";
    const insert = document.createElement("button");
    insert.type = "submit";
    insert.value = "insert";
    insert.className = "button default";
    insert.textContent = "Insert image";
    const leaveOut = document.createElement("button");
    leaveOut.type = "button";
    leaveOut.className = "button";
    leaveOut.textContent = "Leave it out";
    buttons.append(insert, leaveOut);
    form.append(heading, image, label, help, input, buttons);
    dialog.append(form);
    document.body.append(dialog);

    const returnFocusTo = document.activeElement;
    return new Promise((resolve) => {
      leaveOut.addEventListener("click", () => dialog.close(""));
      dialog.addEventListener("close", () => {
        const description = dialog.returnValue === "insert" ? input.value.trim() : null;
        dialog.remove();
        if (returnFocusTo) returnFocusTo.focus();
        resolve(description);
      });
      input.addEventListener("input", () => input.setCustomValidity(""));
      insert.addEventListener("click", (event) => {
        if (!input.value.trim()) {
          event.preventDefault();
          input.setCustomValidity("Describe the image before inserting it.");
          input.reportValidity();
        }
      });
      dialog.showModal();
      input.focus();
    });
  }

  function start(root) {
    root.querySelectorAll(".markdown-editor").forEach((container) => {
      // An inline's empty form is a template: its copies start when they are added.
      if (container.closest(".empty-form") || container.dataset.started) return;
      container.dataset.started = "";
      new MarkdownEditor(container);
    });
  }

  document.addEventListener("DOMContentLoaded", () => start(document));
  document.addEventListener("formset:added", (event) => start(event.target));
})();
