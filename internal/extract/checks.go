package extract

import (
	"strconv"

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
	if len(fields) == 0 {
		return nil
	}
	byID := make(map[string]Number, len(fields))
	for _, fl := range fields {
		if _, dup := byID[fl.ID]; !dup {
			byID[fl.ID] = fl.Value
		}
	}
	var out []Check
	for _, id := range identitiesFor(byID, f) {
		if c, ok := identity(byID, id); ok {
			out = append(out, c)
		}
	}
	return out
}

// identityDef is one identity: Σ lhs = Σ rhs.
type identityDef struct {
	id       string
	lhs, rhs []string
}

// The identities, built once: the 2019 list sums (六)其他处理 as the one
// row "other", the 2021 list as the three other.* rows.
var identities2019, identities2021 = buildIdentities(false), buildIdentities(true)

// identitiesFor returns the identities for format f. For a report of
// unknown format the fields decide: the 2021 rows when any other.* row
// is present.
func identitiesFor(byID map[string]Number, f schema.Format) []identityDef {
	switch f {
	case schema.Table2019:
		return identities2019
	case schema.Table2021:
		return identities2021
	}
	for _, r := range []string{"other.no_correction", "other.no_fee", "other.misc"} {
		for _, c := range schema.Columns {
			if _, ok := byID["applications."+r+"."+c.Key]; ok {
				return identities2021
			}
		}
	}
	return identities2019
}

func buildIdentities(use2021 bool) []identityDef {
	var defs []identityDef
	add := func(id string, lhs, rhs []string) { defs = append(defs, identityDef{id, lhs, rhs}) }
	app := func(row, col string) string { return "applications." + row + "." + col }
	inFormat := func(only string) bool {
		return only == "" || (only == "2021") == use2021
	}

	// 1. Each column balances: what came in equals what was done plus
	// what was carried forward (the table's own 勾稽关系 note).
	for _, c := range schema.Columns {
		add("balance."+c.Key,
			[]string{app("new", c.Key), app("carried_over", c.Key)},
			[]string{app("outcome_total", c.Key), app("carried_forward", c.Key)})
	}

	// 2. Each row's 总计 is the sum of its applicant columns.
	for _, r := range schema.Rows {
		if !inFormat(r.Only) {
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
			switch r.Key {
			case "new", "carried_over", "outcome_total", "carried_forward":
				continue
			}
			if inFormat(r.Only) {
				parts = append(parts, app(r.Key, c.Key))
			}
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
	return defs
}

// identity checks Σ lhs = Σ rhs when every term is present. Expected is
// the left side (the figure the report states as the total), Actual the
// sum of the right.
func identity(byID map[string]Number, def identityDef) (Check, bool) {
	for _, terms := range [][]string{def.lhs, def.rhs} {
		for _, t := range terms {
			if _, ok := byID[t]; !ok {
				return Check{}, false
			}
		}
	}
	exp, act := sumOf(byID, def.lhs), sumOf(byID, def.rhs)
	ids := make([]string, 0, len(def.lhs)+len(def.rhs))
	ids = append(append(ids, def.lhs...), def.rhs...)
	ok := exp.String() == act.String() // integers from sumOf are canonical
	if !exp.IsInt() || !act.IsInt() {
		ok = exp.Equal(act)
	}
	return Check{ID: def.id, OK: ok, Expected: exp, Actual: act, Fields: ids}, true
}

// sumOf adds the values of ids exactly: in int64 when every term is an
// integer that small (every count), in big.Rat otherwise (money).
func sumOf(byID map[string]Number, ids []string) Number {
	var total int64
	for _, id := range ids {
		n, err := strconv.ParseInt(byID[id].String(), 10, 64)
		if err != nil || n > 1<<50 || n < -(1<<50) {
			return sumExact(byID, ids)
		}
		total += n
	}
	return Int(total)
}

func sumExact(byID map[string]Number, ids []string) Number {
	var total Number
	for _, id := range ids {
		total = total.Add(byID[id])
	}
	return total
}
