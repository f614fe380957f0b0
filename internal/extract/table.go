package extract

import (
	"fmt"
	"slices"
	"strings"

	"gitui/internal/schema"
)

// The three standard tables of a table-era report are read label first:
// every row label of the table is found in the normalized text, and the
// cells of a row are what lies between its label and the next label. This
// one rule reads all the layouts reports come in — "| a | b |" rows, " | "
// rows, one cell per line, tab or space separated rows (pdftotext
// -layout), labels broken over lines, and crawler dumps with no
// separators at all — because no layout puts one row's cells after
// another row's label. A row is reported only when it has exactly the
// number of cells its table's shape gives it, or when its cells ran
// together and exactly one way of cutting them into that many numbers
// exists; anything else is a problem, never a guess.

// reviewColumns are the 15 cells of the 行政复议/行政诉讼 table, in order.
var reviewColumns = func() []string {
	var ids []string
	for _, g := range []string{"reconsideration", "litigation.direct", "litigation.after_reconsideration"} {
		for _, c := range schema.ReviewColumns {
			ids = append(ids, schema.Intern(g+"."+c.Key))
		}
	}
	return ids
}()

// maxTableProblems bounds the problems one text reports: three tables
// have 48 rows.
const maxTableProblems = 60

// applicationIDs are the field IDs of each application row's seven cells.
var applicationIDs = func() map[string][]string {
	m := make(map[string][]string, len(schema.Rows))
	for _, r := range schema.Rows {
		for _, c := range schema.Columns {
			m[r.Key] = append(m[r.Key], schema.Intern("applications."+r.Key+"."+c.Key))
		}
	}
	return m
}()

// applicationPlaces are the schema places of applicationIDs.
var applicationPlaces = func() map[string][]int {
	m := make(map[string][]int, len(applicationIDs))
	for key, ids := range applicationIDs {
		m[key] = placesOf(ids)
	}
	return m
}()

// reviewPlaces are the schema places of reviewColumns.
var reviewPlaces = placesOf(reviewColumns)

// placesOf returns the schema place of each ID, -1 for one outside it.
func placesOf(ids []string) []int {
	at := make([]int, len(ids))
	for i, id := range ids {
		at[i] = schema.Order(id)
	}
	return at
}

// tableRow is a row read from the text, waiting to be mapped to fields.
type tableRow struct {
	name  string   // the label as printed, for problems
	ids   []string // field ID of each column
	at    []int    // schema place of each column's field, -1 outside it
	units []string // unit of each column, "" for the schema's; nil for all ""
	read  rowRead
}

// extractTables reads every cell of the standard tables. Problems name rows
// it could not map with certainty. unread lists the IDs of cells whose row
// the table prints but whose value could not be read: a prose sentence
// restating such a cell is not trusted in its place (prose counts often
// differ from the table, which is the figure of record). The rows and
// fields are read into tb's buffers, or new ones when tb is nil; the
// schema place of fields[i] is tb.places[i].
func extractTables(d *doc, f schema.Format, tb *tableBufs) (fields []Field, unread []string, problems []string) {
	if f == schema.Narrative {
		return nil, nil, nil
	}
	if tb == nil {
		tb = new(tableBufs)
	}
	s := d.norm
	rows := tb.rows[:0]
	defer func() { tb.rows = rows }()

	proStart := proactiveStart(s)
	appStart, appLo := applicationStart(s), -1
	if appStart >= 0 {
		appLo = numberingStart(s, 0, appStart)
	}
	reviewFrom := -1

	if proStart >= 0 {
		proEnd := len(s)
		if appLo > proStart {
			proEnd = appLo
		}
		rows = proactiveRows(rows, s, proStart, proEnd, f, &tb.cells)
		reviewFrom = proEnd
	}
	if appStart >= 0 {
		appHi := len(s)
		if k := indexText(s[appStart:], "行政复议"); k >= 0 {
			appHi = appStart + k
		}
		var end int
		rows, end = applicationRows(rows, s, appLo, appHi, f, &tb.cells)
		reviewFrom = end
	}
	if reviewFrom < 0 {
		// A page holding only the review table: its header's 行政复议 is
		// the last one before the column 未经复议直接起诉.
		if k := indexText(s, "未经复议直接起诉"); k >= 0 {
			reviewFrom = strings.LastIndex(s[:k], "行政复议")
		}
	}
	if reviewFrom >= 0 {
		if r, ok := reviewRow(s, reviewFrom, &tb.cells); ok {
			rows = append(rows, r)
		}
	}

	// A crawler dump glues the whole table; one row showing it is enough
	// to cut every row's bare digit runs, where only one cut exists.
	// A page that drops blank cells (t020: "规章\n0\n规范性文件") leaves rows
	// short of cells elsewhere than at the end of the text; there, a row
	// cut short by the end of the text cannot be told from one whose
	// blanks were dropped, so its cells are not read by position.
	glued, dropped := false, false
	for _, r := range rows {
		glued = glued || r.read.glued
		dropped = dropped || (!r.read.eof && !r.read.glued && len(r.read.cells) < len(r.ids))
	}
	size := 0
	for _, r := range rows {
		size += len(r.ids)
	}
	fields = slices.Grow(tb.fields[:0], size)
	places := slices.Grow(tb.places[:0], size)
	defer func() { tb.places = places }()
	seen := make([]bool, len(schema.All())) // by schema place: emit keeps schema IDs only
	for _, r := range rows {
		// Each row's fields are made in place at the end of fields,
		// then the places already filled by an earlier row dropped.
		start := len(fields)
		var problem string
		fields, places, problem = r.fields(d, glued, dropped, fields, places)
		if row := fields[start:]; len(row) < len(r.ids) {
			got := make(map[string]bool, len(row))
			for _, fl := range row {
				got[fl.ID] = true
			}
			for _, id := range r.ids {
				if !got[id] {
					unread = append(unread, id)
				}
			}
		}
		if problem != "" {
			problems = append(problems, problem)
		}
		if len(problems) > maxTableProblems {
			// A text repeating row labels by the thousand is not a report.
			problems = append(problems[:maxTableProblems], "table: more rows could not be read")
		}
		kept := start
		for k := start; k < len(fields); k++ {
			if seen[places[k]] {
				continue
			}
			seen[places[k]] = true
			if kept != k {
				fields[kept], places[kept] = fields[k], places[k]
			}
			kept++
		}
		fields, places = fields[:kept], places[:kept]
	}
	return fields, unread, problems
}

// proactiveStart returns where the proactive table begins, or -1: the
// first 第二十条第(X)项 line, or an earlier 信息内容 header cell followed by a
// column of the table (a page that starts inside the table has no
// 第二十条 line before its first rows). A bare 第二十条 in prose
// ("根据《条例》第二十条") does not count.
func proactiveStart(s string) int {
	start := -1
	for from := 0; ; {
		k := indexText(s[from:], "第二十条")
		if k < 0 {
			break
		}
		k += from
		from = k + len("第二十条")
		rest := strings.TrimLeft(s[from:], " ")
		if strings.HasPrefix(rest, "第(") || strings.HasPrefix(rest, "(") {
			start = k
			break
		}
	}
	hi := len(s)
	if start >= 0 {
		hi = start
	}
	if k := indexText(s[:hi], "信息内容"); k >= 0 {
		rest := strings.TrimLeft(s[k+len("信息内容"):], " |\t\n")
		for _, col := range []string{"本年", "上一年", "采购"} {
			if strings.HasPrefix(rest, col) {
				return k
			}
		}
	}
	return start
}

// applicationStart returns where the application table's rows begin, or
// -1: the first 本年新收 with the 上年结转 row close after it, so a prose
// sentence about new applications is not taken for the table. A page that
// starts inside the table has no 本年新收 row; its first row label that
// only the table prints ("本机关不掌握相关政府信息") stands in.
func applicationStart(s string) int {
	for from := 0; ; {
		k := indexText(s[from:], "本年新收")
		if k < 0 {
			break
		}
		k += from
		from = k + len("本年新收")
		window := s[from:min(len(s), from+600)]
		if containsText(window, "上年结转") {
			return k
		}
	}
	start := -1
	for _, kw := range []string{"属于国家秘密", "属于行政查询", "本机关不掌握", "没有现成信息", "信访举报投诉", "逾期不补正"} {
		if k := indexText(s, kw); k >= 0 && (start < 0 || k < start) {
			start = k
		}
	}
	return start
}

// proactiveRows reads the items of the 第二十条 sub-tables in s[lo:hi],
// appended to rows, with their cells from cells.
func proactiveRows(rows []tableRow, s string, lo, hi int, f schema.Format, cells *cellArena) []tableRow {
	labels := findLabels(s, lo, hi, proactiveLabels)
	defer labelPool.put(labels[:cap(labels)]) // findLabels filled past the labels it kept
	marker := lo
	for i, l := range labels {
		switch l.spec.kind {
		case markerLabel:
			marker = l.start
			continue
		case stopLabel:
			return rows // the application table's heading: what follows is not this table
		}
		end := hi
		if i+1 < len(labels) {
			end = labels[i+1].start
		}
		header := s[marker:l.start]
		set, units := proactiveColumns(l.spec.key, header, f)
		if set == noColumns {
			continue
		}
		cols := proactiveCells[proactiveRow{l.spec.key, set}]
		rows = append(rows, tableRow{
			name: s[l.start:l.end], ids: cols.ids, at: cols.at, units: units,
			read: readCells(s, l.end, end, len(cols.ids), false, cells),
		})
	}
	return rows
}

// columnSet is one of the column layouts of a proactive item.
type columnSet int

const (
	noColumns     columnSet = iota
	documents2021           // 本年制发件数, 本年废止件数, 现行有效件数
	documents2019           // 本年新制作数量, 本年新公开数量, 对外公开总数量
	decisions2021           // 本年处理决定数量
	decisions2019           // 上一年项目数量, 本年增/减, 处理决定数量
	fees2021                // 本年收费金额
	fees2019                // 上一年项目数量, 本年增/减
	procurement             // 采购项目数量, 采购总金额
	numColumnSets
)

// columnKeys are the schema keys of each column set's columns.
var columnKeys = [numColumnSets][]string{
	documents2021: {"issued", "repealed", "in_force"},
	documents2019: {"made", "published", "total"},
	decisions2021: {"decisions"},
	decisions2019: {"prev", "change", "decisions"},
	fees2021:      {"amount"},
	fees2019:      {"prev", "change"},
	procurement:   {"items", "amount"},
}

// proactiveRow is a proactive item read with one of its column sets.
type proactiveRow struct {
	key string
	set columnSet
}

// rowCells are the field IDs and schema places of a row's cells.
type rowCells struct {
	ids []string
	at  []int
}

// proactiveCells holds the cells of every proactive item with every column
// set, built once rather than an ID string at a time for every row read.
var proactiveCells = func() map[proactiveRow]rowCells {
	m := make(map[proactiveRow]rowCells)
	for _, sp := range proactiveLabels.specs {
		if sp.key == "" {
			continue // a sub-table's marker or the table's end
		}
		for set := documents2021; set < numColumnSets; set++ {
			var ids []string
			for _, c := range columnKeys[set] {
				ids = append(ids, schema.Intern("proactive."+sp.key+"."+c))
			}
			m[proactiveRow{sp.key, set}] = rowCells{ids, placesOf(ids)}
		}
	}
	return m
}()

// Units of the fee and procurement columns, as the header states them.
var (
	unitsWan             = []string{"万元"}
	unitsYuan            = []string{"元"}
	procurementUnitsWan  = []string{"", "万元"}
	procurementUnitsYuan = []string{"", "元"}
)

// proactiveColumns returns the column set of a proactive item, read from
// its sub-table's header where the header names them and from the report's
// format where it does not (a header cut to "本年新 | 本年新"), with the
// unit of each column when the header states one.
func proactiveColumns(key, header string, f schema.Format) (set columnSet, units []string) {
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(header, w) {
				return true
			}
		}
		return false
	}
	use2021 := f == schema.Table2021
	switch key {
	case "rules", "normative":
		switch {
		case has("制发", "废止", "现行有效"):
			use2021 = true
		case has("新制作", "新公开", "对外公开"):
			use2021 = false
		}
		if use2021 {
			return documents2021, nil
		}
		return documents2019, nil
	case "licensing", "other_services", "penalty", "coercion":
		switch {
		case has("上一年", "增/减"):
			use2021 = false
		case has("本年处理决定"):
			use2021 = true
		}
		if use2021 {
			return decisions2021, nil
		}
		return decisions2019, nil
	case "fees":
		switch {
		case has("上一年", "增/减"):
			use2021 = false
		case has("收费金额"):
			use2021 = true
		}
		if use2021 {
			if has("元") && !has("万元") {
				return fees2021, unitsYuan
			}
			return fees2021, unitsWan
		}
		return fees2019, nil
	case "procurement":
		if has("万元") {
			return procurement, procurementUnitsWan
		}
		return procurement, procurementUnitsYuan
	}
	return noColumns, nil
}

// applicationRows reads the rows of the application table in s[lo:hi],
// appended to rows with their cells from cells, and returns them with the
// end of the last label read.
func applicationRows(rows []tableRow, s string, lo, hi int, f schema.Format, cells *cellArena) ([]tableRow, int) {
	labels := findLabels(s, lo, hi, applicationLabels)
	defer labelPool.put(labels[:cap(labels)]) // findLabels filled past the labels it kept
	// (六)其他处理 is a row of its own only in 2019 tables; a 2021 table
	// splits it into three numbered rows under it.
	split := f == schema.Table2021
	for _, l := range labels {
		if strings.HasPrefix(l.spec.key, "other.") {
			split = true
		}
	}
	last := lo
	for i, l := range labels {
		last = l.end
		if l.spec.kind != rowLabel || (l.spec.key == "other" && split) {
			continue
		}
		end := hi
		if i+1 < len(labels) {
			end = labels[i+1].start
		}
		read := readCells(s, l.end, end, len(schema.Columns), false, cells)
		if len(read.cells) == 0 {
			// pdftotext sets a group's label in a column of its own,
			// so a piece of it may come between a row's label and its
			// cells: "1.本机关不掌握\n(四)无  相关政府信息  5 1 0 0 1 0 7".
			// The piece is the row's own group, not the next heading.
			if k := ownGroupPiece(s, l.end, end, l.spec.key); k > 0 {
				read = readCells(s, k, end, len(schema.Columns), false, cells)
			}
		}
		rows = append(rows, tableRow{
			name: s[l.start:l.end], ids: applicationIDs[l.spec.key], at: applicationPlaces[l.spec.key],
			read: read,
		})
	}
	return rows, last
}

// groupNumbering is the numbering of the group heading over the rows of
// each key prefix: (三)不予公开 over withheld.*, and so on.
var groupNumbering = []struct{ prefix, numbering string }{
	{"withheld.", "(三)"},
	{"unavailable.", "(四)"},
	{"not_processed.", "(五)"},
	{"other.", "(六)"},
}

// ownGroupPiece returns the end of the first token of s[a:b] when it is a
// piece of the heading of the group the row key belongs to ("(四)无" for
// unavailable.not_held), or 0.
func ownGroupPiece(s string, a, b int, key string) int {
	for a < b && isCellDelim(s, a) {
		a++
	}
	e := a
	for e < b && !isCellDelim(s, e) {
		e++
	}
	for _, g := range groupNumbering {
		if strings.HasPrefix(key, g.prefix) && strings.HasPrefix(s[a:e], g.numbering) {
			return e
		}
	}
	return 0
}

// reviewRow reads the 15 cells of the 行政复议/行政诉讼 table: its header
// starts at the first 行政复议 after from, and its numbers follow the
// header's last word. Its cells come from cells.
func reviewRow(s string, from int, cells *cellArena) (tableRow, bool) {
	k := indexText(s[from:], "行政复议")
	if k < 0 {
		return tableRow{}, false
	}
	a := from + k + len("行政复议")
	rr := readCells(s, a, len(s), len(reviewColumns), true, cells)
	if len(rr.cells) == 0 {
		return tableRow{}, false
	}
	return tableRow{name: "行政复议/行政诉讼", ids: reviewColumns, at: reviewPlaces, read: rr}, true
}

// fields maps the row's cells to fields, appended to buf. It reports a
// problem, and no field, when the cells cannot be mapped with certainty.
// glued says the text is a crawler dump with cells run together; dropped,
// that the page leaves blank cells out.
func (r tableRow) fields(d *doc, glued, dropped bool, fields []Field, places []int32) ([]Field, []int32, string) {
	cells := r.read.cells
	n, want := len(cells), len(r.ids)
	must, runs, digits := false, true, 0
	for k := range cells {
		c := &cells[k]
		must = must || c.mustSplit
		runs = runs && c.run
		digits += c.b - c.a
	}
	// Which cells make the row's fields, or why none do.
	switch {
	case n == want && !must:
		// Every cell in its column.
	case glued && runs && n > 0:
		// Cells run together with no separator. Numbers are printed
		// without leading zeros, so when exactly one way of cutting the
		// runs into this many numbers exists ("7000007" into seven cells,
		// "23 0 00 0 023" into 23|0|0|0|0|0|23), it is the table's; when
		// there are several, nothing is read.
		split, ok := uniqueSplit(d.norm, cells, want)
		if !ok {
			return fields, places, fmt.Sprintf("table row %s: digits run together (%d digits, %d cells: no single split)", r.name, digits, want)
		}
		cells = split
	case r.read.eof && n < want && !must && !dropped:
		// The excerpt ends inside this row: the cells it has are the
		// first ones, except a last cell the cut may have shortened.
		if r.read.cut {
			cells = cells[:n-1]
		}
	case n == 0 && r.read.stopped:
		// A labelled row whose reading stopped before any cell (a
		// label wrapped around a heading the reader stops at) is
		// said, not dropped silently.
		return fields, places, fmt.Sprintf("table row %s: stopped before any cell", r.name)
	case n == 0:
		return fields, places, ""
	case must:
		return fields, places, fmt.Sprintf("table row %s: digits run together (%d digits, %d cells: no single split)", r.name, digits, want)
	default:
		return fields, places, fmt.Sprintf("table row %s: %d cells, want %d", r.name, n, want)
	}
	fields, places = r.emit(d, cells, fields, places)
	return fields, places, ""
}

// emit turns the cells, in column order, into fields appended to fields,
// their schema places to places; blank and text cells state nothing.
func (r tableRow) emit(d *doc, cells []cell, fields []Field, places []int32) ([]Field, []int32) {
	// Cells and fields are read and made in place: a cell is 64 bytes
	// and a field 88, and a table report has two hundred of each.
	for i := range cells {
		c := &cells[i]
		if i >= len(r.ids) || (c.kind != cellNumber && c.kind != cellZero) {
			continue
		}
		id, at := r.ids[i], r.at[i]
		if at < 0 {
			continue
		}
		sf := schema.All()[at]
		if !sf.Money && !c.val.IsInt() {
			continue // a count with a fraction is not a count
		}
		fields = append(fields, d.field(id, c.val, false, c.a, c.b))
		places = append(places, int32(at))
		f := &fields[len(fields)-1]
		switch {
		case c.unit == "元" || c.unit == "万元":
			f.Unit = c.unit
		case i < len(r.units) && r.units[i] != "":
			f.Unit = r.units[i]
		}
		if sf.Money && f.Unit == "" {
			f.Unit = sf.Unit
		}
	}
	return fields, places
}

// uniqueSplit cuts the digit runs of cells into exactly want numbers with
// no leading zeros, each run into one or more whole numbers, and returns
// the cut when there is exactly one.
func uniqueSplit(s string, cells []cell, want int) ([]cell, bool) {
	// after returns where cutting [pos, end) of cell ci leaves off.
	after := func(ci, end int) (int, int) {
		if end < cells[ci].b {
			return ci, end
		}
		if ci+1 < len(cells) {
			return ci + 1, cells[ci+1].a
		}
		return ci + 1, 0
	}
	// The memo is indexed by the digit's place in the runs laid end to
	// end, and the count of numbers cut so far.
	base := make([]int, len(cells)+1)
	for i, c := range cells {
		base[i+1] = base[i] + c.b - c.a
	}
	memo := make([]int8, (base[len(cells)]+1)*(want+1))
	for i := range memo {
		memo[i] = -1
	}
	// ways counts, capped at 2, the cuts of the rest from byte pos of
	// cell ci with k numbers already cut.
	var ways func(ci, pos, k int) int
	ways = func(ci, pos, k int) int {
		if ci == len(cells) {
			if k == want {
				return 1
			}
			return 0
		}
		if k >= want {
			return 0
		}
		m := (base[ci]+pos-cells[ci].a)*(want+1) + k
		if memo[m] >= 0 {
			return int(memo[m])
		}
		w := 0
		for end := pos + 1; end <= cells[ci].b && w < 2 && validPart(s[pos:end]); end++ {
			nci, npos := after(ci, end)
			w += ways(nci, npos, k+1)
		}
		w = min(w, 2)
		memo[m] = int8(w)
		return w
	}
	if len(cells) == 0 || ways(0, cells[0].a, 0) != 1 {
		return nil, false
	}
	out := make([]cell, 0, want) // the one split has want cells
	for ci, pos := 0, cells[0].a; ci < len(cells); {
		found := false
		for end := pos + 1; end <= cells[ci].b && validPart(s[pos:end]); end++ {
			nci, npos := after(ci, end)
			if ways(nci, npos, len(out)+1) == 1 {
				v, _ := ParseNumber(s[pos:end])
				out = append(out, cell{a: pos, b: end, kind: cellNumber, val: v})
				ci, pos, found = nci, npos, true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return out, len(out) == want
}

// validPart reports whether p can be one printed count: digits without a
// leading zero, or "0", and not longer than a Number holds.
func validPart(p string) bool {
	return len(p) <= maxDigits && (len(p) == 1 || p[0] != '0')
}
