package extract

import "gitui/internal/schema"

// restatedChecks compares the prose of a table-era report with its tables:
// a sentence restating a table cell ("本年度累计受理政府信息公开申请145件"
// beside the 本年新收 row) must state the same number (schema.md: "prose and
// table disagreeing is a failed check"). merge keeps the table cell as the
// field; the check keeps the disagreement visible. Approximate prose
// figures ("7700余条") are not compared.
//
// tableAt holds the schema places of the table fields (nil: look them up).
func restatedChecks(table []Field, tableAt []int32, prose []Field) []Check {
	if len(table) == 0 || len(prose) == 0 {
		return nil
	}
	// The first table field of each schema place, as 1 + its index in
	// table; -1 once a prose field was checked against it.
	cellsBuf := getPlaces()
	defer placesPool.Put(cellsBuf)
	cells := *cellsBuf
	for i := range table {
		f := &table[i]
		at := -1
		if tableAt != nil {
			at = int(tableAt[i])
		} else {
			at = schema.Order(f.ID)
		}
		if at >= 0 && cells[at] == 0 {
			cells[at] = int32(i + 1)
		}
	}
	var out []Check
	for i := range prose {
		p := &prose[i]
		at := schema.Order(p.ID)
		if at < 0 || cells[at] <= 0 || p.Approx || !schema.IsTableCell(p.ID) {
			continue
		}
		t := table[cells[at]-1].Value
		cells[at] = -1
		out = append(out, Check{
			ID:       "restated." + p.ID,
			OK:       t.Equal(p.Value),
			Expected: t,
			Actual:   p.Value,
			Fields:   []string{p.ID},
		})
	}
	return out
}
