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

// The comment form's token: the page may come from the HTTP cache, up to a minute old,
// and its token with it. When a reader first steps into the form, ask for a token made
// now (comments/views.py, fresh_form_token); if that fails, the page's token still works.
(function () {
  "use strict";

  document.querySelectorAll("form[data-token-url]").forEach(function (form) {
    var token = form.querySelector("input[name=token]");
    if (!token || !window.fetch) return;
    form.addEventListener(
      "focusin",
      function () {
        fetch(form.dataset.tokenUrl, { credentials: "omit", cache: "no-store" })
          .then(function (response) {
            return response.ok ? response.text() : Promise.reject(response.status);
          })
          .then(function (fresh) {
            token.value = fresh;
          })
          .catch(function () {});
      },
      { once: true }
    );
  });
})();
