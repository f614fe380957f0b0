package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"

	"gitui/internal/corpus"
	"gitui/internal/extract"
	"gitui/internal/textsafe"
)

// extractRecord is one line of `gitui extract --format jsonl`.
type extractRecord struct {
	Path     string          `json:"path"`
	SHA256   string          `json:"sha256,omitempty"`
	Encoding string          `json:"encoding,omitempty"`
	Agency   string          `json:"agency"`
	Year     *int            `json:"year"`
	Format   string          `json:"format,omitempty"`
	Fields   []extract.Field `json:"fields"`
	Checks   []extract.Check `json:"checks"`
	Problems []string        `json:"problems"`
}

func runExtract(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gitui extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "jsonl", "output `format`: jsonl or table")
	workers := fs.Int("workers", 0, "extraction workers (0: one per core)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gitui extract [--format jsonl|table] [--workers N] PATH...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(interspersed(fs, args)); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 || (*format != "jsonl" && *format != "table") {
		fs.Usage()
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c, err := corpus.LoadAll(ctx, fs.Args(), corpus.Options{Workers: *workers})
	if err != nil {
		fmt.Fprintf(stderr, "gitui extract: %s\n", textsafe.Line(err.Error()))
		return exitUsage
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if *format == "jsonl" {
		err = writeJSONL(w, c)
	} else {
		err = writeTable(w, c)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gitui extract: write: %v\n", err)
		return exitProblems
	}
	for _, p := range c.Problems {
		fmt.Fprintf(stderr, "gitui extract: %s\n", textsafe.Line(p.Error()))
	}
	if len(c.Problems) > 0 {
		return exitProblems
	}
	return exitOK
}

func writeJSONL(w io.Writer, c *corpus.Corpus) error {
	// Texts stay byte-exact (the scorer compares them with the source);
	// the C1 and bidi runes encoding/json leaves raw are written escaped.
	enc := json.NewEncoder(textsafe.NewJSONWriter(w))
	enc.SetEscapeHTML(false)
	for _, r := range c.Reports {
		rec := extractRecord{
			Path: r.Path, SHA256: r.SHA256, Encoding: r.Encoding,
			Agency: r.Agency, Format: string(r.Format),
			Fields: r.Fields, Checks: r.Checks, Problems: r.Problems,
		}
		if r.Year != 0 {
			y := r.Year
			rec.Year = &y
		}
		if rec.Fields == nil {
			rec.Fields = []extract.Field{}
		}
		if rec.Checks == nil {
			rec.Checks = []extract.Check{}
		}
		if rec.Problems == nil {
			rec.Problems = []string{}
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	for _, p := range c.Problems {
		rec := extractRecord{Path: p.Path, Fields: []extract.Field{}, Checks: []extract.Check{},
			Problems: []string{p.Step + ": " + p.Err.Error()}}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

func writeTable(w io.Writer, c *corpus.Corpus) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PATH\tAGENCY\tYEAR\tFORMAT\tFIELDS\tFAILED CHECKS\tPROBLEMS")
	for _, r := range c.Reports {
		failed := 0
		for _, ch := range r.Checks {
			if !ch.OK {
				failed++
			}
		}
		year := "-"
		if r.Year != 0 {
			year = fmt.Sprint(r.Year)
		}
		agency := r.Agency
		if agency == "" {
			agency = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\n", textsafe.Line(r.Path), textsafe.Line(agency),
			year, r.Format, len(r.Fields), failed, len(r.Problems))
	}
	for _, p := range c.Problems {
		fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t-\t%s\n", textsafe.Line(p.Path), textsafe.Line(p.Step+": "+p.Err.Error()))
	}
	return tw.Flush()
}

// interspersed moves flags that follow paths in front of them, so that
// `gitui extract DIR --format table` works as users type it.
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
	return append(flags, rest...)
}
