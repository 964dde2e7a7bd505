package builder

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/piao-pa/piao/builder/plan"
	"go.yaml.in/yaml/v3"
)

// TestContentFormatDoc decodes the examples of docs/content-format.md with
// the real decoder, so the documentation cannot name a key piao refuses.
func TestContentFormatDoc(t *testing.T) {
	src, err := os.ReadFile("../docs/content-format.md")
	if err != nil {
		t.Fatal(err)
	}
	sections := regexp.MustCompile(`(?m)^## `).Split(string(src), -1)
	block := regexp.MustCompile("(?s)```(yaml|markdown)\n(.*?)```")
	targets := map[string]func() (any, string){
		"config.yaml":                func() (any, string) { return &plan.Config{}, "" },
		"piano.yaml":                 func() (any, string) { return &plan.Plan{}, "" },
		"Strategic sheets":           func() (any, string) { return &plan.Sheet{}, "s" },
		"Operational sheets":         func() (any, string) { return &plan.Sheet{}, "o" },
		"Fields\n\n### Markdown she": func() (any, string) { return &plan.Sheet{}, "o" },
		"The performance cycle":      func() (any, string) { return &plan.Sheet{}, "o" },
	}
	checked := 0
	for _, sec := range sections {
		for title, mk := range targets {
			if !strings.HasPrefix(sec, strings.SplitN(title, "\n", 2)[0]) {
				continue
			}
			for _, m := range block.FindAllStringSubmatch(sec, -1) {
				text := m[2]
				if m[1] == "markdown" {
					fm, _, _, ok := splitFrontMatter([]byte(text))
					if !ok {
						continue
					}
					text = string(fm)
				} else if title == "Fields\n\n### Markdown she" {
					continue // fragments of single values
				}
				var n yaml.Node
				if err := yaml.Unmarshal([]byte(text), &n); err != nil {
					t.Errorf("%s example: %v", title, err)
					continue
				}
				v, kind := mk()
				var ds Diagnostics
				d := &decoder{file: "doc", kind: kind, diags: &ds}
				d.decode(&n, reflect.ValueOf(v).Elem())
				if len(ds) > 0 {
					t.Errorf("%s example:\n%s", title, ds.Error())
				}
				checked++
			}
		}
	}
	if checked < 5 {
		t.Errorf("checked %d examples, want the config, plan, both sheets and the Markdown one", checked)
	}
}
