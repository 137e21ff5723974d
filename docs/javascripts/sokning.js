// Swedish stemming for Material's search. Material's search worker appends "*" to every word
// ("nyttokalkylen*"), and lunr skips the stemmer for such prefix terms, so an inflected word
// finds nothing. Each query word is therefore also sent as an exact term ("nyttokalkylen^1"),
// which lunr stems ("nyttokalkyl") and matches. Only query messages (type 2) are touched.
(function () {
  "use strict";
  var post = Worker.prototype.postMessage;
  var word = /^[\p{L}\p{N}]+$/u;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 2 && typeof message.data === "string") {
      var terms = message.data.trim().split(/\s+/).filter(Boolean);
      var extra = terms.filter(function (t) { return word.test(t); });
      var data = terms.concat(extra.map(function (t) { return t + "^1"; })).join(" ");
      arguments[0] = { type: message.type, data: data };
    }
    return post.apply(this, arguments);
  };
})();
