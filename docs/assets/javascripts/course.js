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

// Material's copy button sits over the top right corner of a code block, and covered the end of the first line
// or two wherever they reach that far (185 blocks at 375 px, a few on a desktop). Where text would lie under
// it, the block's first line starts below the button instead; measured again when the block's width changes
// (a turned phone, a solution opened).
(function () {
  "use strict";
  var widths = new WeakMap();
  function textUnder(nav, code) {  // does any visible character of the code lie beside or under the button?
    var band = nav.getBoundingClientRect(), range = document.createRange();
    for (var node = code.firstChild; node; node = node.nextSibling) {
      var rects;
      if (node.nodeType === Node.TEXT_NODE) {
        if (!node.data.trim()) continue;
        range.selectNodeContents(node);
        rects = range.getClientRects();
      } else if (node.nodeType === Node.ELEMENT_NODE && node.textContent.trim()) {
        rects = node.getClientRects();
      } else {
        continue;
      }
      for (var i = 0; i < rects.length; i++) {
        if (rects[i].top >= band.bottom) return false;  // past the button's band: the lines below are clear
        if (rects[i].width && rects[i].bottom > band.top && rects[i].right > band.left - 2) return true;
      }
    }
    return false;
  }
  function clear(pre) {
    var nav = pre.querySelector(".md-code__nav"), code = pre.querySelector("code");
    if (!nav || !code || !pre.clientWidth || widths.get(pre) === pre.clientWidth) return;
    widths.set(pre, pre.clientWidth);
    pre.classList.remove("course-code-clear");
    var under = textUnder(nav, code);
    if (under) {
      var gap = nav.getBoundingClientRect().bottom - code.getBoundingClientRect().top;
      pre.style.setProperty("--course-code-clear", Math.ceil(gap + 4) + "px");
    }
    pre.classList.toggle("course-code-clear", under);
  }
  function setUp() {
    var blocks = document.querySelectorAll(".md-typeset pre");
    var watch = window.ResizeObserver && new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { clear(entry.target); });
    });
    blocks.forEach(function (pre) { if (watch) watch.observe(pre); else clear(pre); });
  }
  if (document.readyState === "complete") setUp();
  else window.addEventListener("load", setUp);  // Material adds the buttons when the page has loaded
})();

// An animated figure plays once and stops on its last frame (the build writes its GIF without a loop: WCAG
// 2.2.2). It starts over when it first comes into view (it may have loaded, and played, further up the page),
// and a button under it plays it again. A GIF restarts only as a new image, so each play gets a fresh blob URL
// of the same bytes (or, where fetch cannot read the file, the address with a new query). A reader who asked
// for reduced motion sees the animation's still (its last frame, a <source> of its <picture>) and nothing
// plays by itself: the button then takes the still away, and the animation plays once.
(function () {
  "use strict";
  var english = document.documentElement.lang === "en";
  var label = english ? "Play the animation again" : "重新播放动画";
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
  var first = english ? "Play the animation" : "播放动画";  // under reduced motion it has not played yet
  var blobs = {};

  function play(image) {
    if (!image.complete) {  // its own load first: a new address would cancel it (then the fetch finds it cached)
      image.addEventListener("load", function () { play(image); }, { once: true });
      return;
    }
    var stills = image.parentNode.tagName === "PICTURE" ? image.parentNode.querySelectorAll("source") : [];
    if (stills.length && reduced && reduced.matches) {
      stills.forEach(function (source) { source.remove(); });  // the image loads its animation: it plays
      return;
    }
    var url = image.getAttribute("data-gif") || image.getAttribute("src");
    image.setAttribute("data-gif", url);
    if (!blobs[url]) {
      blobs[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.blob();
      });
    }
    blobs[url].then(function (blob) {
      var old = image.src;
      image.src = URL.createObjectURL(blob);
      if (old.indexOf("blob:") === 0) URL.revokeObjectURL(old);
    }, function () {
      image.src = url + (url.indexOf("?") < 0 ? "?" : "&") + "play=" + Date.now();
    });
  }

  function playAll(figure) {  // the image of the palette shown; the other starts when it is first shown
    figure.querySelectorAll("img[data-gif], img[src$='.gif']").forEach(function (image) {
      if (getComputedStyle(image).display !== "none") play(image);
    });
  }

  function setUp() {
    var seen = window.IntersectionObserver && new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          seen.unobserve(entry.target);
          playAll(entry.target);
        }
      });
    }, { threshold: 0.6 });
    // a lesson's figure, or an animation on a notebook page (notebooks.py)
    document.querySelectorAll("figure.course-figure, .course-animation").forEach(function (figure) {
      if (!figure.querySelector("img[src$='.gif']") || figure.querySelector(".course-replay")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "course-replay";
      var still = reduced && reduced.matches && figure.querySelector("picture source");
      button.textContent = still ? "▶ " + first : "↻ " + label;
      button.addEventListener("click", function () {
        playAll(figure);
        button.textContent = "↻ " + label;
      });
      figure.insertBefore(button, figure.querySelector("figcaption"));
      if (seen && !(reduced && reduced.matches)) seen.observe(figure);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
