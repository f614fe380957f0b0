//go:build unix

package extract_test

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"gitui/internal/corpus"
	"gitui/internal/extract"
)

// BenchmarkExtractDir times Extract over the texts of the reports in the
// folder GITUI_BENCH_DIR (for instance a corpus from cmd/gencorpus), as the
// corpus package decodes and renders them; it is skipped without one.
// cpu-MB/s is text per second of process CPU time.
func BenchmarkExtractDir(b *testing.B) {
	dir := os.Getenv("GITUI_BENCH_DIR")
	if dir == "" {
		b.Skip("GITUI_BENCH_DIR is not set")
	}
	c, err := corpus.LoadAll(context.Background(), []string{dir}, corpus.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	var n int64
	for _, r := range c.Reports {
		texts = append(texts, r.Text)
		n += int64(len(r.Text))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	start, iters := processCPU(), 0
	for b.Loop() {
		for _, s := range texts {
			extract.Extract(s)
		}
		iters++
	}
	if cpu := processCPU() - start; cpu > 0 {
		b.ReportMetric(float64(n)*float64(iters)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}

// processCPU returns the user and system CPU time the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
