PIAO_SEARCH.push("f_p_p","00");
