package corpus

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"
	"unsafe"

	"gitui/internal/extract"
)

// TestPacked checks that packing a report's result changes no value, and
// that the texts of its fields lie in its Source.
func TestPacked(t *testing.T) {
	for _, name := range []string{"seeds/000_18bd725a6c48fc58.txt", "dev/reports/t005_pingtan_zone_2021_crawl.txt"} {
		rep, err := Parse(name, readTestdata(t, name))
		if err != nil {
			t.Fatal(err)
		}
		res := rep.Result()
		if len(res.Fields) == 0 || len(res.Checks) == 0 {
			t.Fatalf("%s: no fields or checks to pack", name)
		}
		before, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		if err := rep.SetResult(res); err != nil {
			t.Fatal(err)
		}
		after, err := json.Marshal(rep.Result())
		if err != nil {
			t.Fatal(err)
		}
		if string(before) != string(after) {
			t.Errorf("%s: packing changed the result:\n%s\n%s", name, before, after)
		}
		src := uintptr(unsafe.Pointer(unsafe.StringData(rep.Source)))
		for _, f := range rep.Fields() {
			p := uintptr(unsafe.Pointer(unsafe.StringData(f.Text)))
			if p < src || p+uintptr(len(f.Text)) > src+uintptr(len(rep.Source)) {
				t.Errorf("%s: %s: Text %q is a copy, not a slice of Source", name, f.ID, f.Text)
			}
		}
	}
}

// TestSetResultRefusesUngrounded checks that a figure whose span does not
// hold its text, or whose ID is not the schema's, is refused.
func TestSetResultRefusesUngrounded(t *testing.T) {
	rep, err := Parse("seeds/000.txt", readTestdata(t, "seeds/000_18bd725a6c48fc58.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := rep.NumFields()
	res := rep.Result()
	bad := res
	bad.Fields = append([]extract.Field(nil), res.Fields...)
	bad.Fields[0].Text += "0"
	if err := rep.SetResult(bad); err == nil {
		t.Error("a span not holding its text was accepted")
	}
	bad.Fields = append([]extract.Field(nil), res.Fields...)
	bad.Fields[0].ID = "no.such.field"
	if err := rep.SetResult(bad); err == nil {
		t.Error("an ID outside the schema was accepted")
	}
	if rep.NumFields() != want {
		t.Errorf("a refused result changed the report: %d figures, want %d", rep.NumFields(), want)
	}
}

// TestPackedChecks packs checks of every shape: nil, empty and shared field
// lists, zero and decimal numbers; they read back as they were.
func TestPackedChecks(t *testing.T) {
	rep, err := Parse("seeds/000.txt", readTestdata(t, "seeds/000_18bd725a6c48fc58.txt"))
	if err != nil {
		t.Fatal(err)
	}
	num := func(s string) extract.Number {
		n, err := extract.ParseNumber(s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	res := rep.Result()
	res.Checks = []extract.Check{
		{ID: "a", OK: true, Expected: num("12"), Actual: num("12"), Fields: []string{"proactive.total", "fees.waived"}},
		{ID: "a", Expected: num("-4711.70"), Actual: num("0"), Fields: []string{"proactive.total", "fees.waived"}},
		{ID: "empty", Fields: []string{}},
		{ID: "none"},
	}
	if err := rep.SetResult(res); err != nil {
		t.Fatal(err)
	}
	if got := rep.Checks(); !reflect.DeepEqual(got, res.Checks) {
		t.Errorf("checks read back\n %#v\nwant %#v", got, res.Checks)
	}
	if rep.FailedChecks() != 3 || rep.NumChecks() != 4 {
		t.Errorf("%d of %d checks fail, want 3 of 4", rep.FailedChecks(), rep.NumChecks())
	}
	bad := res
	bad.Checks = []extract.Check{{ID: "a", Fields: []string{"proactive.total", "no.such.field"}}}
	if err := rep.SetResult(bad); err == nil {
		t.Error("a check naming a field outside the schema was accepted")
	}
}

// TestPackerValues checks that every value and unit packed reads back
// where value says, whatever pairs share a slot of recent, and that a
// report's repeated pairs are held once.
func TestPackerValues(t *testing.T) {
	p := &packer{names: make(map[string]namedList)}
	units := []string{"", "件", "万元", "人次"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		v, u := strconv.Itoa(rng.IntN(3000)), units[rng.IntN(len(units))]
		off := int(p.value(v, u))
		if end := off + len(v) + len(u); end > len(p.values) || string(p.values[off:end]) != v+u {
			t.Fatalf("value(%q, %q) = %d, which does not hold them", v, u, off)
		}
	}
	q := &packer{names: make(map[string]namedList)}
	for range 3 {
		for _, v := range []string{"0", "1", "12", "1491", "0.5"} {
			q.value(v, "件")
			q.value(v, "")
		}
	}
	if got, want := string(q.values), "0件01件112件121491件14910.5件0.5"; got != want {
		t.Errorf("values = %q, want each pair once: %q", got, want)
	}
}
