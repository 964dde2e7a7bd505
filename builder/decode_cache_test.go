package builder

import (
	"reflect"
	"testing"

	"github.com/piao-pa/piao/builder/plan"
)

// TestDecoderFieldsOnce: the keys a struct type accepts are read from its
// tags once per type and sheet kind, and are those its tags say.
func TestDecoderFieldsOnce(t *testing.T) {
	for _, kind := range []string{"s", "o", ""} {
		d := &decoder{kind: kind}
		typ := reflect.TypeOf(plan.Sheet{})
		first, again := d.fields(typ), d.fields(typ)
		if !reflect.DeepEqual(first, fieldsFor(typ, kind)) || len(first) == 0 {
			t.Fatalf("kind %q: the fields kept are not the tags'", kind)
		}
		if &first[0] != &again[0] {
			t.Errorf("kind %q: the tags read again", kind)
		}
	}
	if s, o := (&decoder{kind: "s"}).fields(reflect.TypeOf(plan.Sheet{})), (&decoder{kind: "o"}).fields(reflect.TypeOf(plan.Sheet{})); reflect.DeepEqual(s, o) {
		t.Error("strategic and operational sheets accept the same keys")
	}
	if i := posField(reflect.TypeOf(plan.Sheet{})); i == nil {
		t.Error("a sheet's place not found")
	}
	if i := posField(reflect.TypeOf(struct{ A int }{})); i != nil {
		t.Error("a place found in a struct without Pos")
	}
}
