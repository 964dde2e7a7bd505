/* piao search: the French rules, a copy of builder/textnorm/languages.go
   (change both together: a test compares them). The search page loads
   this file before search.js, which reads PIAO_LINGUA. */
this.PIAO_LINGUA = {
  months: "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
  ord: "er",
  stop: "au aux avec ce ces cet cette dans de des du elle elles en entre est et etre eux il ils je jusqu la le les " +
    "leur leurs lorsqu lui ma mais me meme mes moi mon ne nos notre nous on ont ou par pas pour puisqu qu que qui " +
    "quoiqu sa se ses si son sont sur ta te tes toi ton tu un une vos votre vous",
  // stem: the plural (-s, -x, -aux → -al), up to two final e, one of a
  // final double consonant; words of fewer than five letters stay.
  stem: function (w) {
    var n = w.length, k;
    if (n < 5 || !/[a-z]$/.test(w)) return w;
    if (n > 5 && /aux$/.test(w)) w = w.slice(0, -3) + "al";
    else if (/[^s][sx]$/.test(w)) w = w.slice(0, -1);
    for (k = 0; k < 2; k++) if (w.length > 4 && /e$/.test(w)) w = w.slice(0, -1);
    n = w.length;
    return n > 4 && w[n - 1] == w[n - 2] && "aeiouy".indexOf(w[n - 1]) < 0 ? w.slice(0, -1) : w;
  }
};
