package export

import (
	"fmt"
	"io"
	"slices"
	"testing"

	"gitui/internal/extract"
	"gitui/internal/review"
	"gitui/internal/schema"
)

// manyReports is a corpus of n table reports with every table cell stated.
func manyReports(n int) []Report {
	var reports []Report
	for i := range n {
		var figs []review.Reviewed
		for j, f := range schema.All() {
			if j%3 == 0 {
				continue
			}
			figs = append(figs, review.Reviewed{Field: extract.Field{ID: f.ID, Value: extract.Int(int64(i + j)),
				Unit: f.Unit, Span: extract.Span{Start: j, End: j + 2}, Text: "12"}, State: review.Extracted})
		}
		reports = append(reports, Report{Path: fmt.Sprintf("r/%05d.txt", i), SHA256: "ab", Agency: "某局", Year: 2020,
			Format: schema.Table2021, Figures: figs})
	}
	return reports
}

func BenchmarkXLSX(b *testing.B) {
	reports := manyReports(500)
	for b.Loop() {
		if err := Write(io.Discard, XLSX, slices.Values(reports)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLong(b *testing.B) {
	reports := manyReports(500)
	for b.Loop() {
		if err := Write(io.Discard, Long, slices.Values(reports)); err != nil {
			b.Fatal(err)
		}
	}
}
