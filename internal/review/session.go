package review

import "fmt"

// Session is one reviewer's work in one process: it stamps events with the
// reviewer, appends them, and keeps the undo and redo stacks. Undo and redo
// are themselves appended events, so the log stays append-only and another
// process sees them too. A Session is not safe for concurrent use.
type Session struct {
	store    *Store
	reviewer string
	done     []Event // undoable, most recent last
	undone   []Event // redoable, most recently undone last
}

// NewSession starts a session on store for reviewer (see Reviewer).
func NewSession(store *Store, reviewer string) *Session {
	return &Session{store: store, reviewer: reviewer}
}

// Store returns the store the session appends to.
func (s *Session) Store() *Store { return s.store }

// Do records an action (any but Undo and Redo) and returns the event as
// stored. It clears the redo stack, as editors do.
func (s *Session) Do(e Event) (Event, error) {
	if e.Action == Undo || e.Action == Redo {
		return e, fmt.Errorf("record %s through Session.Undo or Session.Redo", e.Action)
	}
	e.Reviewer = s.reviewer
	e, err := s.store.Append(e)
	if err != nil {
		return e, err
	}
	s.done = append(s.done, e)
	s.undone = s.undone[:0]
	return e, nil
}

// CanUndo reports whether Undo has something to revert.
func (s *Session) CanUndo() bool { return len(s.done) > 0 }

// CanRedo reports whether Redo has something to restore.
func (s *Session) CanRedo() bool { return len(s.undone) > 0 }

// Undo reverts this session's latest action. It returns the reverted event
// (so the UI can move to its figure) and false when there is nothing to undo.
func (s *Session) Undo() (Event, bool, error) {
	if len(s.done) == 0 {
		return Event{}, false, nil
	}
	target := s.done[len(s.done)-1]
	if _, err := s.store.Append(s.revert(Undo, target)); err != nil {
		return target, false, err
	}
	s.done = s.done[:len(s.done)-1]
	s.undone = append(s.undone, target)
	return target, true, nil
}

// Redo restores the action the latest Undo reverted.
func (s *Session) Redo() (Event, bool, error) {
	if len(s.undone) == 0 {
		return Event{}, false, nil
	}
	target := s.undone[len(s.undone)-1]
	if _, err := s.store.Append(s.revert(Redo, target)); err != nil {
		return target, false, err
	}
	s.undone = s.undone[:len(s.undone)-1]
	s.done = append(s.done, target)
	return target, true, nil
}

// revert builds the Undo or Redo event of target, on the same report and
// field so that Store.Events of the report finds it.
func (s *Session) revert(a Action, target Event) Event {
	return Event{Reviewer: s.reviewer, SHA256: target.SHA256, Path: target.Path,
		Field: target.Field, Action: a, Target: target.ID}
}
