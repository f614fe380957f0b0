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
	// A table report's line is some 20 KB: through bufio's default 4 KB
	// buffer each took two writes to stdout.
	w := bufio.NewWriterSize(namedWriter{stdout, "stdout"}, 256<<10)
	out := newJSONLWriter
	if *format == "table" {
		out = newTableWriter
	}
	problems, err := writeReports(ctx, fs.Args(), corpus.Options{Workers: *workers, Unpacked: true}, out(w))
	// Flushed even after a failure or an interrupt: lines are written
	// whole, so the output then ends at the end of a line. And the last
	// lines are written here: a full disk or a closed pipe must not pass
	// for a complete output.
	if ferr := w.Flush(); err == nil {
		err = ferr
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

// reportWriter writes the reports of a load. add is called as reports are
// decided, in any order and from several goroutines at once, with each
// report's corpus.Event.Seq; skip is called for the other files decided
// (problems and skipped files); finish writes what is left, then the
// problems; close releases what the writer holds, whether or not finish
// was called.
type reportWriter interface {
	add(seq int, r *corpus.Report) error
	skip(seq int) error
	finish(problems []*corpus.Problem) error
	close()
}

// writeReports streams a load into rw, so that only what rw keeps of each
// report stays in memory, not the reports themselves. Reports are handed to
// rw by one goroutine per core: encoding a report's line costs about a
// fifth as much as extracting it, and would otherwise be done on one core.
func writeReports(ctx context.Context, roots []string, opt corpus.Options, rw reportWriter) ([]*corpus.Problem, error) {
	defer rw.close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type decided struct {
		seq int
		r   *corpus.Report
	}
	var (
		problems []*corpus.Problem
		reports  = make(chan decided)
		errc     = make(chan error, 1)
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		select {
		case errc <- err:
		default:
		}
		cancel()
	}
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range reports {
				if err := rw.add(d.seq, d.r); err != nil {
					fail(err)
				}
			}
		}()
	}
	for ev := range corpus.Load(ctx, roots, opt) {
		switch {
		case ev.Report != nil:
			reports <- decided{ev.Seq, ev.Report}
		case ev.Problem != nil:
			problems = append(problems, ev.Problem)
			fallthrough
		case ev.Skipped != "":
			if err := rw.skip(ev.Seq); err != nil {
				fail(err)
			}
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

// jsonlWriter writes each report's line in the order the load found the
// files, as soon as every file found before it is decided: workers finish
// nearly in that order, so few lines wait. Lines that do wait are held in
// memory up to maxHeld bytes, and beyond that in an unlinked temporary
// file, so that a slow file (extraction may take seconds) holds up the
// output without holding the memory of everything decided meanwhile.
// (Writing every line to a temporary file and copying them out sorted at
// the end cost a third of the run at 100,000 reports.)
type jsonlWriter struct {
	w     io.Writer
	lines sync.Pool // of *[]byte, a line's buffer

	maxHeld int // bytes of lines held in memory; maxHeld unless a test sets it

	mu        sync.Mutex // guards what follows
	next      int        // the Seq of the next line to write
	held      map[int]heldLine
	heldBytes int
	spill     *os.File // created when needed
	spillOff  int64
	err       error
}

// heldLine is a line decided before its turn: in memory, in the spill
// file, or none for a file decided without a line.
type heldLine struct {
	line    *[]byte // from jw.lines
	off     int64
	n       int
	spilled bool
}

// maxHeld bounds the lines held in memory.
const maxHeld = 64 << 20

func newJSONLWriter(w io.Writer) reportWriter {
	jw := &jsonlWriter{w: w, held: make(map[int]heldLine), maxHeld: maxHeld}
	jw.lines.New = func() any {
		// A table report's line is about 20 KB: a buffer grown to it
		// from nothing was copied a dozen times, and buffers are made
		// often (a held line keeps its own, and the pool is emptied by
		// each collection).
		b := make([]byte, 0, 32<<10)
		return &b
	}
	return jw
}

func (jw *jsonlWriter) add(seq int, r *corpus.Report) error {
	jw.mu.Lock()
	err := jw.err
	jw.mu.Unlock()
	if err != nil {
		return err // after a failure, lines are not made to be thrown away
	}
	line := jw.lines.Get().(*[]byte)
	*line = appendRecord((*line)[:0], r)
	jw.mu.Lock()
	defer jw.mu.Unlock()
	if jw.err != nil {
		jw.lines.Put(line)
		return jw.err
	}
	if seq != jw.next {
		jw.err = jw.hold(seq, line)
		return jw.err
	}
	_, err = jw.w.Write(*line)
	jw.lines.Put(line)
	if err != nil {
		jw.err = err
		return err
	}
	jw.next++
	jw.err = jw.release()
	return jw.err
}

func (jw *jsonlWriter) skip(seq int) error {
	jw.mu.Lock()
	defer jw.mu.Unlock()
	if jw.err != nil {
		return jw.err
	}
	if seq != jw.next {
		jw.held[seq] = heldLine{}
		return nil
	}
	jw.next++
	jw.err = jw.release()
	return jw.err
}

// hold keeps line, decided before its turn, for later. A line held in
// memory keeps its buffer until it is written; one spilled gives it back
// at once. (Two workers decide most lines out of turn: copying them was
// a fortieth of the command.)
func (jw *jsonlWriter) hold(seq int, buf *[]byte) error {
	line := *buf
	// A buffer may be larger than its line (it held a longer one
	// before): what it holds in memory is its capacity.
	if jw.heldBytes+cap(line) <= jw.maxHeld {
		jw.held[seq] = heldLine{line: buf}
		jw.heldBytes += cap(line)
		return nil
	}
	defer jw.lines.Put(buf)
	if jw.spill == nil {
		f, err := os.CreateTemp("", "gitui-extract-*.jsonl")
		if err != nil {
			return fmt.Errorf("spill file: %w", err)
		}
		// Unlinked at once: the file lives as long as it is open.
		_ = os.Remove(f.Name())
		jw.spill = f
	}
	if _, err := jw.spill.WriteAt(line, jw.spillOff); err != nil {
		return fmt.Errorf("spill file: %w", err)
	}
	jw.held[seq] = heldLine{off: jw.spillOff, n: len(line), spilled: true}
	jw.spillOff += int64(len(line))
	return nil
}

// release writes the held lines whose turn has come.
func (jw *jsonlWriter) release() error {
	for {
		h, ok := jw.held[jw.next]
		if !ok {
			return nil
		}
		delete(jw.held, jw.next)
		jw.next++
		var line []byte
		if h.spilled {
			line = make([]byte, h.n)
			if _, err := jw.spill.ReadAt(line, h.off); err != nil {
				return fmt.Errorf("spill file: %w", err)
			}
		} else if h.line != nil {
			line = *h.line
			jw.heldBytes -= cap(line)
		}
		_, err := jw.w.Write(line)
		if h.line != nil {
			jw.lines.Put(h.line)
		}
		if err != nil {
			return err
		}
	}
}

// close closes the spill file, which is unlinked: its space is freed.
func (jw *jsonlWriter) close() {
	if jw.spill != nil {
		jw.spill.Close()
		jw.spill = nil
	}
}

func (jw *jsonlWriter) finish(problems []*corpus.Problem) error {
	if jw.err != nil {
		return jw.err
	}
	if len(jw.held) != 0 {
		return fmt.Errorf("%d lines still wait for line %d", len(jw.held), jw.next)
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

func (tw *tableWriter) skip(int) error { return nil }

func (tw *tableWriter) close() {}

func (tw *tableWriter) add(_ int, r *corpus.Report) error {
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
