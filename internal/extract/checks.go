package extract

import (
	"fmt"
	"slices"

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
	return checks(fields, nil, f, 0)
}

// checks is Checks with room for extra more checks after the identities'.
// It returns nil when there are none and extra is 0. places holds the
// schema place of each field (nil: look them up).
func checks(fields []Field, places []int32, f schema.Format, extra int) []Check {
	if len(fields) == 0 {
		if extra == 0 {
			return nil
		}
		return make([]Check, 0, extra)
	}
	// The values by schema place: every term of an identity is in the
	// schema (buildIdentities checks), so a field outside it is no term.
	byPlace, ints := getPlaces(), smallIntPool.get(len(fields))[:len(fields)]
	defer placesPool.Put(byPlace)
	defer smallIntPool.put(ints)
	vals := termValues{fields: fields, at: *byPlace, ints: ints}
	for i := range fields {
		fl := &fields[i]
		var at int
		if places != nil {
			at = int(places[i])
		} else {
			at = schema.Order(fl.ID)
		}
		if at >= 0 && vals.at[at] == 0 {
			vals.at[at] = int32(i + 1)
			n, ok := fl.Value.intValue()
			vals.ints[i] = smallInt{n, ok && n <= 1<<50 && n >= -(1<<50)}
		}
	}
	// The checks are allocated once, at their exact size.
	defs := identitiesFor(vals, f)
	// By index: an identityDef is 160 bytes, copied by a range over
	// values, for each of a report's sixty identities. Which are present
	// is found once, for the count and then the checks.
	var isPresent [maxIdentities]bool
	n := 0
	for i := range defs {
		if present(vals.at, &defs[i]) {
			isPresent[i] = true
			n++
		}
	}
	if n+extra == 0 {
		return nil
	}
	out := make([]Check, 0, n+extra)
	for i := range defs {
		if isPresent[i] {
			out = append(out, identity(vals, &defs[i]))
		}
	}
	return out
}

// maxIdentities bounds the identities of a format (buildIdentities
// checks it).
const maxIdentities = 128

// present reports whether every term of def is stated: at holds, by
// schema place, 1 + the index of its field, or 0 (see termValues).
func present(at []int32, def *identityDef) bool {
	for _, p := range def.termsAt {
		if at[p] == 0 {
			return false
		}
	}
	return true
}

// termValues are the values of a report's fields by schema place.
type termValues struct {
	fields []Field
	at     []int32    // by schema place, 1 + the index in fields of its first field, or 0
	ints   []smallInt // by index in fields, for the fields at
}

// smallInt is a field's value as an integer, when it is one small enough
// (|n| ≤ 2⁵⁰) to add in int64: every count.
type smallInt struct {
	n  int64
	ok bool
}

// has reports whether the report states the field at schema place p.
func (t termValues) has(p int) bool { return t.at[p] != 0 }

// value returns the value of the field at schema place p, or 0.
func (t termValues) value(p int) Number {
	if k := t.at[p]; k != 0 {
		return t.fields[k-1].Value
	}
	return Number{}
}

// identityDef is one identity: Σ lhs = Σ rhs. lhsAt and rhsAt are the
// schema places of the terms; fields is lhs then rhs, the Fields of
// every check of the identity.
type identityDef struct {
	id           string
	lhs, rhs     []string
	lhsAt, rhsAt []int
	termsAt      []int // lhsAt then rhsAt
	fields       []string
}

// The identities, built once: the 2019 list sums (六)其他处理 as the one
// row "other", the 2021 list as the three other.* rows.
var identities2019, identities2021 = buildIdentities(false), buildIdentities(true)

// otherRowPlaces are the schema places of the cells of the three other.*
// rows, which only 2021 tables print.
var otherRowPlaces = func() []int {
	var at []int
	for _, r := range []string{"other.no_correction", "other.no_fee", "other.misc"} {
		for _, c := range schema.Columns {
			at = append(at, schema.Order("applications."+r+"."+c.Key))
		}
	}
	return at
}()

// identitiesFor returns the identities for format f. For a report of
// unknown format the fields decide: the 2021 rows when any other.* row
// is present.
func identitiesFor(vals termValues, f schema.Format) []identityDef {
	switch f {
	case schema.Table2019:
		return identities2019
	case schema.Table2021:
		return identities2021
	}
	for _, at := range otherRowPlaces {
		if at >= 0 && vals.has(at) {
			return identities2021
		}
	}
	return identities2019
}

func buildIdentities(use2021 bool) []identityDef {
	var defs []identityDef
	places := func(ids []string) []int {
		at := make([]int, len(ids))
		for i, id := range ids {
			if at[i] = schema.Order(id); at[i] < 0 {
				panic(fmt.Sprintf("extract: identity term %q is not in the schema", id))
			}
		}
		return at
	}
	add := func(id string, lhs, rhs []string) {
		// The terms are the schema's own strings: comparing them with
		// the schema's, as every stage after this one does, is quick.
		for _, ids := range [][]string{lhs, rhs} {
			for i, t := range ids {
				ids[i] = schema.Intern(t)
			}
		}
		// fields has no room to grow: a caller that appends to a
		// check's Fields gets a copy, not a write into the shared list.
		fields := slices.Concat(lhs, rhs)
		lhsAt, rhsAt := places(lhs), places(rhs)
		defs = append(defs, identityDef{id, lhs, rhs, lhsAt, rhsAt, slices.Concat(lhsAt, rhsAt), fields[:len(fields):len(fields)]})
	}
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
	if len(defs) > maxIdentities {
		panic(fmt.Sprintf("extract: %d identities, more than maxIdentities", len(defs)))
	}
	return defs
}

// identity checks Σ lhs = Σ rhs, every term present. Expected is the
// left side (the figure the report states as the total), Actual the sum
// of the right. The check's Fields is the identity's own list, shared by
// every report's check of it, not a copy per report: it is read-only.
func identity(vals termValues, def *identityDef) Check {
	exp, act := sumOf(vals, def.lhsAt), sumOf(vals, def.rhsAt)
	ok := exp.String() == act.String() // integers from sumOf are canonical
	if !exp.IsInt() || !act.IsInt() {
		ok = exp.Equal(act)
	}
	return Check{ID: def.id, OK: ok, Expected: exp, Actual: act, Fields: def.fields}
}

// sumOf adds the values at the schema places, all present, exactly: in
// int64 when every term is an integer that small (every count), in big.Rat
// otherwise (money).
func sumOf(vals termValues, places []int) Number {
	var total int64
	for _, at := range places {
		v := vals.ints[vals.at[at]-1] // identity has checked every term is present
		if !v.ok {
			return sumExact(vals, places)
		}
		total += v.n
	}
	return Int(total)
}

func sumExact(vals termValues, places []int) Number {
	var total Number
	for _, at := range places {
		total = total.Add(vals.value(at))
	}
	return total
}
