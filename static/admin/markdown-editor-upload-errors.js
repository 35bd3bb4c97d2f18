// Shows why the server refused an image dropped into the Markdown editor (too large, not
// an image...). django-markdownx only logs the answer and types "Invalid response" into
// the text; this puts the server's message above the editor and takes that text out again.
"use strict";

(function () {
  const PLACEHOLDER = "Invalid response";

  function messageList(container) {
    let list = container.previousElementSibling;
    if (!list || !list.matches("ul.errorlist[data-upload-errors]")) {
      list = document.createElement("ul");
      list.className = "errorlist";
      list.dataset.uploadErrors = "";
      list.setAttribute("role", "alert");
      container.before(list);
    }
    return list;
  }

  document.addEventListener("markdownx.fileUploadError", function (event) {
    const container = event.target;
    const answer = (event.detail && event.detail[0]) || {};
    const list = messageList(container);
    list.replaceChildren(...Object.values(answer).flat().map(function (message) {
      const item = document.createElement("li");
      item.textContent = message;
      return item;
    }));

    // django-markdownx types its placeholder over the selection right after this event.
    const editor = container.querySelector(".markdownx-editor");
    const start = editor.selectionStart;
    const selected = editor.value.slice(start, editor.selectionEnd);
    setTimeout(function () {
      if (editor.value.slice(start, start + PLACEHOLDER.length) !== PLACEHOLDER) return;
      editor.value = editor.value.slice(0, start) + selected + editor.value.slice(start + PLACEHOLDER.length);
      editor.selectionStart = start;
      editor.selectionEnd = start + selected.length;
      editor.dispatchEvent(new Event("input"));
    });
  }, true);  // Captured: django-markdownx's events do not bubble.

  document.addEventListener("markdownx.fileUploadEnd", function (event) {
    const list = event.target.previousElementSibling;
    if (list && list.matches("ul.errorlist[data-upload-errors]")) list.remove();
  }, true);
})();
