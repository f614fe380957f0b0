package corpus

import (
	"encoding/json"
	"testing"
	"unsafe"
)

// TestCompact checks that compacting a report changes no value, and that
// afterwards the texts of its fields lie in its Source.
func TestCompact(t *testing.T) {
	for _, name := range []string{"seeds/000_18bd725a6c48fc58.txt", "dev/reports/t005_pingtan_zone_2021_crawl.txt"} {
		rep, err := Parse(name, readTestdata(t, name))
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Fields) == 0 {
			t.Fatalf("%s: no fields to compact", name)
		}
		before, _ := json.Marshal(rep.Result)
		rep.compact(&interner{})
		after, _ := json.Marshal(rep.Result)
		if string(before) != string(after) {
			t.Errorf("%s: compact changed the result:\n%s\n%s", name, before, after)
		}
		src := uintptr(unsafe.Pointer(unsafe.StringData(rep.Source)))
		for _, f := range rep.Fields {
			p := uintptr(unsafe.Pointer(unsafe.StringData(f.Text)))
			if p < src || p+uintptr(len(f.Text)) > src+uintptr(len(rep.Source)) {
				t.Errorf("%s: %s: Text %q is a copy, not a slice of Source", name, f.ID, f.Text)
			}
		}
	}
}
