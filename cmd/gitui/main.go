// Command gitui explores and extracts the figures of 政府信息公开工作年度报告.
//
//	gitui [DIR]                 open the explorer (bundled samples without DIR)
//	gitui extract [flags] PATH… figures as JSON lines or a table
//	gitui export  [flags] PATH… figures with corrections, as csv/long/jsonl/xlsx
//	gitui check   [flags] PATH… failed identities and problems
//	gitui review-log PATH       the review events, newest first
//
// GITUI_CPUPROFILE=FILE writes a CPU profile of the run to FILE, for
// go tool pprof (see docs/BENCHMARKS.md).
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// Exit codes shared by every subcommand.
const (
	exitOK       = 0
	exitProblems = 1 // some files became problems, or --strict checks failed
	exitUsage    = 2
)

func main() {
	if path := os.Getenv("GITUI_CPUPROFILE"); path != "" {
		stop, err := startProfile(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gitui: cpu profile: %v\n", err)
			os.Exit(exitUsage)
		}
		code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// startProfile starts a CPU profile written to path; stop ends it.
func startProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "extract":
			return runExtract(args[1:], stdout, stderr)
		case "export":
			return runExport(args[1:], stdout, stderr)
		case "check":
			return runCheck(args[1:], stdout, stderr)
		case "review-log":
			return runReviewLog(args[1:], stdout, stderr)
		case "help", "-h", "-help", "--help":
			usage(stdout)
			return exitOK
		}
	}
	return runExplorer(args, stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage:
  gitui [flags] [DIR]            open the explorer (bundled sample reports without DIR)
  gitui extract [flags] PATH...  extract figures (--format jsonl|table)
  gitui export [flags] PATH...   export figures with corrections (--format csv|long|jsonl|xlsx -o FILE)
  gitui check [flags] PATH...    list failed identities and problems (--strict)
  gitui review-log [flags] PATH  show review events, newest first

Run 'gitui COMMAND -h' for a command's flags.
`)
}
