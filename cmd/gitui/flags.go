package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlagSet returns the flag set of a command: errors and usage go to
// stderr, and the usage is the given line followed by the flags.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses the flags of a subcommand the same way for every one:
// flags may follow the paths (`gitui check DIR --strict`), -h prints the
// usage and exits 0, and any other flag error exits 2 (the flag package has
// already printed it and the usage). ok is false when the command should
// return code at once.
func parseFlags(fs *flag.FlagSet, args []string) (ok bool, code int) {
	err := fs.Parse(interspersed(fs, args))
	switch {
	case err == nil:
		return true, exitOK
	case errors.Is(err, flag.ErrHelp):
		return false, exitOK
	}
	return false, exitUsage
}

// interspersed moves flags that follow paths in front of them, so that
// `gitui extract DIR --format table` works as users type it. Everything
// after "--" stays a path, even when it starts with "-"; "-" alone is a
// path (standard input or output, by the command's rules).
func interspersed(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && i+1 < len(args) {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
				flags = append(flags, args[i+1])
				i++
			}
		}
	}
	// "--" ends the flags, so that a path starting with "-" is not
	// parsed as one.
	return append(append(flags, "--"), rest...)
}
