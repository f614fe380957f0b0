package main

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"gitui/internal/corpus"
	"gitui/internal/hostile"
	"gitui/internal/textsafe"
)

// referenceLine is how a report's line was written before appendRecord:
// encoding/json by reflection, then textsafe's escapes.
func referenceLine(t testing.TB, r *corpus.Report) []byte {
	var js, safe bytes.Buffer
	enc := json.NewEncoder(&js)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(record(r)); err != nil {
		t.Fatal(err)
	}
	if _, err := textsafe.NewJSONWriter(&safe).Write(js.Bytes()); err != nil {
		t.Fatal(err)
	}
	return safe.Bytes()
}

// TestAppendRecord holds appendRecord to the bytes encoding/json writes,
// on every testdata report and every hostile case.
func TestAppendRecord(t *testing.T) {
	hostileDir := t.TempDir()
	if _, err := hostile.Write(hostileDir); err != nil {
		t.Fatal(err)
	}
	c, err := corpus.LoadAll(context.Background(), []string{"../../testdata", hostileDir}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Reports) < 100 {
		t.Fatalf("only %d reports to compare", len(c.Reports))
	}
	for _, r := range c.Reports {
		if got, want := appendRecord(nil, r), referenceLine(t, r); !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", r.Path, got, want)
		}
	}
}

// FuzzAppendString compares appendRecord with encoding/json on reports
// whose every string is arbitrary.
func FuzzAppendString(f *testing.F) {
	f.Add("本年度主动公开政府信息1491条", "a\"b\\c\x00\x1f\x7f\u0085\u2028\u202e\ufeff\ufffd\xff<>&")
	f.Fuzz(func(t *testing.T, text, s string) {
		r, err := corpus.Parse("r.txt", []byte(text))
		if err != nil {
			return
		}
		r.Path, r.Agency, r.Encoding = s, s, s
		r.Problems = []string{s, ""}
		if got, want := appendRecord(nil, r), referenceLine(t, r); !bytes.Equal(got, want) {
			t.Fatalf("\n got %s\nwant %s", got, want)
		}
	})
}
