package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
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
	fs := newFlagSet("gitui extract", "usage: gitui extract [--format jsonl|table] [--workers N] PATH...", stderr)
	format := fs.String("format", "jsonl", "output `format`: jsonl or table")
	workers := fs.Int("workers", 0, "extraction workers (0: one per core)")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 || (*format != "jsonl" && *format != "table") {
		fs.Usage()
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if os.Getenv("GOGC") == "" {
		// The output is streamed, so little stays live (tens of MB) while
		// the extractor allocates several times the text it reads: at the
		// default GOGC=100 the collector ran every few MB and took a tenth
		// of the CPU. A heap allowed to grow to five times the live one
		// costs tens of MB more.
		debug.SetGCPercent(400)
	}
	for _, root := range fs.Args() {
		if _, err := os.Stat(root); err != nil {
			fmt.Fprintf(stderr, "gitui extract: %s\n", textsafe.Line(err.Error()))
			return exitUsage
		}
	}
	w := bufio.NewWriter(namedWriter{stdout, "stdout"})
	out := newJSONLWriter
	if *format == "table" {
		out = newTableWriter
	}
	problems, err := writeReports(ctx, fs.Args(), corpus.Options{Workers: *workers}, out(w))
	if err == nil {
		// The last lines are written here: a full disk or a closed pipe
		// must not pass for a complete output.
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "gitui extract: %s\n", textsafe.Line(err.Error()))
		return exitProblems
	}
	for _, p := range problems {
		fmt.Fprintf(stderr, "gitui extract: %s\n", textsafe.Line(p.Error()))
	}
	if len(problems) > 0 {
		return exitProblems
	}
	return exitOK
}

// namedWriter names its destination in its write errors, so that a
// failure to write the output is told apart from a failure to read a
// report.
type namedWriter struct {
	w    io.Writer
	name string
}

func (n namedWriter) Write(p []byte) (int, error) {
	k, err := n.w.Write(p)
	if err != nil {
		err = fmt.Errorf("write %s: %w", n.name, err)
	}
	return k, err
}

// reportWriter writes the reports of a load in path order. add is called
// as reports arrive, in any order and from several goroutines at once;
// finish writes them all, sorted, then the problems.
type reportWriter interface {
	add(r *corpus.Report) error
	finish(problems []*corpus.Problem) error
}

// writeReports streams a load into rw, so that only what rw keeps of each
// report stays in memory, not the reports themselves. Reports are handed to
// rw by one goroutine per core: encoding a report's line costs about half
// as much as extracting it, and would otherwise be done on one core.
func writeReports(ctx context.Context, roots []string, opt corpus.Options, rw reportWriter) ([]*corpus.Problem, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		problems []*corpus.Problem
		reports  = make(chan *corpus.Report)
		errc     = make(chan error, 1)
		wg       sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range reports {
				if err := rw.add(r); err != nil {
					select {
					case errc <- err:
					default:
					}
					cancel()
				}
			}
		}()
	}
	for ev := range corpus.Load(ctx, roots, opt) {
		switch {
		case ev.Report != nil:
			reports <- ev.Report
		case ev.Problem != nil:
			problems = append(problems, ev.Problem)
		}
	}
	close(reports)
	wg.Wait()
	select {
	case err := <-errc:
		return nil, err
	default:
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Path < problems[j].Path })
	return problems, rw.finish(problems)
}

// jsonlWriter spills each report's line to a temporary file as it
// arrives and copies the lines out in path order at the end: a corpus of
// any size is written with memory for one line per worker and an index.
type jsonlWriter struct {
	w     io.Writer
	lines sync.Pool // of *[]byte, a line's buffer

	mu       sync.Mutex // guards what follows
	spill    *os.File
	buffered *bufio.Writer // to spill: a write per 1 MiB, not per line
	off      int64
	index    []spilled
	err      error
}

type spilled struct {
	path string
	off  int64
	n    int
}

func newJSONLWriter(w io.Writer) reportWriter {
	jw := &jsonlWriter{w: w}
	jw.lines.New = func() any { return new([]byte) }
	jw.spill, jw.err = os.CreateTemp("", "gitui-extract-*.jsonl")
	if jw.err == nil {
		// Unlinked at once: the file lives as long as it is open.
		_ = os.Remove(jw.spill.Name())
		jw.buffered = bufio.NewWriterSize(jw.spill, 1<<20)
	}
	return jw
}

func (jw *jsonlWriter) add(r *corpus.Report) error {
	line := jw.lines.Get().(*[]byte)
	defer jw.lines.Put(line)
	*line = appendRecord((*line)[:0], r)
	jw.mu.Lock()
	defer jw.mu.Unlock()
	if jw.err != nil {
		return fmt.Errorf("spill file: %w", jw.err)
	}
	n, err := jw.buffered.Write(*line)
	if err != nil {
		jw.err = err
		return fmt.Errorf("spill file: %w", err)
	}
	jw.index = append(jw.index, spilled{r.Path, jw.off, n})
	jw.off += int64(n)
	return nil
}

func (jw *jsonlWriter) finish(problems []*corpus.Problem) error {
	if jw.err != nil {
		return fmt.Errorf("spill file: %w", jw.err)
	}
	defer jw.spill.Close()
	if err := jw.buffered.Flush(); err != nil {
		return fmt.Errorf("spill file: %w", err)
	}
	sort.Slice(jw.index, func(i, j int) bool { return jw.index[i].path < jw.index[j].path })
	var line []byte
	for _, l := range jw.index {
		if cap(line) < l.n {
			line = make([]byte, l.n)
		}
		if _, err := jw.spill.ReadAt(line[:l.n], l.off); err != nil {
			return fmt.Errorf("spill file: %w", err)
		}
		if _, err := jw.w.Write(line[:l.n]); err != nil {
			return err
		}
	}
	enc := json.NewEncoder(textsafe.NewJSONWriter(jw.w))
	enc.SetEscapeHTML(false)
	for _, p := range problems {
		rec := extractRecord{Path: p.Path, Fields: []extract.Field{}, Checks: []extract.Check{},
			Problems: []string{p.Step + ": " + p.Err.Error()}}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

// record is the JSON line of one report.
func record(r *corpus.Report) extractRecord {
	rec := extractRecord{
		Path: r.Path, SHA256: r.SHA256, Encoding: r.Encoding,
		Agency: r.Agency, Format: string(r.Format),
		Fields: r.Fields(), Checks: r.Checks(), Problems: r.Problems,
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
	return rec
}

// tableWriter keeps one short summary per report.
type tableWriter struct {
	w    io.Writer
	mu   sync.Mutex // guards rows
	rows []tableRow
}

type tableRow struct {
	path, agency, year, format   string
	fields, failed, problemCount int
}

func newTableWriter(w io.Writer) reportWriter { return &tableWriter{w: w} }

func (tw *tableWriter) add(r *corpus.Report) error {
	row := tableRow{path: r.Path, agency: r.Agency, year: "-", format: string(r.Format),
		fields: r.NumFields(), problemCount: len(r.Problems)}
	if r.Year != 0 {
		row.year = fmt.Sprint(r.Year)
	}
	if row.agency == "" {
		row.agency = "-"
	}
	for _, ch := range r.Checks() {
		if !ch.OK {
			row.failed++
		}
	}
	tw.mu.Lock()
	tw.rows = append(tw.rows, row)
	tw.mu.Unlock()
	return nil
}

func (tw *tableWriter) finish(problems []*corpus.Problem) error {
	sort.Slice(tw.rows, func(i, j int) bool { return tw.rows[i].path < tw.rows[j].path })
	t := tabwriter.NewWriter(tw.w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(t, "PATH\tAGENCY\tYEAR\tFORMAT\tFIELDS\tFAILED CHECKS\tPROBLEMS")
	for _, r := range tw.rows {
		fmt.Fprintf(t, "%s\t%s\t%s\t%s\t%d\t%d\t%d\n", textsafe.Line(r.path), textsafe.Line(r.agency),
			r.year, r.format, r.fields, r.failed, r.problemCount)
	}
	for _, p := range problems {
		fmt.Fprintf(t, "%s\t-\t-\t-\t-\t-\t%s\n", textsafe.Line(p.Path), textsafe.Line(p.Step+": "+p.Err.Error()))
	}
	return t.Flush()
}
