package main

import (
	"fmt"
	"io"
)

// Placeholders, each replaced by the file that owns the command.

func runExtract(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gitui extract: not built yet")
	return exitUsage
}
