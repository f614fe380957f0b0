package ui

import (
	"sync"
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

// Taking a batch into the list costs time in proportion to the list (it
// is merged into the sorted order and the rows laid out again), and the
// update loop shares the machine with the load's workers. Once a batch
// took long, the next one gathers for intakeShare times as long, so that
// the loop spends at most about a ninth of its time taking batches in, up
// to maxBatchWindow: on 100,000 uncached reports the intake of a batch
// every 40 ms took 1.5 s of CPU from the extraction.
const (
	intakeShare    = 8
	maxBatchWindow = 400 * time.Millisecond
)

// batchGap returns how long the next batch gathers after one whose
// intake took intake.
func batchGap(intake time.Duration) time.Duration {
	return min(max(batchWindow, intakeShare*intake), maxBatchWindow)
}

// eventPump reads a load's events as they come, preparing an entry for
// each report (search keys, pinyin) off the update loop, and gathers them
// for the explorer to take a batch at a time. The load never waits for
// the explorer to take in a batch or draw a frame: at 100,000 cached
// reports it waited more than it worked.
type eventPump struct {
	mu      sync.Mutex
	pending batchMsg
	// ready holds a token while pending has something new: an entry, a
	// count, the end of the stream.
	ready chan struct{}
}

// pumpEvents starts reading ch; rs counts the reviews of each report.
func pumpEvents(ch <-chan corpus.Event, rs *review.Session) *eventPump {
	p := &eventPump{ready: make(chan struct{}, 1)}
	go func() {
		for ev := range ch {
			e := prepare(ev, rs)
			p.mu.Lock()
			p.pending.add(ev, e)
			p.mu.Unlock()
			p.signal()
		}
		p.mu.Lock()
		p.pending.closed = true
		p.mu.Unlock()
		p.signal()
	}()
	return p
}

func (p *eventPump) signal() {
	select {
	case p.ready <- struct{}{}:
	default:
	}
}

// waitBatch waits until something has arrived, lets more gather for
// window unless the stream ended, and returns up to batchMax entries of
// it.
func waitBatch(p *eventPump, window time.Duration) tea.Cmd {
	return func() tea.Msg {
		<-p.ready
		timer := time.NewTimer(window)
		defer timer.Stop()
	gather:
		for {
			p.mu.Lock()
			done := p.pending.closed || len(p.pending.entries) >= batchMax
			p.mu.Unlock()
			if done {
				break
			}
			select {
			case <-p.ready:
			case <-timer.C:
				break gather
			}
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		b := p.pending
		// What is decided so far goes with every batch: it only grows.
		rest := batchMsg{decided: b.decided, total: b.total, walked: b.walked}
		if len(b.entries) > batchMax {
			// The entries past batchMax, and the end of the stream, are
			// the next batch's.
			rest.entries, rest.closed = b.entries[batchMax:], b.closed
			b.entries, b.closed = b.entries[:batchMax:batchMax], false
			p.signal()
		}
		p.pending = rest
		return b
	}
}

// prepare returns the entry of ev's report or problem, nil for neither.
func prepare(ev corpus.Event, rs *review.Session) *entry {
	switch {
	case ev.Report != nil:
		e := newEntry(ev.Report, nil)
		countReview(rs, e)
		return e
	case ev.Problem != nil:
		return newEntry(nil, ev.Problem)
	}
	return nil
}

// add records ev, whose entry is e.
func (b *batchMsg) add(ev corpus.Event, e *entry) {
	if e != nil {
		b.entries = append(b.entries, e)
	}
	if ev.Problem != nil {
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
