PIAO_SEARCH.push("f_l_p_1","00");
