//go:build unix

package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadRegular holds readRegular to readFile: the same bytes, time
// and error text for a report, an empty file, one over the limit, a
// folder, a named pipe, a link to a report and a missing file.
func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	report := write(t, dir, "r.txt", readTestdata(t, "seeds/000_18bd725a6c48fc58.txt"))
	paths := []string{
		report,
		write(t, dir, "empty.txt", nil),
		dir,
		filepath.Join(dir, "missing.txt"),
	}
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		paths = append(paths, fifo)
	}
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(report, link); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, link)
	for _, max := range []int64{DefaultMaxSize, 100} {
		for _, p := range paths {
			raw, mtime, err := readRegular(p, max)
			wantRaw, wantTime, wantErr := readFile(p, max)
			if !bytes.Equal(raw, wantRaw) || !mtime.Equal(wantTime) || (err == nil) != (wantErr == nil) ||
				err != nil && err.Error() != wantErr.Error() {
				t.Errorf("%s, max %d: %d bytes, %v, %v; want %d bytes, %v, %v",
					p, max, len(raw), mtime, err, len(wantRaw), wantTime, wantErr)
			}
		}
	}
}
