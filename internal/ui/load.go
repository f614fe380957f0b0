package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"gitui/internal/corpus"
	"gitui/internal/review"
)

// batchMsg carries the load events that arrived since the last one: the
// explorer takes them in per frame, not one message per report, so a
// 100,000-report folder does not flood the update loop.
type batchMsg struct {
	entries  []*entry
	problems int
	skipped  int
	decided  int  // files decided so far
	total    int  // files found so far
	walked   bool // the walk finished: total is final
	closed   bool // the stream ended
}

// Batching bounds: a batch is cut after this long or this many events.
const (
	batchWindow = 40 * time.Millisecond
	batchMax    = 8192
)

// waitBatch waits for the next load event, then gathers whatever else
// arrives within batchWindow. Entries are prepared (search keys, pinyin)
// here, off the update loop.
func waitBatch(ch <-chan corpus.Event, rs *review.Session) tea.Cmd {
	return func() tea.Msg {
		var b batchMsg
		ev, ok := <-ch
		if !ok {
			b.closed = true
			return b
		}
		b.take(ev, rs)
		timer := time.NewTimer(batchWindow)
		defer timer.Stop()
		for len(b.entries) < batchMax {
			select {
			case ev, ok := <-ch:
				if !ok {
					b.closed = true
					return b
				}
				b.take(ev, rs)
			case <-timer.C:
				return b
			}
		}
		return b
	}
}

func (b *batchMsg) take(ev corpus.Event, rs *review.Session) {
	switch {
	case ev.Report != nil:
		e := newEntry(ev.Report, nil)
		countReview(rs, e)
		b.entries = append(b.entries, e)
	case ev.Problem != nil:
		b.entries = append(b.entries, newEntry(nil, ev.Problem))
		b.problems++
	}
	if ev.Skipped != "" {
		b.skipped++
	}
	b.decided = max(b.decided, ev.Done)
	b.total = max(b.total, ev.Total)
	b.walked = b.walked || ev.Walked
}

// spinMsg advances the loading spinner.
type spinMsg struct{}

func spinTick() tea.Cmd {
	return tea.Tick(120*time.Millisecond, func(time.Time) tea.Msg { return spinMsg{} })
}

var spinFrames = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}
