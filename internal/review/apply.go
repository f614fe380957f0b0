package review

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// State is where a figure stands after review.
type State string

// The states of a reviewed figure.
const (
	Extracted State = "extracted" // as the extractor read it; nobody looked yet
	Accepted  State = "accepted"  // a reviewer confirmed the extracted value
	Corrected State = "corrected" // a reviewer replaced the extracted value
	Added     State = "added"     // a reviewer added a figure the extractor missed
	Rejected  State = "rejected"  // a reviewer says the report does not state it
	Flagged   State = "flagged"   // a reviewer doubts it; Note says why
)

// Reviewed is one figure as the review shows it: the extracted field with
// the reviewers' events folded over it.
type Reviewed struct {
	// Field holds the value to show and export. For a correction or an
	// addition its Span and Text are where the source states the new value,
	// or zero when Ungrounded.
	extract.Field
	State State
	// Old is the extracted value a correction replaced.
	Old *extract.Number
	// Note is the latest note of a flag, accept or correction.
	Note string
	// Reviewer and Time are of the latest event that touched the figure.
	Reviewer string
	Time     time.Time
	// Ungrounded marks a reviewer's value that the source text does not
	// state at the event's span (or the event has none).
	Ungrounded bool
}

// Exported reports whether the figure has a value to export: everything
// but a rejected figure.
func (r Reviewed) Exported() bool { return r.State != Rejected }

// Active returns the events that hold after undo and redo: each Undo
// removes its target, a later Redo of the same target restores it. Undo and
// Redo events themselves are not returned. Order is kept.
func Active(events []Event) []Event {
	on := make(map[string]bool, len(events))
	for _, e := range events {
		switch e.Action {
		case Undo:
			on[e.Target] = false
		case Redo:
			on[e.Target] = true
		default:
			if _, seen := on[e.ID]; !seen {
				on[e.ID] = true
			}
		}
	}
	var out []Event
	for _, e := range events {
		if e.Action != Undo && e.Action != Redo && on[e.ID] {
			out = append(out, e)
		}
	}
	return out
}

// Apply folds the events of one report over its extracted fields and
// returns the reviewed figures in schema order. src is the report's decoded
// source, the text spans index; a corrected or added value is grounded only
// if the event's span of src states it (extract.Grounds). Events of other
// reports must not be passed: Apply does not look at SHA256.
func Apply(src string, fields []extract.Field, events []Event) []Reviewed {
	// The figures are built in out, in schema order, one per ID (of
	// fields sharing an ID, the last); st holds what the events decide
	// about each. Fields come in schema order from the extractor: each
	// place is found by looking on from the last one's, and the sort is
	// most often skipped. Export and check apply every report of a corpus,
	// most with no events: a map of figures and a sort by map lookups took
	// a third of `gitui check` on 100,000 reports.
	places := make([]int, len(fields))
	at, ordered := -1, true
	for i := range fields {
		p := schema.OrderAfter(fields[i].ID, at)
		ordered = ordered && p > at
		at = p
		places[i] = p
	}
	var order []int // the fields to keep, in schema order; nil: all, as they are
	if !ordered {
		order = make([]int, len(fields))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			return cmp.Or(cmp.Compare(places[a], places[b]), strings.Compare(fields[a].ID, fields[b].ID))
		})
		kept := order[:0]
		for j, i := range order {
			if j+1 < len(order) && fields[order[j+1]].ID == fields[i].ID {
				continue // a later field of the same ID follows
			}
			kept = append(kept, i)
		}
		order = kept
	}
	n := len(fields)
	if order != nil {
		n = len(order)
	}
	out := make([]Reviewed, n)
	st := make([]figureState, n)
	for j := range n {
		i := j
		if order != nil {
			i = order[j]
		}
		out[j].Field = fields[i]
		st[j] = figureState{at: places[i], extracted: i, base: Extracted}
	}
	for _, e := range Active(events) {
		sf, ok := schema.Lookup(e.Field)
		if !ok {
			continue
		}
		// Each schema ID has its own place: the extracted figures are
		// searched by it, the few added ones one by one.
		p := schema.Order(sf.ID)
		k, found := slices.BinarySearchFunc(st[:n], p, func(g figureState, p int) int { return cmp.Compare(g.at, p) })
		if !found {
			k = slices.IndexFunc(out[n:], func(r Reviewed) bool { return r.ID == e.Field })
			if k >= 0 {
				k += n
			}
		}
		if k < 0 {
			if e.Action != Correct && e.Action != Add {
				continue // nothing to accept, flag or reject
			}
			out = append(out, Reviewed{Field: extract.Field{ID: e.Field, Unit: sf.Unit}})
			st = append(st, figureState{at: p, extracted: -1, base: Added})
			k = len(out) - 1
		}
		r, g := &out[k], &st[k]
		switch e.Action {
		case Accept:
			g.rejected, g.accepted, g.flagged = false, true, false
		case Flag:
			g.flagged = true
		case Reject:
			g.rejected, g.accepted, g.flagged = true, false, false
		case Correct, Add:
			r.Value, r.Approx = *e.New, e.Approx
			r.Span, r.Text, r.Ungrounded = extract.Span{}, "", true
			if e.Span != nil && extract.Grounds(src, *e.Span, *e.New) {
				r.Span, r.Text, r.Ungrounded = *e.Span, src[e.Span.Start:e.Span.End], false
			}
			g.base, r.Old = Added, nil
			g.rejected, g.accepted, g.flagged = false, false, false
			if g.extracted >= 0 {
				x := &fields[g.extracted]
				old := x.Value // a copy: the caller's fields stay theirs
				g.base, r.Old = Corrected, &old
				if x.Value.Equal(*e.New) && x.Approx == e.Approx && !r.Ungrounded && r.Span == x.Span {
					// Set back to what was extracted: a confirmation.
					g.base, r.Old, g.accepted = Extracted, nil, true
				}
			}
		}
		if e.Note != "" || e.Action == Flag {
			r.Note = e.Note
		}
		r.Reviewer, r.Time = e.Reviewer, e.Time
	}
	for k := range out {
		r, g := &out[k], &st[k]
		if g.base == Extracted {
			// The extracted figure itself, also after every correction
			// of it was undone.
			r.Field, r.Old, r.Ungrounded = fields[g.extracted], nil, false
		}
		switch {
		case g.rejected:
			r.State = Rejected // stronger than a flag: no value is exported
		case g.flagged:
			r.State = Flagged
		case g.base != Extracted:
			r.State = g.base
		case g.accepted:
			r.State = Accepted
		default:
			r.State = Extracted
		}
	}
	if len(out) > n {
		// Figures were added: their places are among the others'.
		perm := make([]int, len(out))
		for k := range perm {
			perm[k] = k
		}
		slices.SortStableFunc(perm, func(a, b int) int {
			return cmp.Or(cmp.Compare(st[a].at, st[b].at), strings.Compare(out[a].ID, out[b].ID))
		})
		sorted := make([]Reviewed, len(out))
		for k, from := range perm {
			sorted[k] = out[from]
		}
		out = sorted
	}
	return out
}

// figureState is what Apply's events decide about a figure.
type figureState struct {
	at        int   // schema place; -1 for an ID outside the schema
	extracted int   // index of the extracted field; -1 for a figure a reviewer added
	base      State // Extracted, Corrected or Added: where the value comes from
	rejected  bool
	accepted  bool
	flagged   bool
}
