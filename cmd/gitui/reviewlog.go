package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gitui/internal/review"
	"gitui/internal/textsafe"
)

// runReviewLog prints the review events of a corpus (PATH is its folder) or
// of one report (PATH is the file), newest first.
func runReviewLog(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("gitui review-log", "usage: gitui review-log [--store FILE] [--format text|jsonl] PATH", stderr)
	storePath := fs.String("store", "", "review log `FILE` (default DIR/.gitui/reviews.jsonl)")
	format := fs.String("format", "text", "`text|jsonl`")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 || (*format != "text" && *format != "jsonl") {
		fs.Usage()
		return exitUsage
	}
	path := fs.Arg(0)
	fi, err := os.Stat(path)
	if err != nil {
		fmt.Fprintf(stderr, "gitui review-log: %s\n", textsafe.Line(err.Error()))
		return exitUsage
	}
	var st *review.Store
	switch {
	case *storePath != "":
		st, err = review.Open(*storePath)
	default:
		st, err = review.OpenCorpus(corpusOf(path))
	}
	if err != nil {
		fmt.Fprintf(stderr, "gitui review-log: %s\n", textsafe.Line(err.Error()))
		return exitProblems
	}
	warnStoreProblems("gitui review-log", st, stderr)
	if fi.IsDir() && *storePath == "" {
		for _, log := range nestedLogs(path, st.Path()) {
			fmt.Fprintf(stderr, "gitui review-log: warning: %s holds reviews of a sub-folder, not shown here; run gitui review-log on that folder\n",
				textsafe.Line(log))
		}
	}

	all := st.All()
	events := all
	stale := map[string]bool{}
	if !fi.IsDir() {
		raw, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "gitui review-log: read %s: %s\n", textsafe.Line(path), textsafe.Line(err.Error()))
			return exitProblems
		}
		sum := sha256.Sum256(raw)
		sha := hex.EncodeToString(sum[:])
		events = nil
		for _, e := range all {
			switch {
			case e.SHA256 == sha:
				events = append(events, e)
			case review.SamePath(e.Path, path):
				events = append(events, e)
				stale[e.ID] = true
			}
		}
	}
	slices.Reverse(events)
	byID := make(map[string]review.Event, len(all))
	for _, e := range all {
		byID[e.ID] = e
	}
	if *format == "jsonl" {
		// Values stay byte-exact for scripts; the runes a terminal acts
		// on (C1 controls such as CSI, bidi overrides) are written as
		// JSON escapes, whichever field of a crafted log carries them.
		enc := json.NewEncoder(textsafe.NewJSONWriter(stdout))
		enc.SetEscapeHTML(false)
		for _, e := range events {
			if err := enc.Encode(e); err != nil {
				fmt.Fprintf(stderr, "gitui review-log: write stdout: %s\n", textsafe.Line(err.Error()))
				return exitProblems
			}
		}
		return exitOK
	}
	if len(events) == 0 {
		fmt.Fprintf(stderr, "gitui review-log: no review events in %s\n", textsafe.Line(st.Path()))
	}
	for _, e := range events {
		fmt.Fprintln(stdout, textsafe.Line(describe(e, byID, stale[e.ID])))
	}
	return exitOK
}

// describe is one event as a line: when, who, what, where.
func describe(e review.Event, byID map[string]review.Event, stale bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %-10s  ", e.Time.UTC().Format("2006-01-02 15:04:05Z"), e.Reviewer)
	what := func(e review.Event) string {
		s := fmt.Sprintf("%-7s %s", e.Action, e.Field)
		if e.New != nil {
			old := "–"
			if e.Old != nil {
				old = e.Old.String()
			}
			approx := ""
			if e.Approx {
				approx = "≈"
			}
			s += fmt.Sprintf("  %s → %s%s", old, approx, e.New)
			if e.Span == nil {
				s += " (not stated in the text)"
			}
		}
		return s
	}
	switch e.Action {
	case review.Undo, review.Redo:
		if t, ok := byID[e.Target]; ok {
			fmt.Fprintf(&b, "%-7s %s", e.Action, what(t))
		} else {
			fmt.Fprintf(&b, "%-7s event %s", e.Action, e.Target)
		}
	default:
		b.WriteString(what(e))
	}
	if e.Note != "" {
		fmt.Fprintf(&b, "  “%s”", e.Note)
	}
	sha := e.SHA256
	if len(sha) > 12 {
		sha = sha[:12]
	}
	fmt.Fprintf(&b, "  %s %s", e.Path, sha)
	if stale {
		b.WriteString("  [stale: an earlier version of the file]")
	}
	return b.String()
}

// corpusOf returns the corpus folder of path, a report file or a folder:
// the nearest folder at or above it that has a review folder (.gitui), else
// path itself (a folder) or its folder (a file). So a report or a
// sub-folder named on the command line is reviewed in its corpus's log.
func corpusOf(path string) string {
	fallback := path
	if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
		fallback = filepath.Dir(path)
	}
	abs, err := filepath.Abs(fallback)
	if err != nil {
		return fallback
	}
	for dir := abs; ; {
		if _, err := os.Lstat(filepath.Join(dir, review.DirName)); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return fallback
		}
		dir = parent
	}
}

// nestedLogs returns the review logs inside root other than shown, the log
// being listed: those an explorer opened on a sub-folder saved.
func nestedLogs(root, shown string) []string {
	var logs []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || d.Name() != review.DirName {
			return nil
		}
		log := review.DefaultPath(filepath.Dir(p))
		if fi, err := os.Lstat(log); err == nil && fi.Mode().IsRegular() && !review.SamePath(log, shown) {
			logs = append(logs, log)
		}
		return filepath.SkipDir
	})
	return logs
}
