package export

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the XLSX format.
const (
	SheetFigures = "figures"
	SheetLong    = "long"
)

// writeXLSX writes a workbook with the wide table on sheet "figures" and
// the long table on sheet "long". Numbers are numeric cells holding the
// decimal exactly as printed; text is always a string cell, never a formula.
func writeXLSX(w io.Writer, reports []Report) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetFigures); err != nil {
		return fmt.Errorf("name sheet: %w", err)
	}
	if _, err := f.NewSheet(SheetLong); err != nil {
		return fmt.Errorf("add sheet: %w", err)
	}
	var wide, long [][]cell
	for _, r := range reports {
		wide = append(wide, r.wideRow())
		long = append(long, r.longRows()...)
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

func fillSheet(f *excelize.File, sheet string, header []string, rows [][]cell) error {
	set := func(col, row int, c cell) error {
		ref, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		switch {
		case c.s == "":
			return nil
		case c.numeric:
			// The decimal text itself goes into the file as a numeric
			// cell: no float64 rounds money on the way.
			return f.SetCellDefault(sheet, ref, c.s)
		default:
			return f.SetCellStr(sheet, ref, c.s)
		}
	}
	for i, h := range header {
		if err := set(i+1, 1, cell{s: h}); err != nil {
			return fmt.Errorf("sheet %s header: %w", sheet, err)
		}
	}
	for n, cells := range rows {
		for i, c := range cells {
			if err := set(i+1, n+2, c); err != nil {
				return fmt.Errorf("sheet %s row %d: %w", sheet, n+2, err)
			}
		}
	}
	return nil
}
