package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"gitui/internal/extract"
)

// The extraction cache keeps what Extract found in each report, so that
// reopening an unchanged corpus extracts nothing again. Each report has one
// small file, named by a hash of its absolute path, holding a header line
//
//	gitui-cache 3 "<extract.Version>" <schema fingerprint> <crc32c of payload> <payload length>
//
// and a binary payload (see appendEntry) with the path, size, modification
// time and SHA-256 of the report file and its extraction Result. An entry
// is used only if every one of these matches the file being loaded and
// every span lies in the decoded text; anything else (another extractor
// version, a truncated or corrupt file, an entry of another path) is a miss
// and the entry is rewritten. Entries are written to a temporary file and
// renamed into place, so a reader never sees half an entry.
//
// The payload is binary rather than JSON because decoding JSON cost as
// much as extracting again: a table report has over two hundred fields.
// Field.Text is not stored; it is Source[Start:End], which also keeps the
// cached report holding one copy of its text.

const cacheMagic = "gitui-cache 3"

// cacheEntry is the payload of a cache file.
type cacheEntry struct {
	Path     string
	Size     int64
	ModTime  int64 // UnixNano
	SHA256   string
	Encoding string
	Result   extract.Result
}

// cache is an extraction cache in one folder.
type cache struct {
	dir     string
	version string    // extract.Version, a parameter for tests
	schema  string    // schemaFingerprint(): payloads index the schema
	strings *interner // shares the IDs of entries read
}

var crc32c = crc32.MakeTable(crc32.Castagnoli)

// DefaultCacheDir returns where the cache of the corpus in folder root
// goes: root/.gitui/cache when that can be written, otherwise a folder
// under the user's cache directory ($XDG_CACHE_HOME/gitui on Linux) named
// by a hash of root's absolute path, for corpora on read-only media.
func DefaultCacheDir(root string) (string, error) {
	in := filepath.Join(root, ".gitui", "cache")
	if writable(in) {
		return in, nil
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", fmt.Errorf("cache dir for %s: %w", root, err)
	}
	user, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache dir for %s: %w", root, err)
	}
	sum := sha256.Sum256([]byte(abs))
	out := filepath.Join(user, "gitui", hex.EncodeToString(sum[:8]))
	if !writable(out) {
		return "", fmt.Errorf("cache dir for %s: neither %s nor %s can be written", root, in, out)
	}
	return out, nil
}

// writable reports whether dir exists or can be made, and a file can be
// created in it.
func writable(dir string) bool {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// file returns the cache file of the report at path.
func (c *cache) file(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	sum := sha256.Sum256([]byte(path))
	name := hex.EncodeToString(sum[:16])
	return filepath.Join(c.dir, name[:2], name[2:])
}

// get returns the entry of the report at path if it was made by this
// extractor from a file of this size, modification time and content.
func (c *cache) get(path string, size int64, mtime time.Time, sha string) (*cacheEntry, bool) {
	raw, err := readCacheFile(c.file(path))
	if err != nil {
		return nil, false
	}
	e, err := c.decode(raw)
	if err != nil {
		return nil, false
	}
	if e.Path != path || e.Size != size || e.ModTime != mtime.UnixNano() || e.SHA256 != sha {
		return nil, false
	}
	return e, true
}

// maxEntry bounds a cache file; an entry holds figures, not text, and is
// far smaller.
const maxEntry = 64 << 20

// readCacheFile reads a cache file that is a regular file of at most maxEntry
// bytes. It opens it non-blocking and checks its kind first: a named pipe
// in a tampered cache would block a load forever, a link to /dev/zero
// would never end.
func readCacheFile(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("cache entry %s is not a regular file (%v)", path, fi.Mode().Type())
	}
	return readLimited(f, fi.Size(), maxEntry)
}

// decode checks a cache file's header and reads its payload.
func (c *cache) decode(raw []byte) (*cacheEntry, error) {
	nl := bytes.IndexByte(raw, '\n')
	if nl < 0 {
		return nil, errors.New("no header")
	}
	head, payload := raw[:nl], raw[nl+1:]
	want := c.header(payload)
	if string(head) != want {
		return nil, errors.New("header mismatch")
	}
	return readEntry(payload, c.strings)
}

// header returns the header line of a cache file with payload.
func (c *cache) header(payload []byte) string {
	return fmt.Sprintf("%s %s %s %08x %d", cacheMagic, strconv.Quote(c.version), c.schema,
		crc32.Checksum(payload, crc32c), len(payload))
}

// put writes the entry of rep, atomically.
func (c *cache) put(rep *Report) error {
	e := cacheEntry{
		Path:     rep.Path,
		Size:     rep.Size,
		ModTime:  rep.ModTime.UnixNano(),
		SHA256:   rep.SHA256,
		Encoding: rep.Encoding,
		Result:   rep.Result(),
	}
	payload := appendEntry(nil, &e)
	var b bytes.Buffer
	b.WriteString(c.header(payload))
	b.WriteByte('\n')
	b.Write(payload)
	name := c.file(rep.Path)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("cache %s: %w", rep.Path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return fmt.Errorf("cache %s: %w", rep.Path, err)
	}
	_, werr := tmp.Write(b.Bytes())
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache %s: write: %w", rep.Path, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache %s: %w", rep.Path, err)
	}
	return nil
}

// useCached sets r's figures to res, a Result read from the cache, taking
// each field's Text from r.Source. It reports false, leaving r alone, if a
// span does not lie in r.Source.
func (r *Report) useCached(res extract.Result, in *interner) bool {
	for i := range res.Fields {
		f := &res.Fields[i]
		if f.Start < 0 || f.Start >= f.End || f.End > len(r.Source) {
			return false
		}
		f.Text = r.Source[f.Start:f.End]
	}
	if r.setResult(res, in) != nil {
		return false
	}
	r.Cached = true
	return true
}
