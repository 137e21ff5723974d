/*
 * The glossary on hover: the abbr extension marks every occurrence of a term on a page. A reader
 * needs the explanation once, and a heading full of dotted underlines reads like a list of links.
 * Keep the first marking of each term in the page's text; unmark the rest and those in headings.
 * Without JavaScript every occurrence stays marked, which is harmless.
 */
(function () {
  function unmark(node) {
    node.replaceWith(document.createTextNode(node.textContent));
  }
  function tidy() {
    var seen = {};
    var marks = document.querySelectorAll("article abbr[title]");
    Array.prototype.forEach.call(marks, function (abbr) {
      var term = abbr.textContent.toLowerCase();
      if (abbr.closest("h1, h2, h3, h4, h5, h6") || seen[term]) {
        unmark(abbr);
      } else {
        seen[term] = true;
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", tidy);
  } else {
    tidy();
  }
})();
