package hostile

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteStore writes a hostile review log at DIR/.gitui/reviews.jsonl for
// the report at reportPath (its SHA-256 keys the events), as a shared or
// tampered-with store could hold: payloads in the reviewer, the note and
// the path; spans outside the text and inside a character; numbers too
// large or not numbers; undo cycles; duplicate IDs; and lines that are not
// events at all (a torn last line, NULs, invalid UTF-8, 1 MB of JSON).
// It returns the path of the log.
func WriteStore(dir, reportPath string) (string, error) {
	raw, err := os.ReadFile(reportPath)
	if err != nil {
		return "", fmt.Errorf("hostile: read %s: %w", reportPath, err)
	}
	sum := sha256.Sum256(raw)
	sha := hex.EncodeToString(sum[:])
	ev := func(id, rest string) string {
		return fmt.Sprintf(`{"id":%q,"time":"2026-01-02T03:04:05Z","reviewer":%s,"sha256":%q,"path":%s,%s}`,
			id, jsonString("审核员"+OSC8+"x"+OSC8End), sha, jsonString(reportPath+OSC52), rest)
	}
	lines := []string{
		ev("A1", `"field":"proactive.total","action":"flag","note":`+jsonString("错误"+OSC52+ClearCSI+C1CSI+RLO+"1491\r9999")),
		ev("A2", `"field":"proactive.total","action":"correct","old":1491,"new":1941,"span":{"start":0,"end":1000000000}`),
		ev("A3", `"field":"applications.new.total","action":"correct","new":631,"span":{"start":1,"end":2}`), // inside a rune
		ev("A4", `"field":"applications.new.total","action":"correct","new":`+strings.Repeat("9", 400)),
		ev("A5", `"field":"applications.new.total","action":"correct","new":1e400`),
		ev("A6", `"field":"replies.total","action":"add","new":"=1+1"`),
		ev("A7", `"field":"replies.total","action":"add","new":-5,"span":{"start":-3,"end":4}`),
		ev("A8", `"action":"undo","target":"A9"`),
		ev("A9", `"action":"undo","target":"A8"`),
		ev("A10", `"action":"redo","target":"A10"`),
		ev("A1", `"field":"litigation.total","action":"reject","note":"duplicate id"`),
		ev("A11", `"field":"no.such.field","action":"accept"`),
		ev("A12", `"field":"proactive.total","action":"explode"`),
		`null`, `[]`, `{}`, `"\u001b]52;c;Z2l0dWktb3NjNTI=\u0007"`,
		"\x00\x00\x00", "\xff\xfe{\"id\":", `{"id":"big","note":"` + strings.Repeat("\\u001b", 1<<17) + `"}`,
		ev("A13", `"field":"proactive.total","action":"accept"`),
		`{"id":"torn","action":"acc`, // no newline: a write cut short
	}
	path := filepath.Join(dir, ".gitui", "reviews.jsonl")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("hostile: create %s: %w", filepath.Dir(path), err)
	}
	data := strings.Join(lines, "\n")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		return "", fmt.Errorf("hostile: write %s: %w", path, err)
	}
	return path, nil
}

// jsonString quotes s as a JSON string, escaping controls as \u00XX.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
