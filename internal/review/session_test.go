package review

import (
	"path/filepath"
	"testing"

	"gitui/internal/extract"
)

func TestSessionUndoRedo(t *testing.T) {
	src := seedText(t)
	letter := fieldAt(t, src, "applications.channel.letter", "以信函形式申请", "69")
	fields := []extract.Field{letter}
	store, err := Open(filepath.Join(t.TempDir(), "reviews.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(store, "ann")
	view := func() Reviewed {
		t.Helper()
		got := Apply(src, fields, store.Events(sha))
		if len(got) != 1 {
			t.Fatalf("got %d figures", len(got))
		}
		return got[0]
	}
	if _, _, err := s.Undo(); err != nil || s.CanUndo() {
		t.Fatal("undo with nothing done")
	}
	if _, err := s.Do(Event{SHA256: sha, Path: "000.txt", Field: letter.ID, Action: Correct, New: num("70")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Do(Event{SHA256: sha, Field: letter.ID, Action: Flag, Note: "分页处数字不清"}); err != nil {
		t.Fatal(err)
	}
	if r := view(); r.State != Flagged || r.Value.String() != "70" || r.Reviewer != "ann" {
		t.Fatalf("after correct+flag: %+v", r)
	}
	steps := []struct {
		op    func() (Event, bool, error)
		state State
		value string
	}{
		{s.Undo, Corrected, "70"},
		{s.Undo, Extracted, "69"},
		{s.Undo, Extracted, "69"}, // nothing left
		{s.Redo, Corrected, "70"},
		{s.Redo, Flagged, "70"},
		{s.Redo, Flagged, "70"}, // nothing left
		{s.Undo, Corrected, "70"},
	}
	for i, st := range steps {
		if _, _, err := st.op(); err != nil {
			t.Fatal(err)
		}
		if r := view(); r.State != st.state || r.Value.String() != st.value {
			t.Errorf("step %d: %s %s, want %s %s", i, r.State, r.Value, st.state, st.value)
		}
	}
	// A new action clears the redo stack.
	if _, err := s.Do(Event{SHA256: sha, Field: letter.ID, Action: Accept}); err != nil {
		t.Fatal(err)
	}
	if s.CanRedo() {
		t.Error("redo possible after a new action")
	}
	// Another process opening the store sees the same view.
	other, err := Open(store.Path())
	if err != nil {
		t.Fatal(err)
	}
	a, b := view(), Apply(src, fields, other.Events(sha))[0]
	if a.State != b.State || !a.Value.Equal(b.Value) {
		t.Errorf("reopened view %s %s differs from %s %s", b.State, b.Value, a.State, a.Value)
	}
	if _, err := s.Do(Event{SHA256: sha, Field: letter.ID, Action: Undo, Target: "x"}); err == nil {
		t.Error("Do accepted an undo event")
	}
}
