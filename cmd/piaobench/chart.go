package main

import (
	"fmt"
	"math"
	"strings"
)

// The chart of docs/performance.svg: two panels, the wall time of piao
// build and its peak memory, against the number of sheets on a
// logarithmic axis. Its structure is fixed; only the figures move.

const (
	panelW, panelH = 420, 300
	marginL        = 60
	marginB        = 50
	marginT        = 40
	plotW          = panelW - marginL - 20
	plotH          = panelH - marginT - marginB
)

type series struct {
	title, unit string
	values      []float64
	target      float64 // a dashed line at the 10,000-sheet target, if > 0
}

func chart(rows []row) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		2*panelW, panelH, 2*panelW, panelH)
	b.WriteString(`<rect width="100%" height="100%" fill="#fff"/>` + "\n")
	var sheets, secs, mb []float64
	for _, r := range rows {
		sheets = append(sheets, float64(r.Sheets))
		secs = append(secs, r.Build.Wall.Seconds())
		mb = append(mb, float64(r.Build.RSS)/(1<<20))
	}
	panel(&b, 0, sheets, series{"piao build: wall time", "s", secs, 1.5})
	panel(&b, panelW, sheets, series{"piao build: peak memory", "MB", mb, 250})
	b.WriteString("</svg>\n")
	return b.String()
}

func panel(b *strings.Builder, x0 int, xs []float64, s series) {
	top := niceMax(math.Max(maxOf(s.values), s.target))
	lo, hi := math.Log10(xs[0]), math.Log10(xs[len(xs)-1])
	if hi == lo {
		hi = lo + 1
	}
	px := func(x float64) float64 { return float64(x0+marginL) + (math.Log10(x)-lo)/(hi-lo)*plotW }
	py := func(y float64) float64 { return float64(marginT+plotH) - y/top*plotH }
	fmt.Fprintf(b, `<text x="%d" y="20" font-weight="bold">%s</text>`+"\n", x0+marginL, s.title)
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`+"\n", x0+marginL, marginT+plotH, x0+marginL+plotW, marginT+plotH)
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`+"\n", x0+marginL, marginT, x0+marginL, marginT+plotH)
	for i := 0; i <= 4; i++ {
		y := top * float64(i) / 4
		fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n", x0+marginL, py(y), x0+marginL+plotW, py(y))
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", x0+marginL-6, py(y)+4, trimFloat(y))
	}
	for _, x := range xs {
		fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", px(x), marginT+plotH+18, thousands(int(x)))
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle">sheets (log scale)</text>`+"\n", x0+marginL+plotW/2, panelH-8)
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", x0+marginL-6, marginT-10, s.unit)
	if s.target > 0 && s.target <= top {
		fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#c00" stroke-dasharray="5,4"/>`+"\n",
			x0+marginL, py(s.target), x0+marginL+plotW, py(s.target))
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end" fill="#c00">target at 10,000: %s %s</text>`+"\n",
			x0+marginL+plotW, py(s.target)-5, trimFloat(s.target), s.unit)
	}
	var pts []string
	for i, v := range s.values {
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(xs[i]), py(v)))
	}
	fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="#06c" stroke-width="2"/>`+"\n", strings.Join(pts, " "))
	for i, v := range s.values {
		fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="#06c"/>`+"\n", px(xs[i]), py(v))
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="#06c">%s</text>`+"\n", px(xs[i]), py(v)-8, trimFloat(v))
	}
}

func maxOf(vs []float64) float64 {
	m := 0.0
	for _, v := range vs {
		m = math.Max(m, v)
	}
	return m
}

// niceMax rounds v up to 1, 2 or 5 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// trimFloat writes v with few digits: 0.15, 2.3, 41, 1250.
func trimFloat(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v < 1:
		return fmt.Sprintf("%.2f", v)
	case v < 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// thousands writes n with commas: 10,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
