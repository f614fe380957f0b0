package extract

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"gitui/internal/schema"
)

// proseBenchDocs returns the UTF-8 reports of testdata as docs, and their
// total size in bytes.
func proseBenchDocs(b *testing.B) ([]*doc, int64) {
	b.Helper()
	var docs []*doc
	var n int64
	for _, dir := range []string{"../../testdata/seeds", "../../testdata/dev/reports"} {
		names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil || len(names) == 0 {
			b.Fatalf("no reports in %s: %v", dir, err)
		}
		for _, name := range names {
			raw, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			if utf8.Valid(raw) {
				docs = append(docs, newDoc(string(raw)))
				n += int64(len(raw))
			}
		}
	}
	return docs, n
}

// BenchmarkProse times the prose rules alone; MB/s is source text per
// second.
func BenchmarkProse(b *testing.B) {
	docs, n := proseBenchDocs(b)
	b.SetBytes(n)
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			extractProse(d, schema.Narrative)
		}
	}
}

// BenchmarkMeta times the metadata rules alone.
func BenchmarkMeta(b *testing.B) {
	docs, n := proseBenchDocs(b)
	b.SetBytes(n)
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			extractMeta(d)
		}
	}
}
