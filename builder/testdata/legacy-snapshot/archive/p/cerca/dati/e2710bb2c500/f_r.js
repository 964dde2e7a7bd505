PIAO_SEARCH.push("f_r","0");
