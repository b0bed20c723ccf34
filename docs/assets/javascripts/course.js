// Language switcher: the header's menu links each page to its translation (mkdocs-static-i18n); both
// languages use the same heading anchors, so carry the reader's #section along.
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
  if (link && location.hash && !link.hash) {
    link.hash = location.hash;
  }
}, true);

// Setup lines (the CJK font registration of figure programs) are marked by the build; fold them behind a
// button that says what is folded. Copying (Material's copy button) and the download keep every line.
(function () {
  "use strict";
  var words = {
    zh: { folded: function (n) { return "已折叠 " + n + " 行设置代码（注册中文字体；复制和下载时完整保留）"; },
          show: "展开", hide: "折叠" },
    en: { folded: function (n) { return n + " setup lines folded (they register the CJK font; copy and download keep them)"; },
          show: "show", hide: "fold" }
  };
  function setUp() {
    var w = words[document.documentElement.lang === "en" ? "en" : "zh"];
    document.querySelectorAll("div.highlight[data-setup-lines]").forEach(function (block) {
      if (block.querySelector(".course-setup-toggle")) return;
      var n = block.getAttribute("data-setup-lines");
      var bar = document.createElement("p");
      bar.className = "course-setup-note";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "course-setup-toggle";
      button.setAttribute("aria-expanded", "false");
      button.textContent = w.show;
      bar.appendChild(document.createTextNode(w.folded(n) + " "));
      bar.appendChild(button);
      block.classList.add("course-setup-folded");
      block.parentNode.insertBefore(bar, block);
      button.addEventListener("click", function () {
        var folded = block.classList.toggle("course-setup-folded");
        button.textContent = folded ? w.show : w.hide;
        button.setAttribute("aria-expanded", folded ? "false" : "true");
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

// The search dialog gets an accessible name (Material leaves its role="dialog" unnamed).
(function () {
  "use strict";
  function name() {
    var search = document.querySelector(".md-search[role='dialog']") || document.querySelector(".md-search");
    if (search && !search.getAttribute("aria-label")) {
      search.setAttribute("aria-label", document.documentElement.lang === "en" ? "Search" : "搜索");
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", name);
  else name();
})();

// A formula wider than the column scrolls in its own box: the keyboard must reach it (tab, then arrows).
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".katex-display").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", document.documentElement.lang === "en" ? "formula" : "公式");
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  window.addEventListener("resize", mark);
})();
