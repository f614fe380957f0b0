package review

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gofrs/flock"
)

const sha = "18bd725a6c48fc58e0b1f7a2c9d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1"

func accept(field string) Event {
	return Event{Reviewer: "ann", SHA256: sha, Path: "000.txt", Field: field, Action: Accept}
}

func TestStoreAppendAndReopen(t *testing.T) {
	path := DefaultPath(t.TempDir())
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Events(sha); len(got) != 0 {
		t.Fatalf("new store has %d events", len(got))
	}
	e, err := s.Append(accept("proactive.total"))
	if err != nil {
		t.Fatal(err)
	}
	if e.ID == "" || e.Time.IsZero() {
		t.Errorf("Append did not stamp the event: %+v", e)
	}
	if got := s.Events(sha); len(got) != 1 || got[0].ID != e.ID {
		t.Fatalf("after Append, Events = %+v", got)
	}
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	got := s2.Events(sha)
	if len(got) != 1 || got[0].ID != e.ID || got[0].Field != "proactive.total" || !got[0].Time.Equal(e.Time) {
		t.Fatalf("reopened store has %+v, want %+v", got, e)
	}
	if s2.Events("other") != nil {
		t.Errorf("events of another sha returned")
	}
}

func TestStoreRejectsInvalidEvents(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "r.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []Event{
		{SHA256: sha, Field: "proactive.total", Action: "approve"},
		{SHA256: sha, Field: "no.such.field", Action: Accept},
		{Field: "proactive.total", Action: Accept},
		{SHA256: sha, Field: "proactive.total", Action: Correct},
		{SHA256: sha, Action: Undo},
		{SHA256: strings.ToUpper(sha), Field: "proactive.total", Action: Accept},
		{SHA256: sha[:63], Field: "proactive.total", Action: Accept},
		{SHA256: "\u009b2J" + sha[4:], Field: "proactive.total", Action: Accept},
	} {
		if _, err := s.Append(e); err == nil {
			t.Errorf("Append(%+v) succeeded", e)
		}
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("invalid events created the store: %v", err)
	}
}

func TestStoreTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reviews.jsonl")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.Append(accept("proactive.total"))
	if err != nil {
		t.Fatal(err)
	}
	// A crash in the middle of the second write.
	line, _ := json.Marshal(accept("replies.total"))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(line[:len(line)/2])
	f.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatalf("a torn line must not be fatal: %v", err)
	}
	if got := s.Events(sha); len(got) != 1 || got[0].ID != first.ID {
		t.Fatalf("events before the torn line: %+v", got)
	}
	probs := s.Problems()
	if len(probs) != 1 || probs[0].Line != 2 || !strings.Contains(probs[0].Error(), "torn") {
		t.Fatalf("problems = %v, want the torn line 2", probs)
	}
	third, err := s.Append(accept("litigation.total"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Problems()) != 1 {
		t.Errorf("the torn line was reported twice: %v", s.Problems())
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	got := s.Events(sha)
	if len(got) != 2 || got[0].ID != first.ID || got[1].ID != third.ID {
		t.Fatalf("after the append following a torn line: %+v", got)
	}
	if probs := s.Problems(); len(probs) != 1 || probs[0].Line != 2 {
		t.Errorf("problems = %v, want line 2 only", probs)
	}
}

func TestStoreRefreshSeesOtherWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reviews.jsonl")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	e, err := b.Append(accept("proactive.total"))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Events(sha)) != 0 {
		t.Fatal("a saw the event before Refresh")
	}
	if err := a.Refresh(); err != nil {
		t.Fatal(err)
	}
	if got := a.Events(sha); len(got) != 1 || got[0].ID != e.ID {
		t.Fatalf("after Refresh a has %+v", got)
	}
	// An append through a also reads what b wrote since, in file order.
	e2, _ := b.Append(accept("replies.total"))
	e3, _ := a.Append(accept("litigation.total"))
	got := a.Events(sha)
	if len(got) != 3 || got[1].ID != e2.ID || got[2].ID != e3.ID {
		t.Fatalf("a has %+v", got)
	}
}

func TestStoreSymlink(t *testing.T) {
	corpus := t.TempDir()
	outside := t.TempDir()
	// The store file itself is a link out of the corpus.
	if err := os.MkdirAll(filepath.Join(corpus, DirName), 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(outside, "elsewhere.jsonl")
	os.WriteFile(target, nil, 0o644)
	if err := os.Symlink(target, DefaultPath(corpus)); err != nil {
		t.Fatal(err)
	}
	_, err := OpenCorpus(corpus)
	if !errors.Is(err, ErrSymlink) || !strings.Contains(err.Error(), target) {
		t.Errorf("store file symlink: err = %v, want ErrSymlink naming %s", err, target)
	}

	// The .gitui folder is a link out of the corpus.
	corpus2 := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(corpus2, DirName)); err != nil {
		t.Fatal(err)
	}
	_, err = OpenCorpus(corpus2)
	if !errors.Is(err, ErrSymlink) || !strings.Contains(err.Error(), outside) {
		t.Errorf(".gitui symlink: err = %v, want ErrSymlink naming %s", err, outside)
	}

	// A link that appears after Open is refused at Append, and nothing is
	// written through it.
	corpus3 := t.TempDir()
	s, err := OpenCorpus(corpus3)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(corpus3, DirName), 0o755)
	if err := os.Symlink(target, DefaultPath(corpus3)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(accept("proactive.total")); !errors.Is(err, ErrSymlink) {
		t.Errorf("Append through a symlink: err = %v", err)
	}
	if b, _ := os.ReadFile(target); len(b) != 0 {
		t.Errorf("wrote %q through the symlink", b)
	}
}

func TestStoreReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		// root writes anywhere; make the folder immutable another way.
		t.Log("running as root: testing with a file in place of the .gitui folder")
	}
	corpus := t.TempDir()
	if os.Geteuid() == 0 {
		os.WriteFile(filepath.Join(corpus, DirName), []byte("not a folder"), 0o644)
	} else {
		os.Chmod(corpus, 0o555)
		t.Cleanup(func() { os.Chmod(corpus, 0o755) })
	}
	s, err := OpenCorpus(corpus)
	if err != nil {
		t.Fatalf("opening a read-only corpus for reading: %v", err)
	}
	if err := s.CheckWritable(); err == nil {
		t.Errorf("CheckWritable succeeded on an unwritable store")
	}
	_, err = s.Append(accept("proactive.total"))
	if err == nil {
		t.Fatal("Append succeeded on an unwritable store")
	}
	if !strings.Contains(err.Error(), s.Path()) {
		t.Errorf("error %q does not name the store", err)
	}
	if os.Geteuid() != 0 && !strings.Contains(err.Error(), "--store") {
		t.Errorf("error %q does not give the --store hint", err)
	}
}

// The child writer of the multi-process tests: GITUI_REVIEW_CHILD=path,n
// appends n events (n < 0: until killed), printing each ID once Append has
// returned.
func TestChildWriter(t *testing.T) {
	spec := os.Getenv("GITUI_REVIEW_CHILD")
	if spec == "" {
		t.Skip("runs only as the child of a multi-process test")
	}
	path, ns, _ := strings.Cut(spec, ",")
	n, _ := strconv.Atoi(ns)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; n < 0 || i < n; i++ {
		e, err := s.Append(accept("proactive.total"))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("ack %s\n", e.ID)
	}
}

func child(t *testing.T, path string, n int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), fmt.Sprintf("GITUI_REVIEW_CHILD=%s,%d", path, n))
	return cmd
}

func TestStoreTwoProcesses(t *testing.T) {
	const n = 200
	path := filepath.Join(t.TempDir(), "reviews.jsonl")
	cmd := child(t, path, n)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := s.Append(accept("replies.total")); err != nil {
			t.Fatal(err)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v\n%s", err, out.String())
	}
	if err := s.Refresh(); err != nil {
		t.Fatal(err)
	}
	if got := len(s.Events(sha)); got != 2*n {
		t.Errorf("this process sees %d events, want %d", got, 2*n)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 2*n {
		t.Fatalf("%d lines, want %d", len(lines), 2*n)
	}
	ids := map[string]bool{}
	for i, l := range lines {
		var e Event
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("line %d is not JSON: %v: %q", i+1, err, l)
		}
		ids[e.ID] = true
	}
	if len(ids) != 2*n {
		t.Errorf("%d distinct IDs, want %d", len(ids), 2*n)
	}
}

func TestStoreSurvivesKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reviews.jsonl")
	cmd := child(t, path, -1)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[string]bool{}
	sc := bufio.NewScanner(stdout)
	deadline := time.Now().Add(20 * time.Second)
	for sc.Scan() && len(acked) < 150 && time.Now().Before(deadline) {
		if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
			acked[id] = true
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if len(acked) < 150 {
		t.Fatalf("child acknowledged only %d events", len(acked))
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, e := range s.Events(sha) {
		have[e.ID] = true
	}
	for id := range acked {
		if !have[id] {
			t.Errorf("acknowledged event %s lost", id)
		}
	}
	// Only the very last line may be damaged by the kill.
	for _, p := range s.Problems() {
		if !errors.Is(p.Err, errTorn) {
			t.Errorf("problem after kill: %v", p)
		}
	}
}

func TestStoreLockHeld(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reviews.jsonl")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(accept("proactive.total")); err != nil {
		t.Fatal(err)
	}
	s.lockWait = 200 * time.Millisecond
	// Another process (here: another open file) holds the lock and hangs.
	held := flock.New(path)
	if err := held.Lock(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.Append(accept("replies.total"))
	if err == nil || !strings.Contains(err.Error(), "another process") || !strings.Contains(err.Error(), path) {
		t.Errorf("Append under a held lock: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Append waited %v", d)
	}
	held.Unlock()
	if _, err := s.Append(accept("replies.total")); err != nil {
		t.Errorf("Append after the lock was released: %v", err)
	}
	if got := len(s.Events(sha)); got != 2 {
		t.Errorf("%d events, want 2", got)
	}
}

func TestStoreStale(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "reviews.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	old := accept("proactive.total") // sha of the file as it was
	if _, err := s.Append(old); err != nil {
		t.Fatal(err)
	}
	moved := accept("replies.total")
	moved.Path = "elsewhere/000.txt" // the same file, since moved
	if _, err := s.Append(moved); err != nil {
		t.Fatal(err)
	}
	const changed = "0000000000000000000000000000000000000000000000000000000000000001"
	if got := s.Stale("000.txt", changed); len(got) != 1 || got[0].Field != "proactive.total" {
		t.Errorf("Stale after the file changed: %+v", got)
	}
	if wd, err := os.Getwd(); err != nil {
		t.Fatal(err)
	} else if got := s.Stale(filepath.Join(wd, "000.txt"), changed); len(got) != 1 {
		t.Errorf("Stale of the absolute path: %+v", got)
	}
	if got := s.Stale("000.txt", sha); len(got) != 0 {
		t.Errorf("events of the current version reported stale: %+v", got)
	}
	if got := s.Events(sha); len(got) != 2 {
		t.Errorf("a moved file lost its events: %d", len(got))
	}
}

// A log line whose sha256 is not a digest (here it carries CSI and a
// bidi override) is skipped as a problem, like any other invalid line.
func TestStoreRejectsCraftedSHA(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reviews.jsonl")
	good, _ := json.Marshal(Event{ID: "good", SHA256: sha, Path: "000.txt", Field: "proactive.total", Action: Accept})
	crafted := `{"id":"bad","sha256":"\u009b2J\u202e","path":"000.txt","field":"proactive.total","action":"accept"}`
	if err := os.WriteFile(path, []byte(string(good)+"\n"+crafted+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.All(); len(got) != 1 || got[0].ID != "good" {
		t.Errorf("events %+v, want only the good one", got)
	}
	if p := s.Problems(); len(p) != 1 || p[0].Line != 2 {
		t.Errorf("problems %v, want line 2", p)
	}
}

// A log renamed over the path between Append's open and its lock (another
// tool rewriting the log, say) must still get the event: the event is in
// the file the path names afterwards.
func TestStoreAppendAfterReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "reviews.jsonl")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(accept("proactive.total")); err != nil {
		t.Fatal(err)
	}
	replaced := false
	s.testHook = func(step string) {
		if step != "opened" || replaced {
			return
		}
		replaced = true
		data, err := os.ReadFile(path)
		if err != nil {
			t.Error(err)
			return
		}
		tmp := filepath.Join(dir, "rewrite.tmp")
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			t.Error(err)
			return
		}
		if err := os.Rename(tmp, path); err != nil {
			t.Error(err)
		}
	}
	e, err := s.Append(accept("replies.total"))
	if err != nil {
		t.Fatal(err)
	}
	if !replaced {
		t.Fatal("the hook never ran")
	}
	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.All(); len(got) != 2 || got[1].ID != e.ID {
		t.Errorf("log after the replace holds %d events %+v; the saved event was lost", len(got), got)
	}
}

// When the write and fsync succeeded but reading the log back fails, the
// event is saved: Append must say so (a reported failure invites a retry
// that would record it twice), and a later read must not list it twice.
func TestStoreAppendSavedDespiteReread(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "reviews.jsonl")
	aside := filepath.Join(dir, "aside.jsonl")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.testHook = func(step string) {
		if step != "written" {
			return
		}
		// A FIFO in the log's place: the read-back refuses it.
		if err := os.Rename(path, aside); err != nil {
			t.Error(err)
		}
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Error(err)
		}
	}
	e, err := s.Append(accept("proactive.total"))
	if err != nil {
		t.Fatalf("Append after a successful write: %v", err)
	}
	s.testHook = nil
	if got := s.Events(sha); len(got) != 1 || got[0].ID != e.ID {
		t.Errorf("events after Append: %+v", got)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(aside, path); err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(); err != nil {
		t.Fatal(err)
	}
	if got := s.Events(sha); len(got) != 1 {
		t.Errorf("%d events after reading the log back, want 1: %+v", len(got), got)
	}
}

func TestSamePath(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"c/000.txt", "c/000.txt", true},
		{"c/000.txt", "./c/000.txt", true},
		{"c/000.txt", filepath.Join(wd, "c", "000.txt"), true},
		{"c/sub/../000.txt", "c/000.txt", true},
		{"c/000.txt", "c/001.txt", false},
		{"", "", false},
		{"c/000.txt", "", false},
	} {
		if got := SamePath(tc.a, tc.b); got != tc.want {
			t.Errorf("SamePath(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// Stale's index of paths follows the log when the file is replaced and
// read afresh: it must not point at events that are gone.
func TestStoreStaleAfterReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "reviews.jsonl")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(accept("proactive.total")); err != nil {
		t.Fatal(err)
	}
	const changed = "0000000000000000000000000000000000000000000000000000000000000001"
	if got := s.Stale("./000.txt", changed); len(got) != 1 {
		t.Fatalf("Stale before the replace: %+v", got)
	}
	other := accept("replies.total")
	other.ID, other.Path = "other", "elsewhere/001.txt"
	line, _ := json.Marshal(other)
	tmp := filepath.Join(dir, "new.jsonl")
	if err := os.WriteFile(tmp, append(line, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(); err != nil {
		t.Fatal(err)
	}
	if got := s.Stale("000.txt", changed); len(got) != 0 {
		t.Errorf("Stale of a path no event names any more: %+v", got)
	}
	if got := s.Stale("elsewhere/001.txt", changed); len(got) != 1 || got[0].ID != "other" {
		t.Errorf("Stale of the new log's path: %+v", got)
	}
}
