package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gitui/internal/extract"
	"gitui/internal/review"
)

// Every headless command takes its flags after the paths too, and -h is a
// request for help (exit 0), not a usage error.
func TestFlagsEverywhere(t *testing.T) {
	dir := sampleCorpus(t)
	out := filepath.Join(t.TempDir(), "x.csv")
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"check", dir, "--strict"}, exitProblems}, // the samples fail identities
		{[]string{"check", dir}, exitOK},
		{[]string{"export", dir, "-o", out}, exitOK},
		{[]string{"review-log", dir, "--format", "jsonl"}, exitOK},
		{[]string{"extract", dir, "--format", "table"}, exitOK},
		{[]string{"extract", "-h"}, exitOK},
		{[]string{"export", "-h"}, exitOK},
		{[]string{"check", "-h"}, exitOK},
		{[]string{"review-log", "-h"}, exitOK},
		{[]string{"check", dir, "--no-such-flag"}, exitUsage},
		{[]string{"check", "--", "--strict"}, exitUsage}, // a path, which does not exist
	}
	for _, tt := range tests {
		code, _, stderr := runCmd(t, tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d\n%s", tt.args, code, tt.code, stderr)
		}
		if !slices.Contains(tt.args, "--") && strings.Contains(stderr, "stat --") {
			t.Errorf("%v: a flag was taken for a path: %s", tt.args, stderr)
		}
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("export with -o after the path wrote nothing: %v", err)
	}
}

// A crafted log's id carries CSI and a bidi override; --format jsonl
// escapes them and keeps the value byte-exact. A line whose sha256 carries
// them is not an event at all.
func TestReviewLogJSONLEscapesControls(t *testing.T) {
	dir := sampleCorpus(t)
	r := loadReport(t, dir, seed)
	const id = "\u009b2J\u202eevil"
	good, err := json.Marshal(review.Event{ID: id, SHA256: r.SHA256, Path: r.Path, Field: "proactive.total", Action: review.Accept})
	if err != nil {
		t.Fatal(err)
	}
	crafted := `{"id":"x","sha256":"\u009b2J\u202e","path":"a","field":"proactive.total","action":"accept"}`
	logPath := review.DefaultPath(dir)
	if err := os.MkdirAll(filepath.Dir(logPath), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(logPath, []byte(string(good)+"\n"+crafted+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, "review-log", "--format", "jsonl", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.ContainsAny(stdout, "\u009b\u202e") {
		t.Errorf("a control rune reached stdout: %q", stdout)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var e review.Event
	if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &e) != nil || e.ID != id {
		t.Errorf("want the one valid event with its id byte-exact, got %q", stdout)
	}
	if !strings.Contains(stderr, "not 64 lowercase hex") {
		t.Errorf("the crafted line was not reported: %s", stderr)
	}
}

// Reviews saved by an explorer opened on a sub-folder live in that
// sub-folder's .gitui; exporting and checking the whole corpus applies them.
func TestExportNestedReviewLog(t *testing.T) {
	dir := sampleCorpus(t)
	sub := filepath.Join(dir, "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, seed), filepath.Join(sub, seed)); err != nil {
		t.Fatal(err)
	}
	r := loadReport(t, sub, seed)
	v, _ := extract.ParseNumber("70")
	correct(t, sub, r, "applications.channel.letter", v) // saved in sub/.gitui

	out := filepath.Join(t.TempDir(), "out.csv")
	if code, _, stderr := runCmd(t, "export", "-o", out, dir); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	header, rows := wideRows(t, out)
	if got := rows[seed][slices.Index(header, "applications.channel.letter")]; got != "70" {
		t.Errorf("export of the corpus: %q, want the correction 70 saved in sub/.gitui", got)
	}

	// review-log of the corpus lists its own log and names the nested one.
	code, _, stderr := runCmd(t, "review-log", dir)
	if code != exitOK || !strings.Contains(stderr, filepath.Join("sub", ".gitui", "reviews.jsonl")+" holds reviews of a sub-folder") {
		t.Errorf("review-log %s: exit %d, the nested log is not named: %s", dir, code, stderr)
	}

	// A review of the same report in the corpus's own log is shadowed by
	// the nearer one: say so rather than drop it silently.
	correct(t, dir, r, "applications.channel.letter", v)
	code, _, stderr = runCmd(t, "export", "--force", "-o", out, dir)
	if code != exitOK || !strings.Contains(stderr, "not applied; the nearer log") {
		t.Errorf("exit %d, no warning about the shadowed log: %s", code, stderr)
	}
}

// Stale reviews are found however the report's path is spelled: recorded
// absolute by the explorer, exported relative to the working directory.
func TestExportStaleRelativePath(t *testing.T) {
	dir := sampleCorpus(t)
	r := loadReport(t, dir, seed) // r.Path is absolute
	v, _ := extract.ParseNumber("70")
	correct(t, dir, r, "applications.channel.letter", v)
	path := filepath.Join(dir, seed)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, "\n附件：无\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Dir(dir))
	for _, root := range []string{dir, filepath.Base(dir)} {
		code, _, stderr := runCmd(t, "export", "-o", "-", root)
		if code != exitOK || !strings.Contains(stderr, "1 review events of an earlier version") {
			t.Errorf("export %s: exit %d, no stale warning: %s", root, code, stderr)
		}
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// A failure to write the output is reported as such, with exit 1: the
// last buffered lines are flushed and checked, not dropped on return.
func TestExtractWriteError(t *testing.T) {
	for _, format := range []string{"jsonl", "table"} {
		var stderr strings.Builder
		code := run([]string{"extract", "--format", format, "../../testdata/seeds"}, nil, failingWriter{}, &stderr)
		if code != exitProblems || !strings.Contains(stderr.String(), "write stdout: no space left") {
			t.Errorf("%s: exit %d: %s", format, code, stderr.String())
		}
	}
	dir := sampleCorpus(t)
	r := loadReport(t, dir, seed)
	st, err := review.OpenCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Append(review.Event{SHA256: r.SHA256, Path: r.Path, Field: "proactive.total", Action: review.Accept}); err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	code := run([]string{"review-log", "--format", "jsonl", dir}, nil, failingWriter{}, &stderr)
	if code != exitProblems || !strings.Contains(stderr.String(), "write stdout") {
		t.Errorf("review-log: exit %d: %s", code, stderr.String())
	}
	// check lists problems of the dev reports (cells it could not read):
	// a list it could not write is no clean check.
	stderr.Reset()
	code = run([]string{"check", "../../testdata/dev/reports"}, nil, failingWriter{}, &stderr)
	if code != exitProblems || !strings.Contains(stderr.String(), "write stdout: no space left") {
		t.Errorf("check: exit %d: %s", code, stderr.String())
	}
}
