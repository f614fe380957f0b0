package extract

import (
	"os"
	"slices"
	"strings"
	"testing"

	"gitui/internal/schema"
)

// fieldsOf builds fields from "id=value" pairs.
func fieldsOf(t *testing.T, pairs ...string) []Field {
	t.Helper()
	var out []Field
	for _, p := range pairs {
		id, v, _ := strings.Cut(p, "=")
		n, err := ParseNumber(v)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, Field{ID: id, Value: n})
	}
	return out
}

func findCheck(checks []Check, id string) (Check, bool) {
	for _, c := range checks {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}

func TestChecks(t *testing.T) {
	tests := []struct {
		name   string
		format schema.Format
		fields []string
		id     string
		ok     bool
		exp    string
		act    string
	}{
		{
			// t001: 3119 + 34 = 3050 + 103.
			"balance holds", schema.Table2021,
			[]string{"applications.new.total=3119", "applications.carried_over.total=34",
				"applications.outcome_total.total=3050", "applications.carried_forward.total=103"},
			"balance.total", true, "3153", "3153",
		},
		{
			// t017 prose says 2 applications, its table 3: a table read as 2
			// does not balance.
			"balance fails", schema.Table2021,
			[]string{"applications.new.natural=2", "applications.carried_over.natural=0",
				"applications.outcome_total.natural=3", "applications.carried_forward.natural=0"},
			"balance.natural", false, "2", "3",
		},
		{
			// t001 (一)予以公开 1288 21 0 0 50 3 1362.
			"row total holds", schema.Table2021,
			[]string{"applications.disclosed.natural=1288", "applications.disclosed.commercial=21",
				"applications.disclosed.research=0", "applications.disclosed.social=0",
				"applications.disclosed.legal=50", "applications.disclosed.other=3", "applications.disclosed.total=1362"},
			"row_total.disclosed", true, "1362", "1362",
		},
		{
			"row total fails", schema.Table2021,
			[]string{"applications.disclosed.natural=1288", "applications.disclosed.commercial=21",
				"applications.disclosed.research=0", "applications.disclosed.social=0",
				"applications.disclosed.legal=50", "applications.disclosed.other=3", "applications.disclosed.total=1326"},
			"row_total.disclosed", false, "1326", "1362",
		},
		{
			// t001 复议: 72 + 64 + 178 + 37 = 351.
			"review total holds", schema.Table2021,
			[]string{"reconsideration.upheld=72", "reconsideration.corrected=64", "reconsideration.other=178",
				"reconsideration.pending=37", "reconsideration.total=351"},
			"review_total.reconsideration", true, "351", "351",
		},
		{
			"review total fails", schema.Table2019,
			[]string{"litigation.direct.upheld=13", "litigation.direct.corrected=4", "litigation.direct.other=8",
				"litigation.direct.pending=1", "litigation.direct.total=25"},
			"review_total.litigation.direct", false, "25", "26",
		},
		{
			"channels add up when all five are stated", schema.Narrative,
			[]string{"applications.new.total=631", "applications.channel.in_person=562", "applications.channel.letter=69",
				"applications.channel.online=0", "applications.channel.fax=0", "applications.channel.email=0"},
			"channel_sum", true, "631", "631",
		},
		{
			"channels that do not add up", schema.Narrative,
			[]string{"applications.new.total=631", "applications.channel.in_person=562", "applications.channel.letter=60",
				"applications.channel.online=0", "applications.channel.fax=0", "applications.channel.email=0"},
			"channel_sum", false, "631", "622",
		},
		{
			"money sums exactly", schema.Table2019,
			[]string{"reconsideration.upheld=0.1", "reconsideration.corrected=0.2", "reconsideration.other=0",
				"reconsideration.pending=0", "reconsideration.total=0.3"},
			"review_total.reconsideration", true, "0.3", "0.3",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := findCheck(Checks(fieldsOf(t, tt.fields...), tt.format), tt.id)
			if !ok {
				t.Fatalf("no check %s", tt.id)
			}
			if c.OK != tt.ok || c.Expected.String() != tt.exp || c.Actual.String() != tt.act {
				t.Errorf("%s: ok=%v expected=%s actual=%s; want %v %s %s", tt.id, c.OK, c.Expected, c.Actual, tt.ok, tt.exp, tt.act)
			}
			if len(c.Fields) != len(tt.fields) {
				t.Errorf("%s names %d fields, want %d: %v", tt.id, len(c.Fields), len(tt.fields), c.Fields)
			}
		})
	}
}

// TestChecksNeedEveryTerm: a check with a term missing is not produced, so
// an unread cell never reads as a failed identity.
func TestChecksNeedEveryTerm(t *testing.T) {
	checks := Checks(fieldsOf(t,
		"applications.new.total=3119", "applications.carried_over.total=34", "applications.outcome_total.total=3050",
		"reconsideration.upheld=72", "reconsideration.total=351",
		"applications.new.total=631", "applications.channel.in_person=562", "applications.channel.letter=69",
	), schema.Table2021)
	for _, id := range []string{"balance.total", "review_total.reconsideration", "channel_sum", "row_total.new"} {
		if _, ok := findCheck(checks, id); ok {
			t.Errorf("check %s produced with a term missing", id)
		}
	}
}

// TestOutcomeSumByFormat: (六)其他处理 is one row in 2019 tables and three in
// 2021 ones; the outcome sum takes the format's rows.
func TestOutcomeSumByFormat(t *testing.T) {
	rows := []string{
		"applications.disclosed.total=7", "applications.partial.total=1",
		"applications.withheld.state_secret.total=0", "applications.withheld.prohibited.total=0",
		"applications.withheld.security.total=0", "applications.withheld.third_party.total=0",
		"applications.withheld.internal.total=0", "applications.withheld.process.total=0",
		"applications.withheld.enforcement.total=0", "applications.withheld.query.total=0",
		"applications.unavailable.not_held.total=7", "applications.unavailable.needs_creation.total=0",
		"applications.unavailable.unclear.total=5", "applications.not_processed.petition.total=0",
		"applications.not_processed.duplicate.total=3", "applications.not_processed.publication.total=0",
		"applications.not_processed.excessive.total=0", "applications.not_processed.confirmation.total=0",
		"applications.outcome_total.total=23",
	}
	// t004 (2019): the rows above with (六)其他处理 0 make (七)总计 23.
	c2019, ok := findCheck(Checks(fieldsOf(t, append(rows, "applications.other.total=0")...), schema.Table2019), "outcome_sum.total")
	if !ok || !c2019.OK || c2019.Actual.String() != "23" {
		t.Errorf("2019 outcome_sum.total = %+v, %v; want ok, 23", c2019, ok)
	}
	// The same rows as a 2021 table need the three other.* rows.
	if _, ok := findCheck(Checks(fieldsOf(t, append(rows, "applications.other.total=0")...), schema.Table2021), "outcome_sum.total"); ok {
		t.Error("2021 outcome_sum.total produced without the other.* rows")
	}
	c2021, ok := findCheck(Checks(fieldsOf(t, append(rows,
		"applications.other.no_correction.total=1", "applications.other.no_fee.total=0", "applications.other.misc.total=0")...),
		schema.Table2021), "outcome_sum.total")
	if !ok || c2021.OK || c2021.Actual.String() != "24" {
		t.Errorf("2021 outcome_sum.total = %+v, %v; want a failure, 24", c2021, ok)
	}
}

// TestChecksOnReports runs the identities over the tables of whole
// reports: t001's and seed 004's tables are consistent throughout.
func TestChecksOnReports(t *testing.T) {
	tests := []struct {
		file   string
		passed []string // checks that must be produced (and, like all, pass)
	}{
		{"../../testdata/dev/reports/t001_huaian_city_2024_pdf.txt",
			[]string{"balance.total", "row_total.other.misc", "outcome_sum.total", "review_total.litigation.after_reconsideration"}},
		{"../../testdata/seeds/004_072038db32835d30.txt",
			[]string{"balance.natural", "outcome_sum.total", "review_total.reconsideration"}},
	}
	for _, tt := range tests {
		raw, err := os.ReadFile(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		d := newDoc(string(raw))
		f := detectFormat(d)
		fields, _, _ := extractTables(d, f, nil)
		checks := Checks(fields, f)
		for _, id := range tt.passed {
			c, ok := findCheck(checks, id)
			if !ok || !c.OK {
				t.Errorf("%s: check %s = %+v, %v; want it passing", tt.file, id, c, ok)
			}
		}
		for _, c := range checks {
			if !c.OK {
				t.Errorf("%s: check %s fails: expected %s, actual %s", tt.file, c.ID, c.Expected, c.Actual)
			}
		}
	}
}

// TestCheckFieldsApart: each check's Fields is its own, so a caller
// appending to one does not write over the next.
func TestCheckFieldsApart(t *testing.T) {
	checks := Checks(fieldsOf(t,
		"applications.new.total=3119", "applications.carried_over.total=34",
		"applications.outcome_total.total=3050", "applications.carried_forward.total=103",
		"reconsideration.total=351", "reconsideration.upheld=72", "reconsideration.corrected=13",
		"reconsideration.other=37", "reconsideration.pending=229",
	), schema.Table2021)
	if len(checks) != 2 {
		t.Fatalf("%d checks, want balance.total and review_total.reconsideration", len(checks))
	}
	want := append([]string(nil), checks[1].Fields...)
	_ = append(checks[0].Fields, "written.over")
	if got := checks[1].Fields; !slices.Equal(got, want) {
		t.Errorf("%s.Fields = %v after appending to %s.Fields, want %v", checks[1].ID, got, checks[0].ID, want)
	}
}
