package main

import "github.com/piao-pa/piao/builder/plan"

func specials(p *plan.Plan) []conversion { return nil }

func hostile(dir string) error { return nil }
