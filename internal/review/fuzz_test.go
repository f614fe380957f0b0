package review

import (
	"bytes"
	"encoding/json"
	"testing"
)

func FuzzReadStore(f *testing.F) {
	var valid bytes.Buffer
	var ids []string
	for i, field := range []string{"proactive.total", "replies.total"} {
		e := accept(field)
		e.ID = []string{"A", "B"}[i]
		b, _ := json.Marshal(e)
		valid.Write(append(b, '\n'))
		ids = append(ids, e.ID)
	}
	f.Add([]byte(`{"id":"C","sha256":"x","field":"proactive.total","action":"accept"}`))
	f.Add([]byte(`{"id":"C","sha256":"x","field":"proactive.total","act`))
	f.Add([]byte("\n\n{}\n[1,2]\n\"s\"\nnull\n"))
	f.Add([]byte(`{"id":"C","sha256":"x","action":"undo"}` + "\n"))
	f.Add([]byte(`{"id":"C","sha256":"x","field":"fees.collected","action":"correct","new":1e400}` + "\n"))
	f.Add([]byte(`{"id":"C","sha256":"x","field":"fees.collected","action":"add","new":"12.5","span":{"start":-4,"end":2}}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		evs, probs, n := parse(data, 0, 0)
		if n > len(data) || n > 0 && data[n-1] != '\n' {
			t.Fatalf("consumed %d bytes, not ending a line", n)
		}
		if bytes.IndexByte(data[n:], '\n') >= 0 {
			t.Fatalf("a complete line left unread")
		}
		for _, e := range evs {
			if err := e.validate(); err != nil {
				t.Fatalf("returned an invalid event: %v", err)
			}
		}
		if len(evs) > bytes.Count(data, []byte{'\n'}) {
			t.Fatalf("%d events from %d lines", len(evs), bytes.Count(data, []byte{'\n'}))
		}
		for _, p := range probs {
			_ = p.Error()
		}
		// What was saved before damage is never lost.
		all := append(valid.Bytes()[:valid.Len():valid.Len()], data...)
		evs, _, _ = parse(all, 0, 0)
		if len(evs) < len(ids) {
			t.Fatalf("valid lines lost: %d events", len(evs))
		}
		for i, id := range ids {
			if evs[i].ID != id {
				t.Fatalf("event %d is %s, want %s", i, evs[i].ID, id)
			}
		}
	})
}
