/* piao search: the Slovenian rules, a copy of builder/textnorm/languages.go
   (change both together: a test compares them). The search page loads
   this file before search.js, which reads PIAO_LINGUA. */
this.PIAO_LINGUA = {
  months: "januar|januarja februar|februarja marec|marca april|aprila maj|maja junij|junija julij|julija " +
    "avgust|avgusta september|septembra oktober|oktobra november|novembra december|decembra",
  ord: "\\.",
  stop: "ali bi bo brez ce da do ga in iz je jih jo kar ki kjer ko kot le med mu na nad ne ni ob od pa po pod pred pri " +
    "se so ta tako te tem ter to tudi za",
  // stem removes the first of the case endings that ends the word, when
  // three letters at least remain.
  stem: function (w) {
    var e = "ama ami ega emu ih im om em ov ev ah a e i o u".split(" ");
    if (w.length < 4 || !/[a-z]$/.test(w)) return w;
    for (var k = 0; k < e.length; k++) {
      if (w.length - e[k].length >= 3 && w.slice(-e[k].length) == e[k]) return w.slice(0, -e[k].length);
    }
    return w;
  }
};
