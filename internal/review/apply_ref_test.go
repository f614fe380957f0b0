package review

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// applyRef is Apply as it was first written, by a map of figures and a
// sort on schema places; figures of IDs outside the schema, which it left
// in any order, are sorted by ID. What an event does to a figure is
// Apply's own (figureState.fold, covered by TestApply): the reference
// checks how figures are found, kept once and ordered.
func applyRef(src string, fields []extract.Field, events []Event) []Reviewed {
	type figure struct {
		r Reviewed
		g figureState
	}
	figs := make(map[string]*figure, len(fields))
	for i := range fields {
		figs[fields[i].ID] = &figure{Reviewed{Field: fields[i]}, figureState{extracted: i, base: Extracted}}
	}
	for _, e := range Active(events) {
		sf, ok := schema.Lookup(e.Field)
		if !ok {
			continue
		}
		f := figs[e.Field]
		if f == nil {
			if e.Action != Correct && e.Action != Add {
				continue
			}
			f = &figure{Reviewed{Field: extract.Field{ID: e.Field, Unit: sf.Unit}}, figureState{extracted: -1, base: Added}}
			figs[e.Field] = f
		}
		f.g.fold(&f.r, e, src, fields)
	}
	out := make([]Reviewed, 0, len(figs))
	for _, f := range figs {
		out = append(out, f.g.reviewed(f.r, fields))
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := schema.Order(out[i].ID), schema.Order(out[j].ID)
		return a < b || a == b && out[i].ID < out[j].ID
	})
	return out
}

// TestApplyMatchesReference applies random events to random fields: in
// schema order or not, with IDs repeated and IDs outside the schema, events
// on extracted, missing and unknown fields, undone and redone, with spans
// that ground their value or not.
func TestApplyMatchesReference(t *testing.T) {
	src := "收到申请12件,答复7件,其中公开3件,不予公开0件,复议1起。"
	// The numbers of src and their spans, for values a span grounds.
	type stated struct {
		v    string
		span extract.Span
	}
	var nums []stated
	for _, v := range []string{"12", "7", "3", "0", "1"} {
		i := strings.Index(src, v)
		nums = append(nums, stated{v, extract.Span{Start: i, End: i + len(v)}})
	}
	all := schema.All()
	ids := []string{"not.a.field", "also.not.one"}
	for _, k := range []int{0, 1, 2, 40, 41, 42, 100, len(all) - 1} {
		ids = append(ids, all[k].ID)
	}
	num := func(s string) extract.Number {
		n, err := extract.ParseNumber(s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	rng := rand.New(rand.NewPCG(1, 2))
	actions := []Action{Accept, Flag, Correct, Add, Reject, Undo, Redo}
	for trial := range 3000 {
		var fields []extract.Field
		for range rng.IntN(8) {
			s := nums[rng.IntN(len(nums))]
			fields = append(fields, extract.Field{ID: ids[rng.IntN(len(ids))], Value: num(s.v), Unit: "件", Span: s.span, Text: s.v})
		}
		if rng.IntN(2) == 0 {
			sort.SliceStable(fields, func(i, j int) bool { return schema.Order(fields[i].ID) < schema.Order(fields[j].ID) })
		}
		var events []Event
		for i := range rng.IntN(10) {
			e := Event{ID: fmt.Sprint(i), Field: ids[rng.IntN(len(ids))], Action: actions[rng.IntN(len(actions))],
				Reviewer: fmt.Sprint("r", i), Time: time.Unix(int64(i), 0), Approx: rng.IntN(4) == 0}
			switch e.Action {
			case Undo, Redo:
				e.Target = fmt.Sprint(rng.IntN(i + 1))
			case Correct, Add:
				s := nums[rng.IntN(len(nums))]
				v := num(s.v)
				e.New = &v
				if rng.IntN(3) > 0 {
					sp := nums[rng.IntN(len(nums))].span // grounds New or not
					e.Span = &sp
				}
			}
			if rng.IntN(3) == 0 {
				e.Note = fmt.Sprint("note ", i)
			}
			events = append(events, e)
		}
		got, want := Apply(src, fields, events), applyRef(src, fields, events)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: fields %v events %v:\n got %+v\nwant %+v", trial, fields, events, got, want)
		}
	}
}
