package extract

import "gitui/internal/schema"

// restatedChecks compares the prose of a table-era report with its tables:
// a sentence restating a table cell ("本年度累计受理政府信息公开申请145件"
// beside the 本年新收 row) must state the same number (schema.md: "prose and
// table disagreeing is a failed check"). merge keeps the table cell as the
// field; the check keeps the disagreement visible. Approximate prose
// figures ("7700余条") are not compared.
func restatedChecks(table, prose []Field) []Check {
	if len(table) == 0 || len(prose) == 0 {
		return nil
	}
	cells := make(map[string]Number, len(table))
	for _, f := range table {
		if _, seen := cells[f.ID]; !seen {
			cells[f.ID] = f.Value
		}
	}
	var out []Check
	seen := make(map[string]bool, len(prose))
	for _, p := range prose {
		t, ok := cells[p.ID]
		if !ok || p.Approx || seen[p.ID] || !schema.IsTableCell(p.ID) {
			continue
		}
		seen[p.ID] = true
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
