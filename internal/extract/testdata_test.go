package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// testdataReports returns the .txt reports of testdata as stored (some
// are GB18030 or Big5), for the tests that hold a rule to its reference
// on real text.
func testdataReports(t testing.TB) []string {
	t.Helper()
	names, _ := filepath.Glob("../../testdata/*/*.txt")
	more, _ := filepath.Glob("../../testdata/*/reports/*.txt")
	var texts []string
	for _, name := range append(names, more...) {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(raw))
	}
	if len(texts) == 0 {
		t.Fatal("no reports in testdata")
	}
	return texts
}
