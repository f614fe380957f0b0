package hostile

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTerminalOutput runs the real gitui binary in tmux, in a sandbox
// (its own home, cache and temporary folders), on reports whose
// text and names carry OSC 52 (clipboard write) and OSC 8 (hyperlink)
// payloads, steps through every report, its figures and its source, and
// records every byte the program wrote to the terminal (tmux pipe-pane).
// Neither payload's escape sequence may appear in that stream, nor reach
// tmux's clipboard; the payloads must be visible as stand-ins instead, or
// the test would prove nothing. Nothing outside DIR/.gitui may be written.
//
// Without tmux the test skips on a developer's machine and fails when
// CI=true, where the workflow installs tmux.
func TestTerminalOutput(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is not installed; CI must install it to check the terminal output")
		}
		t.Skip("tmux is not installed")
	}
	bin := gituiBinary(t)
	sb := newSandbox(t)
	dir := sb.corpus
	cases, err := WriteEscapes(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The recording and the gate live beside the sandbox, not in it: the
	// sandbox must come out as it went in, but for DIR/.gitui.
	tmp := t.TempDir()
	raw := filepath.Join(tmp, "raw")
	gate := filepath.Join(tmp, "go")
	gitui := filepath.Join(dir, ".gitui")
	before := snapshot(t, sb.root, gitui)

	socket := fmt.Sprintf("gitui-hostile-%d", os.Getpid())
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-L", socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	// The program waits for the gate, so that pipe-pane records from its
	// first byte.
	script := fmt.Sprintf("cd %s; while [ ! -e %s ]; do sleep 0.05; done; exec %s %s",
		shellQuote(sb.cwd), shellQuote(gate), shellQuote(bin), shellQuote(dir))
	args := []string{"new-session", "-d", "-s", "x", "-x", "120", "-y", "40", "-e", "TERM=xterm-256color"}
	for _, e := range sb.env {
		args = append(args, "-e", e)
	}
	tmux(append(args, "sh", "-c", script)...)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", socket, "kill-server").Run() })
	// With set-clipboard on, tmux stores an application's OSC 52 in a
	// paste buffer: a leak would show there too.
	tmux("set-option", "-g", "set-clipboard", "on")
	tmux("pipe-pane", "-t", "x", "-o", "cat > "+shellQuote(raw))
	if err := os.WriteFile(gate, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	screen := func() string { return tmux("capture-pane", "-p", "-t", "x") }
	waitFor := func(want string) string {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			s := screen()
			if strings.Contains(s, want) {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("the screen never showed %q:\n%s", want, s)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitFor("reports")
	keys := func(keys ...string) {
		for _, k := range keys {
			tmux("send-keys", "-t", "x", k)
			time.Sleep(60 * time.Millisecond)
		}
	}
	var screens []string
	for range len(cases) + 2 {
		// The figures of the entry, the top of its source, two spans and a
		// page of it, then the next entry.
		keys("Tab", "j", "j")
		screens = append(screens, screen())
		keys("Tab", "g")
		screens = append(screens, screen())
		keys("n", "n")
		screens = append(screens, screen())
		keys("C-d")
		screens = append(screens, screen())
		keys("BTab", "BTab", "j")
	}
	keys("?")
	screens = append(screens, screen())
	keys("Escape", "q")
	deadline := time.Now().Add(10 * time.Second)
	for exec.Command("tmux", "-L", socket, "has-session", "-t", "x").Run() == nil && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}

	out, err := os.ReadFile(raw)
	if err != nil {
		t.Fatalf("read the recorded terminal output: %v", err)
	}
	if len(out) < 1000 {
		t.Fatalf("recorded only %d bytes of terminal output", len(out))
	}
	t.Logf("recorded %d bytes of terminal output over %d screens", len(out), len(screens))
	for _, bad := range []struct{ what, seq string }{
		{"OSC 52 payload", OSC52Marker},
		{"OSC 8 payload", OSC8Marker},
		{"8-bit CSI (U+009B)", "\u009b"},
		{"raw 8-bit CSI byte", "\x9b2J"},
		{"U+202E", RLO},
	} {
		if i := strings.Index(string(out), bad.seq); i >= 0 {
			lo, hi := max(0, i-40), min(len(out), i+60)
			t.Errorf("the terminal received the %s: %q", bad.what, out[lo:hi])
		}
	}
	if bufs, err := exec.Command("tmux", "-L", socket, "list-buffers").CombinedOutput(); err == nil &&
		strings.Contains(string(bufs), "gitui-osc52") {
		t.Errorf("an OSC 52 from a report set tmux's clipboard: %s", bufs)
	}
	after := snapshot(t, sb.root, gitui)
	for p, was := range before {
		if now, ok := after[p]; !ok || now != was {
			t.Errorf("the explorer changed or removed %s", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("the explorer wrote %s, outside DIR/.gitui", p)
		}
	}
	shown := strings.Join(screens, "\n")
	for _, want := range []string{"␛]52;c;", "␛]8;;"} { // short: a pane may wrap the rest
		if !strings.Contains(shown, want) {
			t.Errorf("no screen showed the payload as the stand-in %q: the test did not reach it", want)
		}
	}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
