package main

import (
	"context"
	"errors"
	"flag"
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
	fs := flag.NewFlagSet("gitui export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "", "`csv|long|jsonl|xlsx` (default from the -o extension: .xlsx, .jsonl, else csv)")
	out := fs.String("o", "", "output `FILE`; - writes csv, long or jsonl to standard output")
	store := fs.String("store", "", "review log `FILE` (default DIR/.gitui/reviews.jsonl of each PATH)")
	force := fs.Bool("force", false, "overwrite an existing output file")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gitui export [--format csv|long|jsonl|xlsx] -o FILE [--store FILE] [--force] PATH...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
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
	reports := make([]export.Report, len(loaded))
	for i, l := range loaded {
		reports[i] = l.reviewed
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
		fmt.Fprintf(stderr, "gitui export: %d reports written to %s (%s)\n", len(reports), textsafe.Line(*out), f)
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

// loadedReport is a report as loaded and as reviewed.
type loadedReport struct {
	report   *corpus.Report
	reviewed export.Report
}

// loadReviewed loads the reports under roots and folds each one's review
// events over its figures. The log is storePath when set, else that of each
// root's corpus (see corpusOf). Problems are printed to stderr, naming the file and the step; the
// code is exitProblems when some file could not be loaded. ok is false when
// nothing should be written: a root does not exist (exitUsage) or a review
// log cannot be opened (exitProblems).
func loadReviewed(ctx context.Context, cmd string, roots []string, storePath string, stderr io.Writer) (reports []loadedReport, code int, ok bool) {
	code = exitOK
	var shared *review.Store
	if storePath != "" {
		st, err := review.Open(storePath)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %s\n", cmd, textsafe.Line(err.Error()))
			return nil, exitProblems, false
		}
		shared = st
		warnStoreProblems(cmd, st, stderr)
	}
	var out []loadedReport
	for _, root := range roots {
		_, err := os.Stat(root)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %s\n", cmd, textsafe.Line(err.Error()))
			return nil, exitUsage, false
		}
		st := shared
		if st == nil {
			st, err = review.OpenCorpus(corpusOf(root))
			if err != nil {
				// Without its log the export would present extracted
				// values as if nobody had corrected them.
				fmt.Fprintf(stderr, "%s: %s\n", cmd, textsafe.Line(err.Error()))
				return nil, exitProblems, false
			}
			warnStoreProblems(cmd, st, stderr)
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
			events := st.Events(r.SHA256)
			if stale := st.Stale(r.Path, r.SHA256); len(stale) > 0 {
				fmt.Fprintf(stderr, "%s: %s: %d review events of an earlier version of this file are stale and not applied (see gitui review-log)\n",
					cmd, textsafe.Line(r.Path), len(stale))
			}
			out = append(out, loadedReport{r, export.FromCorpus(r.Path, r, events)})
		}
	}
	return out, code, true
}

// warnStoreProblems prints the lines of a review log that could not be
// read (a line torn by a crash, say). They are skipped; every other event
// still applies, so they are warnings, not failures.
func warnStoreProblems(cmd string, st *review.Store, stderr io.Writer) {
	for _, p := range st.Problems() {
		fmt.Fprintf(stderr, "%s: warning: %s\n", cmd, textsafe.Line(p.Error()))
	}
}
