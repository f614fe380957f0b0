package export

import (
	"fmt"
	"io"
	"iter"
	"strconv"

	"github.com/xuri/excelize/v2"

	"gitui/internal/extract"
)

// Sheet names of the XLSX format.
const (
	SheetFigures = "figures"
	SheetLong    = "long"
)

// writeXLSX writes a workbook with the wide table on sheet "figures" and
// the long table on sheet "long". Numbers are numeric cells holding the
// value exactly (see cellValue); text is always a string cell, never a
// formula.
func writeXLSX(w io.Writer, reports iter.Seq[Report]) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetFigures); err != nil {
		return fmt.Errorf("name sheet: %w", err)
	}
	if _, err := f.NewSheet(SheetLong); err != nil {
		return fmt.Errorf("add sheet: %w", err)
	}
	wide := func(yield func([]cell) bool) {
		for r := range reports {
			if !yield(r.wideRow()) {
				return
			}
		}
	}
	long := func(yield func([]cell) bool) {
		for r := range reports {
			for _, row := range r.longRows() {
				if !yield(row) {
					return
				}
			}
		}
	}
	if err := fillSheet(f, SheetFigures, WideHeader(), wide); err != nil {
		return err
	}
	if err := fillSheet(f, SheetLong, LongHeader(), long); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// fillSheet streams header and rows into sheet: a workbook of thousands
// of reports is written in seconds and without holding every cell twice.
func fillSheet(f *excelize.File, sheet string, header []string, rows iter.Seq[[]cell]) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	values := make([]any, len(header))
	for i, h := range header {
		values[i] = h
	}
	if err := sw.SetRow("A1", values); err != nil {
		return fmt.Errorf("sheet %s header: %w", sheet, err)
	}
	n := 0
	for cells := range rows {
		values := make([]any, len(cells))
		for i, c := range cells {
			values[i] = cellValue(c)
		}
		ref, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, values); err != nil {
			return fmt.Errorf("sheet %s row %d: %w", sheet, n+2, err)
		}
		n++
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	return nil
}

// cellValue is what the stream writer gets for c: nil for an empty cell, a
// string for text, and for a number a float64 when the float's shortest
// decimal form is the number exactly (the writer stores that form), else
// the decimal as text: a value is never rounded to fit a float.
func cellValue(c cell) any {
	switch {
	case c.s == "":
		return nil
	case !c.numeric:
		return c.s
	}
	f, err := strconv.ParseFloat(c.s, 64)
	if err != nil {
		return c.s
	}
	back, err := extract.ParseNumber(strconv.FormatFloat(f, 'f', -1, 64))
	want, err2 := extract.ParseNumber(c.s)
	if err != nil || err2 != nil || !back.Equal(want) {
		return c.s
	}
	return f
}
