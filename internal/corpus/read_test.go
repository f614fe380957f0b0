//go:build unix

package corpus

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"testing/iotest"
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

// TestReadLimited reads files whose size stat gave right, or wrong (the
// file grew or shrank since), whole or a byte per read: read to the end,
// whatever the reads return on the way.
func TestReadLimited(t *testing.T) {
	text := []byte("共主动公开政府信息1491条")
	for _, size := range []int64{0, 1, int64(len(text)) - 1, int64(len(text)), int64(len(text)) + 1, 100} {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = bytes.NewReader(text)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			raw, err := readLimited(r, size, 1000)
			if err != nil || !bytes.Equal(raw, text) {
				t.Errorf("size %d, a byte per read %v: %q, %v; want %q", size, oneByte, raw, err, text)
			}
		}
	}
	if _, err := readLimited(bytes.NewReader(text), 4, 10); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit: %v, want ErrTooLarge", err)
	}
	// A reader that checks what it read at its end (a zip entry's
	// checksum) fails there, after a short read of all the text: the
	// failure is not lost.
	bad := errors.New("checksum error")
	r := io.MultiReader(bytes.NewReader(text), iotest.ErrReader(bad))
	if raw, err := readLimited(r, int64(len(text)), 1000); !errors.Is(err, bad) {
		t.Errorf("a failure at the end: %q, %v; want %v", raw, err, bad)
	}
}
