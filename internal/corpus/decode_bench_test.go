//go:build unix

package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// The decoding benchmarks time Decode and RenderHTML over the report files
// of testdata, or of the folder GITUI_BENCH_DIR when it is set (a corpus
// from cmd/gencorpus, say, with its GB18030 and Big5 files). MB/s is raw
// bytes per wall-clock second; cpu-MB/s is the same per second of the
// process's CPU time, which stays meaningful on a shared machine (run with
// GOMAXPROCS=1 for one core).

// benchFile is one report file: its name and raw bytes.
type benchFile struct {
	path string
	raw  []byte
}

// benchFiles returns every report file of the benchmark folders.
func benchFiles(b *testing.B) []benchFile {
	b.Helper()
	dirs := []string{"../../testdata"}
	if dir := os.Getenv("GITUI_BENCH_DIR"); dir != "" {
		dirs = []string{dir}
	}
	var files []benchFile
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".txt", ".md", ".html", ".htm":
			default:
				return nil
			}
			raw, err := os.ReadFile(path)
			if err == nil {
				files = append(files, benchFile{path, raw})
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if len(files) == 0 {
		b.Fatalf("no report files in %v", dirs)
	}
	return files
}

// benchLoop runs body b.N times (through b.Loop), reporting allocations,
// MB/s of n bytes per iteration and the same per second of CPU time.
func benchLoop(b *testing.B, n int64, body func()) {
	b.Helper()
	b.SetBytes(n)
	b.ReportAllocs()
	start, iters := processCPU(), 0
	for b.Loop() {
		body()
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

// BenchmarkDecode times Decode over every report file.
func BenchmarkDecode(b *testing.B) {
	var all [][]byte
	for _, f := range benchFiles(b) {
		all = append(all, f.raw)
	}
	benchDecode(b, all)
}

// BenchmarkDecodeLegacy times Decode over the files that are not UTF-8:
// GB18030 and Big5, each decoded by trial.
func BenchmarkDecodeLegacy(b *testing.B) {
	var legacy [][]byte
	for _, f := range benchFiles(b) {
		if !utf8.Valid(f.raw) {
			legacy = append(legacy, f.raw)
		}
	}
	if len(legacy) == 0 {
		b.Skip("no legacy-encoded files")
	}
	benchDecode(b, legacy)
}

func benchDecode(b *testing.B, files [][]byte) {
	var n int64
	for _, raw := range files {
		n += int64(len(raw))
	}
	benchLoop(b, n, func() {
		for _, raw := range files {
			Decode(raw)
		}
	})
}

// BenchmarkRenderHTML times RenderHTML over the decoded HTML pages.
func BenchmarkRenderHTML(b *testing.B) {
	var pages []string
	var n int64
	for _, f := range benchFiles(b) {
		if !isHTMLName(f.path) {
			continue
		}
		text, _, err := Decode(f.raw)
		if err != nil {
			continue
		}
		pages = append(pages, text)
		n += int64(len(text))
	}
	if len(pages) == 0 {
		b.Skip("no HTML pages")
	}
	benchLoop(b, n, func() {
		for _, p := range pages {
			RenderHTML(p)
		}
	})
}
