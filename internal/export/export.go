// Package export writes reviewed figures for spreadsheets and scripts: a
// wide CSV (one row per report, one column per field), a long CSV (one row
// per figure), JSON lines (one object per report) and an XLSX workbook with
// both tables.
//
// Values are the reviewed ones: a reviewer's correction or addition wins over
// the extracted value, and a rejected figure has no value. Numbers are
// written exactly as printed in the report (money keeps every decimal; no
// float is involved) and as numbers: a plain decimal such as -18 is a value,
// never a formula. Every text cell passes through textsafe.Line, so no
// control byte of a report reaches the file, and a text cell that a
// spreadsheet would read as a formula (starting with = + - @, tab or CR) is
// prefixed with an apostrophe.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gitui/internal/corpus"
	"gitui/internal/extract"
	"gitui/internal/review"
	"gitui/internal/schema"
	"gitui/internal/textsafe"
)

// Format is an export format.
type Format string

// The export formats.
const (
	CSV   Format = "csv"   // one row per report, one column per field ID
	Long  Format = "long"  // one row per figure
	JSONL Format = "jsonl" // one JSON object per report
	XLSX  Format = "xlsx"  // sheets "figures" (as CSV) and "long" (as Long)
)

// Formats lists the formats, for flag help.
var Formats = []Format{CSV, Long, JSONL, XLSX}

// ParseFormat returns the named format.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown export format %q (want csv, long, jsonl or xlsx)", s)
}

// Report is one report's reviewed figures.
type Report struct {
	Path    string
	SHA256  string
	Agency  string
	Year    int
	Format  schema.Format
	Figures []review.Reviewed // schema order, as review.Apply returns them
}

// FromCorpus folds the review events of r (those keyed by its SHA-256) over
// its extracted figures. path is how the report is named in the export.
func FromCorpus(path string, r *corpus.Report, events []review.Event) Report {
	return Report{
		Path:    path,
		SHA256:  r.SHA256,
		Agency:  r.Agency,
		Year:    r.Year,
		Format:  r.Format,
		Figures: review.Apply(r.Source, r.Fields(), events),
	}
}

// WideHeader is the header of the CSV format and of the "figures" sheet.
func WideHeader() []string {
	h := []string{"path", "sha256", "agency", "year", "format"}
	for _, f := range schema.All() {
		h = append(h, f.ID)
	}
	return h
}

// LongHeader is the header of the long format and of the "long" sheet.
func LongHeader() []string {
	return []string{"path", "sha256", "agency", "year", "format", "field", "value", "unit",
		"approx", "state", "start", "end", "text", "reviewer"}
}

// cell is one value of a table: a number, written as a number, or text.
type cell struct {
	s       string
	numeric bool
}

func text(s string) cell { return cell{s: Text(s)} }

func number(n extract.Number) cell { return cell{s: n.String(), numeric: true} }

func integer(i int) cell { return cell{s: strconv.Itoa(i), numeric: true} }

// Text makes s safe for a text cell: control characters become visible
// stand-ins (textsafe.Line) and a leading = + - @ (which a spreadsheet
// would read as a formula) gets an apostrophe before it. A leading tab or
// CR, which some spreadsheets also evaluate, cannot remain: textsafe.Line
// has already made them a space and ␍, so only the four are checked.
func Text(s string) string {
	s = textsafe.Line(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (r Report) head() []cell {
	year := cell{}
	if r.Year != 0 {
		year = integer(r.Year)
	}
	return []cell{text(r.Path), text(r.SHA256), text(r.Agency), year, text(string(r.Format))}
}

// wideRow is the report's row of the CSV format.
func (r Report) wideRow() []cell {
	head := r.head()
	row := make([]cell, len(head)+len(schema.All()))
	copy(row, head)
	cols := row[len(head):] // by schema place
	// Each figure goes to its place's column (of figures sharing an ID,
	// the last). Figures come in schema order, so a place is found by
	// looking on from the last one's: a map of the figures by ID was a
	// third of the time `gitui export` spent writing.
	at := -1
	for _, f := range r.Figures {
		if p := schema.OrderAfter(f.ID, at); p >= 0 {
			at = p
			cols[p] = cell{}
			if f.Exported() {
				cols[p] = number(f.Value)
			}
		}
	}
	return row
}

// longRows are the report's rows of the long format, one per figure. A
// rejected figure has a row with no value, so the decision shows; an
// ungrounded correction has no span.
func (r Report) longRows() [][]cell {
	var rows [][]cell
	for _, f := range r.Figures {
		row := r.head()
		value, start, end := cell{}, cell{}, cell{}
		if f.Exported() {
			value = number(f.Value)
		}
		if f.Text != "" && !f.Ungrounded {
			start, end = integer(f.Start), integer(f.End)
		}
		row = append(row, text(f.ID), value, text(f.Unit), text(strconv.FormatBool(f.Approx)),
			text(string(f.State)), start, end, text(f.Text), text(f.Reviewer))
		rows = append(rows, row)
	}
	return rows
}

// Write writes reports to w in format f. Reports are asked for one at a
// time, so that a corpus of any size is written with the figures of one
// report in memory, not all (XLSX asks for them twice, a sheet each).
func Write(w io.Writer, f Format, reports iter.Seq[Report]) error {
	switch f {
	case CSV:
		return writeCSV(w, WideHeader(), func(emit func([]cell) error) error {
			for r := range reports {
				if err := emit(r.wideRow()); err != nil {
					return err
				}
			}
			return nil
		})
	case Long:
		return writeCSV(w, LongHeader(), func(emit func([]cell) error) error {
			for r := range reports {
				for _, row := range r.longRows() {
					if err := emit(row); err != nil {
						return err
					}
				}
			}
			return nil
		})
	case JSONL:
		return writeJSONL(w, reports)
	case XLSX:
		return writeXLSX(w, reports)
	}
	return fmt.Errorf("unknown export format %q", f)
}

// writeCSV writes UTF-8 with a BOM, so that spreadsheet programs read the
// Chinese text right, and CRLF line ends (RFC 4180).
func writeCSV(w io.Writer, header []string, rows func(emit func([]cell) error) error) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, 0, len(header))
	err := rows(func(row []cell) error {
		rec = rec[:0]
		for _, c := range row {
			rec = append(rec, c.s)
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// jsonFigure is one figure of the JSONL format.
type jsonFigure struct {
	ID         string          `json:"id"`
	Value      *extract.Number `json:"value"` // null when rejected
	Unit       string          `json:"unit"`
	Approx     bool            `json:"approx"`
	State      review.State    `json:"state"`
	Old        *extract.Number `json:"old,omitempty"`
	Span       *extract.Span   `json:"span"` // null when ungrounded
	Text       string          `json:"text,omitempty"`
	Ungrounded bool            `json:"ungrounded,omitempty"`
	Reviewer   string          `json:"reviewer,omitempty"`
	Note       string          `json:"note,omitempty"`
}

type jsonReport struct {
	Path    string        `json:"path"`
	SHA256  string        `json:"sha256"`
	Agency  string        `json:"agency"`
	Year    int           `json:"year,omitempty"`
	Format  schema.Format `json:"format"`
	Figures []jsonFigure  `json:"figures"`
}

func writeJSONL(w io.Writer, reports iter.Seq[Report]) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for r := range reports {
		jr := jsonReport{Path: textsafe.Line(r.Path), SHA256: r.SHA256, Agency: textsafe.Line(r.Agency),
			Year: r.Year, Format: r.Format, Figures: []jsonFigure{}}
		for _, f := range r.Figures {
			jf := jsonFigure{ID: f.ID, Unit: f.Unit, Approx: f.Approx, State: f.State, Old: f.Old,
				Ungrounded: f.Ungrounded, Reviewer: textsafe.Line(f.Reviewer), Note: textsafe.Line(f.Note)}
			if f.Exported() {
				v := f.Value
				jf.Value = &v
			}
			if f.Text != "" && !f.Ungrounded {
				sp := f.Span
				jf.Span, jf.Text = &sp, textsafe.Line(f.Text)
			}
			jr.Figures = append(jr.Figures, jf)
		}
		if err := enc.Encode(jr); err != nil {
			return err
		}
	}
	return nil
}

// ErrExists is returned by WriteFile for an existing file without force.
var ErrExists = errors.New("file exists (use --force to overwrite)")

// WriteFile writes the export to path atomically: into a temporary file in
// the same folder, synced, then renamed over path, so a reader never sees a
// half-written file and a failure leaves any old file as it was. An
// existing path is replaced only with force.
func WriteFile(path string, f Format, reports iter.Seq[Report], force bool) (err error) {
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("export to %s: %w", path, ErrExists)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("export to %s: create temporary file: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// Straight to the file: the export of a large corpus is larger than
	// the corpus, and is not held in memory.
	buf := bufio.NewWriterSize(tmp, 1<<20)
	if err := Write(buf, f, reports); err != nil {
		return fmt.Errorf("export to %s: write %s: %w", path, f, err)
	}
	if err := buf.Flush(); err != nil {
		return fmt.Errorf("export to %s: write: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("export to %s: chmod: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("export to %s: sync: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export to %s: close: %w", path, err)
	}
	if force {
		err = os.Rename(tmp.Name(), path)
	} else {
		// A hard link fails if path appeared meanwhile: no overwrite
		// even in a race. The temporary name is removed after.
		err = os.Link(tmp.Name(), path)
		if errors.Is(err, fs.ErrExist) {
			err = fmt.Errorf("%w", ErrExists)
		} else if err != nil {
			// Filesystems without hard links: check, then rename.
			if _, statErr := os.Lstat(path); statErr == nil {
				err = ErrExists
			} else {
				err = os.Rename(tmp.Name(), path)
			}
		} else {
			os.Remove(tmp.Name())
		}
	}
	if err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
