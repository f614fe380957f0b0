package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"
)

func TestIDsUniqueAndOrdered(t *testing.T) {
	seen := map[string]bool{}
	for i, f := range All() {
		if seen[f.ID] {
			t.Errorf("%s listed twice", f.ID)
		}
		seen[f.ID] = true
		if Order(f.ID) != i {
			t.Errorf("Order(%s) = %d, want %d", f.ID, Order(f.ID), i)
		}
		if f.Label == "" {
			t.Errorf("%s has no label", f.ID)
		}
	}
	if Order("no.such.field") != -1 {
		t.Error("Order of an unknown ID is not -1")
	}
	// The application table: 26 rows (table2019 and table2021 together) × 7 columns.
	n := 0
	for _, f := range All() {
		if IsTableCell(f.ID) && f.Section == Applications {
			n++
		}
	}
	if n != len(Rows)*len(Columns) || n != 26*7 {
		t.Errorf("%d application cells, want %d", n, 26*7)
	}
}

// TestGoldIDsInSchema holds the catalogue to the hand-checked gold: every
// field a gold file names is one the schema knows.
func TestGoldIDsInSchema(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*/gold/*.json")
	more, _ := filepath.Glob("../../testdata/seeds-gold/*.json")
	files = append(files, more...)
	if len(files) < 40 {
		t.Fatalf("found %d gold files; testdata is missing", len(files))
	}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			Fields map[string]json.RawMessage `json:"fields"`
		}
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for id := range g.Fields {
			if _, ok := Lookup(id); !ok {
				t.Errorf("%s: field %s is not in the schema", filepath.Base(name), id)
			}
		}
	}
}

// TestOrderAfter holds OrderAfter to Order from every place to start from.
func TestOrderAfter(t *testing.T) {
	ids := []string{"no.such.field", ""}
	for _, f := range All() {
		ids = append(ids, f.ID)
	}
	for _, id := range ids {
		for from := -2; from <= len(All()); from++ {
			if got, want := OrderAfter(id, from), Order(id); got != want {
				t.Fatalf("OrderAfter(%q, %d) = %d, want %d", id, from, got, want)
			}
		}
	}
}

func TestIntern(t *testing.T) {
	for _, f := range All() {
		built := strings.Clone(f.ID) // the same bytes elsewhere
		got := Intern(built)
		if got != f.ID || unsafe.StringData(got) != unsafe.StringData(f.ID) {
			t.Fatalf("Intern(%q) is not the schema's own string", built)
		}
	}
	if id := "no.such.field"; Intern(id) != id {
		t.Fatalf("Intern(%q) = %q", id, Intern(id))
	}
}
