PIAO_SEARCH.push("f_a_p_a1","00");
