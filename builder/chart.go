package builder

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The charts of the Relazione's page: horizontal bar charts drawn at build
// time as inline SVG, with no script and nothing to load. Go lays them out
// (this file); the theme's "chart" template writes the SVG, with a title
// and a description for screen readers, and beside it a table with the
// same data. Each bar carries its label and its value in text, so that no
// chart says anything by colour alone; the colours are the stylesheet's,
// kept when printed. A chart of more than maxBars bars is not drawn: its
// table alone says it better.

const (
	chartWidth  = 640
	chartLabelW = 200 // the column of the labels
	chartValueW = 150 // room after the longest bar for its value
	chartTop    = 26  // room for the scale
	rowHeight   = 28  // the height of a row of one bar
	barHeight   = 18  // the height of a bar
	maxBars     = 40
	labelChars  = 27 // the characters of a label that fit its column
)

// chartView is a chart ready for the template: its SVG geometry, and the
// table beside it.
type chartView struct {
	ID            string // the prefix of its ids
	Title, Desc   string
	Width, Height int
	Bars          []chartBar
	Ticks         []chartTick
	Table         chartTable
}

// chartBar is one bar: its label on the left, the bar, its value after it.
type chartBar struct {
	Label, Value string
	LabelX       int // where the label ends
	Y, TextY     int // the top of the bar, the baseline of its texts
	X, W, H      int
	ValueX       int
	Class        string
}

// chartTick is a line of the scale, with its label.
type chartTick struct {
	X      int
	Label  string
	Bottom int
}

// chartTable is the chart's data as a table.
type chartTable struct {
	Caption string
	Head    []string
	Rows    []chartRow
}

type chartRow struct {
	Label, URL string
	Cells      []string
}

// chartItem is one bar to draw: its value on the chart's scale, and how
// the bar writes it.
type chartItem struct {
	Label, Value, Class string
	N                   float64
}

// barChart lays out items as horizontal bars on a scale from 0 to top,
// with ticks at the values of ticks, labelled by tick; items come in
// groups of group bars (1: no groups). It returns nil when there is
// nothing to show, and a chart without bars when there are too many to
// draw: its table alone.
func barChart(id, title, desc string, items []chartItem, top float64, ticks []float64, tick func(float64) string, group int) *chartView {
	if len(items) == 0 {
		return nil
	}
	c := &chartView{ID: id, Title: title, Desc: desc, Width: chartWidth}
	if len(items) > maxBars || top <= 0 {
		return c
	}
	span := chartWidth - chartLabelW - chartValueW
	gap := 0
	y := chartTop
	for i, it := range items {
		if group > 1 && i > 0 && i%group == 0 {
			gap += rowHeight / 2 // a group of bars (the years of a line) stands apart
		}
		w := int(math.Round(it.N / top * float64(span)))
		b := chartBar{Label: shortLabel(it.Label), Value: it.Value, Class: it.Class,
			Y: y + gap + (rowHeight-barHeight)/2, H: barHeight, X: chartLabelW, W: max(w, 0)}
		if group > 1 && i%group != 0 {
			b.Label = "" // the group's label is on its first bar
		}
		b.TextY = b.Y + barHeight - 5
		b.ValueX, b.LabelX = chartLabelW+b.W+6, chartLabelW-8
		c.Bars = append(c.Bars, b)
		y += rowHeight
	}
	c.Height = y + gap + 6
	for _, t := range ticks {
		c.Ticks = append(c.Ticks, chartTick{X: chartLabelW + int(math.Round(t/top*float64(span))), Label: tick(t), Bottom: c.Height - 4})
	}
	return c
}

// shortLabel cuts a label to its column; the table beside gives it whole.
func shortLabel(s string) string {
	if utf8.RuneCountInString(s) <= labelChars {
		return s
	}
	r := []rune(s)
	cut := strings.TrimRight(string(r[:labelChars-1]), " -–,")
	return cut + "…"
}

// percentScale is the top and the ticks of a scale of percentages: 0 to
// 100%, or to the next 25% above the largest value.
func percentScale(items []chartItem) (float64, []float64) {
	top := 100.0
	for _, it := range items {
		top = max(top, math.Ceil(it.N/25)*25)
	}
	var ticks []float64
	for t := 0.0; t <= top; t += top / 4 {
		ticks = append(ticks, t)
	}
	return top, ticks
}

// countScale is the top and the ticks of a scale of counts.
func countScale(items []chartItem) (float64, []float64) {
	top := 1.0
	for _, it := range items {
		top = max(top, it.N)
	}
	step := math.Max(1, math.Ceil(top/4))
	var ticks []float64
	for t := 0.0; t <= top; t += step {
		ticks = append(ticks, t)
	}
	return top, ticks
}

// chartItems lists the items in words, for a chart's description.
func chartItems(w *words, items []chartItem) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = w.T("chart.item", "label", it.Label, "value", it.Value)
	}
	return strings.Join(parts, "; ")
}

// euroScale is a scale of amounts: ticks at round amounts, labelled in
// thousands or millions of euro.
func euroScale(items []chartItem) (float64, []float64) {
	top := 0.0
	for _, it := range items {
		top = max(top, it.N)
	}
	if top <= 0 {
		return 0, nil
	}
	step := math.Pow(10, math.Floor(math.Log10(top/4)))
	for _, m := range []float64{1, 2, 5, 10} {
		if top/(step*m) <= 5 {
			step *= m
			break
		}
	}
	var ticks []float64
	for t := 0.0; t <= top+step/2; t += step {
		ticks = append(ticks, t)
	}
	return math.Max(top, ticks[len(ticks)-1]), ticks
}

// euroTick labels a tick of an amount in euro: "€ 2 mln", "€ 500 mila".
func euroTick(w *words) func(float64) string {
	return func(v float64) string {
		switch {
		case v == 0:
			return "0"
		case v >= 1e6:
			return w.T("chart.euro.millions", "n", w.Number(v/1e6))
		case v >= 1e3:
			return w.T("chart.euro.thousands", "n", w.Number(v/1e3))
		}
		return w.Euro(int64(v * 100))
	}
}

// Euro writes an amount in cents as the acts do: "€ 1.201.904,83".
func (w *words) Euro(cents int64) string {
	whole, frac := cents/100, cents%100
	digits := strconv.FormatInt(whole, 10)
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(w.T("number.thousands"))
		}
		b.WriteRune(r)
	}
	return w.T("chart.euro", "n", b.String()+w.decimal+fmt.Sprintf("%02d", frac))
}
