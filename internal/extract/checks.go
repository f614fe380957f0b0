package extract

import (
	"strings"

	"gitui/internal/schema"
)

// Checks evaluates the identities of the schema on fields. A check is
// produced only when every one of its terms is a field, so a missing cell
// never reads as a failure. Check IDs are stable:
//
//	balance.<column>        new + carried_over = outcome_total + carried_forward
//	row_total.<row>         total = natural + commercial + research + social + legal + other
//	outcome_sum.<column>    outcome_total = disclosed + partial + withheld.* + unavailable.* + not_processed.* + other(.*)
//	review_total.<group>    total = upheld + corrected + other + pending
//	channel_sum             applications.new.total = Σ applications.channel.*
func Checks(fields []Field, f schema.Format) []Check {
	byID := make(map[string]Number, len(fields))
	for _, fl := range fields {
		if _, dup := byID[fl.ID]; !dup {
			byID[fl.ID] = fl.Value
		}
	}
	var out []Check
	add := func(id string, lhs, rhs []string) {
		if c, ok := identity(byID, id, lhs, rhs); ok {
			out = append(out, c)
		}
	}
	app := func(row, col string) string { return "applications." + row + "." + col }

	// 1. Each column balances: what came in equals what was done plus
	// what was carried forward (the table's own 勾稽关系 note).
	for _, c := range schema.Columns {
		add("balance."+c.Key,
			[]string{app("new", c.Key), app("carried_over", c.Key)},
			[]string{app("outcome_total", c.Key), app("carried_forward", c.Key)})
	}

	// 2. Each row's 总计 is the sum of its applicant columns.
	otherRows := outcomeOtherRows(byID, f)
	for _, r := range schema.Rows {
		if (r.Only == "2019" && f == schema.Table2021) || (r.Only == "2021" && f == schema.Table2019) {
			continue
		}
		var parts []string
		for _, c := range schema.Columns[:len(schema.Columns)-1] {
			parts = append(parts, app(r.Key, c.Key))
		}
		add("row_total."+r.Key, []string{app(r.Key, "total")}, parts)
	}

	// 3. Each column's (七)总计 is the sum of the outcome rows.
	for _, c := range schema.Columns {
		var parts []string
		for _, r := range schema.Rows {
			switch {
			case r.Key == "new", r.Key == "carried_over", r.Key == "outcome_total", r.Key == "carried_forward":
				continue
			case r.Only != "" && !otherRows[r.Key]:
				continue
			}
			parts = append(parts, app(r.Key, c.Key))
		}
		add("outcome_sum."+c.Key, []string{app("outcome_total", c.Key)}, parts)
	}

	// 4. Each 复议/诉讼 group's 总计 is the sum of its results.
	for _, g := range []string{"reconsideration", "litigation.direct", "litigation.after_reconsideration"} {
		add("review_total."+g, []string{g + ".total"},
			[]string{g + ".upheld", g + ".corrected", g + ".other", g + ".pending"})
	}

	// 5. The channels of application add up to the year's applications,
	// when the report states every channel (schema identity 5): a report
	// naming only some channels says nothing about the rest.
	add("channel_sum", []string{"applications.new.total"}, []string{
		"applications.channel.in_person", "applications.channel.online",
		"applications.channel.letter", "applications.channel.fax",
		"applications.channel.email",
	})
	return out
}

// outcomeOtherRows returns which format-specific 其他处理 rows enter the
// outcome sum: the one row "other" in 2019 tables, the three other.* rows
// in 2021 ones. For a report of unknown format the fields decide: other.*
// when any of them is present, "other" otherwise.
func outcomeOtherRows(byID map[string]Number, f schema.Format) map[string]bool {
	use2021 := f == schema.Table2021
	if f != schema.Table2019 && f != schema.Table2021 {
		for id := range byID {
			if strings.HasPrefix(id, "applications.other.no_") || strings.HasPrefix(id, "applications.other.misc.") {
				use2021 = true
			}
		}
	}
	if use2021 {
		return map[string]bool{"other.no_correction": true, "other.no_fee": true, "other.misc": true}
	}
	return map[string]bool{"other": true}
}

// identity checks Σ lhs = Σ rhs when every term is present. Expected is
// the left side (the figure the report states as the total), Actual the
// sum of the right.
func identity(byID map[string]Number, id string, lhs, rhs []string) (Check, bool) {
	ids := make([]string, 0, len(lhs)+len(rhs))
	sum := func(terms []string) (Number, bool) {
		var total Number
		for _, t := range terms {
			v, ok := byID[t]
			if !ok {
				return Number{}, false
			}
			total = total.Add(v)
			ids = append(ids, t)
		}
		return total, true
	}
	exp, ok := sum(lhs)
	if !ok {
		return Check{}, false
	}
	act, ok := sum(rhs)
	if !ok {
		return Check{}, false
	}
	return Check{ID: id, OK: exp.Equal(act), Expected: exp, Actual: act, Fields: ids}, true
}
