// Package corpus finds report files, decodes them to UTF-8, and holds them
// with their extracted figures and metadata.
//
// Load walks folders and streams an Event per file as workers finish it:
// a Report, a Problem naming the file and the step that failed, or a
// skipped path. Decode reads bytes exactly as tools/score.py does, so that
// spans agree with the scorer; HTML pages are rendered to text with a map
// back to their source (RenderHTML), and every field span is an offset into
// Report.Source. An extraction cache (DefaultCacheDir) spares reopening an
// unchanged corpus from reading and extracting again; it holds what Decode,
// RenderHTML and the extractor gave, so a change to what they give must
// change textVersion or extract.Version.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gitui/internal/extract"
)

// Report is one loaded report file.
type Report struct {
	Path     string    // as found under the corpus root
	SHA256   string    // hex digest of the raw bytes; reviews are keyed by it
	Size     int64     // raw size in bytes
	ModTime  time.Time // of the file, for the cache
	Encoding string    // "utf-8", "utf-16le", "gb18030", "big5", …

	// Source is the file decoded to UTF-8 with any BOM removed. Field spans
	// are byte offsets into Source; this is the contract of `gitui extract`.
	Source string
	// Text is what the explorer shows and the extractor reads: Source itself
	// for plain text, the rendered text of an HTML page, whose offsets
	// SourceOffset and TextOffset map to and from Source.
	Text     string
	toSource offsetMap

	// Meta is what the report says about itself, and Problems what the
	// extractor could not read with certainty, such as a table row it
	// could not map. The figures and checks are read with Fields, Field
	// and Checks (see packed.go).
	extract.Meta
	Problems []string
	figures  string // packed, figureSize bytes each
	values   string
	checks   string // packed, checkSize bytes each
	// unpacked holds them instead, as the extractor gave them, for a
	// report loaded with Options.Unpacked.
	unpacked *extract.Result

	// Cached is true when the figures were read from the extraction cache
	// rather than extracted in this load.
	Cached bool
	// readAt is when the file was read, for the cache (see racyWindow);
	// indexed is true when the report is the cache's entry as it stands.
	readAt  time.Time
	indexed bool
}

// SourceOffset maps a byte offset of r.Text to r.Source.
func (r *Report) SourceOffset(i int) int {
	if r.toSource.identity() {
		return i
	}
	return r.toSource.source(i)
}

// TextOffset maps a byte offset of r.Source to r.Text: the first byte of
// Text that comes from src or after it, or -1 if none does.
func (r *Report) TextOffset(src int) int {
	if r.toSource.identity() {
		if src > len(r.Text) {
			return -1
		}
		return src
	}
	i := r.toSource.first(src)
	if i < 0 {
		return -1
	}
	return min(i, len(r.Text))
}

// Rendered reports whether r.Text is a rendering of r.Source (an HTML
// page) rather than Source itself.
func (r *Report) Rendered() bool { return !r.toSource.identity() }

// Problem is a file that could not be loaded, or a step that failed for it.
type Problem struct {
	Path string
	Step string // "read", "decode", "render", "extract", …
	Err  error
}

func (p *Problem) Error() string { return fmt.Sprintf("%s: %s: %v", p.Path, p.Step, p.Err) }

func (p *Problem) Unwrap() error { return p.Err }

// Unchanged reports whether the file r was read from still holds the bytes
// r was made from (the same size and SHA-256). A report the cache's index
// gave was not read in its load, only its size and modification time were
// compared (see cache.go); the explorer asks this of each one it opens, so
// that an edit keeping both does not go unseen there.
func (r *Report) Unchanged() (bool, error) {
	f, info, err := openRegular(r.Path, 0)
	if err != nil {
		return false, err
	}
	defer f.Close()
	if info.Size() != r.Size {
		return false, nil
	}
	raw, err := readLimited(f, info.Size(), r.Size)
	if errors.Is(err, ErrTooLarge) {
		return false, nil // grown since the stat
	}
	if err != nil {
		return false, err
	}
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:]) == r.SHA256, nil
}
