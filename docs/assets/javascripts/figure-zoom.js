// Figure zoom: a click (or Enter / Space on the focused figure) opens the figure large in a native <dialog>,
// with its caption; Escape, a click anywhere or the close button closes it. No library, nothing from another
// host. The image shown is the one that matches the palette (each figure has a light and a dark twin).
(function () {
  "use strict";
  var dialog = null;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "course-zoom";
    dialog.setAttribute("aria-label", document.documentElement.lang === "en" ? "Figure" : "图");
    dialog.innerHTML = '<button type="button" class="course-zoom__close" aria-label="close">×</button>' +
      '<img alt=""><p class="course-zoom__caption"></p>';
    dialog.querySelector("button").setAttribute("aria-label",
      document.documentElement.lang === "en" ? "Close" : "关闭");
    dialog.addEventListener("click", function () { dialog.close(); });
    document.body.appendChild(dialog);
  }

  function shown(figure) {
    var images = figure.querySelectorAll("img");
    for (var i = 0; i < images.length; i++) {
      if (images[i].offsetParent !== null || getComputedStyle(images[i]).display !== "none") return images[i];
    }
    return images[0];
  }

  function open(figure) {
    if (!dialog) build();
    var image = shown(figure), caption = figure.querySelector("figcaption");
    var big = dialog.querySelector("img");
    big.src = image.dataset.full || image.currentSrc || image.src; // the figure as drawn, not a phone's stacked twin
    big.alt = image.alt;
    dialog.querySelector(".course-zoom__caption").textContent = caption ? caption.textContent : "";
    dialog.showModal();
    dialog.querySelector("button").focus();
  }

  function setUp(root) {
    root.querySelectorAll("figure.course-figure").forEach(function (figure) {
      if (figure.dataset.zoom) return;
      figure.dataset.zoom = "1";
      figure.querySelectorAll("img").forEach(function (image) {
        image.tabIndex = 0;
        image.setAttribute("role", "button");
        image.setAttribute("aria-haspopup", "dialog");
        image.addEventListener("click", function () { open(figure); });
        image.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            open(figure);
          }
        });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
})();
