// Progressive enhancement only: every page works without this file.
// "Copy" buttons copy the text of the textarea named by data-copy.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-copy"));
      if (!target) { return; }
      var label = button.textContent;
      var done = function (ok) {
        button.textContent = ok ? "Copied" : "Select the text and copy it";
        window.setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(target.value).then(function () { done(true); }, function () { done(false); });
      } else {
        target.focus();
        target.select();
        done(false);
      }
    });
  });
});
