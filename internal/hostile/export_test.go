package hostile

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gitui/internal/export"
)

// TestHostileExport exports every report of the hostile folder, named by
// its raw path (escape sequences, a newline, non-UTF-8 bytes, a formula),
// in every format, and checks each output: no control character of a
// report or a name in any CSV, JSONL or XLSX cell, and no cell a
// spreadsheet would evaluate.
func TestHostileExport(t *testing.T) {
	c := hostileSet(t).corpus
	var reports []export.Report
	for _, r := range c.Reports {
		reports = append(reports, export.FromCorpus(r.Path, r, nil))
	}
	// Whatever the extractor finds, the names and the agency line of the
	// escape report are text cells with payloads in them.
	for _, f := range export.Formats {
		var out bytes.Buffer
		if err := export.Write(&out, f, slices.Values(reports)); err != nil {
			t.Errorf("export %s: %v", f, err)
			continue
		}
		if f == export.XLSX {
			checkWorkbook(t, out.Bytes())
			continue
		}
		// The hostile names are in the export, neutralised, not dropped:
		// otherwise this test would check nothing.
		for _, want := range []string{"␛]52;c;Z2l0dWktb3NjNTI=␇", "2013年␤报告.txt"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s export lacks the neutralised name %q", f, want)
			}
		}
		for _, l := range TextLeaks(out.String()) {
			t.Errorf("%s export leaks %v", f, l)
		}
		if f == export.CSV || f == export.Long {
			checkCSVFormulas(t, string(f), out.String())
		}
	}
}

// formulaStart reports whether a spreadsheet would read cell text s as a
// formula (or, for tab and CR, shift it into one).
func formulaStart(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// checkCSVFormulas reads the CSV back and holds every text cell to
// formulaStart; numeric cells (a negative number is "-1") are allowed.
func checkCSVFormulas(t *testing.T, name, data string) {
	t.Helper()
	recs, err := readCSV(strings.TrimPrefix(data, "\uFEFF"))
	if err != nil {
		t.Errorf("%s export does not read back: %v", name, err)
		return
	}
	for i, rec := range recs {
		for j, cell := range rec {
			if formulaStart(cell) && !isNumber(cell) {
				t.Errorf("%s export row %d column %d is a formula: %q", name, i, j, cell)
			}
		}
	}
}

func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
			return false
		}
	}
	return true
}

// checkWorkbook opens the XLSX and checks every cell of every sheet: no
// formula, no text a spreadsheet would evaluate, no control character.
func checkWorkbook(t *testing.T, data []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Errorf("xlsx export does not open: %v", err)
		return
	}
	defer f.Close()
	cells := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Errorf("xlsx sheet %s: %v", sheet, err)
			continue
		}
		for i, row := range rows {
			for j, v := range row {
				cells++
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
					t.Errorf("xlsx %s!%s holds a formula: %q", sheet, ref, formula)
				}
				typ, _ := f.GetCellType(sheet, ref)
				if formulaStart(v) && (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset || !isNumber(v)) {
					t.Errorf("xlsx %s!%s text starts a formula: %q", sheet, ref, v)
				}
				for _, l := range TextLeaks(v) {
					t.Errorf("xlsx %s!%s leaks %v", sheet, ref, l)
				}
			}
		}
	}
	if cells == 0 {
		t.Error("xlsx export has no cells")
	}
}

func readCSV(s string) ([][]string, error) {
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	return r.ReadAll()
}
