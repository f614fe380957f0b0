package corpus

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
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
		if diff := reportDiff(second.Reports[i], first.Reports[i]); diff != "" {
			t.Errorf("%s: cached report differs from extracted one: %s", first.Reports[i].Path, diff)
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

	// A damaged index is ignored and rewritten.
	index := filepath.Join(cacheDir, "index")
	raw, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	raw[len(raw)-3] ^= 0x20 // a flipped bit fails the checksum
	os.WriteFile(index, raw, 0o644)
	if c := reopen("2"); calls.Load() != 2 || !reflect.DeepEqual(cached(c), []bool{false, false}) {
		t.Fatalf("corrupt index: %d extractions, cached %v", calls.Load(), cached(c))
	}
	if reopen("2"); calls.Load() != 0 {
		t.Fatalf("after rebuilding the index: %d extractions", calls.Load())
	}
	os.WriteFile(index, []byte("not a cache index"), 0o644)
	if reopen("2"); calls.Load() != 2 {
		t.Fatalf("foreign index file: %d extractions, want 2", calls.Load())
	}

	// Files last modified well before they were read are known by their
	// size and time: reopening reads none of them.
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{a, b} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	reopen("2")
	reads := &countingFiles{files: osFiles{roots: []string{dir}}}
	c, err := collect(context.Background(), load(context.Background(), reads,
		Options{CacheDir: cacheDir, extractor: counting, version: "2"}))
	if err != nil || len(c.Reports) != 2 || !c.Reports[0].Cached || !c.Reports[1].Cached {
		t.Fatalf("reopen of old files: %v, %v", c, err)
	}
	if n := reads.reads.Load(); n != 0 {
		t.Errorf("reopen of unchanged old files read %d of them", n)
	}
	if c.Reports[1].Source != string(edited) {
		t.Errorf("the cached report does not hold the file's text")
	}

	// The same files under another folder are other files.
	moved := filepath.Join(t.TempDir(), "moved")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	dir = moved
	cacheDir = filepath.Join(dir, ".gitui", "cache")
	if reopen("2"); calls.Load() != 2 {
		t.Fatalf("corpus moved: %d extractions, want 2", calls.Load())
	}
}

// countingFiles counts the files a load reads.
type countingFiles struct {
	files
	reads atomic.Int32
}

func (c *countingFiles) read(path string, max int64) ([]byte, time.Time, error) {
	c.reads.Add(1)
	return c.files.read(path, max)
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

// TestIndexRoundTrip writes reports to an index and reads them back: the
// same text, offsets, figures, checks and problems, nil lists kept nil.
func TestIndexRoundTrip(t *testing.T) {
	var reports []*Report
	for _, name := range []string{"seeds/003_9e3f5efc8a0e9d92.txt", "dev/reports/t005_pingtan_zone_2021_crawl.txt"} {
		rep, err := Parse(name, readTestdata(t, name))
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, rep)
	}
	page, err := Parse("page.html", []byte(pageHTML))
	if err != nil || !page.Rendered() || page.NumFields() == 0 {
		t.Fatalf("page: %v", err)
	}
	reports = append(reports, page)
	odd := *reports[0]
	res := odd.Result()
	res.Problems = append(res.Problems, "a row could not be read")
	res.Fields = append(res.Fields[:0:0], extract.Field{ID: "fees.collected", Value: mustNumber(t, "-4711.70"),
		Approx: true, Unit: "份", Span: extract.Span{Start: 3, End: 9}, Text: odd.Source[3:9]})
	res.Checks = []extract.Check{
		{ID: "balance.natural", OK: true, Expected: mustNumber(t, "12"), Fields: []string{"fees.collected", "fees.waived"}},
		{ID: "balance.natural", Fields: []string{"fees.collected", "fees.waived"}},
		{ID: "empty", Fields: []string{}},
		{ID: "none"},
	}
	if err := odd.SetResult(res); err != nil {
		t.Fatal(err)
	}
	odd.Path = "odd.txt"
	reports = append(reports, &odd)
	var keys []string
	for i, r := range reports {
		r.ModTime = time.Unix(1700000000, int64(i))
		r.readAt = time.Unix(1700000100, 0)
		keys = append(keys, "/corpus/"+r.Path)
	}

	index := filepath.Join(t.TempDir(), "index")
	if err := writeIndex(context.Background(), index, "v", "fp", keys, reports); err != nil {
		t.Fatal(err)
	}
	got, err := readIndex(index, "v", "fp")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(reports) {
		t.Fatalf("%d entries read, %d written", len(got), len(reports))
	}
	for i, want := range reports {
		e := got[keys[i]]
		if e == nil || e.report() == nil {
			t.Fatalf("%s: no entry", keys[i])
		}
		r := e.hit(want.Path, e.readAt)
		if diff := reportDiff(r, want); diff != "" {
			t.Errorf("%s: %s", want.Path, diff)
		}
		if !r.readAt.Equal(want.readAt) {
			t.Errorf("%s: read at %v, want %v", want.Path, r.readAt, want.readAt)
		}
	}
	if _, err := readIndex(index, "w", "fp"); err == nil {
		t.Error("an index of another extractor version was read")
	}
	if _, err := readIndex(index, "v", "other"); err == nil {
		t.Error("an index of another schema was read")
	}
	raw, _ := os.ReadFile(index)
	for _, n := range []int{0, headerSize - 1, headerSize + 1, len(raw) - 1} {
		os.WriteFile(index, raw[:n], 0o644)
		if _, err := readIndex(index, "v", "fp"); err == nil {
			t.Errorf("an index cut to %d of %d bytes was read", n, len(raw))
		}
	}
	for _, at := range []int{headerSize + 10, len(raw) - 10} {
		bad := append([]byte(nil), raw...)
		bad[at] ^= 1
		os.WriteFile(index, bad, 0o644)
		if _, err := readIndex(index, "v", "fp"); err == nil {
			t.Errorf("an index with byte %d flipped was read", at)
		}
	}
}

// TestIndexDamagedTexts checks that a block of texts failing its checksum
// costs the reports using it, and only them: the records, at the end of
// the index, are read and checked first, and the texts after.
func TestIndexDamagedTexts(t *testing.T) {
	big := strings.Repeat("政府信息公开 ", indexBlock/len("政府信息公开 ")+1024)
	reports := []*Report{
		{Path: "big.txt", Source: big, Text: big, SHA256: "a", Encoding: "utf-8", Size: int64(len(big))},
		// Strings written once for all reports (the encoding) are in the
		// first block: the small report has its own.
		{Path: "small.txt", Source: "small", Text: "small", SHA256: "b", Encoding: "gb18030", Size: 5},
	}
	keys := []string{"/c/big.txt", "/c/small.txt"}
	index := filepath.Join(t.TempDir(), "index")
	if err := writeIndex(context.Background(), index, "v", "fp", keys, reports); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	raw[headerSize+10] ^= 1 // in the first block, which only big.txt uses
	if err := os.WriteFile(index, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readIndex(index, "v", "fp")
	if err != nil {
		t.Fatalf("records intact, yet the index was refused: %v", err)
	}
	// Lookups race the background read of the texts, and each other.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, k := range keys {
				got[k].report()
			}
		}()
	}
	wg.Wait()
	if r := got[keys[0]].report(); r != nil {
		t.Error("a report whose text fails its checksum was read")
	}
	if r := got[keys[1]].report(); r == nil || r.Source != "small" {
		t.Errorf("a report whose blocks are sound was not read: %v", r)
	}
	c := &cache{entries: got}
	if e := c.lookup("/c/big.txt", int64(len(big)), time.Unix(0, 0)); e != nil {
		t.Error("lookup returned a damaged entry")
	}
}

// reportDiff says how got differs from want in what a report holds of its
// file and its extraction, or "".
func reportDiff(got, want *Report) string {
	switch {
	case !reflect.DeepEqual(got.Result(), want.Result()):
		return fmt.Sprintf("result\n got %+v\nwant %+v", got.Result(), want.Result())
	case got.Source != want.Source || got.Text != want.Text:
		return "text differs"
	case got.SHA256 != want.SHA256 || got.Size != want.Size || got.Encoding != want.Encoding || !got.ModTime.Equal(want.ModTime):
		return fmt.Sprintf("file data %s %d %s %v, want %s %d %s %v", got.SHA256, got.Size, got.Encoding, got.ModTime,
			want.SHA256, want.Size, want.Encoding, want.ModTime)
	}
	for j := 0; j <= len(want.Text); j++ {
		if got.SourceOffset(j) != want.SourceOffset(j) {
			return fmt.Sprintf("SourceOffset(%d) = %d, want %d", j, got.SourceOffset(j), want.SourceOffset(j))
		}
	}
	return ""
}

func mustNumber(t *testing.T, s string) extract.Number {
	t.Helper()
	n, err := extract.ParseNumber(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// FuzzIndexRecords feeds arbitrary records and texts to the index reader,
// past the checksum that guards them on disk: whatever it accepts must be
// safe to use, every figure and offset inside its text.
func FuzzIndexRecords(f *testing.F) {
	rep, err := Parse("page.html", []byte(pageHTML))
	if err != nil {
		f.Fatal(err)
	}
	res := rep.Result()
	res.Checks = append(res.Checks, extract.Check{ID: "x", Fields: []string{"proactive.total", "fees.waived"}})
	if err := rep.SetResult(res); err != nil {
		f.Fatal(err)
	}
	w := &indexWriter{w: bufio.NewWriter(io.Discard), shared: map[string]ref{}}
	var texts strings.Builder
	w.w = bufio.NewWriter(&texts)
	w.appendRecord("/k", rep)
	w.w.Flush()
	f.Add(w.records, texts.String())
	f.Fuzz(func(t *testing.T, records []byte, texts string) {
		rep, err := readRecord(records, texts)
		if err != nil {
			return
		}
		for _, fl := range rep.Fields() {
			if rep.Source[fl.Start:fl.End] != fl.Text {
				t.Fatalf("figure %s not in its source", fl.ID)
			}
		}
		for i := 0; i <= len(rep.Text); i++ {
			if o := rep.SourceOffset(i); o < 0 || o > len(rep.Source) {
				t.Fatalf("SourceOffset(%d) = %d, source %d bytes", i, o, len(rep.Source))
			}
		}
		for s := 0; s <= len(rep.Source)+1; s++ {
			if o := rep.TextOffset(s); o > len(rep.Text) {
				t.Fatalf("TextOffset(%d) = %d, text %d bytes", s, o, len(rep.Text))
			}
		}
	})
}

// TestIndexTempFiles checks that a write of the index removes what writes
// cut short an hour or more ago left behind, and only that.
func TestIndexTempFiles(t *testing.T) {
	dir := t.TempDir()
	old, recent := filepath.Join(dir, ".index-old"), filepath.Join(dir, ".index-recent")
	for _, p := range []string{old, recent} {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	then := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, then, then)
	if err := writeIndex(context.Background(), filepath.Join(dir, "index"), "v", "fp", nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("a temporary file of two hours ago was left")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Error("a temporary file of another write going on was removed")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, _ := Parse("a.txt", []byte(simplified))
	if err := writeIndex(ctx, filepath.Join(dir, "index2"), "v", "fp", []string{"/a"}, []*Report{rep}); err == nil {
		t.Error("a cancelled write wrote an index")
	}
	if names, _ := filepath.Glob(filepath.Join(dir, ".index-*")); len(names) != 1 {
		t.Errorf("temporary files after a cancelled write: %q", names)
	}
}

// TestUnchanged checks that a report tells an edit of its file, even one
// that keeps the file's size and modification time.
func TestUnchanged(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.txt", []byte(simplified))
	c, err := LoadAll(context.Background(), []string{dir}, Options{})
	if err != nil || len(c.Reports) != 1 {
		t.Fatalf("load: %v, %v", c, err)
	}
	r := c.Reports[0]
	if ok, err := r.Unchanged(); !ok || err != nil {
		t.Fatalf("Unchanged() = %v, %v on the file as read", ok, err)
	}
	info, _ := os.Stat(p)
	edited := []byte(simplified)
	edited[len(edited)-1] ^= 1
	os.WriteFile(p, edited, 0o644)
	os.Chtimes(p, info.ModTime(), info.ModTime())
	if ok, err := r.Unchanged(); ok || err != nil {
		t.Errorf("Unchanged() = %v, %v after a same-size edit", ok, err)
	}
	os.WriteFile(p, append(edited, '\n'), 0o644)
	if ok, err := r.Unchanged(); ok || err != nil {
		t.Errorf("Unchanged() = %v, %v after the file grew", ok, err)
	}
	os.Remove(p)
	if ok, err := r.Unchanged(); ok || err == nil {
		t.Errorf("Unchanged() = %v, %v with the file gone", ok, err)
	}
}

// TestDistrust edits a file keeping its size and time, which the cache
// cannot see, then distrusts it: the next load reads it again.
func TestDistrust(t *testing.T) {
	dir := t.TempDir()
	cacheDir := filepath.Join(dir, ".gitui", "cache")
	p := write(t, dir, "a.txt", []byte(simplified))
	write(t, dir, "b.txt", readTestdata(t, "seeds/000_18bd725a6c48fc58.txt"))
	old := time.Now().Add(-time.Hour)
	for _, name := range []string{"a.txt", "b.txt"} {
		os.Chtimes(filepath.Join(dir, name), old, old)
	}
	var calls atomic.Int32
	opt := Options{CacheDir: cacheDir, extractor: func(text string) extract.Result {
		calls.Add(1)
		return extract.Extract(text)
	}}
	load := func() *Report {
		t.Helper()
		calls.Store(0)
		c, err := LoadAll(context.Background(), []string{dir}, opt)
		if err != nil || len(c.Reports) != 2 {
			t.Fatalf("load: %v", err)
		}
		return c.Reports[0]
	}
	load()
	edited := []byte(simplified)
	edited[len(edited)-1] ^= 1
	os.WriteFile(p, edited, 0o644)
	os.Chtimes(p, old, old)
	if a := load(); calls.Load() != 0 || a.Source != simplified {
		t.Fatalf("the cache saw an edit keeping size and time (%d extractions): this test needs it not to", calls.Load())
	}
	if err := Distrust(cacheDir, p); err != nil {
		t.Fatal(err)
	}
	if a := load(); calls.Load() != 1 || a.Source != string(edited) || a.Cached {
		t.Fatalf("after Distrust: %d extractions, cached %v, new text %v", calls.Load(), a.Cached, a.Source == string(edited))
	}
	if _, err := os.Stat(filepath.Join(cacheDir, distrustedName)); err == nil {
		t.Error("the distrusted list outlived the index that replaced its entries")
	}
	if load(); calls.Load() != 0 {
		t.Errorf("reopen after: %d extractions", calls.Load())
	}
}

// readHook calls onRead the first time path is read.
type readHook struct {
	files
	path   string
	onRead func()
}

func (h *readHook) read(path string, max int64) ([]byte, time.Time, error) {
	if path == h.path && h.onRead != nil {
		h.onRead()
		h.onRead = nil
	}
	return h.files.read(path, max)
}

// TestDistrustDuringLoad distrusts a file while a load that took the
// distrusted list runs: the next load must still read it again.
func TestDistrustDuringLoad(t *testing.T) {
	dir := t.TempDir()
	cacheDir := filepath.Join(dir, ".gitui", "cache")
	a := write(t, dir, "a.txt", []byte(simplified))
	b := write(t, dir, "b.txt", readTestdata(t, "seeds/000_18bd725a6c48fc58.txt"))
	old := time.Now().Add(-time.Hour)
	opt := Options{CacheDir: cacheDir}
	loadWith := func(src files) *Corpus {
		t.Helper()
		c, err := collect(context.Background(), load(context.Background(), src, opt))
		if err != nil || len(c.Reports) != 2 {
			t.Fatalf("load: %v", err)
		}
		return c
	}
	edit := func(p string) { // keeping size and time
		raw, _ := os.ReadFile(p)
		raw[len(raw)-1] ^= 1
		os.WriteFile(p, raw, 0o644)
		os.Chtimes(p, old, old)
	}
	os.Chtimes(a, old, old)
	os.Chtimes(b, old, old)
	loadWith(osFiles{roots: []string{dir}})
	edit(a)
	edit(b)
	if err := Distrust(cacheDir, a); err != nil {
		t.Fatal(err)
	}
	loadWith(&readHook{files: osFiles{roots: []string{dir}}, path: a, onRead: func() {
		if err := Distrust(cacheDir, b); err != nil {
			t.Error(err)
		}
	}})
	for _, r := range loadWith(osFiles{roots: []string{dir}}).Reports {
		if now, _ := os.ReadFile(r.Path); r.Source != string(now) {
			t.Errorf("%s: the cache gave its old text, though it was distrusted", r.Path)
		}
	}
}

// TestZeroTimeNotCached loads an fs.FS, whose files have no time: nothing
// would tell a changed one, so none is cached.
func TestZeroTimeNotCached(t *testing.T) {
	fsys := fstest.MapFS{"r.txt": {Data: []byte(simplified)}}
	opt := Options{CacheDir: t.TempDir()}
	if _, err := LoadAllFS(context.Background(), fsys, opt); err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(simplified, "1491", "9999", 1)
	fsys["r.txt"] = &fstest.MapFile{Data: []byte(edited)}
	c, err := LoadAllFS(context.Background(), fsys, opt)
	if err != nil || len(c.Reports) != 1 {
		t.Fatal(err)
	}
	if r := c.Reports[0]; r.Cached || r.Source != edited {
		t.Errorf("a file without a time came from the cache (Cached %v)", r.Cached)
	}
}

// TestCacheRefusesLinks plants symbolic links where the cache writes: the
// distrusted list and the .gitui folder of a corpus.
func TestCacheRefusesLinks(t *testing.T) {
	dir := t.TempDir()
	cacheDir := filepath.Join(dir, "cache")
	os.MkdirAll(cacheDir, 0o755)
	outside := filepath.Join(t.TempDir(), "bashrc")
	os.WriteFile(outside, []byte("# rc\n"), 0o644)
	os.Symlink(outside, filepath.Join(cacheDir, distrustedName))
	if err := Distrust(cacheDir, filepath.Join(dir, "$(touch pwned).txt")); err == nil {
		t.Error("Distrust wrote through a symbolic link")
	}
	if raw, _ := os.ReadFile(outside); string(raw) != "# rc\n" {
		t.Errorf("the link's target was written: %q", raw)
	}

	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	corpusDir, elsewhere := t.TempDir(), t.TempDir()
	os.Symlink(elsewhere, filepath.Join(corpusDir, ".gitui"))
	got, err := DefaultCacheDir(corpusDir)
	if err != nil || strings.HasPrefix(got, corpusDir) {
		t.Errorf("DefaultCacheDir with .gitui a link = %q, %v; want the user cache", got, err)
	}
}

// TestIndexRefusesBadRecords writes records a forged index could hold: a
// figure value that is no number, a map from text to source that goes
// back, counts that would make the reader allocate far more than the
// index holds, check field lists that are no fields. Each is refused.
func TestIndexRefusesBadRecords(t *testing.T) {
	rep, err := Parse("seeds/004.txt", readTestdata(t, "seeds/004_072038db32835d30.txt"))
	if err != nil || rep.NumFields() == 0 || rep.NumChecks() == 0 {
		t.Fatal("no figures or checks to write", err)
	}
	encode := func(r *Report) ([]byte, string) {
		var texts strings.Builder
		w := &indexWriter{w: bufio.NewWriter(&texts), shared: map[string]ref{}}
		w.appendRecord("/k", r)
		w.w.Flush()
		return w.records, texts.String()
	}
	read := func(records []byte, texts string) error {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := readRecord(records, texts)
		runtime.ReadMemStats(&after)
		if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(8*(len(records)+len(texts))+1<<20); got > limit {
			t.Errorf("reading %d bytes of record and %d of text allocated %d bytes", len(records), len(texts), got)
		}
		return err
	}
	if err := read(encode(rep)); err != nil {
		t.Fatalf("a good record was refused: %v", err)
	}

	garbled := *rep
	garbled.values = strings.Repeat("x", len(rep.values))
	garbled.checks = "" // whose numbers are checked on their own
	if read(encode(&garbled)) == nil {
		t.Error("a figure value that is no number was accepted")
	}

	// A value of 255 bytes, the most a figure holds: 1 + its length
	// must not wrap to "checked".
	long := *rep
	long.values = strings.Repeat("x", math.MaxUint8)
	long.figures = string(figure{start: 0, end: 1, vlen: math.MaxUint8}.append(nil))
	long.checks = ""
	if read(encode(&long)) == nil {
		t.Error("a figure value of 255 bytes that is no number was accepted")
	}

	backwards := *rep
	var runs []byte
	for _, v := range []uint32{0, 0, 10, 1} {
		runs = binary.LittleEndian.AppendUint32(runs, v)
	}
	backwards.Text, backwards.toSource = strings.Repeat("t", 20), offsetMap{runs: string(runs), n: 21}
	if backwards.toSource.valid(20, len(rep.Source)) || read(encode(&backwards)) == nil {
		t.Error("a map going back in the source was accepted")
	}

	// The record ends with the count of checks: claim millions.
	records, texts := encode(&Report{Path: "x", Source: "x", Text: "x"})
	records = reframe(t, records, func(body []byte) []byte {
		return append(binary.AppendUvarint(body[:len(body)-1], 8<<20), make([]byte, 8<<20)...)
	})
	if read(records, texts) == nil {
		t.Error("a record of zeros claiming millions of checks was accepted")
	}

	// A check naming a list of a million empty IDs.
	nuls := strings.Repeat("\x00", 1<<20)
	listed := *rep
	res := rep.Result()
	res.Checks = []extract.Check{{ID: "x", Fields: []string{"proactive.total"}}}
	if err := listed.SetResult(res); err != nil {
		t.Fatal(err)
	}
	var tb strings.Builder
	w := &indexWriter{w: bufio.NewWriter(&tb), shared: map[string]ref{}}
	at := w.text(nuls)
	w.shared["proactive.total"] = at // the list's text, looked up by the writer
	w.appendRecord("/k", &listed)
	w.w.Flush()
	if read(w.records, tb.String()) == nil {
		t.Error("a check naming a million empty fields was accepted")
	}
}

// readRecord reads one whole record, head and rest, of an index whose
// texts are all read.
func readRecord(records []byte, texts string) (*Report, error) {
	r := &recordReader{b: records, texts: texts, names: map[ref]uint16{}, lists: map[ref]uint16{}}
	var e indexEntry
	_, body := r.head(&e)
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, errors.New("bytes left over after the record")
	}
	r.b = body
	rep := r.report(&e)
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, errors.New("bytes left over in the record")
	}
	return rep, nil
}

// reframe returns the one record of records with the rest after its head
// replaced by edit's result, its length written anew.
func reframe(t *testing.T, records []byte, edit func(body []byte) []byte) []byte {
	t.Helper()
	r := &recordReader{b: records}
	var e indexEntry
	_, body := r.head(&e)
	if r.err != nil || len(r.b) != 0 {
		t.Fatalf("not one record: %v", r.err)
	}
	head := records[:len(records)-len(body)]
	// The head ends with the body's length: drop it and write the new one.
	k := len(head) - uvarintLen(uint64(len(body)))
	edited := edit(append([]byte(nil), body...))
	return append(binary.AppendUvarint(append([]byte(nil), head[:k]...), uint64(len(edited))), edited...)
}

func uvarintLen(v uint64) int { return len(binary.AppendUvarint(nil, v)) }

// TestRecordReaderForgetsRefusals checks that a reader which refused a
// record's check list refuses it again in the next record: readers are
// reused across records, and what they remember of one must not let a bad
// string through in another.
func TestRecordReaderForgetsRefusals(t *testing.T) {
	rep, err := Parse("seeds/004.txt", readTestdata(t, "seeds/004_072038db32835d30.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res := rep.Result()
	res.Checks = []extract.Check{{ID: "x", Fields: []string{"proactive.total"}}}
	if err := rep.SetResult(res); err != nil {
		t.Fatal(err)
	}
	var tb strings.Builder
	w := &indexWriter{w: bufio.NewWriter(&tb), shared: map[string]ref{}}
	w.shared["proactive.total"] = w.text("no.such.field") // the list's text
	w.appendRecord("/k", rep)
	w.w.Flush()
	texts := tb.String()

	r := &recordReader{texts: texts, names: map[ref]uint16{}, lists: map[ref]uint16{}}
	for i := range 2 {
		r.b, r.err = w.records, nil
		var e indexEntry
		_, body := r.head(&e)
		r.b = body
		if r.report(&e); r.err == nil {
			t.Fatalf("read %d: a check naming a field outside the schema was accepted", i+1)
		}
	}
}

// BenchmarkIndexDecode times reading an index of the reports of
// benchRoots, repeated to 10,000 or more, and decoding every report of it:
// what a reopen costs besides stating the files.
func BenchmarkIndexDecode(b *testing.B) {
	var reports []*Report
	var keys []string
	for _, root := range benchRoots() {
		c, err := LoadAll(context.Background(), []string{root}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range max(1, 10000/max(len(c.Reports), 1)) {
			for _, r := range c.Reports {
				reports = append(reports, r)
				keys = append(keys, fmt.Sprintf("/%d%s", i, r.Path))
			}
		}
	}
	index := filepath.Join(b.TempDir(), "index")
	if err := writeIndex(context.Background(), index, "v", "fp", keys, reports); err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(index)
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		entries, err := readIndex(index, "v", "fp")
		if err != nil {
			b.Fatal(err)
		}
		for _, k := range keys {
			if entries[k].report() == nil {
				b.Fatalf("%s: not read back", k)
			}
		}
	}
}
