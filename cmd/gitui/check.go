package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"gitui/internal/extract"
	"gitui/internal/review"
	"gitui/internal/textsafe"
)

// runCheck lists, per report, the identities its figures fail (with the
// reviewers' corrections applied) and what the extractor could not read.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("gitui check", "usage: gitui check [--strict] [--store FILE] PATH...", stderr)
	strict := fs.Bool("strict", false, "exit 1 when any identity fails")
	store := fs.String("store", "", "review log `FILE` (default DIR/.gitui/reviews.jsonl of each PATH)")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	loaded, code, ok := loadReviewed(context.Background(), "gitui check", fs.Args(), *store, stderr)
	if !ok {
		return code
	}
	// Buffered: a corpus of reports prints a line or more each, and a
	// write per line was a system call per line.
	out := bufio.NewWriter(namedWriter{stdout, "stdout"})
	var failed, failedReports, problems int
	for _, l := range loaded {
		path := textsafe.Line(l.report.Path)
		checks := reviewedChecks(l)
		n := 0
		for _, c := range checks {
			if c.OK {
				continue
			}
			n++
			fmt.Fprintf(out, "%s: %s failed: expected %s, stated %s (%s)\n",
				path, c.ID, c.Expected, c.Actual, strings.Join(c.Fields, " "))
		}
		if n > 0 {
			failed += n
			failedReports++
		}
		for _, p := range l.report.Problems {
			problems++
			fmt.Fprintf(out, "%s: problem: %s\n", path, textsafe.Line(p))
		}
	}
	// A full disk or a closed pipe must not pass for a complete list.
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "gitui check: %s\n", textsafe.Line(err.Error()))
		return exitProblems
	}
	fmt.Fprintf(stderr, "gitui check: %d reports, %d failed identities in %d reports, %d problems\n",
		len(loaded), failed, failedReports, problems)
	if *strict && failed > 0 {
		code = exitProblems
	}
	return code
}

// reviewedChecks evaluates the identities on the reviewed figures: a
// corrected value is checked instead of the extracted one, a rejected
// figure drops out. A check that is not an identity of figures (a stated
// percentage) is kept as extracted while none of its figures changed, and
// dropped once one did, since it cannot be evaluated again here.
func reviewedChecks(l loadedReport) []extract.Check {
	if len(l.events) == 0 {
		return l.report.Checks() // nothing reviewed: nothing changed
	}
	var fields []extract.Field
	changed := map[string]bool{}
	for _, f := range l.reviewed().Figures {
		switch f.State {
		case review.Corrected, review.Added, review.Rejected:
			changed[f.ID] = true
		}
		if f.Exported() {
			fields = append(fields, f.Field)
		}
	}
	if len(changed) == 0 {
		return l.report.Checks()
	}
	identity := map[string]bool{}
	for _, c := range extract.Checks(l.report.Fields(), l.report.Format) {
		identity[c.ID] = true
	}
	checks := extract.Checks(fields, l.report.Format)
	for _, c := range l.report.Checks() {
		if !identity[c.ID] && !slices.ContainsFunc(c.Fields, func(id string) bool { return changed[id] }) {
			checks = append(checks, c)
		}
	}
	return checks
}
