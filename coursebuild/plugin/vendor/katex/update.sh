#!/usr/bin/env bash
# Re-vendor KaTeX from the npm registry (the only place it comes from; nothing is loaded from a CDN).
#   bash coursebuild/vendor/katex/update.sh 0.19.1
# Build time: coursebuild/vendor/katex/katex.min.js (run by node, never shipped to readers).
# Readers:    docs/assets/katex/{katex.min.css,fonts/*.woff2,LICENSE}.
# Every browser the site supports reads woff2, so the .woff/.ttf fallbacks are dropped from the CSS.
# After updating, change KATEX_VERSION in coursebuild/math.py and run pytest tests/test_math.py.
set -euo pipefail
version="${1:?usage: update.sh VERSION}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "katex@$version" >/dev/null && tar xzf "katex-$version.tgz")
pkg="$tmp/package"
cp "$pkg/dist/katex.min.js" "$pkg/LICENSE" "$root/coursebuild/vendor/katex/"
out="$root/docs/assets/katex"
rm -rf "$out" && mkdir -p "$out/fonts"
cp "$pkg/LICENSE" "$out/"
cp "$pkg"/dist/fonts/*.woff2 "$out/fonts/"
sed -E 's/,url\(fonts\/[^)]*\.woff\) format\("woff"\),url\(fonts\/[^)]*\.ttf\) format\("truetype"\)//g' \
  "$pkg/dist/katex.min.css" > "$out/katex.min.css"
if grep -qE '\.(woff|ttf)\)' "$out/katex.min.css"; then echo "update.sh: fallback fonts left in the CSS" >&2; exit 1; fi
echo "KaTeX $version vendored"
