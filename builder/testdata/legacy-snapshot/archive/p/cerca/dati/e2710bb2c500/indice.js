PIAO_SEARCH.push("indice",{"c":8,"n":2,"p":["Piano di prova"],"s":[""]});
