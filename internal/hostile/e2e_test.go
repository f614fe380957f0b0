package hostile

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"gitui/internal/corpus"
	"gitui/internal/extract"
	"gitui/internal/ui"
)

// loadBudget bounds a whole load of the hostile set. It is generous (the
// cheap set loads in about two seconds without -race, twenty with it on a
// busy machine): the tests are about hangs and blow-ups, not speed.
const loadBudget = 3 * time.Minute

// loadOptions give every file the whole budget: a file abandoned for
// taking long is reported by the tests as a hang, never silently accepted.
var loadOptions = corpus.Options{Budget: loadBudget}

// loadDir loads dir, failing the test on a hang.
func loadDir(t *testing.T, dir string) *corpus.Corpus {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), loadBudget)
	defer cancel()
	start := time.Now()
	c, err := corpus.LoadAll(ctx, []string{dir}, loadOptions)
	if err != nil {
		t.Fatalf("load %s: %v (after %v)", dir, err, time.Since(start))
	}
	t.Logf("loaded %q in %v: %d reports, %d problems, %d skipped",
		dir, time.Since(start), len(c.Reports), len(c.Problems), len(c.Skipped))
	return c
}

// fixture is the cheap hostile set, written and loaded once for the tests
// that only read it (loading it is most of their cost under -race).
type fixture struct {
	dir    string
	cases  []Case
	corpus *corpus.Corpus
}

var (
	sharedMu sync.Mutex
	shared   *fixture
)

// hostileSet returns the shared fixture, writing and loading it on first use.
func hostileSet(t *testing.T) *fixture {
	t.Helper()
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if shared != nil {
		return shared
	}
	dir, err := os.MkdirTemp("", "gitui-hostile-")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := Write(dir)
	if err != nil {
		os.RemoveAll(dir)
		t.Fatal(err)
	}
	shared = &fixture{dir: dir, cases: cases}
	shared.corpus = loadDir(t, dir)
	return shared
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		os.RemoveAll(shared.dir)
	}
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// TestHostileLoad loads every hostile file and checks what the loader and
// the extractor made of it: each file is decided exactly once, nothing
// panicked or ran out of time, and every figure is grounded and possible.
func TestHostileLoad(t *testing.T) {
	set := hostileSet(t)
	cases, c := set.cases, set.corpus
	decided := map[string]string{}
	for _, r := range c.Reports {
		decided[r.Path] = "report"
	}
	for _, p := range c.Problems {
		if decided[p.Path] != "" {
			t.Errorf("%q decided twice: %s and problem %q", p.Path, decided[p.Path], p.Error())
		}
		decided[p.Path] = "problem"
		if msg := p.Error(); strings.Contains(msg, "panic") || strings.Contains(msg, "abandoned") {
			t.Errorf("problem hides a crash or a hang: %q", p.Error())
		}
	}
	for _, s := range c.Skipped {
		decided[s] = "skipped"
	}
	for _, cs := range cases {
		if cs.Skipped != "" {
			t.Logf("%s: not written: %s", cs.Name, cs.Skipped)
			continue
		}
		if cs.Dir && cs.Name != "loop-dir/up" { // folders are walked, not decided
			continue
		}
		how := decided[cs.Path]
		if how == "" {
			t.Errorf("%s (%s): %q neither loaded, nor a problem, nor skipped", cs.Name, cs.What, cs.Path)
		}
		t.Logf("%-20s %s", cs.Name, how)
	}
	byPath := map[string]Case{}
	for _, cs := range cases {
		byPath[cs.Path] = cs
	}
	for _, r := range c.Reports {
		cs := byPath[r.Path]
		checkFigures(t, cs, r)
	}
}

// checkFigures holds every field of r to what a hostile file allows:
// grounded in the source, no figure from a file that states none, and no
// figure read out of a run of digits too long to be a count.
func checkFigures(t *testing.T, cs Case, r *corpus.Report) {
	t.Helper()
	name := cs.Name
	if name == "" {
		name = filepath.Base(r.Path)
	}
	if cs.NoFigures && r.NumFields() > 0 {
		t.Errorf("%s (%s) states no figure, yet %d were extracted, first %s = %s from %q",
			name, cs.What, r.NumFields(), r.Fields()[0].ID, r.Fields()[0].Value, r.Fields()[0].Text)
	}
	long := longDigitRuns(r.Source)
	for _, f := range r.Fields() {
		if f.Start < 0 || f.End > len(r.Source) || f.Start >= f.End || r.Source[f.Start:f.End] != f.Text {
			t.Errorf("%s: field %s = %s is not grounded: span [%d,%d) text %q", name, f.ID, f.Value, f.Start, f.End, f.Text)
			continue
		}
		intPart, _, _ := strings.Cut(strings.TrimPrefix(f.Value.String(), "-"), ".")
		if len(intPart) > 15 {
			t.Errorf("%s: field %s has a %d-digit value", name, f.ID, len(intPart))
		}
		if run, ok := readFromRun(f, long); ok {
			t.Errorf("%s: field %s = %s read from inside a %d-digit number at [%d,%d)",
				name, f.ID, f.Value, run[1]-run[0], run[0], run[1])
		}
		if cs.SeedFigures {
			want, ok := seedGold(t)[f.ID]
			switch {
			case !ok:
				t.Errorf("%s: field %s = %s from %q: the seed report does not state it", name, f.ID, f.Value, f.Text)
			case !f.Value.Equal(want):
				t.Errorf("%s: field %s = %s from %q: the seed report states %s", name, f.ID, f.Value, f.Text, want)
			}
		}
		if cs.Name == "large-line" && f.Value.String() != "1491" {
			t.Errorf("large-line: field %s = %s; the file states only 1491", f.ID, f.Value)
		}
	}
}

var (
	goldOnce sync.Once
	gold     map[string]extract.Number
	goldErr  error
)

// seedGold returns the hand-checked figures of SeedReport, from the copy
// of the shared gold in testdata.
func seedGold(t *testing.T) map[string]extract.Number {
	t.Helper()
	goldOnce.Do(func() {
		path := filepath.Join("..", "..", "testdata", "seeds-gold", strings.TrimSuffix(SeedReport, ".txt")+".json")
		data, err := os.ReadFile(path)
		if err != nil {
			goldErr = err
			return
		}
		var g struct {
			Fields map[string]extract.Number `json:"fields"`
		}
		if goldErr = json.Unmarshal(data, &g); goldErr == nil && len(g.Fields) == 0 {
			goldErr = fmt.Errorf("%s states no fields", path)
		}
		gold = g.Fields
	})
	if goldErr != nil {
		t.Fatalf("read the seed's gold: %v", goldErr)
	}
	return gold
}

// longDigitRuns returns the byte ranges of runs of ASCII digits in s with
// more than 15 significant digits (leading zeros do not count).
func longDigitRuns(s string) [][2]int {
	var runs [][2]int
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j, sig := i, 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			if sig > 0 || s[j] != '0' {
				sig++
			}
			j++
		}
		if sig > 15 {
			runs = append(runs, [2]int{i, j})
		}
		i = j
	}
	return runs
}

// readFromRun reports whether f's value could only have come from inside
// one of the long runs: its span overlaps a run, and its digits do not
// appear in the rest of the span. (A span may cover a whole sentence, a
// long number beside the figure included.) A zero is let through: zero
// words state it without digits.
func readFromRun(f extract.Field, runs [][2]int) ([2]int, bool) {
	var hit [2]int
	var rest strings.Builder
	at := f.Start
	for _, run := range runs {
		if f.Start < run[1] && run[0] < f.End {
			hit = run
			rest.WriteString(f.Text[at-f.Start : max(at, run[0])-f.Start])
			rest.WriteString(" ")
			at = min(run[1], f.End)
		}
	}
	if hit == ([2]int{}) {
		return hit, false
	}
	rest.WriteString(f.Text[at-f.Start:])
	digits := strings.TrimPrefix(f.Value.String(), "-")
	if f.Value.Rat().Sign() == 0 || strings.Contains(rest.String(), digits) {
		return hit, false
	}
	return hit, true
}

// TestHostileLargeAndMany loads the costly cases: a 60 MB line and a folder
// of 10^5 empty files.
func TestHostileLargeAndMany(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and loads 60 MB and 10^5 files")
	}
	dir := t.TempDir()
	start := time.Now()
	cases, err := WriteOptions(dir, Options{LargeLine: LargeLineSize, ManyEmpty: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote the costly cases in %v", time.Since(start))
	c := loadDir(t, dir)
	var large bool
	for _, cs := range cases {
		if cs.Name != "large-line" {
			continue
		}
		large = true
		if fi, err := os.Stat(cs.Path); err != nil || fi.Size() < LargeLineSize-4 {
			t.Errorf("large-line: %v, %v", err, fi)
		}
	}
	if !large {
		t.Error("no large-line case written")
	}
	byPath := map[string]Case{}
	for _, cs := range cases {
		byPath[cs.Path] = cs
	}
	for _, r := range c.Reports {
		checkFigures(t, byPath[r.Path], r)
	}
	empty := 0
	for _, p := range c.Problems {
		if filepath.Base(filepath.Dir(p.Path)) == "many-empty" {
			empty++
		}
	}
	if empty != 100_000 {
		t.Errorf("%d of the 10^5 empty files became problems, want all", empty)
	}

	// The explorer takes the 10^5 problems and the large file's problem in
	// and still draws a clean frame, at the top and at the bottom.
	m := ui.New(ui.Options{Root: dir, Events: replay(c)})
	p := &program{t: t, m: m, msgs: make(chan tea.Msg, 16)}
	p.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	start = time.Now()
	p.run(m.Init())
	p.settle(loadBudget)
	frameCheck(t, "10^5 problems, top", m.Render(), 80, 24)
	p.send(tea.KeyPressMsg{Code: tea.KeyEnd})
	frameCheck(t, "10^5 problems, bottom", m.Render(), 80, 24)
	t.Logf("the explorer took %d entries in and drew them in %v", len(c.Reports)+len(c.Problems), time.Since(start))
}

// TestHostileRoots names every hostile file on the command line, as
// `gitui extract FILE` does: a file named as a root is read whatever its
// extension or kind, so a named pipe or a device must still not hang it.
func TestHostileRoots(t *testing.T) {
	// The contents of every file are loaded by TestHostileLoad; here the
	// kinds of file matter, and one ordinary report and one binary.
	roots := map[string]bool{"fifo": true, "zero.txt": true, "loop-self.txt": true, "loop-a.txt": true,
		"dangling.txt": true, "folder-named-txt": true, "loop-dir": true,
		"binary-elf": true, "escapes": true, "name-newline": true, "unreadable": true}
	for _, cs := range hostileSet(t).cases {
		if !roots[cs.Name] {
			continue
		}
		delete(roots, cs.Name)
		if cs.Skipped != "" {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		start := time.Now()
		c, err := corpus.LoadAll(ctx, []string{cs.Path}, loadOptions)
		timedOut := ctx.Err() != nil
		cancel()
		switch {
		case timedOut:
			t.Errorf("%s (%s): load did not finish in %v", cs.Name, cs.What, time.Since(start))
		case err != nil:
			t.Logf("%s: %q", cs.Name, err.Error())
		default:
			for _, p := range c.Problems {
				if msg := p.Error(); strings.Contains(msg, "panic") || strings.Contains(msg, "abandoned") {
					t.Errorf("problem hides a crash or a hang: %q", p.Error())
				}
			}
			for _, r := range c.Reports {
				checkFigures(t, cs, r)
			}
		}
	}
	for name := range roots {
		t.Errorf("the hostile set has no case %q", name)
	}
}

// TestHostileCache replaces the index of an extraction cache with what a
// tampered cache folder could hold (a named pipe, a link to /dev/zero, a
// truncated or garbled index), one after the other: each load must finish,
// and give the figures an uncached load gives.
func TestHostileCache(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteEscapes(dir); err != nil {
		t.Fatal(err)
	}
	cacheDir := filepath.Join(t.TempDir(), "cache")
	opt := loadOptions
	opt.CacheDir = cacheDir
	want := figuresByPath(loadDir(t, dir))
	load := func(what string) *corpus.Corpus {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := corpus.LoadAll(ctx, []string{dir}, opt)
		if ctx.Err() != nil {
			t.Fatalf("a load through %s did not finish in 30s", what)
		}
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	index := filepath.Join(cacheDir, "index")
	for _, tamper := range []struct {
		what string
		do   func(data []byte) error
	}{
		{"a named pipe", func([]byte) error { return mkfifo(index) }},
		{"a link to /dev/zero", func([]byte) error { return os.Symlink("/dev/zero", index) }},
		{"a truncated index", func(data []byte) error { return os.WriteFile(index, data[:len(data)/2], 0o644) }},
		{"a garbled index", func(data []byte) error {
			for j := len(data) / 2; j < len(data); j += 7 {
				data[j] ^= 0x5a
			}
			return os.WriteFile(index, data, 0o644)
		}},
	} {
		load("a fresh cache")
		data, err := os.ReadFile(index)
		if err != nil || len(data) == 0 {
			t.Fatalf("the cache holds no index: nothing to tamper with (%v)", err)
		}
		os.Remove(index)
		if err := tamper.do(data); err != nil {
			t.Fatal(err)
		}
		got := figuresByPath(load(tamper.what))
		for path, w := range want {
			if got[path] != w {
				t.Errorf("%q: through %s %s, without a cache %s", path, tamper.what, got[path], w)
			}
		}
	}
}

// figuresByPath renders each report's figures as one comparable string.
func figuresByPath(c *corpus.Corpus) map[string]string {
	out := map[string]string{}
	for _, r := range c.Reports {
		var b strings.Builder
		for _, f := range r.Fields() {
			fmt.Fprintf(&b, "%s=%s@%d:%d ", f.ID, f.Value, f.Start, f.End)
		}
		out[r.Path] = b.String()
	}
	return out
}
