package hostile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"gitui/internal/textsafe"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// gituiBinary builds cmd/gitui once for the tests of this package.
func gituiBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gitui-hostile-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "gitui")
		build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", binPath, "gitui/cmd/gitui")
		if out, err := build.CombinedOutput(); err != nil {
			binErr = errors.New("build gitui: " + err.Error() + "\n" + string(out))
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// sandbox is a folder holding everything a command may touch: the corpus,
// a home, a cache, a temporary folder and a working folder of its own.
type sandbox struct {
	root, corpus string
	env          []string
	cwd          string
	timeout      time.Duration // of one command; loadBudget when zero
}

func newSandbox(t *testing.T) *sandbox {
	t.Helper()
	root := t.TempDir()
	sb := &sandbox{root: root, corpus: filepath.Join(root, "corpus"), cwd: filepath.Join(root, "cwd")}
	for _, d := range []string{"corpus", "cwd", "home", "cache", "config", "tmp"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	sb.env = []string{
		"HOME=" + filepath.Join(root, "home"),
		"XDG_CACHE_HOME=" + filepath.Join(root, "cache"),
		"XDG_CONFIG_HOME=" + filepath.Join(root, "config"),
		"TMPDIR=" + filepath.Join(root, "tmp"),
		"PATH=" + os.Getenv("PATH"),
		"LANG=C.UTF-8",
	}
	return sb
}

// run runs gitui with args in the sandbox and returns its exit code and
// output, failing on a hang or a crash.
func (sb *sandbox) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	timeout := sb.timeout
	if timeout == 0 {
		timeout = loadBudget
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, gituiBinary(t), args...)
	cmd.Dir, cmd.Env = sb.cwd, sb.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	name := textsafe.Line("gitui " + strings.Join(args[:min(2, len(args))], " "))
	if ctx.Err() != nil {
		t.Fatalf("%s did not finish in %v", name, timeout)
	}
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Logf("%s: exit %d in %v, %d bytes out, %d bytes err", name, code, time.Since(start), stdout.Len(), stderr.Len())
	if strings.Contains(stderr.String(), "panic:") || strings.Contains(stderr.String(), "goroutine ") || code > 2 || code < 0 {
		t.Errorf("%s crashed (exit %d):\n%s", name, code, stderr.String())
	}
	return code, stdout.String(), stderr.String()
}

// snapshot records every file under root with its size and time, except
// those under the folders allowed to change.
func snapshot(t *testing.T, root string, allowed ...string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable hostile entries are the corpus's business
		}
		for _, a := range allowed {
			if p == a || strings.HasPrefix(p, a+string(filepath.Separator)) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
		}
		if d.IsDir() {
			// A folder's time changes when DIR/.gitui is made in it;
			// what it holds is compared entry by entry.
			files[p] = "folder"
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		files[p] = fmt.Sprint(info.Mode(), " ", info.ModTime(), " ", info.Size())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestHostileCommands runs every headless command of the real binary on
// the hostile set, in a sandbox: nothing may crash or hang, no control
// character of a report or a file name may reach standard output or
// standard error (a terminal or a log viewer shows both), exports must be
// neutral, and nothing may be written outside DIR/.gitui and the export
// file.
func TestHostileCommands(t *testing.T) {
	sb := newSandbox(t)
	cases, err := Write(sb.corpus)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteStore(sb.corpus, filepath.Join(sb.corpus, "escapes.txt")); err != nil {
		t.Fatal(err)
	}
	gitui := filepath.Join(sb.corpus, ".gitui")
	xlsx := filepath.Join(sb.root, "out", "figures.xlsx")
	if err := os.Mkdir(filepath.Dir(xlsx), 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, sb.root, gitui, filepath.Dir(xlsx))

	// Every hostile path named on the command line, as `gitui extract
	// dir/*` would: links to nowhere and names full of escapes included.
	// A root that cannot be stat'ed (a link loop, a dangling link) stops
	// the whole command by design (corpus.LoadAll); those get runs of
	// their own below.
	var paths []string
	unstatable := map[string]bool{"loop-self.txt": true, "loop-a.txt": true, "loop-b.txt": true, "dangling.txt": true}
	for _, c := range cases {
		if c.Skipped == "" && c.Name != "loop-dir/up" && !unstatable[c.Name] {
			paths = append(paths, c.Path)
		}
	}
	missing := filepath.Join(sb.corpus, OSC52+"missing"+RLO+".txt")
	runs := [][]string{
		{"extract", "--format", "jsonl", sb.corpus},
		{"extract", "--format", "table", sb.corpus},
		append([]string{"extract", "--format", "jsonl"}, paths...),
		append([]string{"extract", "--format", "table"}, paths...),
		{"check", sb.corpus},
		{"check", "--strict", sb.corpus},
		append([]string{"check"}, paths...),
		{"export", "--format", "csv", "-o", "-", sb.corpus},
		{"export", "--format", "long", "-o", "-", sb.corpus},
		{"export", "--format", "jsonl", "-o", "-", sb.corpus},
		{"export", "-o", xlsx, sb.corpus},
		{"review-log", sb.corpus},
		{"review-log", "--format", "jsonl", sb.corpus},
		// Roots that do not exist or loop: a clean error, exit 2.
		{"extract", "--format", "jsonl", filepath.Join(sb.corpus, "loop-self.txt")},
		{"extract", "--format", "jsonl", missing},
		{"check", missing},
		{"export", "-o", "-", missing},
		{"review-log", missing},
	}
	for _, args := range runs {
		code, stdout, stderr := sb.run(t, args...)
		name := textsafe.Line(strings.Join(args[:2], " "))
		badRoot := strings.Contains(args[len(args)-1], "missing") || strings.HasSuffix(args[len(args)-1], "loop-self.txt")
		if code == 2 && !badRoot {
			t.Errorf("gitui %s: exit 2 (usage):\n%s", name, stderr)
		}
		for _, l := range TextLeaks(stdout) {
			t.Errorf("gitui %s: standard output leaks %v", name, l)
		}
		for _, l := range TextLeaks(stderr) {
			t.Errorf("gitui %s: standard error leaks %v", name, l)
		}
		if args[0] == "review-log" && !badRoot && !strings.Contains(stdout, "␛]52;c;Z2l0dWktb3NjNTI=") &&
			!strings.Contains(stdout, `\u001b]52;c;Z2l0dWktb3NjNTI=`) {
			t.Errorf("gitui %s does not show the hostile note at all:\n%s", name, stdout)
		}
		if badRoot && code == 0 {
			t.Errorf("gitui %s on a missing or looping root exited 0", name)
		}
		if args[0] == "export" && len(args) > 4 && args[3] == "-o" && args[4] == "-" {
			if f := args[2]; f == "csv" || f == "long" {
				checkCSVFormulas(t, "gitui export --format "+f, stdout)
			}
		}
	}
	data, err := os.ReadFile(xlsx)
	if err != nil {
		t.Fatalf("gitui export -o %s wrote nothing: %v", xlsx, err)
	}
	checkWorkbook(t, data)

	after := snapshot(t, sb.root, gitui, filepath.Dir(xlsx))
	for p, was := range before {
		if now, ok := after[p]; !ok {
			t.Errorf("a command removed %s", p)
		} else if now != was {
			t.Errorf("a command changed %s", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("a command wrote %s, outside DIR/.gitui and the export file", p)
		}
	}
}

// TestHostileStoreFIFO gives a corpus a named pipe where its review log
// belongs, as a shared folder could: reading it would block forever, so
// every command must refuse it and finish.
func TestHostileStoreFIFO(t *testing.T) {
	sb := newSandbox(t)
	sb.timeout = 30 * time.Second
	if _, err := WriteEscapes(sb.corpus); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(sb.corpus, ".gitui"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(filepath.Join(sb.corpus, ".gitui", "reviews.jsonl")); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	for _, args := range [][]string{
		{"check", sb.corpus},
		{"export", "--format", "csv", "-o", "-", sb.corpus},
		{"review-log", sb.corpus},
	} {
		_, _, stderr := sb.run(t, args...)
		if !strings.Contains(stderr, "reviews.jsonl") {
			t.Errorf("gitui %s took a named pipe for its review log without a word:\n%s", args[0], stderr)
		}
		for _, l := range TextLeaks(stderr) {
			t.Errorf("gitui %s: standard error leaks %v", args[0], l)
		}
	}
}
