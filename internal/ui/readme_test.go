package ui

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateREADME = flag.Bool("update-readme", false, "rewrite the key table in README.md from the keymap")

// keyTable renders every binding of the keymap as the README's markdown table.
func keyTable() string {
	var b strings.Builder
	b.WriteString("| key | action |\n|---|---|\n")
	for _, col := range DefaultKeyMap().FullHelp() {
		for _, k := range col {
			h := k.Help()
			b.WriteString("| `" + strings.ReplaceAll(h.Key, "|", `\|`) + "` | " + h.Desc + " |\n")
		}
	}
	return b.String()
}

// TestREADMEKeyTable keeps the README's key table the keymap's own: the
// table between the keys markers is generated from DefaultKeyMap, so help,
// handling and documentation cannot drift apart. Run with -update-readme
// to rewrite it.
func TestREADMEKeyTable(t *testing.T) {
	const path = "../../README.md"
	const begin, end = "<!-- keys:begin (generated from internal/ui/keys.go) -->\n", "<!-- keys:end -->"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no key table markers %q … %q", begin, end)
	}
	want := keyTable()
	if got := readme[i+len(begin) : j]; got != want {
		if *updateREADME {
			readme = readme[:i+len(begin)] + want + readme[j:]
			if err := os.WriteFile(path, []byte(readme), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md key table differs from the keymap; run go test ./internal/ui -run TestREADMEKeyTable -update-readme\n got:\n%s\nwant:\n%s", got, want)
	}
}
