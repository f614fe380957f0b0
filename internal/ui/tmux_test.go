package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// tmux drives the real binary in a real terminal: what the model tests
// cannot see (the renderer, the terminal's idea of a wide character, the
// alternate screen, quitting) is checked here.
type tmux struct {
	t      *testing.T
	socket string
	name   string
}

// needTmux returns the tmux binary. Without it the test skips on a
// developer's machine and fails on CI, where the workflow installs it.
func needTmux(t *testing.T) string {
	path, err := exec.LookPath("tmux")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is not installed; CI must install it for the explorer tests")
		}
		t.Skip("tmux is not installed")
	}
	return path
}

// buildGitui builds cmd/gitui into a temporary folder.
func buildGitui(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gitui")
	// The go on PATH, else the one in $GOROOT: go test sets neither
	// for certain, and runtime.GOROOT is deprecated.
	goBin, err := exec.LookPath("go")
	if err != nil {
		root := os.Getenv("GOROOT")
		if root == "" {
			t.Skip("no go command on PATH and GOROOT is not set")
		}
		goBin = filepath.Join(root, "bin", "go")
	}
	cmd := exec.Command(goBin, "build", "-o", bin, "gitui/cmd/gitui")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build gitui: %v\n%s", err, out)
	}
	return bin
}

func startTmux(t *testing.T, bin string, w, h int, env ...string) *tmux {
	// A socket in the test's own folder: a private server, removed with it.
	tm := &tmux{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock"), name: "explorer"}
	args := []string{"-S", tm.socket, "-f", "/dev/null", "new-session", "-d", "-s", tm.name,
		"-x", fmt.Sprint(w), "-y", fmt.Sprint(h)}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	args = append(args, bin)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *tmux) keys(keys ...string) {
	tm.t.Helper()
	args := append([]string{"-S", tm.socket, "send-keys", "-t", tm.name}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		tm.t.Fatalf("tmux send-keys %v: %v\n%s", keys, err, out)
	}
}

// capture returns the screen with its SGR attributes.
func (tm *tmux) capture() string {
	tm.t.Helper()
	out, err := exec.Command("tmux", "-S", tm.socket, "capture-pane", "-p", "-e", "-t", tm.name).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux capture-pane: %v\n%s", err, out)
	}
	return string(out)
}

// waitFor polls the screen until it shows everything in want (the
// terminal may be caught mid-frame), and returns it.
func (tm *tmux) waitFor(want ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var screen string
	for time.Now().Before(deadline) {
		screen = tm.capture()
		plain := ansi.Strip(screen)
		all := true
		for _, w := range want {
			all = all && strings.Contains(plain, w)
		}
		if all {
			return screen
		}
		time.Sleep(100 * time.Millisecond)
	}
	tm.t.Fatalf("screen never showed all of %q:\n%s", want, ansi.Strip(screen))
	return ""
}

// waitGone polls the screen until it no longer shows s. (Keys sent right
// after Escape would reach the program as alt+key.)
func (tm *tmux) waitGone(s string) {
	tm.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if !strings.Contains(ansi.Strip(tm.capture()), s) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	tm.t.Fatalf("screen still shows %q:\n%s", s, ansi.Strip(tm.capture()))
}

func (tm *tmux) alive() bool {
	return exec.Command("tmux", "-S", tm.socket, "has-session", "-t", tm.name).Run() == nil
}

// styled returns the runs of text drawn with SGR attribute on (7 reverse
// video, 4 underline), following the SGR sequences of a tmux capture (tmux
// writes "\x1b[0;7m\x1b[39m0"; attribute n is reset by 0 or 2n).
var sgr = regexp.MustCompile("\x1b\\[([0-9;]*)m")

func styled(screen string, on int) []string {
	onCode, offCode := fmt.Sprint(on), fmt.Sprint(20+on)
	var out []string
	for _, line := range strings.Split(screen, "\n") {
		active := false
		var run strings.Builder
		flush := func() {
			if s := strings.TrimSpace(run.String()); s != "" {
				out = append(out, s)
			}
			run.Reset()
		}
		for len(line) > 0 {
			loc := sgr.FindStringSubmatchIndex(line)
			text := line
			if loc != nil {
				text = line[:loc[0]]
			}
			if active {
				run.WriteString(text)
			}
			if loc == nil {
				break
			}
			was := active
			for _, p := range strings.Split(line[loc[2]:loc[3]], ";") {
				switch p {
				case "", "0", offCode:
					active = false
				case onCode:
					active = true
				}
			}
			if was && !active {
				flush()
			}
			line = line[loc[1]:]
		}
		flush()
	}
	return out
}

func reversed(screen string) []string { return styled(screen, 7) }

// detailSource is the text under the selected figure's span, as the
// figures pane's detail quotes it.
var detailSource = regexp.MustCompile(`原文 “([^”]*)”`)

func TestTmuxSamples(t *testing.T) {
	needTmux(t)
	bin := buildGitui(t)
	for _, sz := range [][2]int{{150, 45}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			tm := startTmux(t, bin, sz[0], sz[1], "NO_COLOR=1", "TERM=xterm-256color")
			// Agencies, figures and the source are all on the first screen.
			raw := tm.waitFor("15 reports", "agencies", "figures", "source", "proactive.")
			screen := ansi.Strip(raw)
			// Spans are underlined without colour, the selected one reversed.
			if len(styled(raw, 4)) == 0 {
				t.Errorf("no highlighted (underlined) span on the first screen:\n%s", screen)
			}
			for _, l := range strings.Split(screen, "\n") {
				if w := ansi.StringWidth(l); w > sz[0] {
					t.Errorf("line %d cells wide: %q", w, l)
				}
			}

			// One report: its agency, its figures and its text.
			tm.keys("/", "p023", "Enter")
			tm.waitFor("agencies “p023”", "上海市人力资源和社会保障局", "proactive.total", "本局累计主动公开政府信息")
			tm.keys("Escape")
			tm.waitGone("filter “p023”")

			// A report with many figures; the last one's span lies far down
			// its source: selecting it scrolls the source there.
			tm.keys("/", "t004", "Enter")
			tm.waitFor("agencies “t004”")
			tm.keys("Tab", "G")
			tm.waitFor("figures 173")
			time.Sleep(300 * time.Millisecond)
			raw = tm.capture()
			// The source scrolled down to the last figure's span.
			if pct := regexp.MustCompile(`source (\d+)%`).FindStringSubmatch(ansi.Strip(raw)); pct == nil {
				t.Errorf("no position in the source title:\n%s", ansi.Strip(raw))
			} else if n, _ := strconv.Atoi(pct[1]); n < 50 {
				t.Errorf("the source did not scroll to the last figure: %s", pct[0])
			}
			m := detailSource.FindStringSubmatch(ansi.Strip(raw))
			if m == nil {
				t.Fatalf("no 原文 detail for the selected figure:\n%s", ansi.Strip(raw))
			}
			quoted := m[1]
			found := false
			for _, run := range reversed(raw) {
				if run == quoted || (len(run) > 1 && strings.Contains(quoted, run) && !strings.Contains(run, ".")) {
					found = true
				}
			}
			if !found {
				t.Errorf("the selected figure's span %q is not shown in focus; reversed runs %q:\n%s",
					quoted, reversed(raw), ansi.Strip(raw))
			}

			tm.keys("?")
			tm.waitFor("type to search", "next span / match", "grouped / flat list", "quit")
			tm.keys("Escape")
			tm.waitFor("figures 173")

			tm.keys("q")
			deadline := time.Now().Add(5 * time.Second)
			for tm.alive() && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			if tm.alive() {
				t.Errorf("q did not quit:\n%s", ansi.Strip(tm.capture()))
			}
		})
	}
}
