package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gitui/internal/corpus"
	"gitui/internal/export"
	"gitui/internal/review"
	"gitui/internal/textsafe"
)

// runExport writes the figures of the reports under PATH..., with the
// reviewers' corrections applied, to a file.
func runExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("gitui export", "usage: gitui export [--format csv|long|jsonl|xlsx] -o FILE [--store FILE] [--force] PATH...", stderr)
	format := fs.String("format", "", "`csv|long|jsonl|xlsx` (default from the -o extension: .xlsx, .jsonl, else csv)")
	out := fs.String("o", "", "output `FILE`; - writes csv, long or jsonl to standard output")
	store := fs.String("store", "", "review log `FILE` (default DIR/.gitui/reviews.jsonl of each PATH)")
	force := fs.Bool("force", false, "overwrite an existing output file")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 || *out == "" {
		fs.Usage()
		return exitUsage
	}
	f, err := exportFormat(*format, *out)
	if err != nil {
		fmt.Fprintf(stderr, "gitui export: %v\n", err)
		return exitUsage
	}
	if *out == "-" && f == export.XLSX {
		fmt.Fprintln(stderr, "gitui export: xlsx cannot go to standard output; name a file with -o")
		return exitUsage
	}
	if *out != "-" && !*force {
		// Fail before loading a large corpus, not after.
		if _, err := os.Lstat(*out); err == nil {
			fmt.Fprintf(stderr, "gitui export: %s: %v\n", textsafe.Line(*out), export.ErrExists)
			return exitUsage
		}
	}
	loaded, code, ok := loadReviewed(context.Background(), "gitui export", fs.Args(), *store, stderr)
	if !ok {
		return code
	}
	// Each report's reviewed figures are made as the writer asks for
	// them: holding a corpus's takes several times the memory of the
	// corpus itself.
	reports := func(yield func(export.Report) bool) {
		for _, l := range loaded {
			if !yield(l.reviewed()) {
				return
			}
		}
	}
	if *out == "-" {
		err = export.Write(stdout, f, reports)
	} else {
		err = export.WriteFile(*out, f, reports, *force)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gitui export: %s\n", textsafe.Line(err.Error()))
		if errors.Is(err, export.ErrExists) {
			return exitUsage
		}
		return exitProblems
	}
	if *out != "-" {
		fmt.Fprintf(stderr, "gitui export: %d reports written to %s (%s)\n", len(loaded), textsafe.Line(*out), f)
	}
	return code
}

// exportFormat is the --format flag, or the format named by out's extension.
func exportFormat(flagValue, out string) (export.Format, error) {
	if flagValue != "" {
		return export.ParseFormat(flagValue)
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".xlsx":
		return export.XLSX, nil
	case ".jsonl":
		return export.JSONL, nil
	}
	return export.CSV, nil
}

// loadedReport is a report as loaded, and the review events that apply to
// it.
type loadedReport struct {
	report *corpus.Report
	events []review.Event
}

// reviewed returns l's figures with its review events folded over them.
func (l loadedReport) reviewed() export.Report {
	return export.FromCorpus(l.report.Path, l.report, l.events)
}

// loadReviewed loads the reports under roots and folds each one's review
// events over its figures. The log is storePath when set, else, for each
// report, that of the nearest folder at or above the report's own that has
// a review folder (.gitui): the explorer saves to the folder it was opened
// on, which may be a sub-folder of a root. A report with no such folder
// uses its root's corpus log (see corpusOf). Problems are printed to
// stderr, naming the file and the step; the code is exitProblems when some
// file could not be loaded. ok is false when nothing should be written: a
// root does not exist (exitUsage) or a review log cannot be opened
// (exitProblems).
func loadReviewed(ctx context.Context, cmd string, roots []string, storePath string, stderr io.Writer) (reports []loadedReport, code int, ok bool) {
	code = exitOK
	logs := &reviewLogs{cmd: cmd, stderr: stderr, stores: map[string]*review.Store{}, chains: map[string][]string{}}
	if storePath != "" {
		st, err := review.Open(storePath)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %s\n", cmd, textsafe.Line(err.Error()))
			return nil, exitProblems, false
		}
		logs.shared = st
		warnStoreProblems(cmd, st, stderr)
	}
	var out []loadedReport
	for _, root := range roots {
		_, err := os.Stat(root)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %s\n", cmd, textsafe.Line(err.Error()))
			return nil, exitUsage, false
		}
		rootStore := logs.shared
		if rootStore == nil {
			// Opened before loading: without its log the export would
			// present extracted values as if nobody had corrected them.
			if rootStore, err = logs.open(corpusOf(root)); err != nil {
				fmt.Fprintf(stderr, "%s: %s\n", cmd, textsafe.Line(err.Error()))
				return nil, exitProblems, false
			}
		}
		c, err := corpus.LoadAll(ctx, []string{root}, corpus.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "%s: %s\n", cmd, textsafe.Line(err.Error()))
			return nil, exitProblems, false
		}
		for _, p := range c.Problems {
			fmt.Fprintf(stderr, "%s: %s\n", cmd, textsafe.Line(p.Error()))
			code = exitProblems
		}
		for _, r := range c.Reports {
			st := rootStore
			if logs.shared == nil {
				if st, err = logs.forReport(r, rootStore); err != nil {
					fmt.Fprintf(stderr, "%s: %s\n", cmd, textsafe.Line(err.Error()))
					return nil, exitProblems, false
				}
			}
			events := st.Events(r.SHA256)
			if stale := st.Stale(r.Path, r.SHA256); len(stale) > 0 {
				fmt.Fprintf(stderr, "%s: %s: %d review events of an earlier version of this file are stale and not applied (see gitui review-log)\n",
					cmd, textsafe.Line(r.Path), len(stale))
			}
			out = append(out, loadedReport{r, events})
		}
	}
	return out, code, true
}

// reviewLogs finds and opens, once each, the review logs of the reports
// of a load.
type reviewLogs struct {
	cmd    string
	stderr io.Writer
	shared *review.Store            // --store, for every report
	stores map[string]*review.Store // by absolute corpus folder
	chains map[string][]string      // absolute report folder → corpus folders above it, nearest first
}

// open returns the store of the corpus at dir, opening it on first use
// and warning about its unreadable lines once.
func (l *reviewLogs) open(dir string) (*review.Store, error) {
	key := dir
	if abs, err := filepath.Abs(dir); err == nil {
		key = abs
	}
	if st, ok := l.stores[key]; ok {
		return st, nil
	}
	st, err := review.OpenCorpus(dir)
	if err != nil {
		return nil, err
	}
	warnStoreProblems(l.cmd, st, l.stderr)
	l.stores[key] = st
	return st, nil
}

// forReport returns the store whose events apply to r: that of the
// nearest corpus folder at or above r's folder, else fallback. Events for
// r in logs farther up are not applied, and a warning says so.
func (l *reviewLogs) forReport(r *corpus.Report, fallback *review.Store) (*review.Store, error) {
	chain := l.chain(filepath.Dir(r.Path))
	if len(chain) == 0 {
		return fallback, nil
	}
	st, err := l.open(chain[0])
	if err != nil {
		return nil, err
	}
	for _, dir := range chain[1:] {
		far, err := l.open(dir)
		if err != nil {
			return nil, err
		}
		if n := len(far.Events(r.SHA256)); n > 0 {
			fmt.Fprintf(l.stderr, "%s: %s: warning: %d review events in %s are not applied; the nearer log %s is\n",
				l.cmd, textsafe.Line(r.Path), n, textsafe.Line(far.Path()), textsafe.Line(st.Path()))
		}
	}
	return st, nil
}

// chain returns the folders at or above dir that hold a review folder,
// nearest first.
func (l *reviewLogs) chain(dir string) []string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	if c, ok := l.chains[abs]; ok {
		return c
	}
	var c []string
	if _, err := os.Lstat(filepath.Join(abs, review.DirName)); err == nil {
		c = append(c, abs)
	}
	if parent := filepath.Dir(abs); parent != abs {
		c = append(c, l.chain(parent)...)
	}
	l.chains[abs] = c
	return c
}

// warnStoreProblems prints the lines of a review log that could not be
// read (a line torn by a crash, say). They are skipped; every other event
// still applies, so they are warnings, not failures.
func warnStoreProblems(cmd string, st *review.Store, stderr io.Writer) {
	for _, p := range st.Problems() {
		fmt.Fprintf(stderr, "%s: warning: %s\n", cmd, textsafe.Line(p.Error()))
	}
}
