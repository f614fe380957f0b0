package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	xwidth "golang.org/x/text/width"

	"gitui/internal/extract"
	"gitui/internal/review"
	"gitui/internal/schema"
	"gitui/internal/textsafe"
)

// figure is what the figures pane shows in one row.
type figure = extract.Field

// reviewState is the review side of the explorer: the session that appends
// to the store, the selected report's figures with the events folded over
// them, and the corpus-wide progress.
type reviewState struct {
	session *review.Session // nil: read-only explorer; else appends to the store
	busy    bool            // an append is in flight; further actions wait
	// refreshing: a read of other processes' appends is in flight.
	refreshing bool

	rows []review.Reviewed // the selected report's figures, schema order

	// target is the figure a review editor acts on, fixed when the editor
	// opens so that what is submitted lands on the figure the reviewer
	// looked at, even if the cursor has moved since (a retry).
	target reviewTarget

	addID   string // the field being added, once chosen
	addCur  int
	addKeys map[string]string // field ID → search key, made on first use

	// stale counts the selected file's review events recorded for other
	// bytes: shown, never applied.
	stale int
	// byPath counts the log's events per file path and SHA-256, built once
	// so that finding stale events is not a scan of the log per keystroke.
	byPath map[string]map[string]int

	// Corpus-wide progress, kept up to date per batch and per action.
	figures, reviewed int
}

// reviewTarget names the report and figure of an open review editor.
type reviewTarget struct {
	sel    int32  // the report's entry
	sha256 string // the report's bytes, to check the entry still holds them
	field  string // the figure's field ID; empty for an add until chosen
	// old is the figure's value when the editor opened: a correction's Old.
	old extract.Number
}

// targetOf fixes the selected report and its figure row i as the target of
// the editor about to open; i < 0 targets the report alone (an add).
func (m *Model) targetOf(i int) reviewTarget {
	t := reviewTarget{sel: m.sel}
	if e := m.selected(); e != nil && e.rep != nil {
		t.sha256 = e.rep.SHA256
	}
	if i >= 0 {
		f, _ := m.figureAt(i)
		t.field, t.old = f.ID, f.Value
	}
	return t
}

// targetEntry returns the report of the editor's target, or nil when the
// entry no longer holds the bytes the editor was opened on.
func (m *Model) targetEntry() *entry {
	t := m.rev.target
	if t.sel < 0 || int(t.sel) >= len(m.idx.entries) {
		return nil
	}
	e := m.idx.entries[t.sel]
	if e == nil || e.rep == nil || e.rep.SHA256 != t.sha256 {
		return nil
	}
	return e
}

// loadFigures folds the review events of the selected report over its
// fields. Without a store every figure is as extracted.
func (m *Model) loadFigures() {
	m.rev.rows = m.rev.rows[:0]
	m.rev.stale = 0
	e := m.selected()
	if e == nil || e.rep == nil {
		return
	}
	if m.rev.session != nil {
		// What other processes appended arrives by refreshReviews, off the
		// UI path: reading it may wait for their lock.
		st := m.rev.session.Store()
		m.rev.stale = m.staleEvents(st, e)
		m.rev.rows = review.Apply(e.rep.Source, e.rep.Fields(), st.Events(e.rep.SHA256))
		return
	}
	for _, f := range e.rep.Fields() {
		m.rev.rows = append(m.rev.rows, review.Reviewed{Field: f, State: review.Extracted})
	}
}

// reviewsRefreshedMsg reports a read of what other processes appended to
// the review log.
type reviewsRefreshedMsg struct{ err error }

// refreshReviews reads, in the background, what other processes appended to
// the review log since the last read: started when the selection moves to
// another report, so that report shows their reviews. One read at a time.
func (m *Model) refreshReviews() tea.Cmd {
	if m.rev.session == nil || m.rev.refreshing {
		return nil
	}
	m.rev.refreshing = true
	st := m.rev.session.Store()
	return func() tea.Msg { return reviewsRefreshedMsg{err: st.Refresh()} }
}

// reviewsRefreshed folds what the read brought over the selected report,
// keeping the cursor on its figure.
func (m *Model) reviewsRefreshed(msg reviewsRefreshedMsg) {
	m.rev.refreshing = false
	if msg.err != nil {
		m.say("reading reviews: "+msg.err.Error(), true)
		return
	}
	if e := m.selected(); e != nil && e.rep != nil {
		m.rev.reviewed -= e.reviewed
		m.rev.figures -= e.added
		countReview(m.rev.session, e)
		m.rev.reviewed += e.reviewed
		m.rev.figures += e.added
	}
	f, _ := m.figureAt(m.figs.cur)
	cur := m.figs.cur
	m.loadFigures()
	m.setFigure(m.rowOfID(f.ID, cur))
}

// staleEvents counts the events recorded for e's path under another
// SHA-256: the review of an earlier version of the file.
func (m *Model) staleEvents(st *review.Store, e *entry) int {
	if m.rev.byPath == nil {
		m.rev.byPath = make(map[string]map[string]int)
		for _, ev := range st.All() {
			bs := m.rev.byPath[ev.Path]
			if bs == nil {
				bs = make(map[string]int)
				m.rev.byPath[ev.Path] = bs
			}
			bs[ev.SHA256]++
		}
	}
	n := 0
	for sha, c := range m.rev.byPath[e.rep.Path] {
		if sha != e.rep.SHA256 {
			n += c
		}
	}
	return n
}

func (m *Model) figureCount() int { return len(m.rev.rows) }

// figureAt returns row i's figure and review state.
func (m *Model) figureAt(i int) (figure, review.State) {
	if i < 0 || i >= len(m.rev.rows) {
		return figure{}, ""
	}
	return m.rev.rows[i].Field, m.rev.rows[i].State
}

// figureField returns the index in the report's extracted fields of row i,
// or -1 for a figure a reviewer added.
func (m *Model) figureField(i int) int {
	if i < 0 || i >= len(m.rev.rows) || m.src.view == nil {
		return -1
	}
	if fi, ok := m.src.view.pos[m.rev.rows[i].ID]; ok {
		return fi
	}
	return -1
}

// figureRow returns the row of extracted field fi.
func (m *Model) figureRow(fi int) int {
	e := m.selected()
	if e == nil || e.rep == nil || fi < 0 || fi >= e.rep.NumFields() {
		return m.figs.cur
	}
	id := e.rep.Field(fi).ID
	for i, r := range m.rev.rows {
		if r.ID == id {
			return i
		}
	}
	return m.figs.cur
}

// figureValue is the value cell of row i: a correction shows old→new.
func (m *Model) figureValue(i int) string {
	r := m.rev.rows[i]
	v := r.Value.String()
	switch r.State {
	case review.Corrected:
		if r.Old != nil {
			return r.Old.String() + "→" + v
		}
	case review.Rejected:
		return "—"
	}
	return v
}

// stateMark is the one-cell mark of a review state in the figures list.
func (m *Model) stateMark(s review.State) string {
	t := m.theme
	switch s {
	case review.Accepted:
		return t.Good.Render("✓ ")
	case review.Corrected:
		return t.Warn.Render("✎ ")
	case review.Added:
		return t.Warn.Render("+ ")
	case review.Rejected:
		return t.Dim.Render("⊘ ")
	case review.Flagged:
		return t.Bad.Render("⚑ ")
	}
	return ""
}

// stateLine describes the selected figure's review in the detail lines.
func (m *Model) stateLine(s review.State) string {
	if s == "" || s == review.Extracted {
		return ""
	}
	r := m.rev.rows[m.figs.cur]
	out := string(s)
	if r.Reviewer != "" {
		out += " by " + textsafe.Line(r.Reviewer)
	}
	if r.Note != "" {
		out += ": " + textsafe.Line(r.Note)
	}
	if r.Ungrounded {
		out += " (not stated in the text)"
	}
	return m.theme.Warn.Render(out)
}

// reviewCounts is the compact review state of one report in the list.
func (m *Model) reviewCounts(e *entry) string {
	if m.rev.session == nil || (e.reviewed == 0 && e.flagged == 0) {
		return ""
	}
	s := m.theme.Good.Render(fmt.Sprintf("✓%d", e.reviewed))
	if e.flagged > 0 {
		s += " " + m.theme.Bad.Render(fmt.Sprintf("⚑%d", e.flagged))
	}
	return s
}

// reviewProgress is the corpus-wide "312/4,210 figures reviewed".
func (m *Model) reviewProgress() string {
	if m.rev.session == nil {
		return ""
	}
	return fmt.Sprintf("%s/%s figures reviewed", count(m.rev.reviewed), count(m.rev.figures))
}

// countReview counts e's reviewed, flagged and added figures from the
// store.
func countReview(s *review.Session, e *entry) {
	e.reviewed, e.flagged, e.added = 0, 0, 0
	if s == nil || e.rep == nil {
		return
	}
	ev := s.Store().Events(e.rep.SHA256)
	if len(ev) == 0 {
		return
	}
	for _, r := range review.Apply(e.rep.Source, e.rep.Fields(), ev) {
		if r.State != review.Extracted {
			e.reviewed++
		}
		if r.State == review.Flagged {
			e.flagged++
		}
		if r.State == review.Added {
			e.added++
		}
	}
}

// reviewDoneMsg reports an append to the store: saved, or the error.
type reviewDoneMsg struct {
	sel   int32
	event review.Event
	what  string // "accept", "undo", …
	next  bool   // move to the next unreviewed figure
	err   error
	moved bool // for undo/redo: false when there was nothing to do
	// typed is what the reviewer typed for the action (a note, a value),
	// given back in the editor when the store refused it.
	typed     string
	typedInto input
}

// reviewKey handles the review bindings on the selected figure.
func (m *Model) reviewKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if m.rev.session == nil || m.rev.busy {
		if m.rev.busy && key.Matches(msg, k.Accept, k.Flag, k.Edit, k.Add, k.Reject, k.Undo, k.Redo) {
			m.say("still saving the last action", true)
		}
		return nil
	}
	e := m.selected()
	if key.Matches(msg, k.Undo, k.Redo) {
		undo := key.Matches(msg, k.Undo)
		s := m.rev.session
		m.rev.busy = true
		return func() tea.Msg {
			var ev review.Event
			var ok bool
			var err error
			what := "redo"
			if undo {
				what = "undo"
				ev, ok, err = s.Undo()
			} else {
				ev, ok, err = s.Redo()
			}
			return reviewDoneMsg{sel: -1, event: ev, what: what, err: err, moved: ok}
		}
	}
	if key.Matches(msg, k.NextQueue) {
		m.nextInQueue()
		return nil
	}
	if e == nil || e.rep == nil {
		return nil
	}
	if e.changed && key.Matches(msg, k.Accept, k.Flag, k.Edit, k.Add, k.Reject) {
		m.say(changedMessage(e, nil), true)
		return nil
	}
	f, state := m.figureAt(m.figs.cur)
	switch {
	case key.Matches(msg, k.Accept):
		if m.figureCount() == 0 {
			return nil
		}
		return m.do(review.Event{Field: f.ID, Action: review.Accept}, true)
	case key.Matches(msg, k.Reject):
		if m.figureCount() == 0 {
			return nil
		}
		return m.do(review.Event{Field: f.ID, Action: review.Reject}, false)
	case key.Matches(msg, k.Flag):
		if m.figureCount() == 0 {
			return nil
		}
		m.rev.target = m.targetOf(m.figs.cur)
		return m.openEditor(inputNote, "", "what is wrong (optional)")
	case key.Matches(msg, k.Edit):
		if m.figureCount() == 0 || state == review.Rejected {
			return nil
		}
		m.rev.addID = ""
		m.rev.target = m.targetOf(m.figs.cur)
		v := f.Value.String()
		if f.Approx {
			v = "≈" + v
		}
		return m.openEditor(inputEdit, v, "a number; ≈ in front marks it approximate")
	case key.Matches(msg, k.Add):
		m.rev.addID = ""
		m.rev.addCur = 0
		m.rev.target = m.targetOf(-1)
		return m.openEditor(inputAdd, "", "field label, ID or pinyin")
	}
	return nil
}

// do appends ev for the selected report in the background; the figures
// pane shows it once the store has it on disk.
func (m *Model) do(ev review.Event, next bool) tea.Cmd {
	return m.doTyped(m.sel, m.selected(), ev, next, inputNone, "")
}

// doTyped appends ev for report e (entry sel) for an action the reviewer
// typed something for, which the editor gives back if the store refuses it.
func (m *Model) doTyped(sel int32, e *entry, ev review.Event, next bool, into input, typed string) tea.Cmd {
	ev.SHA256, ev.Path = e.rep.SHA256, e.rep.Path
	s := m.rev.session
	m.rev.busy = true
	return func() tea.Msg {
		stored, err := s.Do(ev)
		if err != nil {
			stored = ev
		}
		return reviewDoneMsg{sel: sel, event: stored, what: string(ev.Action), next: next, err: err,
			typed: typed, typedInto: into}
	}
}

// reviewDone shows the outcome of an append.
func (m *Model) reviewDone(msg reviewDoneMsg) tea.Cmd {
	m.rev.busy = false
	if msg.err != nil {
		m.say(fmt.Sprintf("%s not saved: %v", msg.what, msg.err), true)
		if msg.typedInto != inputNone && msg.sel == m.sel && m.in == inputNone {
			// Nothing typed is lost: enter tries again, esc drops it. The
			// retry acts on the figure the event was for, wherever the
			// cursor went meanwhile.
			m.rev.addID = ""
			if msg.event.Action == review.Add {
				m.rev.addID = msg.event.Field
			}
			m.rev.target = reviewTarget{sel: msg.sel, sha256: msg.event.SHA256, field: msg.event.Field}
			if msg.event.Old != nil {
				m.rev.target.old = *msg.event.Old
			}
			cmd := m.openEditor(msg.typedInto, msg.typed, "")
			m.say(fmt.Sprintf("%s not saved: %v (enter retries)", msg.what, msg.err), true)
			return cmd
		}
		return nil
	}
	if (msg.what == "undo" || msg.what == "redo") && !msg.moved {
		m.say("nothing to "+msg.what, false)
		return nil
	}
	// Recount the report the event was for, and go to it for undo/redo.
	target := msg.sel
	if target < 0 {
		target = m.entryBySHA(msg.event.SHA256)
	}
	if target >= 0 {
		te := m.idx.entries[target]
		m.rev.reviewed -= te.reviewed
		m.rev.figures -= te.added
		countReview(m.rev.session, te)
		m.rev.reviewed += te.reviewed
		m.rev.figures += te.added
		if target != m.sel {
			if i := m.idx.rowOf(target); i >= 0 {
				m.setListCursor(i)
			} else {
				m.selectEntry(target)
			}
		}
	}
	cur := m.figs.cur
	m.loadFigures()
	m.setFigure(m.rowOfID(msg.event.Field, cur))
	m.say(fmt.Sprintf("saved: %s %s", msg.what, msg.event.Field), false)
	if msg.next {
		m.nextUnreviewed()
	}
	return nil
}

// say sets the status message. Errors name files (the review log under a
// corpus folder anyone may have named), so the text is made safe here.
func (m *Model) say(s string, bad bool) { m.message, m.msgBad = textsafe.Line(s), bad }

func (m *Model) rowOfID(id string, fallback int) int {
	for i, r := range m.rev.rows {
		if r.ID == id {
			return i
		}
	}
	return fallback
}

func (m *Model) entryBySHA(sha string) int32 {
	if e := m.selected(); e != nil && e.rep != nil && e.rep.SHA256 == sha {
		return m.sel
	}
	for id, e := range m.idx.entries {
		if e.rep != nil && e.rep.SHA256 == sha {
			return int32(id)
		}
	}
	return -1
}

// nextUnreviewed moves to the next figure of this report nobody looked at.
func (m *Model) nextUnreviewed() {
	n := m.figureCount()
	for d := 1; d <= n; d++ {
		i := (m.figs.cur + d) % n
		if m.rev.rows[i].State == review.Extracted {
			m.setFigure(i)
			return
		}
	}
	m.say("every figure of this report is reviewed; ] finds the next one", false)
}

// nextInQueue goes to the next figure that needs a look, across the corpus
// in list order from the selected figure: a figure in a failing check
// first, then any unreviewed figure. Reports with nothing left are skipped
// on their counts alone; only candidates are folded with their events.
func (m *Model) nextInQueue() {
	order := m.idx.order
	if len(order) == 0 {
		return
	}
	start := 0
	if m.sel >= 0 {
		start = int(m.idx.rank[m.sel])
	}
	for pass := 0; pass < 2; pass++ {
		for d := 0; d <= len(order); d++ {
			id := order[(start+d)%len(order)]
			e := m.idx.entries[id]
			if e.rep == nil || (pass == 0 && e.failed == 0) || (pass == 1 && e.reviewed >= e.fields+e.added) {
				continue
			}
			var failing map[string]bool
			if pass == 0 {
				failing = make(map[string]bool)
				for _, c := range e.rep.Checks() {
					for _, f := range c.Fields {
						failing[f] = failing[f] || !c.OK
					}
				}
			}
			rows := review.Apply(e.rep.Source, e.rep.Fields(), m.rev.session.Store().Events(e.rep.SHA256))
			for i, r := range rows {
				if r.State != review.Extracted || (pass == 0 && !failing[r.ID]) {
					continue
				}
				// In the selected report, only figures after the cursor on
				// the first visit, only those before it on the way round.
				if id == m.sel && (d == 0 && i <= m.figs.cur || d == len(order) && i > m.figs.cur) {
					continue
				}
				if m.sel != id {
					if row := m.idx.rowOf(id); row >= 0 {
						m.setListCursor(row)
					} else {
						m.selectEntry(id)
					}
				}
				m.setFigure(i)
				m.focus = paneFigs
				return
			}
		}
	}
	m.say("nothing left to review", false)
}

// submitReview acts on the line editor of a review action, on the figure
// the editor was opened for.
func (m *Model) submitReview(what input, value string) tea.Cmd {
	if m.rev.session == nil {
		return nil
	}
	e, t := m.targetEntry(), m.rev.target
	if e == nil {
		m.say("the report changed while the editor was open; nothing saved", true)
		return nil
	}
	switch what {
	case inputNote:
		ev := review.Event{Field: t.field, Action: review.Flag, Note: strings.TrimSpace(value)}
		return m.doTyped(t.sel, e, ev, false, inputNote, value)
	case inputAdd:
		ids := m.addChoices()
		if len(ids) == 0 {
			m.say("no such field", true)
			return nil
		}
		m.rev.addID = ids[clamp(m.rev.addCur, 0, len(ids)-1)]
		return m.openEditor(inputEdit, "", "value of "+m.rev.addID)
	case inputEdit:
		n, approx, err := parseValue(value)
		if err != nil {
			m.say(err.Error(), true)
			cmd := m.openEditor(inputEdit, value, "a number; ≈ in front marks it approximate")
			return cmd
		}
		var ev review.Event
		if id := m.rev.addID; id != "" {
			m.rev.addID = ""
			ev = review.Event{Field: id, Action: review.Add, New: &n, Approx: approx}
		} else {
			old := t.old
			ev = review.Event{Field: t.field, Action: review.Correct, Old: &old, New: &n, Approx: approx}
		}
		if spans := extract.Locate(e.rep.Source, ev.Field, n); len(spans) > 0 {
			sp := spans[0]
			ev.Span = &sp
		}
		return m.doTyped(t.sel, e, ev, false, inputEdit, value)
	}
	return nil
}

// parseValue reads what a reviewer typed: a decimal, with thousands commas
// allowed and ≈ or ~ in front for an approximate figure. Full-width digits
// and punctuation, as a Chinese input method types them, read as their
// half-width forms, as the extractor reads them in the reports.
func parseValue(s string) (extract.Number, bool, error) {
	s = strings.TrimSpace(xwidth.Narrow.String(s))
	approx := false
	for _, p := range []string{"≈", "~", "约"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s, approx = strings.TrimSpace(rest), true
		}
	}
	s = strings.NewReplacer(",", "", "，", "", " ", "").Replace(s)
	n, err := extract.ParseNumber(s)
	if err != nil {
		return n, approx, fmt.Errorf("not a number: %q (type digits, e.g. 1491 or 4711.7)", s)
	}
	return n, approx, nil
}

// addChoices are the schema fields the selected report does not have yet,
// filtered by the add editor's text (label, ID, or pinyin initials).
func (m *Model) addChoices() []string {
	have := make(map[string]bool, len(m.rev.rows))
	for _, r := range m.rev.rows {
		have[r.ID] = true
	}
	if m.rev.addKeys == nil {
		m.rev.addKeys = make(map[string]string, len(schema.All()))
		for _, f := range schema.All() {
			m.rev.addKeys[f.ID], _ = searchKey(f.Label, strings.ToLower(f.ID), 0)
		}
	}
	q := strings.ToLower(strings.TrimSpace(m.editor.Value()))
	var out []string
	for _, f := range schema.All() {
		if !have[f.ID] && (q == "" || strings.Contains(m.rev.addKeys[f.ID], q)) {
			out = append(out, f.ID)
		}
	}
	return out
}

// renderAddPicker lists the fields the add editor can choose from.
func (m *Model) renderAddPicker(w, h int) block {
	t := m.theme
	ids := m.addChoices()
	lines := []string{m.title(paneFigs, fmt.Sprintf("add a figure · %d fields", len(ids)), w)}
	if len(ids) == 0 {
		lines = append(lines, t.Dim.Render(" no field matches"))
		return newBlock(lines, w, h)
	}
	m.rev.addCur = clamp(m.rev.addCur, 0, len(ids)-1)
	rows := max(h-1, 1)
	top := max(m.rev.addCur-rows+1, 0)
	for i := top; i < len(ids) && len(lines) < h; i++ {
		sf, _ := schema.Lookup(ids[i])
		s := " " + sf.Label + " " + t.Dim.Render(sf.ID)
		if i == m.rev.addCur {
			s = t.Cursor.Render(fit(stripANSI(s), w))
		}
		lines = append(lines, s)
	}
	return newBlock(lines, w, h)
}
