/* piao search: the English rules, a copy of builder/textnorm/languages.go
   (change both together: a test compares them). The search page loads
   this file before search.js, which reads PIAO_LINGUA. */
this.PIAO_LINGUA = {
  months: "january february march april may june july august september october november december",
  ord: "st|nd|rd|th",
  stop: "an and are as at be been but by for from has have in is it its not of on or that the their this to was " +
    "were which will with",
  // stem: Harman's S-stemmer, with the -es of words in -ss, -x, -ch, -sh.
  stem: function (w) {
    var n = w.length;
    if (n < 3 || w[n - 1] != "s") return w;
    if (/.(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
    if (/[us]s$/.test(w)) return w;
    if (/[^ae]ies$/.test(w)) return w.slice(0, -3) + "y";
    return /[iaoe]es$/.test(w) ? w : w.slice(0, -1);
  }
};
