package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gitui/internal/review"
)

// tmuxSession runs the built gitui in a detached tmux session on a private
// server, so the test drives the real terminal program with keys.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

func (s *tmuxSession) tmux(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (s *tmuxSession) start(env []string, argv ...string) {
	s.t.Helper()
	quoted := make([]string, len(argv))
	for i, a := range argv {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	line := "env " + strings.Join(env, " ") + " " + strings.Join(quoted, " ")
	if out, err := s.tmux("new-session", "-d", "-s", s.name, "-x", "160", "-y", "45", line); err != nil {
		s.t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
}

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if out, err := s.tmux("send-keys", "-t", s.name, k); err != nil {
			s.t.Fatalf("send-keys %q: %v\n%s", k, err, out)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

func (s *tmuxSession) typeText(text string) {
	s.t.Helper()
	if out, err := s.tmux("send-keys", "-t", s.name, "-l", text); err != nil {
		s.t.Fatalf("send-keys: %v\n%s", err, out)
	}
}

// waitFor polls the screen until it contains want.
func (s *tmuxSession) waitFor(want string) string {
	s.t.Helper()
	var screen string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		out, err := s.tmux("capture-pane", "-p", "-t", s.name)
		if err == nil {
			screen = out
			if strings.Contains(screen, want) {
				return screen
			}
		}
	}
	s.t.Fatalf("screen never showed %q; last screen:\n%s", want, screen)
	return ""
}

// waitExit waits until the program has quit and its session closed.
func (s *tmuxSession) waitExit() {
	s.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if _, err := s.tmux("has-session", "-t", s.name); err != nil {
			return
		}
	}
	s.t.Fatal("gitui did not quit")
}

// TestTmuxCorrectionPersists opens a copy of the bundled samples, corrects
// the first figure with the review keys, quits, reopens and finds the
// correction on screen, in the review log and in the export.
func TestTmuxCorrectionPersists(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is not installed; this test needs it in CI")
		}
		t.Skip("tmux is not installed")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "gitui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := sampleCorpus(t)
	s := &tmuxSession{t: t, socket: fmt.Sprintf("gitui-test-%d", os.Getpid()), name: "review"}
	t.Cleanup(func() { s.tmux("kill-server") }) // our private server only
	env := []string{"GITUI_REVIEWER=tmux-test", "TERM=xterm-256color", "NO_COLOR=1"}

	const value = "424242" // no sample states it: an ungrounded correction
	s.start(env, bin, dir)
	s.waitFor("figures reviewed")
	s.keys("Tab", "e")
	s.waitFor("correct value")
	s.keys("C-u")
	s.typeText(value)
	s.keys("Enter")
	s.waitFor("saved: correct")
	s.waitFor("→" + value)
	s.keys("q")
	s.waitExit()

	st, err := review.OpenCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	all := st.All()
	if len(all) != 1 || all[0].Action != review.Correct || all[0].New.String() != value || all[0].Reviewer != "tmux-test" {
		t.Fatalf("store after the session: %+v", all)
	}
	ev := all[0]

	s.name = "reopen"
	s.start(env, bin, dir)
	screen := s.waitFor("→" + value)
	if !strings.Contains(screen, "1/") {
		t.Errorf("reopened explorer does not count the reviewed figure:\n%s", screen)
	}
	s.keys("q")
	s.waitExit()

	out := filepath.Join(tmp, "long.csv")
	if b, err := exec.Command(bin, "export", "--format", "long", "-o", out, dir).CombinedOutput(); err != nil {
		t.Fatalf("gitui export: %v\n%s", err, b)
	}
	b, _ := os.ReadFile(out)
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range recs[1:] {
		if r[1] == ev.SHA256 && r[5] == ev.Field {
			found = true
			if r[6] != value || r[9] != "corrected" || r[13] != "tmux-test" {
				t.Errorf("exported %s: value %s state %s reviewer %s", ev.Field, r[6], r[9], r[13])
			}
		}
	}
	if !found {
		t.Errorf("export has no row for %s of %s", ev.Field, ev.Path)
	}
}
