// Package review keeps the human review of extracted figures: an
// append-only log of events (accept, flag, correct, add, reject, undo, redo)
// beside the untouched reports, and the fold of those events over a report's
// extracted fields that the explorer and the exports show.
//
// Events are keyed by the SHA-256 of the report file, so a renamed or moved
// report keeps its review, and a report whose bytes changed shows its old
// review as stale rather than silently applying it to new text.
//
// The log is JSON lines at DIR/.gitui/reviews.jsonl (DefaultPath). Each event
// is written as one whole line under a file lock and fsynced before Append
// returns, so several gitui processes can review the same corpus and a crash
// loses nothing that was acknowledged.
package review

import (
	"crypto/rand"
	"fmt"
	"os"
	"os/user"
	"time"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// Action is what a reviewer did to one figure.
type Action string

// The actions. Undo and Redo name the event they revert or restore in
// Event.Target; the others act on Event.Field.
const (
	Accept  Action = "accept"  // the extracted (or corrected) value is right
	Flag    Action = "flag"    // something is wrong or doubtful; Note says what
	Correct Action = "correct" // the value is New, not the extracted one
	Add     Action = "add"     // the report states a figure the extractor missed
	Reject  Action = "reject"  // the report does not state this figure at all
	Undo    Action = "undo"    // Target is reverted
	Redo    Action = "redo"    // Target, reverted earlier, holds again
)

func (a Action) valid() bool {
	switch a {
	case Accept, Flag, Correct, Add, Reject, Undo, Redo:
		return true
	}
	return false
}

// Event is one line of the review log.
type Event struct {
	// ID names the event, unique across processes; Undo and Redo refer to it.
	ID       string    `json:"id"`
	Time     time.Time `json:"time"`
	Reviewer string    `json:"reviewer"`
	// SHA256 is the hex digest of the report file's raw bytes: the key.
	SHA256 string `json:"sha256"`
	// Path is where the report was when reviewed, for people reading the log.
	Path   string `json:"path"`
	Field  string `json:"field"`
	Action Action `json:"action"`
	// Old is the value shown before the action, New the value it sets
	// (Correct and Add only).
	Old    *extract.Number `json:"old,omitempty"`
	New    *extract.Number `json:"new,omitempty"`
	Approx bool            `json:"approx,omitempty"`
	// Span is where the source text states New (see extract.Locate); nil
	// when the reviewer's value is not stated in the text.
	Span *extract.Span `json:"span,omitempty"`
	Note string        `json:"note,omitempty"`
	// Target is the ID of the event an Undo reverts or a Redo restores.
	Target string `json:"target,omitempty"`
}

// validate reports what makes e unfit to store or apply.
func (e *Event) validate() error {
	switch {
	case e.ID == "":
		return fmt.Errorf("event has no id")
	case !e.Action.valid():
		return fmt.Errorf("event %s: unknown action %q", e.ID, e.Action)
	case e.SHA256 == "":
		return fmt.Errorf("event %s: no sha256", e.ID)
	case !isSHA256(e.SHA256):
		// The key must be what the loader computes (lowercase hex), or the
		// event applies to nothing; and a crafted key could carry
		// terminal controls into every listing of the log.
		return fmt.Errorf("event %s: sha256 %q is not 64 lowercase hex digits", e.ID, e.SHA256)
	}
	switch e.Action {
	case Undo, Redo:
		if e.Target == "" {
			return fmt.Errorf("event %s: %s names no target", e.ID, e.Action)
		}
	default:
		if _, ok := schema.Lookup(e.Field); !ok {
			return fmt.Errorf("event %s: unknown field %q", e.ID, e.Field)
		}
	}
	if (e.Action == Correct || e.Action == Add) && e.New == nil {
		return fmt.Errorf("event %s: %s without a new value", e.ID, e.Action)
	}
	if e.Span != nil && (e.Span.Start < 0 || e.Span.End < e.Span.Start) {
		return fmt.Errorf("event %s: bad span [%d,%d)", e.ID, e.Span.Start, e.Span.End)
	}
	return nil
}

// isSHA256 reports whether s is a SHA-256 digest as the loader writes it:
// 64 lowercase hex digits.
func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// newID returns a random event ID; 26 base32 characters make collisions
// between processes practically impossible without any coordination.
func newID() string { return rand.Text() }

// Reviewer returns who is reviewing: flag if set, else $GITUI_REVIEWER,
// else the OS user name, else "unknown".
func Reviewer(flag string) string {
	if flag != "" {
		return flag
	}
	if r := os.Getenv("GITUI_REVIEWER"); r != "" {
		return r
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if r := os.Getenv("USER"); r != "" {
		return r
	}
	return "unknown"
}
