package extract

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"gitui/internal/schema"
)

// The benchmarks time extraction and each of its stages over every report
// in testdata. MB/s is source text read per wall-clock second; cpu-MB/s is
// source text per second of the process's CPU time, which stays meaningful
// on a machine shared with other work (run with GOMAXPROCS=1 for one core).

// benchTexts returns every report in testdata, decoded, and their total
// size in bytes; with $GITUI_BENCH_CORPUS set, the .txt reports of that
// folder instead (a generated corpus: `gencorpus -plain`).
func benchTexts(b *testing.B) ([]string, int64) {
	b.Helper()
	var texts []string
	var n int64
	dirs := []string{"../../testdata/seeds", "../../testdata/dev/reports"}
	if dir := os.Getenv("GITUI_BENCH_CORPUS"); dir != "" {
		dirs = []string{dir}
	}
	for _, dir := range dirs {
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
			n += int64(len(raw))
		}
	}
	return texts, n
}

// benchDocs returns the testdata reports as docs, and their total size.
func benchDocs(b *testing.B) ([]*doc, int64) {
	b.Helper()
	texts, n := benchTexts(b)
	docs := make([]*doc, len(texts))
	for i, s := range texts {
		docs[i] = newDoc(s)
	}
	return docs, n
}

// loopCPU runs body b.N times (through b.Loop), reporting allocations,
// MB/s of n bytes per iteration and the same per second of CPU time.
func loopCPU(b *testing.B, n int64, body func()) {
	b.Helper()
	b.SetBytes(n)
	b.ReportAllocs()
	start := cpuTime()
	iters := 0
	for b.Loop() {
		body()
		iters++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(n)*float64(iters)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}

// BenchmarkExtract times whole extraction.
func BenchmarkExtract(b *testing.B) {
	texts, n := benchTexts(b)
	loopCPU(b, n, func() {
		for _, s := range texts {
			Extract(s)
		}
	})
}

// BenchmarkNewDoc times normalization.
func BenchmarkNewDoc(b *testing.B) {
	texts, n := benchTexts(b)
	loopCPU(b, n, func() {
		for _, s := range texts {
			newDoc(s)
		}
	})
}

// BenchmarkMeta times the metadata rules alone.
func BenchmarkMeta(b *testing.B) {
	docs, n := benchDocs(b)
	loopCPU(b, n, func() {
		for _, d := range docs {
			extractMeta(d, nil)
		}
	})
}

// BenchmarkFormat times format detection alone.
func BenchmarkFormat(b *testing.B) {
	docs, n := benchDocs(b)
	loopCPU(b, n, func() {
		for _, d := range docs {
			detectFormat(d)
		}
	})
}

// BenchmarkTables times the table rules alone.
func BenchmarkTables(b *testing.B) {
	docs, n := benchDocs(b)
	formats := make([]schema.Format, len(docs))
	for i, d := range docs {
		formats[i] = detectFormat(d)
	}
	loopCPU(b, n, func() {
		for i, d := range docs {
			extractTables(d, formats[i], nil)
		}
	})
}

// BenchmarkProse times the prose rules alone.
func BenchmarkProse(b *testing.B) {
	docs, n := benchDocs(b)
	formats := make([]schema.Format, len(docs))
	for i, d := range docs {
		formats[i] = detectFormat(d)
	}
	loopCPU(b, n, func() {
		for i, d := range docs {
			extractProse(d, formats[i])
		}
	})
}

// BenchmarkView times the prose view alone.
func BenchmarkView(b *testing.B) {
	docs, n := benchDocs(b)
	loopCPU(b, n, func() {
		for _, d := range docs {
			newView(d.norm)
		}
	})
}

// BenchmarkMentions times the number scan of the prose rules alone.
func BenchmarkMentions(b *testing.B) {
	docs, n := benchDocs(b)
	views := make([]*view, len(docs))
	for i, d := range docs {
		views[i] = newView(d.norm)
	}
	loopCPU(b, n, func() {
		for _, v := range views {
			v.mentions()
		}
	})
}

// BenchmarkZero times the zero statements of the prose rules alone, from
// the zero words the mention scan found.
func BenchmarkZero(b *testing.B) {
	docs, n := benchDocs(b)
	views := make([]*view, len(docs))
	zeroAt := make([][]int, len(docs))
	for i, d := range docs {
		views[i] = newView(d.norm)
		_, zeroAt[i] = views[i].mentions()
	}
	loopCPU(b, n, func() {
		for i, v := range views {
			zeroStatements(nil, v, zeroAt[i])
		}
	})
}
