PIAO_SEARCH.push("f_u_p_u1","00");
