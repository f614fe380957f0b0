package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gitui/internal/extract"
	"gitui/internal/review"
	"gitui/internal/schema"
)

// A table2019 report in the words of a real one: a negative 本年增/减, money
// with six decimals, and a reviewer's correction of 行政许可·处理决定数量.
const src = "某区应急管理局2019年政府信息公开工作年度报告\n" +
	"行政许可 | 上一年项目数量 12 | 本年增/减 -18 | 处理决定数量 1234\n" +
	"政府集中采购 | 采购项目数量 3 | 采购总金额 24252.311082\n" +
	"收取费用 4711.7元，其中1243件为行政许可。\n"

func field(t *testing.T, id, number string, nth int) extract.Field {
	t.Helper()
	v, err := extract.ParseNumber(number)
	if err != nil {
		t.Fatal(err)
	}
	i := -1
	for k := 0; k <= nth; k++ {
		j := strings.Index(src[i+1:], number)
		if j < 0 {
			t.Fatalf("%q not in src", number)
		}
		i += 1 + j
	}
	sf, _ := schema.Lookup(id)
	return extract.Field{ID: id, Value: v, Unit: sf.Unit, Span: extract.Span{Start: i, End: i + len(number)}, Text: number}
}

func testReports(t *testing.T) []Report {
	t.Helper()
	fields := []extract.Field{
		field(t, "proactive.licensing.prev", "12", 0),
		field(t, "proactive.licensing.change", "-18", 0),
		field(t, "proactive.licensing.decisions", "1234", 0),
		field(t, "proactive.procurement.items", "3", 0),
		field(t, "proactive.procurement.amount", "24252.311082", 0),
	}
	at := strings.Index(src, "1243")
	newV, _ := extract.ParseNumber("1243")
	feeV, _ := extract.ParseNumber("4711.7")
	fee := strings.Index(src, "4711.7")
	events := []review.Event{
		{ID: "1", Action: review.Correct, Field: "proactive.licensing.decisions", New: &newV,
			Span: &extract.Span{Start: at, End: at + 4}, Reviewer: "=cmd|' /C calc'!A0", SHA256: "s"},
		{ID: "2", Action: review.Reject, Field: "proactive.procurement.items", Reviewer: "ann", SHA256: "s"},
		{ID: "3", Action: review.Add, Field: "fees.collected", New: &feeV,
			Span: &extract.Span{Start: fee, End: fee + len("4711.7")}, Reviewer: "ann", SHA256: "s"},
	}
	return []Report{{
		Path:    "reports/\x1b]52;c;aGk=\x07应急局.txt",
		SHA256:  "s",
		Agency:  "@SUM(1+1)某区应急管理局",
		Year:    2019,
		Format:  schema.Table2019,
		Figures: review.Apply(src, fields, events),
	}}
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Fatalf("no UTF-8 BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestWideCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, CSV, slices.Values(testReports(t))); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(buf.Bytes(), "\x1b\x07") {
		t.Errorf("a control byte of the report reached the file")
	}
	rows := readCSV(t, buf.Bytes())
	if len(rows) != 2 || !slices.Equal(rows[0], WideHeader()) {
		t.Fatalf("got %d rows, header %v", len(rows), rows[0][:6])
	}
	got := map[string]string{}
	for i, h := range rows[0] {
		got[h] = rows[1][i]
	}
	for col, want := range map[string]string{
		"path":                          "reports/␛]52;c;aGk=␇应急局.txt",
		"agency":                        "'@SUM(1+1)某区应急管理局",
		"year":                          "2019",
		"format":                        "table2019",
		"proactive.licensing.prev":      "12",
		"proactive.licensing.change":    "-18",  // a value, not neutralised
		"proactive.licensing.decisions": "1243", // the correction wins
		"proactive.procurement.items":   "",     // rejected
		"proactive.procurement.amount":  "24252.311082",
		"fees.collected":                "4711.7", // added
		"replies.total":                 "",
	} {
		if got[col] != want {
			t.Errorf("%s = %q, want %q", col, got[col], want)
		}
	}
}

func TestLongCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Long, slices.Values(testReports(t))); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	if !slices.Equal(rows[0], LongHeader()) {
		t.Fatalf("header %v", rows[0])
	}
	byField := map[string]map[string]string{}
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		byField[m["field"]] = m
	}
	if len(byField) != 6 {
		t.Errorf("%d figures, want 6", len(byField))
	}
	d := byField["proactive.licensing.decisions"]
	if d["value"] != "1243" || d["state"] != "corrected" || d["text"] != "1243" || d["reviewer"] != "'=cmd|' /C calc'!A0" {
		t.Errorf("corrected figure: %v", d)
	}
	if start, end := d["start"], d["end"]; src[atoi(t, start):atoi(t, end)] != "1243" {
		t.Errorf("span %s-%s", start, end)
	}
	if r := byField["proactive.procurement.items"]; r["value"] != "" || r["state"] != "rejected" {
		t.Errorf("rejected figure: %v", r)
	}
	if r := byField["proactive.licensing.change"]; r["value"] != "-18" || r["text"] != "'-18" {
		t.Errorf("negative figure: value %q text %q (the text cell is neutralised, the value is not)", r["value"], r["text"])
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if err := json.Unmarshal([]byte(s), &n); err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

func TestXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, XLSX, slices.Values(testReports(t))); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetFigures, SheetLong}) {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows(SheetFigures, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := func(id string) int { return slices.Index(rows[0], id) }
	cellRef := func(id string) string {
		ref, _ := excelize.CoordinatesToCellName(col(id)+1, 2)
		return ref
	}
	for id, want := range map[string]string{
		"proactive.licensing.change":    "-18",
		"proactive.licensing.decisions": "1243",
		"proactive.procurement.amount":  "24252.311082",
		"fees.collected":                "4711.7",
	} {
		ref := cellRef(id)
		v, _ := f.GetCellValue(SheetFigures, ref, excelize.Options{RawCellValue: true})
		typ, _ := f.GetCellType(SheetFigures, ref)
		if v != want || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			t.Errorf("%s: %q (type %v), want the number %s", id, v, typ, want)
		}
	}
	if v, _ := f.GetCellValue(SheetFigures, cellRef("agency")); v != "'@SUM(1+1)某区应急管理局" {
		t.Errorf("agency %q", v)
	}
	if typ, _ := f.GetCellType(SheetFigures, cellRef("agency")); typ == excelize.CellTypeFormula {
		t.Errorf("agency is a formula")
	}
	if v, _ := f.GetCellValue(SheetFigures, cellRef("proactive.procurement.items")); v != "" {
		t.Errorf("rejected figure exported as %q", v)
	}
	long, err := f.GetRows(SheetLong)
	if err != nil {
		t.Fatal(err)
	}
	if len(long) != 7 || !slices.Equal(long[0], LongHeader()) {
		t.Errorf("long sheet: %d rows, header %v", len(long), long[0])
	}
}

func TestJSONL(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, JSONL, slices.Values(testReports(t))); err != nil {
		t.Fatal(err)
	}
	var r struct {
		Path    string
		Figures []struct {
			ID    string
			Value *json.Number
			State string
			Old   *json.Number
			Span  *extract.Span
		}
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	if err := dec.Decode(&r); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(r.Path, 0x1b) {
		t.Errorf("path keeps ESC: %q", r.Path)
	}
	for _, f := range r.Figures {
		switch f.ID {
		case "proactive.licensing.decisions":
			if f.Value.String() != "1243" || f.Old.String() != "1234" || f.State != "corrected" {
				t.Errorf("corrected: %+v", f)
			}
		case "proactive.procurement.amount":
			if f.Value.String() != "24252.311082" {
				t.Errorf("money %s", f.Value)
			}
		case "proactive.procurement.items":
			if f.Value != nil {
				t.Errorf("rejected figure has value %s", f.Value)
			}
		}
	}
}

func TestText(t *testing.T) {
	// Tab and CR never lead a cell: textsafe.Line has made them a space and
	// ␍ already, which no spreadsheet evaluates.
	for in, want := range map[string]string{
		"=1+1":      "'=1+1",
		"+86 10":    "'+86 10",
		"-x":        "'-x",
		"@A1":       "'@A1",
		"\tx":       " x",
		"\rx":       "␍x",
		"某局":        "某局",
		"a\nb":      "a␤b",
		"\x1b[2Jab": "␛[2Jab",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	reports := testReports(t)
	if err := WriteFile(path, CSV, slices.Values(reports), false); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(path)
	if len(readCSV(t, first)) != 2 {
		t.Fatal("bad first export")
	}
	// Without --force an existing file is kept as it was.
	os.WriteFile(path, []byte("keep me"), 0o644)
	err := WriteFile(path, CSV, slices.Values(reports), false)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want ErrExists naming the file", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Errorf("existing file changed to %q", b)
	}
	if err := WriteFile(path, CSV, slices.Values(reports), true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, first) {
		t.Errorf("--force did not replace the file")
	}
	// A failure leaves no temporary file and no partial output.
	if err := WriteFile(filepath.Join(dir, "bad.csv"), "pdf", slices.Values(reports), false); err == nil {
		t.Error("unknown format accepted")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left in the folder: %v", names)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", fi.Mode())
	}
}

func TestCellValueExact(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want any
	}{
		{"-18", float64(-18)},
		{"24252.311082", 24252.311082},
		{"4711.70", 4711.7},
		{"75394432.52", 75394432.52},
		{"999999999999999", float64(999999999999999)},
		// The float's shortest form is these digits: the file holds them.
		{"123456789012345.67", 123456789012345.67},
		// Digits a float cannot carry: kept as text, never rounded.
		{"0.1000000000000000055", "0.1000000000000000055"},
		{"24252.31108200000000001", "24252.31108200000000001"},
	} {
		if got := cellValue(cell{s: tt.in, numeric: true}); got != tt.want {
			t.Errorf("cellValue(%s) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

// TestWideRowPlaces: each figure lands in its ID's column whatever the
// order the figures come in; of two figures of one ID the last decides (a
// rejected one empties the column), and an ID outside the schema has no
// column.
func TestWideRowPlaces(t *testing.T) {
	num := func(s string) extract.Number {
		n, err := extract.ParseNumber(s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	fig := func(id, v string, st review.State) review.Reviewed {
		return review.Reviewed{Field: extract.Field{ID: id, Value: num(v)}, State: st}
	}
	r := Report{Path: "p", Figures: []review.Reviewed{
		fig("replies.total", "9", review.Extracted),
		fig("not.in.schema", "1", review.Extracted),
		fig("proactive.total", "5", review.Extracted),
		fig("fees.collected", "2.5", review.Extracted),
		fig("fees.collected", "3", review.Rejected),
		fig("proactive.total", "6", review.Corrected),
	}}
	row := r.wideRow()
	if len(row) != len(WideHeader()) {
		t.Fatalf("%d cells, header has %d", len(row), len(WideHeader()))
	}
	got := map[string]string{}
	for i, h := range WideHeader() {
		got[h] = row[i].s
	}
	for col, want := range map[string]string{
		"replies.total": "9", "proactive.total": "6", "fees.collected": "", "applications.new.total": "",
	} {
		if got[col] != want {
			t.Errorf("%s = %q, want %q", col, got[col], want)
		}
	}
}
