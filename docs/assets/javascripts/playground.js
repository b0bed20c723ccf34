// Optimizer playground (lab page): the race of snippets/lab/race.*.py, live in the browser.
//
// Mounts into every <div class="course-playground" data-widget="race"></div>; without JavaScript the
// page keeps its static race figures. The seven optimizers follow torch.optim 2.13 in float64, operation
// by operation, as its CPU kernels round them (a + alpha*b is one fused multiply-add there, so it is one
// here too); tests/test_playground.py compares every point with snippets/lab/playground_reference.py.
// Test hook: window.coursePlayground.run(settings), .widgets, .lastFrameMs.
(function () {
  "use strict";

  // ---- float64 arithmetic as torch's CPU kernels do it ------------------------------------------------

  // fma(a, b, c) = a*b + c rounded once. JavaScript has no Math.fma: the product is split exactly
  // (Dekker), and the three-term sum rounded with the round-to-odd trick (Boldo & Melquiond, 2008).
  var SPLIT = 134217729; // 2^27 + 1
  var bits = new Float64Array(1), words = new Uint32Array(bits.buffer); // words[0]: low word (little-endian)
  var low = 0; // the error term of the last twoSum / twoProd

  function twoSum(a, b) {
    var s = a + b, bb = s - a;
    low = (a - (s - bb)) + (b - bb);
    return s;
  }

  function twoProd(a, b) {
    var p = a * b, t = SPLIT * a, ah = t - (t - a), al = a - ah;
    t = SPLIT * b;
    var bh = t - (t - b), bl = b - bh;
    low = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    return p;
  }

  function fma(a, b, c) {
    var p = a * b, ap = Math.abs(p);
    // Outside the range where the split is exact (huge, tiny or non-finite values) fall back to a*b + c.
    if (!(ap < 1e300) || !(Math.abs(c) < 1e300) || Math.abs(a) > 1e290 || Math.abs(b) > 1e290 ||
        (ap < 1e-280 && ap !== 0)) {
      return p + c;
    }
    var uh = twoProd(a, b), ul = low;
    var th = twoSum(c, uh), tl = low;
    var v = twoSum(tl, ul), e = low;
    if (e !== 0) { // v = round-to-odd(tl + ul): if inexact and v's last bit is even, step towards e
      bits[0] = v;
      if ((words[0] & 1) === 0) {
        if ((v > 0) === (e > 0)) {
          words[0] += 1;
        } else {
          if (words[0] === 0) words[1] -= 1;
          words[0] -= 1;
        }
        v = bits[0];
      }
    }
    return th + v;
  }

  // ---- landscapes (snippets/lab/race.*.py) -------------------------------------------------------------

  // f is the forward pass; grad repeats autograd's backward operation by operation (x**2 -> 2*x, ...).
  var LANDSCAPES = {
    bowl: {
      f: function (x, y) { return 0.1 * (x * x) + 2 * (y * y); },
      grad: function (x, y, g) { g[0] = 0.1 * (2 * x); g[1] = 2 * (2 * y); },
      formula: "f = 0.1x² + 2y²", start: [-8.0, 1.5], star: [0.0, 0.0], steps: 100, box: [-9, 3, -2.5, 2.5],
      lr: [0.1, 0.1, 0.1, 1.0, 0.1, 0.3, 0.3], levels: logspace(-2, 1.5, 12), positive: true,
    },
    saddle: {
      f: function (x, y) { return x * x - y * y; },
      grad: function (x, y, g) { g[0] = 2 * x; g[1] = -(2 * y); },
      formula: "f = x² − y²", start: [-1.5, 0.01], star: [0.0, 0.0], steps: 50, box: [-2, 2, -2, 2],
      lr: [0.05, 0.05, 0.05, 0.2, 0.05, 0.05, 0.05], levels: linspace(-4, 4, 17), positive: false,
    },
    rosenbrock: {
      f: function (x, y) { var a = 1 - x, d = y - x * x; return a * a + 100 * (d * d); },
      grad: function (x, y, g) {
        var d = y - x * x, gd = 100 * (2 * d);
        g[0] = -(2 * (1 - x)) + (-gd) * (2 * x);
        g[1] = gd;
      },
      formula: "f = (1 − x)² + 100(y − x²)²", start: [-1.2, 1.0], star: [1.0, 1.0], steps: 300,
      box: [-1.5, 1.5, -0.5, 2.0], lr: [1e-3, 1e-3, 1e-3, 0.5, 0.01, 0.1, 0.1], levels: logspace(-1, 3.5, 12),
      positive: true,
    },
  };
  var LANDSCAPE_NAMES = ["bowl", "saddle", "rosenbrock"];

  function linspace(a, b, n) {
    var out = [];
    for (var i = 0; i < n; i++) out.push(a + (b - a) * i / (n - 1));
    return out;
  }

  function logspace(a, b, n) {
    return linspace(a, b, n).map(function (e) { return Math.pow(10, e); });
  }

  // ---- the seven optimizers (torch.optim defaults, race order) -----------------------------------------

  var OPTIMIZERS = [
    { name: "SGD", defaults: {} },
    { name: "Momentum", defaults: { momentum: 0.9 } },
    { name: "Nesterov", defaults: { momentum: 0.9 } },
    { name: "AdaGrad", defaults: {} },
    { name: "RMSProp", defaults: { alpha: 0.99 } },
    { name: "Adam", defaults: { betas: [0.9, 0.999] } },
    { name: "AdamW", defaults: { betas: [0.9, 0.999], weight_decay: 0.01 } },
  ];
  var DASHED = { Nesterov: true, RMSProp: true, AdamW: true }; // as in the static figure: close to the previous path

  // One optimizer step on the 2-vector p, given the gradient g at p; t counts from 1. Each line is the
  // matching torch line (torch/optim/*.py, _single_tensor_*), element by element:
  //   param.add_(x, alpha=s) -> fma(s, x, p);  addcmul_(a, b, value=s) -> fma(s*a, b, self);
  //   addcdiv_(a, b, value=s) -> self + (s*a)/b;  lerp_(end, w) -> fma(w, end - self, self) for |w| < 0.5.
  function makeStep(name, h) {
    var lr = h.lr, s = [0, 0], m = [0, 0];
    switch (name) {
      case "SGD":
        return function (p, g) {
          for (var i = 0; i < 2; i++) p[i] = fma(-lr, g[i], p[i]);
        };
      case "Momentum":
      case "Nesterov":
        var beta = h.momentum, nesterov = name === "Nesterov";
        return function (p, g, t) {
          for (var i = 0; i < 2; i++) {
            s[i] = t === 1 ? g[i] : s[i] * beta + g[i]; // buf.mul_(momentum).add_(grad)
            var d = nesterov ? fma(beta, s[i], g[i]) : s[i]; // grad.add(buf, alpha=momentum)
            p[i] = fma(-lr, d, p[i]);
          }
        };
      case "AdaGrad":
        return function (p, g, t) {
          var clr = lr / (1 + (t - 1) * 0); // lr_decay = 0
          for (var i = 0; i < 2; i++) {
            s[i] = fma(g[i], g[i], s[i]);
            var std = Math.sqrt(s[i]) + 1e-10;
            p[i] = p[i] + (-clr * g[i]) / std;
          }
        };
      case "RMSProp":
        var alpha = h.alpha;
        return function (p, g) {
          for (var i = 0; i < 2; i++) {
            s[i] = fma((1 - alpha) * g[i], g[i], s[i] * alpha);
            var avg = Math.sqrt(s[i]) + 1e-8;
            p[i] = p[i] + (-lr * g[i]) / avg;
          }
        };
      default: // Adam, AdamW
        var b1 = h.betas[0], b2 = h.betas[1], w = 1 - b1, decay = name === "AdamW" ? h.weight_decay : 0;
        return function (p, g, t) {
          var bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
          var stepSize = lr / bc1, bc2Sqrt = Math.sqrt(bc2);
          for (var i = 0; i < 2; i++) {
            if (decay) p[i] = p[i] * (1 - lr * decay); // decoupled weight decay
            var diff = g[i] - m[i];
            m[i] = Math.abs(w) < 0.5 ? fma(w, diff, m[i]) : fma(w - 1, diff, g[i]); // exp_avg.lerp_(grad, 1-β1)
            s[i] = fma((1 - b2) * g[i], g[i], s[i] * b2);
            var denom = Math.sqrt(s[i]) / bc2Sqrt + 1e-8;
            p[i] = p[i] + (-stepSize * m[i]) / denom;
          }
        };
    }
  }

  function hyperOf(name, given) {
    var base = OPTIMIZERS.filter(function (o) { return o.name === name; })[0];
    if (!base) throw new Error("unknown optimizer " + name);
    var h = JSON.parse(JSON.stringify(base.defaults));
    Object.keys(given || {}).forEach(function (k) { if (k !== "name") h[k] = given[k]; });
    if (typeof h.lr !== "number") throw new Error(name + ": no learning rate");
    return h;
  }

  // One path: steps + 1 points and losses, as Float64Arrays.
  function trajectory(land, name, hyper, start, steps) {
    var step = makeStep(name, hyper), p = [start[0], start[1]], g = [0, 0];
    var xs = new Float64Array(steps + 1), ys = new Float64Array(steps + 1), loss = new Float64Array(steps + 1);
    xs[0] = p[0]; ys[0] = p[1]; loss[0] = land.f(p[0], p[1]);
    for (var t = 1; t <= steps; t++) {
      land.grad(p[0], p[1], g);
      step(p, g, t);
      xs[t] = p[0]; ys[t] = p[1]; loss[t] = land.f(p[0], p[1]);
    }
    return { x: xs, y: ys, loss: loss };
  }

  // settings: {landscape, steps?, start?, optimizers: [{name, lr, momentum?, alpha?, betas?, weight_decay?}]}
  function run(settings) {
    var land = LANDSCAPES[settings.landscape];
    if (!land) throw new Error("unknown landscape " + settings.landscape);
    var steps = settings.steps == null ? land.steps : settings.steps;
    var start = settings.start || land.start;
    var runs = (settings.optimizers || []).map(function (o) {
      var hyper = hyperOf(o.name, o), path = trajectory(land, o.name, hyper, start, steps);
      return { name: o.name, hyper: hyper, x: path.x, y: path.y, loss: path.loss };
    });
    return { landscape: settings.landscape, steps: steps, start: start.slice(), runs: runs };
  }

  // The bowl's Hessian is diag(0.2, 4): the best fixed settings of SGD and of Momentum (heavy ball).
  function theory() {
    var lmin = 2 * 0.1, lmax = 2 * 2, kappa = lmax / lmin, root = Math.sqrt(kappa);
    var ratio = (root - 1) / (root + 1), s = Math.sqrt(lmax) + Math.sqrt(lmin);
    return {
      lambda_min: lmin, lambda_max: lmax, kappa: kappa,
      sgd_lr: 2 / (lmin + lmax), sgd_rate: (kappa - 1) / (kappa + 1),
      momentum_beta: ratio * ratio, momentum_lr: 4 / (s * s), momentum_rate: ratio, sgd_lr_limit: 2 / lmax,
    };
  }

  // ---- settings of the widget --------------------------------------------------------------------------

  function defaultsFor(landName) {
    var land = LANDSCAPES[landName], hyper = {}, enabled = {};
    OPTIMIZERS.forEach(function (o, i) {
      hyper[o.name] = hyperOf(o.name, { lr: land.lr[i] });
      enabled[o.name] = true;
    });
    return { start: land.start.slice(), steps: land.steps, hyper: hyper, enabled: enabled };
  }

  // Learning rates on a log scale: 1, 1.5, 2, 3, 5, 7 per decade, 1e-4 ... 100 (exact decimals).
  var LR_GRID = [];
  for (var e = -4; e <= 2; e++) {
    [1, 1.5, 2, 3, 5, 7].forEach(function (m) { if (e < 2 || m === 1) LR_GRID.push(Number(m + "e" + e)); });
  }
  var BETA_GRID = linspace(0, 99, 100).map(function (k) { return k / 100; }); // 0, 0.01, ..., 0.99
  var BETA2_GRID = [0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999];
  var STEPS_MAX = 500;

  function nearest(grid, v) {
    var best = 0;
    for (var i = 1; i < grid.length; i++) {
      if (Math.abs(Math.log(grid[i] + 1e-12) - Math.log(v + 1e-12)) <
          Math.abs(Math.log(grid[best] + 1e-12) - Math.log(v + 1e-12))) best = i;
    }
    return best;
  }

  // ---- words -------------------------------------------------------------------------------------------

  var WORDS = {
    en: {
      title: "Optimizer playground", landscape: "Landscape", bowl: "Ill-conditioned bowl", saddle: "Saddle",
      rosenbrock: "Rosenbrock", optimizers: "Optimizers", tune: "Tune", lr: "learning rate", momentum: "β (momentum)",
      alpha: "α (RMSProp)", beta1: "β₁", beta2: "β₂", steps: "steps", reset: "Reset", step: "step",
      loss: "loss", logScale: "log scale", symlog: "symmetric log scale", final: "final loss",
      start: "Start", startHelp: "Click the map, drag, or focus the start marker and use the arrow keys to move the start.",
      startLabel: function (x, y) { return "Start point x = " + x + ", y = " + y + "; arrow keys move it"; },
      kappa: "condition number κ = λmax/λmin", bestLr: "best fixed learning rate 2/(λmin+λmax)",
      bestMomentum: "Momentum: best β = ((√κ−1)/(√κ+1))² with learning rate 4/(√λmax+√λmin)²",
      applySgd: "Apply to SGD", applyMomentum: "Apply to Momentum", diverged: "diverged",
      map: function (name) { return "Contour map of " + name + " with the paths of the enabled optimizers"; },
      lossPlot: "Loss against step of the enabled optimizers",
      colon: ": ", comma: ", ", aside: function (text, note) { return text + " (" + note + ")"; },
    },
    zh: {
      title: "优化器演练场", landscape: "地形", bowl: "病态碗", saddle: "鞍点", rosenbrock: "Rosenbrock 函数",
      optimizers: "优化器", tune: "调参对象", lr: "学习率", momentum: "β（动量）", alpha: "α（RMSProp）",
      beta1: "β₁", beta2: "β₂", steps: "步数", reset: "恢复默认", step: "步数", loss: "损失",
      logScale: "对数坐标", symlog: "对称对数坐标", final: "最终损失", start: "起点",
      startHelp: "点击或拖动地图，或者聚焦起点标记后用方向键移动起点。",
      startLabel: function (x, y) { return "起点 x = " + x + "，y = " + y + "；方向键可移动"; },
      kappa: "条件数 κ = λmax/λmin", bestLr: "最佳固定学习率 2/(λmin+λmax)",
      bestMomentum: "Momentum：最佳 β = ((√κ−1)/(√κ+1))²，学习率 4/(√λmax+√λmin)²",
      applySgd: "用于 SGD", applyMomentum: "用于 Momentum", diverged: "发散",
      map: function (name) { return name + "的等高线图和所选优化器的路径"; },
      lossPlot: "所选优化器的损失随步数的变化",
      colon: "：", comma: "，", aside: function (text, note) { return text + "（" + note + "）"; }, // full-width
    },
  };

  function language(el) {
    var lang = (el.getAttribute("data-lang") || document.documentElement.lang || "en").toLowerCase();
    return lang.indexOf("zh") === 0 ? "zh" : "en";
  }

  // ---- colours -----------------------------------------------------------------------------------------

  var PALETTES = {
    light: {
      // one colour per optimizer (SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW), matplotlib's tab10 as the
      // static figures and the optimizers page use them: SGD red, Momentum blue, Adam green, AdaGrad purple
      paths: ["#d62728", "#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#2ca02c", "#e377c2"],
      low: [255, 255, 255], high: [214, 226, 242], line: [200, 200, 200], fg: "#333", grid: "#e4e4e4",
      star: "#000",
    },
    dark: {
      paths: ["#ff6b6b", "#5aa9e6", "#ffa04d", "#c39bf0", "#c9977f", "#5fd35f", "#f7a1d8"],
      low: [30, 33, 41], high: [44, 58, 84], line: [78, 84, 100], fg: "#d5d7e2", grid: "#3a3f4d",
      star: "#fff",
    },
  };

  function scheme(el) {
    var host = el.closest("[data-md-color-scheme]");
    return host && host.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  // ---- drawing helpers ---------------------------------------------------------------------------------

  function fit(canvas, width, height) {
    var ratio = Math.min(window.devicePixelRatio || 1, 2);
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return { ctx: ctx, ratio: ratio };
  }

  function niceStep(range, n) {
    if (!(range > 0)) return 1;
    var raw = range / n, mag = Math.pow(10, Math.floor(Math.log10(raw))), r = raw / mag;
    return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
  }

  function fmt(v) {
    if (!isFinite(v)) return String(v);
    if (v === 0) return "0";
    var a = Math.abs(v);
    return a >= 1e4 || a < 1e-3 ? v.toExponential(2).replace("e+", "e") : String(Number(v.toPrecision(3)));
  }

  // Clip the segment (x0,y0)-(x1,y1) to the rectangle [l,r]x[t,b] (Liang-Barsky); null when outside.
  function clip(x0, y0, x1, y1, l, t, r, b) {
    var u0 = 0, u1 = 1, dx = x1 - x0, dy = y1 - y0;
    var ps = [-dx, dx, -dy, dy], qs = [x0 - l, r - x0, y0 - t, b - y0];
    for (var i = 0; i < 4; i++) {
      if (ps[i] === 0) {
        if (qs[i] < 0) return null;
      } else {
        var u = qs[i] / ps[i];
        if (ps[i] < 0) { if (u > u1) return null; if (u > u0) u0 = u; } else { if (u < u0) return null; if (u < u1) u1 = u; }
      }
    }
    return [x0 + u0 * dx, y0 + u0 * dy, x0 + u1 * dx, y0 + u1 * dy];
  }

  // A polyline of points (px[i], py[i]) in canvas pixels, broken at non-finite points, clipped to a frame.
  function polyline(ctx, px, py, n, frame) {
    ctx.beginPath();
    var pen = false;
    for (var i = 1; i < n; i++) {
      var seg = isFinite(px[i - 1] + py[i - 1] + px[i] + py[i]) ?
        clip(px[i - 1], py[i - 1], px[i], py[i], frame[0], frame[1], frame[2], frame[3]) : null;
      if (!seg) { pen = false; continue; }
      if (!pen || seg[0] !== px[i - 1] || seg[1] !== py[i - 1]) ctx.moveTo(seg[0], seg[1]);
      ctx.lineTo(seg[2], seg[3]);
      pen = seg[2] === px[i] && seg[3] === py[i];
    }
    ctx.stroke();
  }

  // ---- the widget --------------------------------------------------------------------------------------

  var MARGIN = { left: 40, right: 14, top: 8, bottom: 28 };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  var uid = 0;

  function Playground(root) {
    this.root = root;
    this.lang = language(root);
    this.words = WORDS[this.lang];
    var first = root.getAttribute("data-landscape");
    this.landscape = LANDSCAPES[first] ? first : "bowl";
    this.settingsBy = {};
    var self = this;
    LANDSCAPE_NAMES.forEach(function (n) { self.settingsBy[n] = defaultsFor(n); });
    this.tune = "Momentum";
    this.cache = {};
    this.id = "cp" + (++uid);
    this.build();
    this.redraw();
  }

  Playground.prototype.settings = function () {
    var s = this.settingsBy[this.landscape];
    return {
      landscape: this.landscape, steps: s.steps, start: s.start.slice(),
      optimizers: OPTIMIZERS.filter(function (o) { return s.enabled[o.name]; }).map(function (o) {
        return Object.assign({ name: o.name }, JSON.parse(JSON.stringify(s.hyper[o.name])));
      }),
    };
  };

  Playground.prototype.build = function () {
    var w = this.words, self = this, id = this.id;
    this.root.textContent = "";
    this.root.classList.add("course-playground--live");

    var lands = el("div", { class: "cp-segmented", role: "radiogroup", "aria-label": w.landscape });
    this.landInputs = {};
    LANDSCAPE_NAMES.forEach(function (n) {
      var input = el("input", { type: "radio", name: id + "-land", value: n, id: id + "-land-" + n });
      input.addEventListener("change", function () { self.landscape = n; self.sync(); self.redraw(); });
      self.landInputs[n] = input;
      lands.appendChild(el("label", { for: input.id }, [input, el("span", { text: w[n] })]));
    });

    this.map = el("canvas", { class: "cp-map", role: "img" });
    this.marker = el("button", { type: "button", class: "cp-start", "aria-describedby": id + "-help" });
    this.mapBox = el("div", { class: "cp-map-box" }, [this.map, this.marker]);
    this.lossCanvas = el("canvas", { class: "cp-loss", role: "img", "aria-label": w.lossPlot });

    var opts = el("fieldset", { class: "cp-optimizers" }, [el("legend", { text: w.optimizers })]);
    this.optInputs = {};
    this.finals = {};
    OPTIMIZERS.forEach(function (o) {
      var input = el("input", { type: "checkbox", id: id + "-opt-" + o.name });
      input.addEventListener("change", function () {
        self.settingsBy[self.landscape].enabled[o.name] = input.checked;
        self.redraw();
      });
      var swatch = el("span", { class: "cp-swatch" + (DASHED[o.name] ? " cp-swatch--dashed" : "") });
      var final = el("span", { class: "cp-final" });
      self.optInputs[o.name] = { input: input, swatch: swatch };
      self.finals[o.name] = final;
      opts.appendChild(el("label", { for: input.id }, [input, swatch, el("span", { text: o.name }), final]));
    });

    this.tuneSelect = el("select", { id: id + "-tune" });
    OPTIMIZERS.forEach(function (o) { self.tuneSelect.appendChild(el("option", { value: o.name, text: o.name })); });
    this.tuneSelect.addEventListener("change", function () { self.tune = self.tuneSelect.value; self.sync(); });

    this.sliders = {};
    var controls = el("div", { class: "cp-controls" }, [
      el("span", { class: "cp-field" }, [el("label", { for: this.tuneSelect.id, text: w.tune }), this.tuneSelect]),
    ]);
    [["lr", LR_GRID], ["momentum", BETA_GRID], ["alpha", BETA2_GRID], ["beta1", BETA_GRID],
      ["beta2", BETA2_GRID], ["steps", null]].forEach(function (spec) {
      var key = spec[0], grid = spec[1];
      var input = el("input", { type: "range", id: id + "-" + key, min: grid ? 0 : 1, step: 1,
                                max: grid ? grid.length - 1 : STEPS_MAX });
      var out = el("output", { for: input.id });
      var field = el("label", { class: "cp-field", for: input.id }, [el("span", { text: w[key] }), input, out]);
      input.addEventListener("input", function () { self.fromSlider(key, grid, Number(input.value)); });
      self.sliders[key] = { input: input, out: out, field: field, grid: grid };
      controls.appendChild(field);
    });
    var reset = el("button", { type: "button", class: "md-button cp-reset", text: w.reset });
    reset.addEventListener("click", function () { self.reset(); });
    controls.appendChild(reset);

    this.theoryBox = el("div", { class: "cp-theory" });
    this.buildTheory();

    var help = el("p", { class: "cp-help", id: id + "-help", text: w.startHelp });
    this.root.appendChild(el("div", { class: "cp-toolbar" }, [lands]));
    this.root.appendChild(this.mapBox);
    this.root.appendChild(this.lossCanvas);
    this.root.appendChild(opts);
    this.root.appendChild(controls);
    this.root.appendChild(this.theoryBox);
    this.root.appendChild(help);
    this.bindStart();
    this.sync();

    if (window.ResizeObserver) {
      var width = 0;
      new ResizeObserver(function () {
        if (self.mapBox.clientWidth !== width) { width = self.mapBox.clientWidth; self.redraw(); }
      }).observe(this.root);
    }
  };

  Playground.prototype.buildTheory = function () {
    var w = this.words, th = theory(), self = this;
    var applySgd = el("button", { type: "button", class: "md-button", text: w.applySgd });
    var applyMomentum = el("button", { type: "button", class: "md-button", text: w.applyMomentum });
    applySgd.addEventListener("click", function () { self.applyTheory("SGD"); });
    applyMomentum.addEventListener("click", function () { self.applyTheory("Momentum"); });
    this.theoryBox.appendChild(el("ul", {}, [
      el("li", { text: w.kappa + " = " + fmt(th.lambda_max) + "/" + fmt(th.lambda_min) + " = " + fmt(th.kappa) }),
      el("li", {}, [el("span", { text: w.bestLr + " = " + th.sgd_lr.toFixed(4) + " " }), applySgd]),
      el("li", {}, [el("span", { text: w.bestMomentum + w.colon + "β = " + th.momentum_beta.toFixed(4) + w.comma + w.lr +
                                     " = " + th.momentum_lr.toFixed(4) + " " }), applyMomentum]),
    ]));
  };

  Playground.prototype.applyTheory = function (name) {
    var th = theory(), s = this.settingsBy.bowl;
    if (name === "SGD") s.hyper.SGD.lr = th.sgd_lr;
    else { s.hyper.Momentum.lr = th.momentum_lr; s.hyper.Momentum.momentum = th.momentum_beta; }
    s.enabled[name] = true;
    this.tune = name;
    this.sync();
    this.redraw();
  };

  Playground.prototype.reset = function () {
    var self = this;
    LANDSCAPE_NAMES.forEach(function (n) { self.settingsBy[n] = defaultsFor(n); });
    this.tune = "Momentum";
    this.sync();
    this.redraw();
  };

  Playground.prototype.fromSlider = function (key, grid, index) {
    var s = this.settingsBy[this.landscape], h = s.hyper[this.tune];
    if (key === "steps") s.steps = index;
    else if (key === "lr") h.lr = grid[index];
    else if (key === "momentum") h.momentum = grid[index];
    else if (key === "alpha") h.alpha = grid[index];
    else if (key === "beta1") h.betas = [grid[index], h.betas[1]];
    else if (key === "beta2") h.betas = [h.betas[0], grid[index]];
    this.syncOutputs();
    this.redraw();
  };

  // Controls show the current settings.
  Playground.prototype.sync = function () {
    var s = this.settingsBy[this.landscape], self = this;
    this.landInputs[this.landscape].checked = true;
    OPTIMIZERS.forEach(function (o) { self.optInputs[o.name].input.checked = s.enabled[o.name]; });
    this.tuneSelect.value = this.tune;
    var h = s.hyper[this.tune], sl = this.sliders;
    sl.lr.input.value = nearest(LR_GRID, h.lr);
    sl.momentum.field.hidden = h.momentum == null;
    sl.alpha.field.hidden = h.alpha == null;
    sl.beta1.field.hidden = sl.beta2.field.hidden = h.betas == null;
    if (h.momentum != null) sl.momentum.input.value = Math.round(Math.min(h.momentum, 0.99) * 100);
    if (h.alpha != null) sl.alpha.input.value = nearest(BETA2_GRID, h.alpha);
    if (h.betas) {
      sl.beta1.input.value = Math.round(Math.min(h.betas[0], 0.99) * 100);
      sl.beta2.input.value = nearest(BETA2_GRID, h.betas[1]);
    }
    sl.steps.input.value = s.steps;
    this.theoryBox.hidden = this.landscape !== "bowl";
    this.syncOutputs();
  };

  // Each output shows its value, and so does the slider to assistive technology (aria-valuetext): a slider's own
  // value is its position on a grid (18 for a learning rate of 0.1), which a screen reader would read out.
  Playground.prototype.syncOutputs = function () {
    var s = this.settingsBy[this.landscape], h = s.hyper[this.tune], sl = this.sliders;
    function show(slider, text) {
      slider.out.textContent = text;
      slider.input.setAttribute("aria-valuetext", text);
    }
    show(sl.lr, fmt(h.lr));
    if (h.momentum != null) show(sl.momentum, fmt(h.momentum));
    if (h.alpha != null) show(sl.alpha, fmt(h.alpha));
    if (h.betas) { show(sl.beta1, fmt(h.betas[0])); show(sl.beta2, fmt(h.betas[1])); }
    show(sl.steps, String(s.steps));
  };

  // The start marker: click or drag on the map, or the arrow keys on the focused marker.
  Playground.prototype.bindStart = function () {
    var self = this, dragging = false;
    function moveTo(event) {
      var rect = self.map.getBoundingClientRect(), v = self.view;
      if (!v) return;
      var x = v.x0 + (event.clientX - rect.left - v.left) / v.w * (v.x1 - v.x0);
      var y = v.y1 - (event.clientY - rect.top - v.top) / v.h * (v.y1 - v.y0);
      self.setStart(x, y);
    }
    this.map.addEventListener("pointerdown", function (event) {
      dragging = true;
      self.map.setPointerCapture(event.pointerId);
      moveTo(event);
      self.marker.focus({ preventScroll: true });
      event.preventDefault();
    });
    this.map.addEventListener("pointermove", function (event) { if (dragging) moveTo(event); });
    this.map.addEventListener("pointerup", function () { dragging = false; });
    this.map.addEventListener("pointercancel", function () { dragging = false; });
    this.marker.addEventListener("keydown", function (event) {
      var box = LANDSCAPES[self.landscape].box, s = self.settingsBy[self.landscape];
      var fx = (box[1] - box[0]) / 40, fy = (box[3] - box[2]) / 40, k = event.shiftKey ? 5 : 1;
      var moves = { ArrowLeft: [-fx, 0], ArrowRight: [fx, 0], ArrowUp: [0, fy], ArrowDown: [0, -fy] };
      if (event.key === "Home") {
        var d = LANDSCAPES[self.landscape].start;
        self.setStart(d[0], d[1]);
      } else if (moves[event.key]) {
        self.setStart(s.start[0] + k * moves[event.key][0], s.start[1] + k * moves[event.key][1]);
      } else {
        return;
      }
      event.preventDefault();
    });
  };

  Playground.prototype.setStart = function (x, y) {
    var box = LANDSCAPES[this.landscape].box;
    var round = function (v) { return Math.round(v * 1000) / 1000; }; // keep typed-in-looking numbers
    x = round(Math.min(Math.max(x, box[0]), box[1]));
    y = round(Math.min(Math.max(y, box[2]), box[3]));
    this.settingsBy[this.landscape].start = [x, y];
    this.redraw();
  };

  // The filled contour map of a landscape, drawn once per size and palette.
  Playground.prototype.background = function (land, width, height, ratio, colors) {
    var key = [this.landscape, width, height, ratio, colors === PALETTES.dark].join();
    if (this.cache.key === key) return this.cache.canvas;
    var W = Math.round(width * ratio), H = Math.round(height * ratio), levels = land.levels, n = levels.length;
    var canvas = document.createElement("canvas");
    canvas.width = W;
    canvas.height = H;
    var ctx = canvas.getContext("2d"), image = ctx.createImageData(W, H), data = image.data;
    var box = land.box, band = new Int8Array(W * H);
    for (var j = 0; j < H; j++) {
      var y = box[3] - (j + 0.5) / H * (box[3] - box[2]);
      for (var i = 0; i < W; i++) {
        var v = land.f(box[0] + (i + 0.5) / W * (box[1] - box[0]), y), b = 0;
        while (b < n && v >= levels[b]) b++;
        band[j * W + i] = b;
      }
    }
    for (var q = 0; q < W * H; q++) {
      var edge = (q % W > 0 && band[q - 1] !== band[q]) || (q >= W && band[q - W] !== band[q]);
      var t = band[q] / n;
      for (var c = 0; c < 3; c++) {
        data[4 * q + c] = edge ? colors.line[c] : colors.low[c] + t * (colors.high[c] - colors.low[c]);
      }
      data[4 * q + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    this.cache = { key: key, canvas: canvas };
    return canvas;
  };

  Playground.prototype.redraw = function () {
    var t0 = performance.now();
    var settings = this.settings(), result = run(settings), land = LANDSCAPES[this.landscape];
    this.lastResult = result;
    var colors = PALETTES[scheme(this.root)], w = this.words;
    var width = Math.max(200, this.mapBox.clientWidth || 600);
    this.drawMap(result, land, colors, width);
    this.drawLoss(result, land, colors, width);
    // legend: colour swatches and final losses
    var self = this;
    OPTIMIZERS.forEach(function (o, i) {
      self.optInputs[o.name].swatch.style.color = colors.paths[i];
      self.finals[o.name].textContent = "";
    });
    result.runs.forEach(function (r) {
      var last = r.loss[r.loss.length - 1];
      self.finals[r.name].textContent = diverged(r, land) ? w.diverged : fmt(last);
      self.finals[r.name].title = w.final;
    });
    var ms = performance.now() - t0;
    this.lastFrameMs = ms;
    api.lastFrameMs = ms;
    return ms;
  };

  Playground.prototype.drawMap = function (result, land, colors, width) {
    var height = Math.round(Math.min(Math.max(width * 0.62, 240), 460));
    var f = fit(this.map, width, height), ctx = f.ctx, m = MARGIN, box = land.box;
    var v = { left: m.left, top: m.top, w: width - m.left - m.right, h: height - m.top - m.bottom,
              x0: box[0], x1: box[1], y0: box[2], y1: box[3] };
    this.view = v;
    var X = function (x) { return v.left + (x - v.x0) / (v.x1 - v.x0) * v.w; };
    var Y = function (y) { return v.top + (v.y1 - y) / (v.y1 - v.y0) * v.h; };
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(this.background(land, v.w, v.h, f.ratio, colors), v.left, v.top, v.w, v.h);
    this.axes(ctx, v, colors, ticks(box[0], box[1], Math.max(3, Math.floor(v.w / 70))),
              ticks(box[2], box[3], Math.max(2, Math.floor(v.h / 45))), X, Y);
    this.map.setAttribute("aria-label", this.words.map(this.words[this.landscape] + " " + land.formula));

    ctx.save();
    ctx.beginPath();
    ctx.rect(v.left, v.top, v.w, v.h);
    ctx.clip();
    var frame = [v.left - 2, v.top - 2, v.left + v.w + 2, v.top + v.h + 2];
    result.runs.forEach(function (r) {
      var i = OPTIMIZERS.map(function (o) { return o.name; }).indexOf(r.name), n = r.x.length;
      var px = new Float64Array(n), py = new Float64Array(n);
      for (var k = 0; k < n; k++) { px[k] = X(r.x[k]); py[k] = Y(r.y[k]); }
      ctx.strokeStyle = ctx.fillStyle = colors.paths[i];
      ctx.lineWidth = 1.5;
      ctx.setLineDash(DASHED[r.name] ? [5, 3] : []);
      polyline(ctx, px, py, n, frame);
      ctx.setLineDash([]);
      var every = Math.max(1, Math.floor((n - 1) / 50));
      for (k = 0; k < n; k += every) {
        if (px[k] > frame[0] && px[k] < frame[2] && py[k] > frame[1] && py[k] < frame[3]) {
          ctx.fillRect(px[k] - 1.5, py[k] - 1.5, 3, 3);
        }
      }
      var ex = px[n - 1], ey = py[n - 1]; // where the path ends: an X
      if (ex > frame[0] && ex < frame[2] && ey > frame[1] && ey < frame[3]) {
        ctx.lineWidth = 2.5;
        ctx.beginPath();
        ctx.moveTo(ex - 5, ey - 5); ctx.lineTo(ex + 5, ey + 5); ctx.moveTo(ex + 5, ey - 5); ctx.lineTo(ex - 5, ey + 5);
        ctx.stroke();
      }
    });
    star(ctx, X(land.star[0]), Y(land.star[1]), 8, colors.star);
    ctx.restore();

    var s = result.start;
    this.marker.style.left = X(s[0]) + "px";
    this.marker.style.top = Y(s[1]) + "px";
    this.marker.setAttribute("aria-label", this.words.startLabel(fmt(s[0]), fmt(s[1])));
  };

  function star(ctx, x, y, r, color) {
    ctx.beginPath();
    for (var k = 0; k < 10; k++) {
      var a = -Math.PI / 2 + k * Math.PI / 5, rr = k % 2 ? r * 0.45 : r;
      ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
    }
    ctx.closePath();
    ctx.fillStyle = color;
    ctx.fill();
  }

  // Nice ticks over [a, b]: [[value, label], ...].
  function ticks(a, b, n) {
    var d = niceStep(b - a, n), out = [];
    for (var k = Math.ceil(a / d - 1e-9); k * d <= b + 1e-9 * d; k++) out.push([k * d, fmt(Number((k * d).toPrecision(12)))]);
    return out;
  }

  // Frame, ticks and tick labels of a plot area v (xTicks, yTicks: [[value, label], ...]).
  Playground.prototype.axes = function (ctx, v, colors, xTicks, yTicks, X, Y) {
    ctx.strokeStyle = colors.fg;
    ctx.fillStyle = colors.fg;
    ctx.lineWidth = 1;
    ctx.strokeRect(v.left + 0.5, v.top + 0.5, v.w - 1, v.h - 1);
    ctx.font = "11px " + getComputedStyle(this.root).fontFamily;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    xTicks.forEach(function (t) {
      ctx.fillRect(X(t[0]), v.top + v.h, 1, 4);
      ctx.fillText(t[1], X(t[0]), v.top + v.h + 6);
    });
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    yTicks.forEach(function (t) {
      ctx.fillRect(v.left - 4, Y(t[0]), 4, 1);
      ctx.fillText(t[1], v.left - 6, Y(t[0]));
    });
  };

  // A run that blew up: its loss overflowed or, where the loss is bounded below, grew a millionfold.
  function diverged(run, land) {
    var first = run.loss[0], last = run.loss[run.loss.length - 1];
    return !isFinite(last) || (land.positive && first > 0 && last > first * 1e6);
  }

  // Loss against step: log scale where the landscape is positive, symmetric log on the saddle.
  Playground.prototype.drawLoss = function (result, land, colors, width) {
    var height = Math.round(Math.min(Math.max(width * 0.36, 170), 280)), w = this.words;
    var f = fit(this.lossCanvas, width, height), ctx = f.ctx, m = { left: MARGIN.left, right: MARGIN.right,
                                                                  top: MARGIN.top, bottom: MARGIN.bottom + 10 };
    var T = land.positive ?
      function (l) { return l > 0 ? Math.log10(l) : l === 0 ? -300 : NaN; } :
      function (l) { return Math.sign(l) * Math.log10(1 + Math.abs(l)); };
    // the scale follows the runs that converge: a run that blew up would squeeze them out of the frame (it is
    // drawn leaving through the top, and its final loss reads "diverged")
    var lo = Infinity, hi = -Infinity, kept = result.runs.filter(function (r) { return !diverged(r, land); });
    (kept.length ? kept : result.runs).forEach(function (r) {
      for (var k = 0; k < r.loss.length; k++) {
        var t = T(r.loss[k]);
        if (isFinite(t)) { if (t < lo) lo = t; if (t > hi) hi = t; }
      }
    });
    if (!(lo <= hi)) { lo = 0; hi = 1; }
    lo = Math.max(lo, hi - 40); // at most 40 decades
    if (hi - lo < 1) { lo -= 0.5; hi += 0.5; }
    var steps = result.steps;
    var v = { left: m.left + 8, top: m.top, w: 0, h: height - m.top - m.bottom };
    var X = function (k) { return v.left + k / Math.max(steps, 1) * v.w; };
    var Y = function (t) { return v.top + (hi - t) / (hi - lo) * v.h; };
    ctx.clearRect(0, 0, width, height);
    // y ticks at whole decades of the loss: 1e-k ... 1e+k, or 0 and ±1e+k on the symmetric log scale
    var yTicks = [], every = Math.max(1, Math.ceil((hi - lo) / Math.max(2, Math.floor(v.h / 30))));
    for (var k = Math.ceil(lo); k <= Math.floor(hi); k++) {
      if (land.positive && k % every === 0) yTicks.push([k, k === 0 ? "1" : "1e" + k]);
    }
    if (!land.positive) {
      yTicks.push([0, "0"]);
      for (k = every; k <= 400; k += every) {
        var at = T(Math.pow(10, k));
        if (at <= hi) yTicks.push([at, "1e" + k]);
        if (-at >= lo) yTicks.push([-at, "−1e" + k]);
      }
    }
    // room for the widest tick label between the axis and the rotated title (x ≈ 4 to 16 px): "−1e8" on the saddle
    ctx.font = "11px " + getComputedStyle(this.root).fontFamily;
    var widest = Math.max.apply(null, yTicks.map(function (t) { return ctx.measureText(t[1]).width; }).concat(0));
    v.left = Math.max(m.left + 8, Math.ceil(26 + widest));
    v.w = width - v.left - m.right;
    this.lossScale = { lo: lo, hi: hi, labelsLeft: v.left - 6 - widest }; // test hook: the decades shown, the labels' edge
    this.axes(ctx, v, colors, ticks(0, steps, Math.max(3, Math.floor(v.w / 70))), yTicks, X, Y);
    ctx.save();
    ctx.translate(10, v.top + v.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText(w.aside(w.loss, land.positive ? w.logScale : w.symlog), 0, 0);
    ctx.restore();
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.fillText(w.step, v.left + v.w / 2, height - 1);
    ctx.save();
    ctx.beginPath();
    ctx.rect(v.left, v.top, v.w, v.h);
    ctx.clip();
    var frame = [v.left - 2, v.top - 2, v.left + v.w + 2, v.top + v.h + 2];
    result.runs.forEach(function (r) {
      var i = OPTIMIZERS.map(function (o) { return o.name; }).indexOf(r.name), n = r.loss.length;
      var px = new Float64Array(n), py = new Float64Array(n);
      for (var k = 0; k < n; k++) { px[k] = X(k); py[k] = Y(Math.min(Math.max(T(r.loss[k]), lo - 1), hi + 1)); }
      ctx.strokeStyle = colors.paths[i];
      ctx.lineWidth = 1.5;
      ctx.setLineDash(DASHED[r.name] ? [5, 3] : []);
      polyline(ctx, px, py, n, frame);
    });
    ctx.restore();
    ctx.setLineDash([]);
  };

  // ---- mount -------------------------------------------------------------------------------------------

  var api = window.coursePlayground = window.coursePlayground || {};
  api.run = run;
  api.theory = theory;
  api.fma = fma;
  api.defaults = function (landscape) {
    var d = defaultsFor(landscape);
    return {
      landscape: landscape, steps: d.steps, start: d.start,
      optimizers: OPTIMIZERS.map(function (o) { return Object.assign({ name: o.name }, d.hyper[o.name]); }),
    };
  };
  api.landscapes = LANDSCAPES;
  api.optimizers = OPTIMIZERS.map(function (o) { return o.name; });
  api.widgets = api.widgets || [];
  api.lastFrameMs = null;

  function mountAll() {
    var nodes = document.querySelectorAll('.course-playground[data-widget="race"]:not(.course-playground--live)');
    Array.prototype.forEach.call(nodes, function (node) { api.widgets.push(new Playground(node)); });
  }

  // Redraw when the reader switches Material's palette (light/dark).
  function watchPalette() {
    new MutationObserver(function () {
      api.widgets.forEach(function (wdg) { if (wdg instanceof Playground) wdg.redraw(); });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"], subtree: false });
  }

  function init() { mountAll(); watchPalette(); }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
