package main

import (
	"fmt"
	"io"
)

// Placeholders, each replaced by the file that owns the command.

func runExport(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gitui export: not built yet")
	return exitUsage
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gitui check: not built yet")
	return exitUsage
}

func runReviewLog(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gitui review-log: not built yet")
	return exitUsage
}

func runExtract(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gitui extract: not built yet")
	return exitUsage
}
