package review

import (
	"os"
	"strings"
	"testing"
	"time"

	"gitui/internal/extract"
)

// seedText is a real report; its figures below are spans of it.
func seedText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/seeds/000_18bd725a6c48fc58.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fieldAt builds the extracted field whose text is the first number after
// context in src.
func fieldAt(t *testing.T, src, id, context, number string) extract.Field {
	t.Helper()
	i := strings.Index(src, context+number)
	if i < 0 {
		t.Fatalf("%q not in the report", context+number)
	}
	start := i + len(context)
	v, err := extract.ParseNumber(number)
	if err != nil {
		t.Fatal(err)
	}
	return extract.Field{ID: id, Value: v, Unit: "件", Span: extract.Span{Start: start, End: start + len(number)}, Text: number}
}

func num(s string) *extract.Number {
	n, err := extract.ParseNumber(s)
	if err != nil {
		panic(err)
	}
	return &n
}

func TestApply(t *testing.T) {
	src := seedText(t)
	letter := fieldAt(t, src, "applications.channel.letter", "以信函形式申请", "69")
	total := fieldAt(t, src, "applications.new.total", "受理各类依申请公开件共计", "631")
	fields := []extract.Field{total, letter}
	// Where the text states 562 (当面申请562件): a grounded correction.
	at562 := strings.Index(src, "562")
	span562 := &extract.Span{Start: at562, End: at562 + 3}

	ev := func(id string, a Action, field string) Event {
		return Event{ID: id, Action: a, Field: field, SHA256: "x", Reviewer: "ann", Time: time.Unix(1, 0)}
	}
	correct := func(id, field, v string, sp *extract.Span) Event {
		e := ev(id, Correct, field)
		e.New, e.Span = num(v), sp
		return e
	}
	undo := func(id, target string) Event { e := ev(id, Undo, ""); e.Target = target; return e }
	redo := func(id, target string) Event { e := ev(id, Redo, ""); e.Target = target; return e }

	type want struct {
		state      State
		value      string
		text       string
		old        string
		ungrounded bool
	}
	tests := []struct {
		name   string
		events []Event
		field  string
		want   *want // nil: the figure is absent
	}{
		{"no events", nil, "applications.channel.letter", &want{Extracted, "69", "69", "", false}},
		{"accept", []Event{ev("1", Accept, "applications.channel.letter")}, "applications.channel.letter",
			&want{Accepted, "69", "69", "", false}},
		{"flag", []Event{ev("1", Accept, "applications.channel.letter"), ev("2", Flag, "applications.channel.letter")},
			"applications.channel.letter", &want{Flagged, "69", "69", "", false}},
		{"reject", []Event{ev("1", Reject, "applications.channel.letter")}, "applications.channel.letter",
			&want{Rejected, "69", "69", "", false}},
		{"correct grounded", []Event{correct("1", "applications.channel.letter", "562", span562)},
			"applications.channel.letter", &want{Corrected, "562", "562", "69", false}},
		{"correct ungrounded", []Event{correct("1", "applications.channel.letter", "70", nil)},
			"applications.channel.letter", &want{Corrected, "70", "", "69", true}},
		{"correct with a span that states another value", []Event{correct("1", "applications.channel.letter", "563", span562)},
			"applications.channel.letter", &want{Corrected, "563", "", "69", true}},
		{"add", []Event{correct("1", "applications.channel.in_person", "562", span562)},
			"applications.channel.in_person", &want{Added, "562", "562", "", false}},
		{"add then reject", []Event{correct("1", "applications.channel.in_person", "562", span562),
			ev("2", Reject, "applications.channel.in_person")},
			"applications.channel.in_person", &want{Rejected, "562", "562", "", false}},
		{"accept of a missing figure is nothing", []Event{ev("1", Accept, "applications.channel.fax")},
			"applications.channel.fax", nil},
		{"undo correction", []Event{correct("1", "applications.channel.letter", "70", nil), undo("2", "1")},
			"applications.channel.letter", &want{Extracted, "69", "69", "", false}},
		{"undo then redo", []Event{correct("1", "applications.channel.letter", "70", nil), undo("2", "1"), redo("3", "1")},
			"applications.channel.letter", &want{Corrected, "70", "", "69", true}},
		{"undo the second of two corrections", []Event{correct("1", "applications.channel.letter", "70", nil),
			correct("2", "applications.channel.letter", "562", span562), undo("3", "2")},
			"applications.channel.letter", &want{Corrected, "70", "", "69", true}},
		{"undo an add", []Event{correct("1", "applications.channel.in_person", "562", span562), undo("2", "1")},
			"applications.channel.in_person", nil},
		{"undo a reject", []Event{ev("1", Reject, "applications.channel.letter"), undo("2", "1")},
			"applications.channel.letter", &want{Extracted, "69", "69", "", false}},
		{"correct back to the extracted value is an accept", []Event{correct("1", "applications.channel.letter", "69", &letter.Span)},
			"applications.channel.letter", &want{Accepted, "69", "69", "", false}},
		{"accept after reject restores the figure", []Event{ev("1", Reject, "applications.channel.letter"),
			ev("2", Accept, "applications.channel.letter")},
			"applications.channel.letter", &want{Accepted, "69", "69", "", false}},
		{"a flag does not undo a reject", []Event{ev("1", Reject, "applications.channel.letter"),
			ev("2", Flag, "applications.channel.letter")},
			"applications.channel.letter", &want{Rejected, "69", "69", "", false}},
		{"undo a reject after a correction", []Event{correct("1", "applications.channel.letter", "562", span562),
			ev("2", Reject, "applications.channel.letter"), undo("3", "2")},
			"applications.channel.letter", &want{Corrected, "562", "562", "69", false}},
		{"accept clears a flag", []Event{ev("1", Flag, "applications.channel.letter"), ev("2", Accept, "applications.channel.letter")},
			"applications.channel.letter", &want{Accepted, "69", "69", "", false}},
		{"accept keeps a correction", []Event{correct("1", "applications.channel.letter", "562", span562),
			ev("2", Accept, "applications.channel.letter")},
			"applications.channel.letter", &want{Corrected, "562", "562", "69", false}},
		{"other fields untouched", []Event{ev("1", Reject, "applications.channel.letter")},
			"applications.new.total", &want{Extracted, "631", "631", "", false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Apply(src, fields, tt.events)
			var r *Reviewed
			for i := range got {
				if got[i].ID == tt.field {
					r = &got[i]
				}
			}
			if tt.want == nil {
				if r != nil {
					t.Fatalf("%s present as %+v, want absent", tt.field, *r)
				}
				return
			}
			if r == nil {
				t.Fatalf("%s absent", tt.field)
			}
			w := tt.want
			if r.State != w.state || r.Value.String() != w.value || r.Text != w.text || r.Ungrounded != w.ungrounded {
				t.Errorf("got state %s value %s text %q ungrounded %v; want %s %s %q %v",
					r.State, r.Value, r.Text, r.Ungrounded, w.state, w.value, w.text, w.ungrounded)
			}
			if r.Text != "" && src[r.Start:r.End] != r.Text {
				t.Errorf("span %v does not hold %q", r.Span, r.Text)
			}
			gotOld := ""
			if r.Old != nil {
				gotOld = r.Old.String()
			}
			if gotOld != w.old {
				t.Errorf("old = %q, want %q", gotOld, w.old)
			}
		})
	}
}

func TestApplySchemaOrder(t *testing.T) {
	src := seedText(t)
	letter := fieldAt(t, src, "applications.channel.letter", "以信函形式申请", "69")
	added := Event{ID: "1", Action: Add, Field: "proactive.total", SHA256: "x", New: num("1491")}
	got := Apply(src, []extract.Field{letter}, []Event{added})
	if len(got) != 2 || got[0].ID != "proactive.total" || got[1].ID != "applications.channel.letter" {
		t.Fatalf("got %v, want proactive.total then applications.channel.letter", got)
	}
	if !got[0].Ungrounded {
		t.Errorf("an addition without a span must be ungrounded")
	}
}
