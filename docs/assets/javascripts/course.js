// Language switcher: the header's menu links each page to its translation (mkdocs-static-i18n); both
// languages use the same heading anchors, so carry the reader's #section along.
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
  if (link && location.hash && !link.hash) {
    link.hash = location.hash;
  }
}, true);
