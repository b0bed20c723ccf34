// Exponentially weighted average widget (optimizers page): the 30 temperatures of
// snippets/optimizers/ewa_data.*.py and their average for any β, drawn as points + line.
//
// Mounts into every <div class="course-playground" data-widget="ewa" data-src="…reference.json"></div>;
// the temperatures come from the reference JSON (snippets/lab/playground_reference.py, written by the
// build), fetched when the widget comes near the screen. Without JavaScript the static figures remain.
// Test hook: window.coursePlayground.ewa(values, beta, mode), .widgets, .lastFrameMs.
(function () {
  "use strict";

  // The average in float64, each operation as the reference computes it with torch.
  //   "source":    S1 = Y1,  St = β·S(t−1) + (1 − β)·Yt  (the definition on the optimizers page)
  //   "zero":      S0 = 0,   St = β·S(t−1) + (1 − β)·Yt  (as Adam's moments start)
  //   "corrected": the "zero" average divided by 1 − β^t (bias correction)
  function ewa(values, beta, mode) {
    var out = new Array(values.length), s = 0;
    for (var t = 0; t < values.length; t++) {
      if (mode === "source" && t === 0) s = values[0];
      else s = beta * s + (1 - beta) * values[t];
      out[t] = mode === "corrected" ? s / (1 - Math.pow(beta, t + 1)) : s;
    }
    return out;
  }

  var MODES = ["source", "zero", "corrected"];
  var WORDS = {
    en: {
      beta: "β", mode: "Start and correction", source: "S₁ = Y₁ (the definition above)",
      zero: "S₀ = 0, no correction", corrected: "S₀ = 0, bias-corrected Sₜ / (1 − βᵗ)",
      data: "daily temperature", average: "weighted average", day: "day", temperature: "temperature (°C)",
      window: function (n) { return "1/(1 − β) ≈ " + n + (n === 1 ? " day" : " days"); }, reset: "Reset",
      loading: "Loading the temperatures…", failed: "The temperatures could not be loaded; the figures below show the same data.",
      plot: function (b, m) { return "The 30 daily temperatures as points and their weighted average with β = " + b + " (" + m + ") as a line"; },
    },
    zh: {
      beta: "β", mode: "初值与修正", source: "S₁ = Y₁（上文的定义）", zero: "S₀ = 0，不修正",
      corrected: "S₀ = 0，偏差修正 Sₜ / (1 − βᵗ)", data: "每日温度", average: "加权平均", day: "天",
      temperature: "温度（°C）", window: function (n) { return "1/(1 − β) ≈ " + n + " 天"; }, reset: "恢复默认",
      loading: "正在加载温度数据…", failed: "温度数据未能加载；下面的静态图展示的是同一组数据。",
      plot: function (b, m) { return "30 天的温度（点）和 β = " + b + " 的加权平均（线，" + m + "）"; },
    },
  };
  var DEFAULT = { beta: 0.9, mode: "source" }; // = the static figure with β = 0.9
  var COLORS = {
    light: { points: "#1f77b4", line: "#d62728", fg: "#333", grid: "#e6e6e6" },
    dark: { points: "#5aa9e6", line: "#ff6b6b", fg: "#d5d7e2", grid: "#3a3f4d" },
  };

  // The EWA part of the reference, next to this script: assets/javascripts/ -> assets/playground/ewa.json
  // (the build writes it from snippets/lab/playground_reference.py; mkdocs.yml data_files)
  var SCRIPT = document.currentScript && document.currentScript.src;

  function language(root) {
    var lang = (root.getAttribute("data-lang") || document.documentElement.lang || "en").toLowerCase();
    return lang.indexOf("zh") === 0 ? "zh" : "en";
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  var uid = 0;

  function EwaWidget(root, values) {
    this.root = root;
    this.values = values;
    this.words = WORDS[language(root)];
    this.beta = DEFAULT.beta;
    this.mode = DEFAULT.mode;
    this.id = "ewa" + (++uid);
    this.build();
    this.redraw();
  }

  EwaWidget.prototype.build = function () {
    var w = this.words, self = this, id = this.id;
    this.root.textContent = "";
    this.root.classList.add("course-playground--live");
    this.canvas = el("canvas", { class: "cp-ewa", role: "img" });
    this.slider = el("input", { type: "range", id: id + "-beta", min: 0, max: 99, step: 1 });
    this.out = el("output", { for: this.slider.id });
    this.slider.addEventListener("input", function () { self.beta = Number(self.slider.value) / 100; self.redraw(); });
    var modes = el("fieldset", { class: "cp-modes" }, [el("legend", { text: w.mode })]);
    this.modeInputs = {};
    MODES.forEach(function (m) {
      var input = el("input", { type: "radio", name: id + "-mode", value: m, id: id + "-" + m });
      input.addEventListener("change", function () { self.mode = m; self.redraw(); });
      self.modeInputs[m] = input;
      modes.appendChild(el("label", { for: input.id }, [input, el("span", { text: w[m] })]));
    });
    var reset = el("button", { type: "button", class: "md-button cp-reset", text: w.reset });
    reset.addEventListener("click", function () { self.beta = DEFAULT.beta; self.mode = DEFAULT.mode; self.redraw(); });
    this.windowText = el("span", { class: "cp-help" });
    this.root.appendChild(this.canvas);
    this.root.appendChild(el("div", { class: "cp-controls" }, [
      el("label", { class: "cp-field", for: this.slider.id }, [el("span", { text: w.beta }), this.slider, this.out]),
      this.windowText, reset,
    ]));
    this.root.appendChild(modes);
    if (window.ResizeObserver) {
      var width = 0;
      new ResizeObserver(function () {
        if (self.root.clientWidth !== width) { width = self.root.clientWidth; self.redraw(); }
      }).observe(this.root);
    }
  };

  EwaWidget.prototype.redraw = function () {
    var t0 = performance.now(), w = this.words;
    this.slider.value = Math.round(this.beta * 100);
    this.out.textContent = String(this.beta);
    this.slider.setAttribute("aria-valuetext", String(this.beta)); // not the slider's position (90 for β = 0.9)
    this.modeInputs[this.mode].checked = true;
    this.windowText.textContent = this.beta < 1 ? w.window(Math.round(1 / (1 - this.beta) * 10) / 10) : "";
    var avg = ewa(this.values, this.beta, this.mode);
    this.lastAverage = avg;
    this.draw(avg);
    this.canvas.setAttribute("aria-label", w.plot(this.beta, w[this.mode]));
    var ms = performance.now() - t0;
    this.lastFrameMs = ms;
    api.lastFrameMs = ms;
    return ms;
  };

  EwaWidget.prototype.draw = function (avg) {
    var host = this.root.closest("[data-md-color-scheme]");
    var c = COLORS[host && host.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light"];
    var width = Math.max(200, this.root.clientWidth || 600), height = Math.round(Math.min(Math.max(width * 0.5, 200), 320));
    var ratio = Math.min(window.devicePixelRatio || 1, 2), canvas = this.canvas, w = this.words;
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = "11px " + getComputedStyle(this.root).fontFamily;
    // The legend: two entries (an 18 px marker, its text 24 px in), side by side, or one above the other where
    // the widest (β = 0.99) would run past the canvas (a phone, in English); decided for the widest, so that
    // the plot's size does not jump as β changes.
    var left = 44, dataWidth = ctx.measureText(w.data).width;
    var stacked = left + 36 + dataWidth + 24 + ctx.measureText(w.average + " (β = 0.99)").width > width - 4;
    var line = stacked ? { x: left, y: 28 } : { x: left + 36 + dataWidth, y: 12 };
    var top = stacked ? 42 : 26;
    var v = { left: left, top: top, w: width - 52, h: height - top - 34 }, n = this.values.length;
    var X = function (day) { return v.left + (day - 0.5) / n * v.w; }; // day 1 … n
    var Y = function (t) { return v.top + (10.5 - t) / 11 * v.h; }; // -0.5 … 10.5 °C
    ctx.strokeStyle = c.fg;
    ctx.fillStyle = c.fg;
    ctx.lineWidth = 1;
    ctx.strokeRect(v.left + 0.5, v.top + 0.5, v.w - 1, v.h - 1);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (var d = 5; d <= n; d += 5) {
      ctx.fillRect(X(d), v.top + v.h, 1, 4);
      ctx.fillText(String(d), X(d), v.top + v.h + 6);
    }
    ctx.fillText(w.day, v.left + v.w / 2, v.top + v.h + 19);
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (var t = 0; t <= 10; t += 2) {
      ctx.fillStyle = c.grid;
      ctx.fillRect(v.left + 1, Y(t), v.w - 2, 1);
      ctx.fillStyle = c.fg;
      ctx.fillText(String(t), v.left - 6, Y(t));
    }
    ctx.save();
    ctx.translate(11, v.top + v.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText(w.temperature, 0, 0);
    ctx.restore();
    // legend
    ctx.textAlign = "left";
    ctx.fillStyle = c.points;
    ctx.beginPath();
    ctx.arc(left + 9, 12, 3.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = c.fg;
    ctx.fillText(w.data, left + 24, 12);
    ctx.strokeStyle = c.line;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(line.x, line.y);
    ctx.lineTo(line.x + 18, line.y);
    ctx.stroke();
    ctx.fillText(w.average + " (β = " + this.beta + ")", line.x + 24, line.y);
    // data and average
    ctx.fillStyle = c.points;
    for (var i = 0; i < n; i++) {
      ctx.beginPath();
      ctx.arc(X(i + 1), Y(this.values[i]), 3.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.strokeStyle = c.line;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (i = 0; i < n; i++) ctx[i ? "lineTo" : "moveTo"](X(i + 1), Y(avg[i]));
    ctx.stroke();
  };

  // ---- mount -------------------------------------------------------------------------------------------

  var api = window.coursePlayground = window.coursePlayground || {};
  api.ewa = ewa;
  api.widgets = api.widgets || [];
  api.lastFrameMs = api.lastFrameMs === undefined ? null : api.lastFrameMs;
  api.ewaReady = []; // promises, one per widget: resolved once it is drawn (or has failed)

  function referenceUrl(root) {
    var src = root.getAttribute("data-src");
    if (src) return new URL(src, document.baseURI).href;
    return new URL("../playground/ewa.json", SCRIPT || document.baseURI).href;
  }

  // A widget drawn above what the reader is looking at must not push it down: one who followed a link to the
  // next section (#momentum) landed there before the widget, 800 px away, was drawn, and then found the
  // section ≈ 500 px lower, the widget's height (Chromium's scroll anchoring did not keep the place, and
  // not every browser has it). The page scrolls by what the widget added above the header's bottom edge.
  function keepingPlace(root, change) {
    var header = document.querySelector(".md-header");
    var edge = header ? header.getBoundingClientRect().bottom : 0;
    var next = root.nextElementSibling;
    var above = next && root.getBoundingClientRect().top < edge;
    var before = above ? next.getBoundingClientRect().top : 0;
    change();
    var shift = above ? next.getBoundingClientRect().top - before : 0;
    if (shift) window.scrollBy(0, shift);
  }

  function mount(root) {
    var w = WORDS[language(root)];
    var note = el("p", { class: "cp-help", text: w.loading });
    keepingPlace(root, function () { root.appendChild(note); });
    return fetch(referenceUrl(root)).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (reference) {
      var values = (reference.ewa || reference).temperature.map(Number); // the reference, or its "ewa" part
      keepingPlace(root, function () { api.widgets.push(new EwaWidget(root, values)); });
    }).catch(function () {
      note.textContent = w.failed; // the static figures stay; no console error for the reader
    });
  }

  // Fetch the data only when a widget comes near the screen.
  function init() {
    var nodes = document.querySelectorAll('.course-playground[data-widget="ewa"]:not(.course-playground--live)');
    Array.prototype.forEach.call(nodes, function (root) {
      var ready = new Promise(function (done) {
        if (!window.IntersectionObserver) { mount(root).then(done); return; }
        var seen = new IntersectionObserver(function (entries) {
          if (entries.some(function (e) { return e.isIntersecting; })) {
            seen.disconnect();
            mount(root).then(done);
          }
        }, { rootMargin: "800px 0px" });
        seen.observe(root);
      });
      api.ewaReady.push(ready);
    });
    new MutationObserver(function () {
      api.widgets.forEach(function (wdg) { if (wdg instanceof EwaWidget) wdg.redraw(); });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
