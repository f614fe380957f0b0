package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestExtractJSONL(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"004_072038db32835d30.txt", "000_18bd725a6c48fc58.txt", "002_7618f270e5773713.txt"} {
		raw, err := os.ReadFile(filepath.Join("../../testdata/seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A file that is not a report: binary bytes with a report's extension.
	if err := os.WriteFile(filepath.Join(dir, "broken.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"extract", dir, "--format", "jsonl"}, nil, &stdout, &stderr)
	if code != exitProblems {
		t.Errorf("exit %d, want %d (one file is a problem); stderr %q", code, exitProblems, stderr.String())
	}
	if !strings.Contains(stderr.String(), "broken.txt") {
		t.Errorf("stderr does not name the broken file: %q", stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 3 reports and 1 problem:\n%s", len(lines), stdout.String())
	}
	var paths []string
	for i, line := range lines {
		var rec extractRecord
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if i == 3 {
			if !strings.HasSuffix(rec.Path, "broken.txt") || len(rec.Problems) == 0 || len(rec.Fields) != 0 {
				t.Errorf("last line is not the problem file: %+v", rec)
			}
			continue
		}
		paths = append(paths, rec.Path)
		text, err := os.ReadFile(rec.Path)
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Fields) == 0 || rec.Year == nil {
			t.Errorf("%s: no fields or year", rec.Path)
		}
		for _, f := range rec.Fields {
			if f.Start < 0 || f.End > len(text) || string(text[f.Start:f.End]) != f.Text {
				t.Errorf("%s: %s not grounded", rec.Path, f.ID)
			}
		}
	}
	if !sort.StringsAreSorted(paths) {
		t.Errorf("reports not in the order found (name order in one folder): %v", paths)
	}
}

func TestExtractTableAndUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"extract", "--format", "table", "../../testdata/seeds"}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"PATH", "樟樹市自然資源局", "table2019", "衢州市国土局", "narrative"} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q:\n%s", want, out)
		}
	}
	for _, args := range [][]string{{"extract"}, {"extract", "--format", "xml", "."}, {"extract", "/no/such/dir"}} {
		stdout.Reset()
		if code := run(args, nil, &stdout, &stderr); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
