package corpus

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"gitui/internal/extract"
)

// TestCache loads a folder over and over with a cache, counting how often
// the extractor runs.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	cacheDir := filepath.Join(dir, ".gitui", "cache")
	a := write(t, dir, "a.txt", readTestdata(t, "seeds/000_18bd725a6c48fc58.txt"))
	write(t, dir, "b.html", []byte(pageHTML))
	var calls atomic.Int32
	counting := func(text string) extract.Result {
		calls.Add(1)
		return extract.Extract(text)
	}
	reopen := func(version string) *Corpus {
		t.Helper()
		calls.Store(0)
		c, err := collect(context.Background(), load(context.Background(), osFiles{roots: []string{dir}},
			Options{CacheDir: cacheDir, extractor: counting, version: version}))
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Reports) != 2 || len(c.Problems) != 0 {
			t.Fatalf("loaded %v, problems %v", paths(c), c.Problems)
		}
		return c
	}
	cached := func(c *Corpus) []bool { return []bool{c.Reports[0].Cached, c.Reports[1].Cached} }

	first := reopen("1")
	if n := calls.Load(); n != 2 || !reflect.DeepEqual(cached(first), []bool{false, false}) {
		t.Fatalf("first load: %d extractions, cached %v", n, cached(first))
	}

	second := reopen("1")
	if n := calls.Load(); n != 0 || !reflect.DeepEqual(cached(second), []bool{true, true}) {
		t.Fatalf("reopen: %d extractions, cached %v; want 0, all cached", n, cached(second))
	}
	for i := range first.Reports {
		f, s := first.Reports[i], second.Reports[i]
		f.Cached = true
		if !reflect.DeepEqual(f, s) {
			t.Errorf("%s: cached report differs from extracted one", f.Path)
		}
	}

	// A changed file is extracted again, the other one is not.
	if err := os.WriteFile(a, readTestdata(t, "seeds/001_4d06bac4f9d4c7e7.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(a, later, later); err != nil {
		t.Fatal(err)
	}
	if c := reopen("1"); calls.Load() != 1 || !reflect.DeepEqual(cached(c), []bool{false, true}) {
		t.Fatalf("after an edit: %d extractions, cached %v; want 1, [false true]", calls.Load(), cached(c))
	}

	// Same size and time but other bytes: the checksum catches it.
	b := filepath.Join(dir, "b.html")
	info, _ := os.Stat(b)
	edited := []byte(pageHTML)
	edited[len(edited)-20] = 'X'
	if err := os.WriteFile(b, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(b, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if c := reopen("1"); calls.Load() != 1 || !reflect.DeepEqual(cached(c), []bool{true, false}) {
		t.Fatalf("after a same-size edit: %d extractions, cached %v; want 1, [true false]", calls.Load(), cached(c))
	}

	// A new extractor invalidates everything.
	if c := reopen("2"); calls.Load() != 2 || !reflect.DeepEqual(cached(c), []bool{false, false}) {
		t.Fatalf("after a version bump: %d extractions, cached %v", calls.Load(), cached(c))
	}
	reopen("2")
	if calls.Load() != 0 {
		t.Fatalf("second load at version 2: %d extractions", calls.Load())
	}

	// Corrupt every cache file in a different way: each is ignored and
	// rewritten.
	var files []string
	filepath.WalkDir(cacheDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if len(files) != 2 {
		t.Fatalf("cache files %q, want 2", files)
	}
	raw, _ := os.ReadFile(files[0])
	raw[len(raw)-3] ^= 0x20 // a flipped bit in the payload fails the checksum
	os.WriteFile(files[0], raw, 0o644)
	os.WriteFile(files[1], []byte("not a cache file"), 0o644)
	if c := reopen("2"); calls.Load() != 2 || !reflect.DeepEqual(cached(c), []bool{false, false}) {
		t.Fatalf("corrupt cache: %d extractions, cached %v", calls.Load(), cached(c))
	}
	if reopen("2"); calls.Load() != 0 {
		t.Fatalf("after rebuilding the cache: %d extractions", calls.Load())
	}

	// An entry moved to the file of another path is foreign.
	os.Rename(files[0], files[0]+".x")
	os.Rename(files[1], files[0])
	os.Rename(files[0]+".x", files[1])
	if reopen("2"); calls.Load() != 2 {
		t.Fatalf("swapped cache files: %d extractions, want 2", calls.Load())
	}
}

func TestDefaultCacheDir(t *testing.T) {
	dir := t.TempDir()
	got, err := DefaultCacheDir(dir)
	if err != nil || got != filepath.Join(dir, ".gitui", "cache") {
		t.Errorf("DefaultCacheDir(writable) = %q, %v", got, err)
	}
	// A corpus where .gitui is taken by a file (or a read-only folder,
	// which root could still write) caches under the user's cache dir.
	ro := filepath.Join(dir, "ro")
	write(t, ro, ".gitui", []byte("not a folder"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "xdg"))
	got, err = DefaultCacheDir(ro)
	if err != nil || filepath.Dir(got) != filepath.Join(dir, "xdg", "gitui") {
		t.Errorf("DefaultCacheDir(read-only) = %q, %v", got, err)
	}
}

// TestCacheEntryCodec round-trips the entry of a real report and checks
// that every truncation of it is refused, never misread.
func TestCacheEntryCodec(t *testing.T) {
	rep, err := Parse("seeds/003.txt", readTestdata(t, "seeds/003_9e3f5efc8a0e9d92.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res := rep.Result()
	res.Problems = append(res.Problems, "a row could not be read")
	res.Fields = append(res.Fields, extract.Field{ID: "fees.collected", Value: mustNumber(t, "-4711.70"),
		Approx: true, Unit: "元", Span: extract.Span{Start: 3, End: 9}})
	res.Fields = append(res.Fields, extract.Field{ID: "proactive.total", Value: mustNumber(t, "100"),
		Unit: "份", Span: extract.Span{Start: 10, End: 12}}) // a unit other than the schema's
	res.Checks = append(res.Checks,
		extract.Check{ID: "balance.natural", OK: true, Expected: mustNumber(t, "12"), Fields: []string{"fees.collected", "not.in.schema"}},
		extract.Check{ID: "balance.natural", Fields: []string{"not.in.schema"}},
		extract.Check{ID: "empty", Fields: []string{}})
	e := &cacheEntry{Path: rep.Path, Size: rep.Size, ModTime: -1, SHA256: rep.SHA256, Encoding: rep.Encoding, Result: res}
	payload := appendEntry(nil, e)
	got, err := readEntry(payload, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range e.Result.Fields {
		e.Result.Fields[i].Text = "" // not stored: it is Source[Start:End]
	}
	if !reflect.DeepEqual(got, e) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, e)
	}
	for n := range len(payload) {
		if _, err := readEntry(payload[:n], nil); err == nil {
			t.Fatalf("payload cut to %d of %d bytes was read", n, len(payload))
		}
	}
}

func mustNumber(t *testing.T, s string) extract.Number {
	t.Helper()
	n, err := extract.ParseNumber(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// FuzzCacheEntry feeds arbitrary payloads to the entry reader: a cache file
// is outside input, and a corrupt one must be refused, never crash a load.
func FuzzCacheEntry(f *testing.F) {
	rep, err := Parse("seed.txt", []byte(simplified))
	if err != nil {
		f.Fatal(err)
	}
	res := rep.Result()
	res.Checks = append(res.Checks, extract.Check{ID: "x", Fields: []string{"proactive.total", "y"}})
	f.Add(appendEntry(nil, &cacheEntry{Path: rep.Path, SHA256: rep.SHA256, Result: res}))
	f.Fuzz(func(t *testing.T, payload []byte) {
		e, err := readEntry(payload, &interner{})
		if err != nil {
			return
		}
		// What reads back must write back to the same bytes.
		if again := appendEntry(nil, e); string(again) != string(payload) {
			t.Fatalf("entry read from %x writes back as %x", payload, again)
		}
	})
}
