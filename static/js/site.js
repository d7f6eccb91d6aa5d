// The "copy link" share button: shown only where this script runs, since it needs it.
(function () {
  "use strict";

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(field);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyWithSelection(text);
      });
    }
    return copyWithSelection(text);
  }

  document.querySelectorAll("[data-copy-url]").forEach(function (button) {
    var share = button.closest(".share");
    var status = share ? share.querySelector("[data-copy-status]") : null;
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(button.dataset.copyUrl).then(
        function () {
          if (status) status.textContent = button.dataset.copied;
        },
        function () {
          if (status) status.textContent = button.dataset.copyFailed;
        }
      );
    });
  });
})();
