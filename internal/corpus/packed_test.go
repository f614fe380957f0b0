package corpus

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"unsafe"

	"gitui/internal/extract"
)

// setters are the two ways a report takes a result: packed, and kept as
// it is for a load of Options.Unpacked. Every test of a result's checks
// and read-back runs on both.
func setters(rep *Report) map[string]func(extract.Result) error {
	return map[string]func(extract.Result) error{"packed": rep.SetResult, "unpacked": rep.setUnpacked}
}

// TestPacked checks that packing a report's result, or keeping it
// unpacked, changes no value, and that the texts of its fields lie in its
// Source.
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
		for how, set := range setters(rep) {
			if err := set(rep.Result()); err != nil {
				t.Fatal(err)
			}
			after, err := json.Marshal(rep.Result())
			if err != nil {
				t.Fatal(err)
			}
			if string(before) != string(after) {
				t.Errorf("%s, %s: the result changed:\n%s\n%s", name, how, before, after)
			}
			src := uintptr(unsafe.Pointer(unsafe.StringData(rep.Source)))
			for i, f := range rep.Fields() {
				p := uintptr(unsafe.Pointer(unsafe.StringData(f.Text)))
				if p < src || p+uintptr(len(f.Text)) > src+uintptr(len(rep.Source)) {
					t.Errorf("%s, %s: %s: Text %q is a copy, not a slice of Source", name, how, f.ID, f.Text)
				}
				if got, ok := rep.FieldByID(f.ID); !ok || got != f || rep.Field(i) != f {
					t.Errorf("%s, %s: FieldByID(%s), Field(%d) = %v, %v; want %v", name, how, f.ID, i, got, rep.Field(i), f)
				}
			}
			failed := 0
			for _, c := range res.Checks {
				if !c.OK {
					failed++
				}
			}
			if rep.FailedChecks() != failed {
				t.Errorf("%s, %s: %d checks fail, want %d", name, how, rep.FailedChecks(), failed)
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
	for how, set := range setters(rep) {
		bad := res
		bad.Fields = append([]extract.Field(nil), res.Fields...)
		bad.Fields[0].Text += "0"
		if err := set(bad); err == nil {
			t.Errorf("%s: a span not holding its text was accepted", how)
		}
		bad.Fields = append([]extract.Field(nil), res.Fields...)
		bad.Fields[0].ID = "no.such.field"
		if err := set(bad); err == nil {
			t.Errorf("%s: an ID outside the schema was accepted", how)
		}
		if rep.NumFields() != want {
			t.Errorf("%s: a refused result changed the report: %d figures, want %d", how, rep.NumFields(), want)
		}
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
	var lists []*string // the first check's field list, as each way holds it
	for how, set := range setters(rep) {
		// setUnpacked keeps the checks it is given: each way gets its own.
		given := res
		given.Checks = append([]extract.Check(nil), res.Checks...)
		given.Checks[1].Fields = slices.Clone(res.Checks[1].Fields)
		if err := set(given); err != nil {
			t.Fatal(err)
		}
		got := rep.Checks()
		if !reflect.DeepEqual(got, res.Checks) {
			t.Errorf("%s: checks read back\n %#v\nwant %#v", how, got, res.Checks)
		}
		if rep.FailedChecks() != 3 || rep.NumChecks() != 4 {
			t.Errorf("%s: %d of %d checks fail, want 3 of 4", how, rep.FailedChecks(), rep.NumChecks())
		}
		// Equal lists are one list, the process's (see Report.Check).
		if &got[0].Fields[0] != &got[1].Fields[0] || &got[0].Fields[0] == &res.Checks[0].Fields[0] {
			t.Errorf("%s: equal field lists are not the process's one list", how)
		}
		lists = append(lists, &got[0].Fields[0])
		bad := res
		bad.Checks = []extract.Check{{ID: "a", Fields: []string{"proactive.total", "no.such.field"}}}
		if err := set(bad); err == nil {
			t.Errorf("%s: a check naming a field outside the schema was accepted", how)
		}
	}
	if lists[0] != lists[1] {
		t.Error("packed and unpacked reports hold different lists for the same fields")
	}
}

// TestPackerValues checks that every value and unit packed reads back
// where value says, whatever pairs share a slot of recent, and that a
// report's repeated pairs are held once.
func TestPackerValues(t *testing.T) {
	p := &packer{names: make(map[string]namedLists)}
	units := []string{"", "件", "万元", "人次"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		v, u := strconv.Itoa(rng.IntN(3000)), units[rng.IntN(len(units))]
		off := int(p.value(v, u))
		if end := off + len(v) + len(u); end > len(p.values) || string(p.values[off:end]) != v+u {
			t.Fatalf("value(%q, %q) = %d, which does not hold them", v, u, off)
		}
	}
	q := &packer{names: make(map[string]namedLists)}
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

// TestLoadUnpacked loads the testdata reports unpacked and packed: they
// read the same. Unpacked reports are not written to the cache, and a
// later unpacked load takes what the cache holds.
func TestLoadUnpacked(t *testing.T) {
	dir := t.TempDir()
	cacheDir := filepath.Join(dir, ".gitui", "cache")
	for _, name := range []string{"seeds/000_18bd725a6c48fc58.txt", "dev/reports/t005_pingtan_zone_2021_crawl.txt"} {
		write(t, dir, filepath.Base(name), readTestdata(t, name))
	}
	write(t, dir, "page.html", []byte(pageHTML))
	load := func(opt Options) *Corpus {
		t.Helper()
		c, err := LoadAll(context.Background(), []string{dir}, opt)
		if err != nil || len(c.Reports) != 3 {
			t.Fatalf("loaded %d reports: %v", len(c.Reports), err)
		}
		return c
	}
	packed := load(Options{})
	unpacked := load(Options{Unpacked: true, CacheDir: cacheDir})
	for i, r := range unpacked.Reports {
		if r.unpacked == nil || r.Cached {
			t.Fatalf("%s: unpacked %v, cached %v", r.Path, r.unpacked != nil, r.Cached)
		}
		want, err := json.Marshal(packed.Reports[i].Result())
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := json.Marshal(r.Result()); string(got) != string(want) {
			t.Errorf("%s: unpacked\n%s\npacked\n%s", r.Path, got, want)
		}
		// Figures yields what Field returns, packed or not.
		for _, rr := range []*Report{r, packed.Reports[i]} {
			n := 0
			for k, f := range rr.Figures() {
				if k != n || *f != rr.Field(k) {
					t.Errorf("%s: figure %d: %+v, want %+v", rr.Path, k, *f, rr.Field(k))
				}
				n++
			}
			if n != rr.NumFields() {
				t.Errorf("%s: %d figures, want %d", rr.Path, n, rr.NumFields())
			}
		}
	}
	if c := load(Options{CacheDir: cacheDir}); c.Reports[0].Cached {
		t.Fatal("an unpacked load wrote the cache")
	}
	for _, r := range load(Options{Unpacked: true, CacheDir: cacheDir}).Reports {
		if !r.Cached || r.unpacked != nil {
			t.Errorf("%s: after a packed load, an unpacked one read the cache: cached %v, unpacked %v", r.Path, r.Cached, r.unpacked != nil)
		}
	}
}

// TestPackerNumbers checks that numbers gives a check's own list, whatever
// lists were packed under its ID before: three lists taking turns, nil
// and empty ones among them.
func TestPackerNumbers(t *testing.T) {
	p := &packer{names: make(map[string]namedLists)}
	lists := [][]string{
		{"proactive.total", "fees.waived"},
		nil,
		{"fees.waived"},
		{},
		{"proactive.total", "fees.waived"},
	}
	for i := range 40 {
		fields := lists[i*7%len(lists)]
		name, list, err := p.numbers(extract.Check{ID: "a", Fields: slices.Clone(fields)})
		if err != nil {
			t.Fatal(err)
		}
		want, err := listNumber(fields)
		if err != nil {
			t.Fatal(err)
		}
		if got := checkLists.at(list); list != want || (got == nil) != (fields == nil) || !slices.Equal(got, fields) {
			t.Fatalf("check %d: list %d %q, want %d %q", i, list, got, want, fields)
		}
		if checkNames.at(name) != "a" {
			t.Fatalf("check %d: name %q", i, checkNames.at(name))
		}
	}
}
