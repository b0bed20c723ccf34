// Build-time math: one long-lived node process that turns TeX into KaTeX HTML for coursebuild/math.py.
// Protocol: one JSON request per line on stdin, one JSON answer per line on stdout, in order.
//   request  {"items": [{"tex": "x^2", "display": false}, ...]}
//   answer   {"results": [{"html": "<span class=\"katex\">..."} | {"error": "KaTeX parse error: ..."}, ...]}
//   startup  {"ready": true, "version": "0.19.1"} is written once before the first request is read.
"use strict";

const path = require("path");
const readline = require("readline");

const katex = require(process.argv[2] || path.join(__dirname, "vendor", "katex", "katex.min.js"));

function render(item) {
  try {
    const html = katex.renderToString(String(item.tex), {
      displayMode: Boolean(item.display),
      throwOnError: true,
      // Unicode text in math mode (e.g. Chinese outside \text{}) renders with the wrong metrics:
      // make it an error that names the formula, like any other mistake.
      strict: "error",
      trust: false,
      output: "htmlAndMathml",
    });
    return { html };
  } catch (err) {
    return { error: String(err && err.message ? err.message : err) };
  }
}

process.stdout.write(JSON.stringify({ ready: true, version: katex.version }) + "\n");

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  if (!line.trim()) return;
  let answer;
  try {
    const request = JSON.parse(line);
    answer = { results: (request.items || []).map(render) };
  } catch (err) {
    answer = { fatal: String(err && err.message ? err.message : err) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
rl.on("close", () => process.exit(0));
