/* piao search: the German rules, a copy of builder/textnorm/german.go
   (change both together: a test compares them). The search page loads
   this file before search.js, which reads PIAO_LINGUA. */
this.PIAO_LINGUA = {
  months: "januar|janner februar|feber marz april mai juni juli august september oktober november dezember",
  ord: "\\.",
  stop: "aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bin bis bist da damit " +
    "dann das dass dem den denn der des deshalb dessen die dies diese diesem diesen dieser dieses doch dort du durch " +
    "ein eine einem einen einer eines er es etwas fur gegen hat hatte hatten ich ihm ihn ihnen ihr ihre im in indem " +
    "ins ist jede jedem jeden jeder jedes kann kein keine man mit muss nach nicht noch nur ob oder ohne sein seine " +
    "sich sie sind so soll sollen sondern uber um und uns unter vom von vor wahrend war waren was weil welche wenn " +
    "werden wie wir wird wo wurde wurden zu zum zur zwischen",
  // norm deletes the e of "ae", "oe" and "ue" written for an umlaut: after
  // a or o, and after a u that follows a consonant (state 0: after a
  // consonant, 1: after a vowel, 2: an e here is an umlaut's).
  norm: function (w) {
    var s = 0, o = "";
    for (var c of w) {
      if (c == "e" && s == 2) { s = 1; continue; }
      s = c == "a" || c == "o" || c == "u" && !s ? 2 : "eiquy".indexOf(c) >= 0 ? 1 : 0;
      o += c;
    }
    return o;
  },
  // stem: Savoy's light German stemmer, two steps.
  stem: function (w) {
    var n, st = function (c) { return "bdfghklmnt".indexOf(c) >= 0; };
    if (!/[a-z]$/.test(w)) return w;
    n = w.length;
    if (n > 5 && /ern$/.test(w)) w = w.slice(0, -3);
    else if (n > 4 && /e[mnrs]$/.test(w)) w = w.slice(0, -2);
    else if (n > 3 && /e$/.test(w) || n > 3 && /s$/.test(w) && st(w[n - 2])) w = w.slice(0, -1);
    n = w.length;
    if (n > 5 && /est$/.test(w)) return w.slice(0, -3);
    if (n > 4 && /e[rn]$/.test(w) || n > 4 && /st$/.test(w) && st(w[n - 3])) return w.slice(0, -2);
    return w;
  },
  // parts splits a compound after a linking s that follows -ung, -heit,
  // -keit, -schaft, -ion or -tät, where four letters at least come before
  // and after.
  parts: function (w) {
    var out = [], s = 0, m, e, re = /ungs|heits|keits|schafts|ions|tats/g;
    while ((m = re.exec(w))) {
      e = m.index + m[0].length;
      if (e - 1 - s >= 4 && w.length - e >= 4) { out.push(w.slice(s, e - 1)); s = e; }
    }
    return s ? out.concat(w.slice(s)) : [];
  }
};
