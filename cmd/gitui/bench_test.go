package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExtractCommand runs `gitui extract --format jsonl` over
// $GITUI_BENCH_CORPUS, or testdata, output discarded: the whole command,
// reading, decoding, extracting and encoding, for profiles.
func BenchmarkExtractCommand(b *testing.B) {
	dir := os.Getenv("GITUI_BENCH_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "testdata")
	}
	var size int64
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return nil
	})
	b.SetBytes(size)
	for b.Loop() {
		if code := runExtract([]string{"--format", "jsonl", dir}, io.Discard, io.Discard); code == exitUsage {
			b.Fatalf("gitui extract %s: exit %d", dir, code)
		}
	}
}
