package extract_test

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"gitui/internal/extract"
)

// benchTexts returns every report in testdata, decoded.
func benchTexts(b *testing.B) []string {
	b.Helper()
	var texts []string
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
			if !utf8.Valid(raw) {
				// Legacy encodings: the corpus package decodes them properly;
				// for timing, either decoder's text will do.
				if s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw); err == nil {
					raw = s
				} else if s, err := traditionalchinese.Big5.NewDecoder().Bytes(raw); err == nil {
					raw = s
				}
			}
			texts = append(texts, string(raw))
		}
	}
	return texts
}

// BenchmarkExtract times extraction over all the testdata reports; the
// MB/s figure is source text read per second.
func BenchmarkExtract(b *testing.B) {
	texts := benchTexts(b)
	var n int64
	for _, s := range texts {
		n += int64(len(s))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			extract.Extract(s)
		}
	}
}
