package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"gitui/internal/schema"
)

// The extraction cache keeps every loaded report, text and figures, in one
// index file, so that reopening an unchanged corpus reads one file and
// stats the others instead of reading, decoding, rendering and extracting
// each again: an unchanged 100,000-report corpus opens in about a second.
// See index.go for the file's layout.
//
// An entry is used for a file whose size and modification time are those
// recorded, as git trusts its index, unless the file was modified less
// than racyWindow before it was read for the entry: a file edited again
// within the same tick of a coarse clock could keep both. Such an entry
// is checked against the file's SHA-256 first. Another extractor version
// or schema, or records that fail their checksum, make the whole index a
// miss; a report whose record or text is damaged (a checksum that fails,
// a span out of its text) is a miss for its file. The load then extracts
// what missed and writes a new index. The index is written to a temporary
// file and renamed into place, so a reader never sees half of one.

// textVersion names how Decode and RenderHTML turn a file into Source and
// Text. The index holds what they gave, so a change to what they give must
// change textVersion, as a change to what the extractor gives changes
// extract.Version.
const textVersion = "1"

// racyWindow is how close to the time it was read a file's modification
// time makes its entry uncertain: more than any file system's timestamp
// granularity (FAT's is two seconds).
const racyWindow = 3 * time.Second

// cache is the extraction cache of one load.
type cache struct {
	dir     string
	version string // extract.Version, a parameter for tests
	schema  string // schemaFingerprint(): entries index the schema
	cwd     string // to key entries by absolute path

	entries map[string]*indexEntry // read from the index at the start
	// distrusted are the keys of the distrusted lists taken (see
	// distrustedName), taken their file names.
	distrusted map[string]bool
	taken      []string
}

// indexEntry is one report of the index.
type indexEntry struct {
	size   int64
	mtime  int64 // UnixNano, as recorded
	readAt int64 // UnixNano: when the file was read for the entry

	// The rest of the entry's record is read when it is first used.
	body  []byte
	texts *indexTexts
	once  sync.Once
	rep   *Report // nil until then, or if the record is damaged
}

// report returns the entry's report, read from its record on first use,
// or nil if the record or the texts it uses are damaged.
func (e *indexEntry) report() *Report {
	e.once.Do(func() { e.rep = e.texts.decode(e) })
	return e.rep
}

// newCache returns the cache in dir with the entries of its index, or
// none if the index is missing, foreign or damaged. Entries of files
// recorded as distrusted are made racy: their files are read again.
func newCache(dir, version string) *cache {
	c := &cache{dir: dir, version: version + "/" + textVersion, schema: schemaFingerprint()}
	c.cwd, _ = os.Getwd()
	c.entries, _ = readIndex(c.indexPath(), c.version, c.schema)
	c.takeDistrusted()
	for key := range c.distrusted {
		if e := c.entries[key]; e != nil {
			e.readAt = e.mtime
		}
	}
	return c
}

// distrustedName is the file in the cache folder listing files whose
// entries must not be trusted: a quoted key a line. A load takes the list
// by renaming it to distrustedName-<time>-<pid>, so that what the explorer
// appends meanwhile starts a list of its own, and removes what it took once
// a new index has read those files again; a taken list that a load did not
// get to remove is taken again by the next.
const distrustedName = "distrusted"

// takeDistrusted takes the distrusted lists of dir, keeping their keys.
func (c *cache) takeDistrusted() {
	list := filepath.Join(c.dir, distrustedName)
	if _, err := os.Lstat(list); err == nil {
		taken := fmt.Sprintf("%s-%d-%d", list, time.Now().UnixNano(), os.Getpid())
		_ = os.Rename(list, taken)
	}
	c.taken, _ = filepath.Glob(list + "-*")
	for _, name := range c.taken {
		for _, key := range readDistrusted(name) {
			if c.distrusted == nil {
				c.distrusted = make(map[string]bool)
			}
			c.distrusted[key] = true
		}
	}
}

// dropDistrusted removes the lists c took, once a new index has read
// their files again. A key written to a taken list after it was read (by
// a Distrust that opened the list before it was renamed) is distrusted
// anew rather than lost.
func (c *cache) dropDistrusted() {
	for _, name := range c.taken {
		for _, key := range readDistrusted(name) {
			if !c.distrusted[key] {
				_ = Distrust(c.dir, key)
			}
		}
		os.Remove(name)
	}
}

// Distrust records, in the cache in dir, that the file at path changed
// in a way its size and modification time do not show (the explorer found
// other bytes in it): the next load using the cache reads the file again.
func Distrust(dir, path string) error {
	c := &cache{}
	c.cwd, _ = os.Getwd()
	// Not through a symbolic link: a corpus could ship one pointing at a
	// file of the user's.
	f, err := os.OpenFile(filepath.Join(dir, distrustedName),
		os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0o600)
	if err != nil {
		return fmt.Errorf("cache %s: %w", dir, err)
	}
	_, werr := f.WriteString(strconv.Quote(c.key(path)) + "\n")
	if err := errors.Join(werr, f.Close()); err != nil {
		return fmt.Errorf("cache %s: %w", dir, err)
	}
	return nil
}

// readDistrusted returns the keys of the distrusted list at path; a list
// that cannot be read, or a line that is not a quoted key, gives none.
func readDistrusted(path string) []string {
	f, fi, err := openRegular(path, syscall.O_NOFOLLOW)
	if err != nil {
		return nil
	}
	defer f.Close()
	raw, err := readLimited(f, fi.Size(), 16<<20)
	if err != nil {
		return nil
	}
	var keys []string
	for _, line := range strings.Split(string(raw), "\n") {
		if key, err := strconv.Unquote(line); err == nil {
			keys = append(keys, key)
		}
	}
	return keys
}

func (c *cache) indexPath() string { return filepath.Join(c.dir, "index") }

// key returns the absolute form of path, which entries are keyed by, so
// that a corpus opened by another spelling of its folder hits.
func (c *cache) key(path string) string {
	if filepath.IsAbs(path) || c.cwd == "" {
		return filepath.Clean(path)
	}
	return filepath.Join(c.cwd, path)
}

// lookup returns the entry of the file at path if the file has the
// recorded size and modification time and the entry's report reads
// back whole. A damaged entry is a miss: its file is extracted again,
// and the index, which no longer holds every report, is written anew.
func (c *cache) lookup(path string, size int64, mtime time.Time) *indexEntry {
	e := c.entries[c.key(path)]
	if e == nil || e.size != size || e.mtime != mtime.UnixNano() || e.report() == nil {
		return nil
	}
	return e
}

// racy reports whether e's file may have changed since it was read without
// its size or time showing it.
func (e *indexEntry) racy() bool {
	return e.mtime > e.readAt-int64(racyWindow)
}

// hit returns the report of entry e, loaded from path, whose content was
// last found to be the entry's at readAt (UnixNano).
func (e *indexEntry) hit(path string, readAt int64) *Report {
	r := *e.rep
	r.Path = path
	r.Cached = true
	r.indexed = readAt == e.readAt
	r.readAt = time.Unix(0, readAt)
	return &r
}

// update writes the index anew with the reports of a load, unless every
// one of them is an entry of it, unchanged.
func (c *cache) update(ctx context.Context, reports []*Report) error {
	same := len(reports) == len(c.entries)
	for _, r := range reports {
		same = same && r.indexed
	}
	if same {
		// No report came from a distrusted entry: their files are gone.
		c.dropDistrusted()
		return nil
	}
	keys := make([]string, len(reports))
	for i, r := range reports {
		keys[i] = c.key(r.Path)
	}
	if err := writeIndex(ctx, c.indexPath(), c.version, c.schema, keys, reports); err != nil {
		return err
	}
	// Every distrusted file was read again for the index just written.
	c.dropDistrusted()
	return nil
}

// DefaultCacheDir returns where the cache of the corpus in folder root
// goes: root/.gitui/cache when that can be written, otherwise a folder
// under the user's cache directory ($XDG_CACHE_HOME/gitui on Linux) named
// by a hash of root's absolute path, for corpora on read-only media.
//
// A .gitui or .gitui/cache that is a symbolic link is not used: a corpus
// could ship one leading to a folder of the user's, where writing the
// index would replace a file named "index" (a git repository's, say).
func DefaultCacheDir(root string) (string, error) {
	in := filepath.Join(root, ".gitui", "cache")
	if !linked(filepath.Join(root, ".gitui"), in) && writable(in) {
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

// linked reports whether any of paths is a symbolic link.
func linked(paths ...string) bool {
	for _, p := range paths {
		if fi, err := os.Lstat(p); err == nil && fi.Mode()&os.ModeSymlink != 0 {
			return true
		}
	}
	return false
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

// schemaFingerprint identifies the field catalogue that packed figures
// index into.
func schemaFingerprint() string {
	h := sha256.New()
	for _, f := range schema.All() {
		h.Write([]byte(f.ID))
		h.Write([]byte{0})
		h.Write([]byte(f.Unit))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}
