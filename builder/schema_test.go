package builder

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestSchemaFiles keeps docs/schema/ equal to the schemas derived from the
// model and from the exports (make golden rewrites them), and checks that
// they describe what the loader accepts.
func TestSchemaFiles(t *testing.T) {
	files := SchemaFiles()
	for name, b := range ExportSchemaFiles() {
		files[name] = b
	}
	for name, want := range files {
		file := filepath.Join("..", "docs", "schema", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(file)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is out of date (run make golden)", file)
		}
	}
	var op map[string]any
	if err := json.Unmarshal(SchemaFiles()["scheda-operativa.schema.json"], &op); err != nil {
		t.Fatal(err)
	}
	props := op["properties"].(map[string]any)
	for _, key := range []string{"area", "unita", "obiettivo_operativo", "indicatori", "note_revisione"} {
		if _, ok := props[key]; !ok {
			t.Errorf("operational sheet schema lacks %q", key)
		}
	}
	if _, ok := props["missioni"]; ok {
		t.Error("operational sheet schema has the strategic key \"missioni\"")
	}
	ind := props["indicatori"].(map[string]any)["items"].(map[string]any)
	req := ind["required"].([]any)
	if len(req) != 2 || req[0] != "descrizione" || req[1] != "target" { // peso: as the plan's pesi says, which check knows
		t.Errorf("indicator required = %v", req)
	}
}
