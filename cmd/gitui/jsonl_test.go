package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"gitui/internal/corpus"
	"gitui/internal/extract"
	"gitui/internal/hostile"
	"gitui/internal/schema"
	"gitui/internal/textsafe"
)

// referenceLine is how a report's line was written before appendRecord:
// encoding/json by reflection, then textsafe's escapes.
func referenceLine(t testing.TB, r *corpus.Report) []byte {
	var js, safe bytes.Buffer
	enc := json.NewEncoder(&js)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(record(r)); err != nil {
		t.Fatal(err)
	}
	if _, err := textsafe.NewJSONWriter(&safe).Write(js.Bytes()); err != nil {
		t.Fatal(err)
	}
	return safe.Bytes()
}

// TestAppendRecord holds appendRecord to the bytes encoding/json writes,
// on every testdata report and every hostile case.
func TestAppendRecord(t *testing.T) {
	hostileDir := t.TempDir()
	if _, err := hostile.Write(hostileDir); err != nil {
		t.Fatal(err)
	}
	c, err := corpus.LoadAll(context.Background(), []string{"../../testdata", hostileDir}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Reports) < 100 {
		t.Fatalf("only %d reports to compare", len(c.Reports))
	}
	for _, r := range c.Reports {
		if got, want := appendRecord(nil, r), referenceLine(t, r); !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", r.Path, got, want)
		}
	}
}

// FuzzAppendString compares appendRecord with encoding/json on reports
// whose every string is arbitrary.
func FuzzAppendString(f *testing.F) {
	f.Add("本年度主动公开政府信息1491条", "a\"b\\c\x00\x1f\x7f\u0085\u2028\u202e\ufeff\ufffd\xff<>&")
	f.Fuzz(func(t *testing.T, text, s string) {
		r, err := corpus.Parse("r.txt", []byte(text))
		if err != nil {
			return
		}
		r.Path, r.Agency, r.Encoding = s, s, s
		r.Problems = []string{s, ""}
		if got, want := appendRecord(nil, r), referenceLine(t, r); !bytes.Equal(got, want) {
			t.Fatalf("\n got %s\nwant %s", got, want)
		}
	})
}

// TestJSONLWriterOrder decides files in a shuffled order, some without a
// line, with room in memory for two lines only: the lines come out in the
// order found, the others through the spill file, the problems last.
func TestJSONLWriterOrder(t *testing.T) {
	c, err := corpus.LoadAll(context.Background(), []string{"../../testdata/seeds"}, corpus.Options{})
	if err != nil || len(c.Reports) < 4 {
		t.Fatalf("load: %v", err)
	}
	const files = 40
	var want bytes.Buffer
	reports := map[int]*corpus.Report{}
	for seq := range files {
		if seq%5 == 3 {
			continue // a problem or a skipped file
		}
		r := c.Reports[seq%len(c.Reports)]
		reports[seq] = r
		want.Write(appendRecord(nil, r))
	}
	var got bytes.Buffer
	jw := newJSONLWriter(&got).(*jsonlWriter)
	jw.maxHeld = 2 * len(appendRecord(nil, c.Reports[0]))
	order := rand.New(rand.NewPCG(1, 2)).Perm(files)
	for _, seq := range order {
		var err error
		if r, ok := reports[seq]; ok {
			err = jw.add(seq, r)
		} else {
			err = jw.skip(seq)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if jw.spill == nil {
		t.Error("no line went through the spill file")
	}
	prob := &corpus.Problem{Path: "z.txt", Step: "read", Err: errors.New("unreadable")}
	if err := jw.finish([]*corpus.Problem{prob}); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(got.String(), "\n")
	if body := strings.Join(lines[:len(lines)-2], ""); body != want.String() {
		t.Errorf("lines out of order:\n%s\nwant\n%s", body, want.String())
	}
	if last := lines[len(lines)-2]; !strings.Contains(last, `"path":"z.txt"`) {
		t.Errorf("last line %q, want the problem", last)
	}
}

// cancelAfter is a reportWriter that cancels the load after n reports.
type cancelAfter struct {
	reportWriter
	n      atomic.Int32
	cancel context.CancelFunc
}

func (c *cancelAfter) add(seq int, r *corpus.Report) error {
	if c.n.Add(-1) == 0 {
		c.cancel()
	}
	return c.reportWriter.add(seq, r)
}

// TestExtractInterrupted stops a load after a few reports: what was written,
// once flushed, ends at the end of a line, each line whole, and the spill
// file is closed.
func TestExtractInterrupted(t *testing.T) {
	for _, n := range []int32{1, 3, 7} {
		var buf bytes.Buffer
		w := bufio.NewWriterSize(&buf, 64)
		jw := newJSONLWriter(w).(*jsonlWriter)
		jw.maxHeld = 0 // every early line through the spill file
		ctx, cancel := context.WithCancel(context.Background())
		rw := &cancelAfter{reportWriter: jw, cancel: cancel}
		rw.n.Store(n)
		_, err := writeReports(ctx, []string{"../../testdata"}, corpus.Options{}, rw)
		cancel()
		if err == nil {
			t.Fatalf("n=%d: the interrupted load reported no error", n)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if out != "" && !strings.HasSuffix(out, "\n") {
			t.Errorf("n=%d: output ends mid-line: …%q", n, out[max(0, len(out)-40):])
		}
		for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if line != "" && !json.Valid([]byte(line)) {
				t.Errorf("n=%d: line %d is not JSON", n, i+1)
			}
		}
		if jw.spill != nil {
			t.Errorf("n=%d: the spill file was left open", n)
		}
	}
}

// TestAppendOffset holds appendOffset to strconv.AppendInt on every
// offset up to past its fast cases, and on the rest of int's range.
func TestAppendOffset(t *testing.T) {
	check := func(x int) {
		if got, want := appendOffset([]byte("x"), x), strconv.AppendInt([]byte("x"), int64(x), 10); !bytes.Equal(got, want) {
			t.Fatalf("appendOffset(%d) = %s, want %s", x, got, want)
		}
	}
	for x := -10; x <= 1_100_000; x++ {
		check(x)
	}
	for _, x := range []int{math.MinInt, -1_000_000, 9_999_999, 123_456_789, math.MaxInt32, math.MaxInt} {
		check(x)
	}
}

// TestAppendFieldPieces holds appendField to encoding/json for every
// schema field, approximate or not, in its schema unit and in others,
// and for an ID the schema does not know: the first are written from
// pieces made once, the others in full.
func TestAppendFieldPieces(t *testing.T) {
	ids := []string{"no.such.field"}
	for _, f := range schema.All() {
		ids = append(ids, f.ID)
	}
	for _, id := range ids {
		units := []string{"", "元", "件", "条\"\\"}
		if k := schema.Order(id); k >= 0 {
			units = append(units, schema.All()[k].Unit)
		}
		for _, unit := range units {
			for _, approx := range []bool{false, true} {
				v, err := extract.ParseNumber("12.5")
				if err != nil {
					t.Fatal(err)
				}
				f := extract.Field{ID: id, Value: v, Approx: approx, Unit: unit,
					Span: extract.Span{Start: 1234, End: 98765}, Text: "12.5"}
				want, err := json.Marshal(f)
				if err != nil {
					t.Fatal(err)
				}
				// Any place to look after: OrderAfter finds the same.
				for _, at := range []int{-1, schema.Order(id) - 1} {
					if got, _ := appendField(nil, &f, at); !bytes.Equal(got, want) {
						t.Errorf("appendField(%s, %q, %v) = %s, want %s", id, unit, approx, got, want)
					}
				}
			}
		}
	}
}
