package corpus

import (
	"context"
	"errors"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gitui/internal/extract"
	"gitui/internal/samples"
)

const testdata = "../../testdata"

// write creates the file dir/name with content, making folders as needed.
func write(t *testing.T, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(testdata, name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestLoadProblems builds a folder of every kind of trouble and checks that
// each file is decided once, as a report, a problem naming its step, or a
// skipped file.
func TestLoadProblems(t *testing.T) {
	dir := t.TempDir()
	seed := readTestdata(t, "seeds/000_18bd725a6c48fc58.txt")
	write(t, dir, "good.txt", seed)
	write(t, dir, "sub/deeper/report.md", seed)
	write(t, dir, "gbk.txt", encode(t, simplifiedchinese.GB18030, string(seed)))
	write(t, dir, "empty.txt", nil)
	write(t, dir, "binary.txt", append([]byte("年度报告"), make([]byte, 4096)...))
	write(t, dir, "scan.htm", []byte("%PDF-1.4\n"))
	write(t, dir, "big.txt", append(seed, seed...))
	write(t, dir, "picture.png", []byte("\x89PNG\r\n\x1a\n"))
	write(t, dir, "name\nwith newline \xff.txt", seed)
	write(t, dir, ".gitui/cache/0001.txt", seed)
	if err := os.Symlink(".", filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("self.txt", filepath.Join(dir, "self.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("missing.txt", filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("good.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	// Two links to one folder: it is walked once.
	write(t, dir, "shared/in-shared.txt", seed)
	if err := os.Symlink("../shared", filepath.Join(dir, "sub", "a")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../shared", filepath.Join(dir, "sub", "b")); err != nil {
		t.Fatal(err)
	}
	unreadable := write(t, dir, "locked.txt", seed)
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	// root reads any file whatever its mode, so the permission case can
	// only be checked for other users.
	asRoot := os.Geteuid() == 0

	opt := Options{MaxSize: int64(len(seed)) + 1}
	c, err := LoadAll(context.Background(), []string{dir}, opt)
	if err != nil {
		t.Fatal(err)
	}
	rel := func(p string) string { r, _ := filepath.Rel(dir, p); return r }
	var reports []string
	for _, r := range c.Reports {
		reports = append(reports, rel(r.Path))
	}
	wantReports := []string{"gbk.txt", "good.txt", "link.txt", "name\nwith newline \xff.txt", "shared/in-shared.txt",
		"sub/a/in-shared.txt", "sub/deeper/report.md"}
	if asRoot {
		wantReports = append(wantReports[:3:3], append([]string{"locked.txt"}, wantReports[3:]...)...)
	}
	if !reflect.DeepEqual(reports, wantReports) {
		t.Errorf("reports = %q, want %q", reports, wantReports)
	}
	problems := map[string]string{}
	for _, p := range c.Problems {
		problems[rel(p.Path)] = p.Step + ": " + p.Err.Error()
	}
	wantProblems := map[string]string{
		"empty.txt":    "read: empty file",
		"binary.txt":   "decode: binary data",
		"scan.htm":     "decode: binary data, not text (PDF document)",
		"big.txt":      "read: file too large",
		"self.txt":     "stat: symlink loop",
		"dangling.txt": "stat: broken symlink",
		"sub/loop":     "walk: symlink loop",
		"sub/b":        "walk: symlink to a folder already walked as " + filepath.Join(dir, "sub", "a"),
	}
	if !asRoot {
		wantProblems["locked.txt"] = "read: open " + unreadable + ": permission denied"
	}
	if len(problems) != len(wantProblems) {
		t.Errorf("problems = %q, want %d", problems, len(wantProblems))
	}
	for path, want := range wantProblems {
		if got, ok := problems[path]; !ok || !strings.HasPrefix(got, want) {
			t.Errorf("problem of %q = %q, want prefix %q", path, got, want)
		}
	}
	if want := []string{filepath.Join(dir, "picture.png")}; !reflect.DeepEqual(c.Skipped, want) {
		t.Errorf("skipped = %q, want %q", c.Skipped, want)
	}
	for _, r := range c.Reports {
		if len(r.SHA256) != 64 || r.Size == 0 || r.ModTime.IsZero() || r.Source == "" || r.Text != r.Source {
			t.Errorf("%s: SHA256 %q, Size %d, ModTime %v, %d bytes of source", r.Path, r.SHA256, r.Size, r.ModTime, len(r.Source))
		}
	}
}

func TestLoadAllUnusableRoot(t *testing.T) {
	_, err := LoadAll(context.Background(), []string{filepath.Join(t.TempDir(), "nothing")}, Options{})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadAll(missing) error = %v, want ErrNotExist", err)
	}
}

// TestLoadEvents checks the counts of a streaming load and that the
// result does not depend on the number of workers.
func TestLoadEvents(t *testing.T) {
	roots := []string{filepath.Join(testdata, "seeds"), filepath.Join(testdata, "dev")}
	var first *Corpus
	for _, workers := range []int{1, 3} {
		var decided, last Event
		n := 0
		c := &Corpus{}
		for ev := range Load(context.Background(), roots, Options{Workers: workers}) {
			set := 0
			if ev.Report != nil {
				set++
				c.Reports = append(c.Reports, ev.Report)
			}
			if ev.Problem != nil {
				set++
				c.Problems = append(c.Problems, ev.Problem)
			}
			if ev.Skipped != "" {
				set++
				c.Skipped = append(c.Skipped, ev.Skipped)
			}
			if set > 1 {
				t.Fatalf("event with %d of Report, Problem, Skipped set", set)
			}
			if ev.Done < last.Done || ev.Total < last.Total || ev.Done > ev.Total || last.Walked && !ev.Walked {
				t.Fatalf("event %+v after %+v: counts went back", ev, last)
			}
			if set == 1 {
				n++
				decided = ev
				if ev.Done != n {
					t.Fatalf("Done = %d after %d decided files", ev.Done, n)
				}
			}
			last = ev
		}
		if !last.Walked || last.Done != last.Total || last.Total != n || decided.Done != n {
			t.Errorf("workers=%d: last event %+v after %d decided", workers, last, n)
		}
		if len(c.Reports) < 40 {
			t.Fatalf("workers=%d: %d reports from testdata", workers, len(c.Reports))
		}
		sorted, err := collect(context.Background(), replay(c))
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = sorted
			continue
		}
		if !reflect.DeepEqual(paths(first), paths(sorted)) || len(first.Skipped) != len(sorted.Skipped) {
			t.Errorf("workers=%d: loaded %v, workers=1 loaded %v", workers, paths(sorted), paths(first))
		}
		for i := range first.Reports {
			a, b := first.Reports[i], sorted.Reports[i]
			if a.SHA256 != b.SHA256 || !reflect.DeepEqual(a.Result(), b.Result()) {
				t.Errorf("%s: differs between loads", a.Path)
			}
		}
	}
}

func replay(c *Corpus) <-chan Event {
	ch := make(chan Event, len(c.Reports)+len(c.Problems)+len(c.Skipped))
	for _, r := range c.Reports {
		ch <- Event{Report: r}
	}
	for _, p := range c.Problems {
		ch <- Event{Problem: p}
	}
	for _, s := range c.Skipped {
		ch <- Event{Skipped: s}
	}
	close(ch)
	return ch
}

func paths(c *Corpus) []string {
	var out []string
	for _, r := range c.Reports {
		out = append(out, r.Path)
	}
	return out
}

func TestLoadCancel(t *testing.T) {
	dir := t.TempDir()
	seed := readTestdata(t, "seeds/001_4d06bac4f9d4c7e7.txt")
	for i := range 50 {
		write(t, dir, filepath.Join("r", strings.Repeat("x", i%7+1), string(rune('a'+i%26))+string(rune('a'+i/26))+".txt"), seed)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	slow := func(text string) extract.Result {
		time.Sleep(20 * time.Millisecond)
		return extract.Result{}
	}
	events := load(ctx, osFiles{roots: []string{dir}}, Options{Workers: 2, extractor: slow})
	n := 0
	for range events {
		n++
		if n == 3 {
			cancel()
			break
		}
	}
	deadline := time.After(2 * time.Second)
	for {
		select {
		case _, ok := <-events:
			if !ok {
				if _, err := LoadAll(ctx, []string{dir}, Options{}); !errors.Is(err, context.Canceled) {
					t.Errorf("LoadAll with a cancelled context: error %v", err)
				}
				return
			}
		case <-deadline:
			t.Fatal("events channel still open 2s after cancel")
		}
	}
}

// TestLoadExtractorFailures checks that a panicking or endless extraction
// becomes a problem of its file and the load goes on.
func TestLoadExtractorFailures(t *testing.T) {
	dir := t.TempDir()
	seed := readTestdata(t, "seeds/002_7618f270e5773713.txt")
	write(t, dir, "ok.txt", seed)
	write(t, dir, "panic.txt", []byte("PANIC\n"+string(seed)))
	write(t, dir, "slow.txt", []byte("SLOW\n"+string(seed)))
	release := make(chan struct{})
	defer close(release)
	ex := func(text string) extract.Result {
		switch {
		case strings.HasPrefix(text, "PANIC"):
			var m map[string]int
			m["x"]++ // a nil map write, as a buggy rule would do
		case strings.HasPrefix(text, "SLOW"):
			<-release
		}
		return extract.Result{Meta: extract.Meta{Agency: "ok"}}
	}
	c, err := collect(context.Background(), load(context.Background(), osFiles{roots: []string{dir}},
		Options{Budget: 200 * time.Millisecond, extractor: ex}))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Reports) != 1 || c.Reports[0].Agency != "ok" {
		t.Fatalf("reports = %v, want ok.txt", paths(c))
	}
	if len(c.Problems) != 2 {
		t.Fatalf("problems = %v, want panic.txt and slow.txt", c.Problems)
	}
	for i, want := range []string{"extractor panic: assignment to entry in nil map", "took longer than 200ms"} {
		p := c.Problems[i]
		if p.Step != "extract" || !strings.Contains(p.Err.Error(), want) {
			t.Errorf("problem %s: %s: %v; want extract: %s", p.Path, p.Step, p.Err, want)
		}
	}
}

// TestLoadAfterAbandon has one worker abandon an endless extraction and
// go on with the next files, extracting each on a new goroutine; the
// abandoned one finishes after the load, unseen.
func TestLoadAfterAbandon(t *testing.T) {
	dir := t.TempDir()
	seed := readTestdata(t, "seeds/002_7618f270e5773713.txt")
	write(t, dir, "a.txt", []byte("SLOW\n"+string(seed)))
	write(t, dir, "b.txt", seed)
	write(t, dir, "c.txt", []byte("SLOW\n"+string(seed)))
	write(t, dir, "d.txt", seed)
	release := make(chan struct{})
	var calls atomic.Int32
	ex := func(text string) extract.Result {
		calls.Add(1)
		if strings.HasPrefix(text, "SLOW") {
			<-release
		}
		return extract.Extract(text)
	}
	c, err := collect(context.Background(), load(context.Background(), osFiles{roots: []string{dir}},
		Options{Workers: 1, Budget: 100 * time.Millisecond, extractor: ex}))
	close(release)
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(c); len(got) != 2 || filepath.Base(got[0]) != "b.txt" || filepath.Base(got[1]) != "d.txt" {
		t.Fatalf("reports = %v, want b.txt and d.txt", got)
	}
	if len(c.Problems) != 2 || calls.Load() != 4 {
		t.Fatalf("problems = %v after %d extractions, want a.txt and c.txt after 4", c.Problems, calls.Load())
	}
	for _, p := range c.Problems {
		if !strings.Contains(p.Err.Error(), "took longer than 100ms") {
			t.Errorf("problem %s: %v", p.Path, p.Err)
		}
	}
	if c.Reports[0].NumFields() == 0 {
		t.Error("the report after an abandoned one has no figures")
	}
}

func TestLoadFSSamples(t *testing.T) {
	c, err := LoadAllFS(context.Background(), samples.FS(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Reports) < 10 || len(c.Problems) != 0 {
		t.Fatalf("samples: %d reports, problems %v", len(c.Reports), c.Problems)
	}
	encodings := map[string]bool{}
	for _, r := range c.Reports {
		encodings[r.Encoding] = true
	}
	if !encodings[EncUTF8] || !encodings[EncBig5] {
		t.Errorf("sample encodings %v, want utf-8 and big5", encodings)
	}
}

// TestParseHTMLMapsFields checks that spans found in the rendered text of
// an HTML report end up in its source.
func TestParseHTMLMapsFields(t *testing.T) {
	var fields []extract.Field
	// Schema IDs for the figures found, keyed by their text.
	ids := map[string]string{"45": "proactive.total", "12": "proactive.cumulative", "3件": "fees.collected", "0元": "reconsideration.total"}
	ex := func(text string) extract.Result {
		fields = nil
		for _, num := range []string{"45", "12", "3件", "0元"} {
			i := strings.Index(text, num)
			fields = append(fields, extract.Field{ID: ids[num], Span: extract.Span{Start: i, End: i + len(num)}, Text: num})
		}
		// A span across cells takes in the markup between them; a span
		// that is not one must be dropped, with the checks that use it.
		i := strings.Index(text, "规章 | 0")
		fields = append(fields, extract.Field{ID: "litigation.total", Span: extract.Span{Start: i, End: i + len("规章 | 0")}, Text: "规章 | 0"})
		fields = append(fields, extract.Field{ID: "applications.total", Span: extract.Span{Start: 5, End: 2}})
		return extract.Result{Fields: fields, Checks: []extract.Check{
			{ID: "uses-bad", Fields: []string{"proactive.total", "applications.total"}},
			{ID: "fine", Fields: []string{"proactive.total", "proactive.cumulative"}},
		}}
	}
	rep, err := parse("page.html", []byte(pageHTML), ex)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Source != pageHTML || !rep.Rendered() || rep.Text == rep.Source {
		t.Fatal("HTML report not rendered")
	}
	want := map[string]string{"proactive.total": "45", "proactive.cumulative": "&#x31;2", "fees.collected": "3件", "reconsideration.total": "0&#20803;", "litigation.total": "规章</td><td>\n  0"}
	got := map[string]string{}
	for _, f := range rep.Fields() {
		if rep.Source[f.Start:f.End] != f.Text {
			t.Errorf("%s: Text %q is not Source[%d:%d] = %q", f.ID, f.Text, f.Start, f.End, rep.Source[f.Start:f.End])
		}
		got[f.ID] = f.Text
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mapped fields %q, want %q", got, want)
	}
	if len(rep.Checks()) != 1 || rep.Checks()[0].ID != "fine" {
		t.Errorf("checks %v, want only the one not using the dropped field", rep.Checks())
	}
}

// benchRoots are the reports BenchmarkLoad reads: $GITUI_BENCH_CORPUS
// (scripts/bench.sh sets it to a generated corpus) or testdata.
func benchRoots() []string {
	if dir := os.Getenv("GITUI_BENCH_CORPUS"); dir != "" {
		return []string{dir}
	}
	return []string{filepath.Join(testdata, "seeds"), filepath.Join(testdata, "dev", "reports")}
}

// BenchmarkLoad loads and extracts every report, without a cache.
func BenchmarkLoad(b *testing.B) {
	benchLoad(b, Options{})
}

// BenchmarkLoadCached reopens a corpus whose extraction cache is warm.
func BenchmarkLoadCached(b *testing.B) {
	opt := Options{CacheDir: b.TempDir()}
	if _, err := LoadAll(context.Background(), benchRoots(), opt); err != nil {
		b.Fatal(err)
	}
	benchLoad(b, opt)
}

// benchLoad times LoadAll with opt. Before the timed loads, it measures
// the heap a loaded corpus holds against its decoded text (heap/text;
// Source, and Text when it is a rendering).
func benchLoad(b *testing.B, opt Options) {
	roots := benchRoots()
	// A first load builds the extractor's tables (Traditional to
	// Simplified and the like): a cost of the process, not of a corpus.
	if _, err := LoadAll(context.Background(), roots, opt); err != nil {
		b.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	c, err := LoadAll(context.Background(), roots, opt)
	if err != nil {
		b.Fatal(err)
	}
	// Two collections, here and above: the first only moves what
	// sync.Pools cache (the extractor's scratch buffers) aside, the second
	// frees it.
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	var size, text int64
	for _, r := range c.Reports {
		size += r.Size
		text += int64(len(r.Source))
		if r.Rendered() {
			text += int64(len(r.Text))
		}
	}
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	reports := len(c.Reports)
	c = nil
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := LoadAll(context.Background(), roots, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(reports)*float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	b.ReportMetric(float64(held)/float64(text), "heap/text")
	b.ReportMetric(float64(held)/1e6, "heapMB")
	b.ReportMetric(float64(text)/1e6, "textMB")
}

// TestParseHTMLMatchesText wraps real reports in HTML, a paragraph a line,
// and checks that the page yields the figures of the plain text, each
// grounded in the page's source.
func TestParseHTMLMatchesText(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(testdata, "seeds", "*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := Parse(name, raw)
		if err != nil {
			t.Fatal(err)
		}
		var page strings.Builder
		page.WriteString("<html><head><title>年度报告</title><script>var x = 1;</script></head><body>\n")
		for _, line := range strings.Split(plain.Source, "\n") {
			page.WriteString("<p>" + html.EscapeString(strings.TrimRight(line, "\r")) + "</p>\n")
		}
		page.WriteString("</body></html>\n")
		rendered, err := Parse(strings.TrimSuffix(name, ".txt")+".html", []byte(page.String()))
		if err != nil {
			t.Fatal(err)
		}
		values := func(r *Report) map[string]string {
			m := map[string]string{}
			for _, f := range r.Fields() {
				m[f.ID] = f.Value.String()
			}
			return m
		}
		if got, want := values(rendered), values(plain); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: figures of the page %v, of the text %v", filepath.Base(name), got, want)
		}
		if len(plain.Fields()) == 0 {
			t.Errorf("%s: no figures to compare", filepath.Base(name))
		}
		for _, f := range rendered.Fields() {
			if rendered.Source[f.Start:f.End] != f.Text {
				t.Errorf("%s: %s not grounded in the page", filepath.Base(name), f.ID)
			}
		}
	}
}

// FuzzParse runs the whole pipeline, decoding, rendering, extraction and
// span mapping, on arbitrary files: it must never panic, and every figure
// it reports must be grounded in the decoded source.
func FuzzParse(f *testing.F) {
	f.Add([]byte(pageHTML), true)
	f.Add([]byte(simplified+"本年度共受理政府信息公开申请12件，其中当面申请3件。"), false)
	f.Add(encode(f, simplifiedchinese.GB18030, "<table><tr><td>一、本年新收政府信息公开申请数量</td><td>5</td></tr></table>"), true)
	f.Fuzz(func(t *testing.T, raw []byte, isHTML bool) {
		name := "r.txt"
		if isHTML {
			name = "r.html"
		}
		rep, err := Parse(name, raw)
		if err != nil {
			var p *Problem
			if !errors.As(err, &p) || p.Step == "extract" {
				t.Fatalf("Parse(%q): %v", raw, err) // an extractor panic is a bug to fix
			}
			return
		}
		for _, fld := range rep.Fields() {
			if fld.Start < 0 || fld.Start >= fld.End || fld.End > len(rep.Source) || rep.Source[fld.Start:fld.End] != fld.Text {
				t.Fatalf("Parse(%q): %s [%d,%d) %q not grounded", raw, fld.ID, fld.Start, fld.End, fld.Text)
			}
		}
	})
}

// TestEventSeq checks that the files decided carry their places in the
// order the walk found them: each place once, in name order per folder.
func TestEventSeq(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b/2.txt", []byte(simplified))
	write(t, dir, "a.txt", []byte(simplified))
	write(t, dir, "b/1.txt", []byte(simplified))
	write(t, dir, "c.pdf", []byte("%PDF"))
	write(t, dir, "d.txt", nil)
	want := []string{"a.txt", "b/1.txt", "b/2.txt", "c.pdf", "d.txt"}
	got := make([]string, len(want))
	for ev := range Load(context.Background(), []string{dir}, Options{Workers: 2}) {
		var p string
		switch {
		case ev.Report != nil:
			p = ev.Report.Path
		case ev.Problem != nil:
			p = ev.Problem.Path
		case ev.Skipped != "":
			p = ev.Skipped
		default:
			continue
		}
		if ev.Seq < 0 || ev.Seq >= len(got) || got[ev.Seq] != "" {
			t.Fatalf("%s: Seq %d out of range or taken", p, ev.Seq)
		}
		got[ev.Seq], _ = filepath.Rel(dir, p)
	}
	for i := range got {
		got[i] = filepath.ToSlash(got[i])
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("files by Seq %q, want %q", got, want)
	}
}
