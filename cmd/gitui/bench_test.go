package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"gitui/internal/corpus"
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

// BenchmarkAppendRecord writes the JSON lines of $GITUI_BENCH_CORPUS, or
// testdata, loaded once: the encoding alone.
func BenchmarkAppendRecord(b *testing.B) {
	dir := os.Getenv("GITUI_BENCH_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "testdata")
	}
	c, err := corpus.LoadAll(context.Background(), []string{dir}, corpus.Options{Unpacked: true})
	if err != nil {
		b.Fatal(err)
	}
	var buf []byte
	size := 0
	for _, r := range c.Reports {
		size += len(appendRecord(buf[:0], r))
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, r := range c.Reports {
			buf = appendRecord(buf[:0], r)
		}
	}
}
