// Package ui is the gitui explorer: agencies and years, the figures of the
// selected report, and its source text with every figure's span highlighted,
// side by side in a Bubble Tea v2 program.
//
// Model is the root: it owns focus, layout and routing. The panes render to
// blocks of a given width and height (list.go, figures.go, source.go); the
// keys live in keys.go, the colours in styles.go. Reports stream in while the
// explorer already runs (load.go).
package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"gitui/internal/corpus"
	"gitui/internal/review"
	"gitui/internal/ui/srctext"
)

// Options configure a Model.
type Options struct {
	Root    string              // the corpus folder, for the header
	Events  <-chan corpus.Event // the load stream (corpus.Load), closed at the end
	NoColor bool                // no colour: highlights are reverse and underline
	Review  *review.Session     // the review session; nil shows figures read-only
}

type pane int

const (
	paneList pane = iota
	paneFigs
	paneSource
	paneCount
)

func (p pane) String() string {
	return [...]string{"agencies", "figures", "source"}[p]
}

// input is what the line editor is open for.
type input int

const (
	inputNone input = iota
	inputFilter
	inputSearch
	inputEdit
	inputNote
	inputAdd
)

// Model is the root model of the explorer.
type Model struct {
	keys  KeyMap
	theme Theme
	root  string

	w, h  int
	lay   layout
	focus pane

	idx   *index
	cache viewCache

	// list pane
	listCur, listTop int
	sel              int32 // selected entry, -1 before any
	// moved is set once the user moves: until then the selection follows
	// the top of the list while reports stream in.
	moved bool

	// figures pane
	figCur, figTop int

	// source pane
	srcTop  srctext.Pos // first line shown
	search  string
	hits    []int
	hitCur  int
	srcView *reportView // of the selected report, at the last width

	// line editor
	in      input
	editor  textinput.Model
	help    bool
	message string // last action's outcome or error, in the status line
	msgBad  bool

	// loading
	events               <-chan corpus.Event
	decided, total, prob int
	skipped              int
	done                 bool
	spin                 int

	rev reviewState
}

// New returns the explorer reading reports from opts.Events.
func New(opts Options) *Model {
	keys := DefaultKeyMap()
	if opts.Review == nil {
		keys = keys.withoutReview()
	}
	ed := textinput.New()
	ed.Prompt = ""
	m := &Model{
		keys:   keys,
		theme:  NewTheme(opts.NoColor),
		root:   opts.Root,
		idx:    newIndex(),
		sel:    -1,
		editor: ed,
		events: opts.Events,
		done:   opts.Events == nil,
		w:      80,
		h:      24,
	}
	m.rev.store = opts.Review
	m.lay = computeLayout(m.w, m.h)
	return m
}

// Init starts reading the load stream and the spinner.
func (m *Model) Init() tea.Cmd {
	if m.events == nil {
		return nil
	}
	return tea.Batch(waitBatch(m.events, m.rev.store), spinTick())
}

// Update routes a message to the focused pane, the line editor or the
// overlay.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		m.lay = computeLayout(m.w, m.h)
		m.clampAll()
		m.revealFigure()
		return m, nil
	case batchMsg:
		m.addBatch(msg)
		if msg.closed {
			m.done = true
			return m, nil
		}
		return m, waitBatch(m.events, m.rev.store)
	case spinMsg:
		if m.done {
			return m, nil
		}
		m.spin++
		return m, spinTick()
	case reviewDoneMsg:
		return m, m.reviewDone(msg)
	case tea.KeyPressMsg:
		m.moved = true
		return m, m.key(msg)
	case tea.MouseClickMsg:
		m.moved = true
		m.click(msg.Mouse())
		return m, nil
	case tea.MouseWheelMsg:
		m.wheel(msg.Mouse())
		return m, nil
	}
	if m.in != inputNone {
		var cmd tea.Cmd
		m.editor, cmd = m.editor.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	m.message, m.msgBad = "", false // a message lasts until the next key
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	if m.help {
		return m.helpKey(msg)
	}
	if m.in != inputNone {
		return m.editorKey(msg)
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.help = true
		m.editor.Reset()
		m.editor.Placeholder = "type to search the keys"
		return m.editor.Focus()
	case key.Matches(msg, k.NextPane):
		m.focus = (m.focus + 1) % paneCount
	case key.Matches(msg, k.PrevPane):
		m.focus = (m.focus + paneCount - 1) % paneCount
	case key.Matches(msg, k.Filter):
		if m.focus == paneSource {
			return m.openEditor(inputSearch, m.search, "search the source")
		}
		return m.openEditor(inputFilter, m.idx.query, "agency, pinyin initials, file, year")
	case key.Matches(msg, k.Clear):
		switch {
		case m.focus == paneSource && m.search != "":
			m.setSearch("")
		case m.idx.query != "":
			m.setFilter("")
		}
	case key.Matches(msg, k.ToggleFlat):
		m.idx.flat = !m.idx.flat
		m.idx.rebuild()
		m.keepSelection()
	case key.Matches(msg, k.NextSpan):
		m.stepSpan(+1)
	case key.Matches(msg, k.PrevSpan):
		m.stepSpan(-1)
	case key.Matches(msg, k.Open):
		switch m.focus {
		case paneList:
			m.focus = paneFigs
		case paneFigs:
			m.focus = paneSource
			m.revealFigure()
		}
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(+1)
	case key.Matches(msg, k.PageUp):
		m.move(-max(m.paneHeight()-1, 1))
	case key.Matches(msg, k.PageDown):
		m.move(max(m.paneHeight()-1, 1))
	case key.Matches(msg, k.Top):
		m.move(-1 << 30)
	case key.Matches(msg, k.Bottom):
		m.move(1 << 30)
	default:
		return m.reviewKey(msg)
	}
	return nil
}

// paneHeight is the number of content rows of the focused pane.
func (m *Model) paneHeight() int {
	switch m.focus {
	case paneList:
		return m.lay.list.h - 1
	case paneFigs:
		return m.figRows()
	}
	return m.lay.src.h - 1
}

// move moves the cursor of the focused pane by d rows (the source pane
// scrolls).
func (m *Model) move(d int) {
	switch m.focus {
	case paneList:
		m.setListCursor(m.listCur + d)
	case paneFigs:
		m.setFigure(m.figCur + d)
	case paneSource:
		m.scrollSource(d)
	}
}

// setListCursor moves the list cursor to row i and selects its report.
func (m *Model) setListCursor(i int) {
	rows := m.idx.rows
	if len(rows) == 0 {
		m.listCur, m.listTop = 0, 0
		return
	}
	i = clamp(i, 0, len(rows)-1)
	m.listCur = i
	h := m.lay.list.h - 1
	if m.listCur < m.listTop {
		m.listTop = m.listCur
	}
	if h > 0 && m.listCur >= m.listTop+h {
		m.listTop = m.listCur - h + 1
	}
	r := rows[i]
	id := r.entry
	if id < 0 {
		id = r.first
	}
	if id != m.sel {
		m.selectEntry(id)
	}
}

// selectEntry shows entry id in the figures and source panes.
func (m *Model) selectEntry(id int32) {
	m.sel = id
	m.figCur, m.figTop, m.srcTop = 0, 0, srctext.Pos{}
	m.srcView = nil
	e := m.idx.entries[id]
	if e.rep != nil {
		m.srcView = m.cache.get(id, e.rep)
		m.hits = m.srcView.matches(m.search)
		m.hitCur = -1
	}
	m.loadFigures()
	m.revealFigure()
}

// keepSelection puts the list cursor back on the selected report after the
// rows changed (a batch arrived, the filter or the grouping changed).
func (m *Model) keepSelection() {
	if len(m.idx.rows) == 0 {
		m.listCur, m.listTop = 0, 0
		return
	}
	if m.sel >= 0 {
		if i := m.idx.rowOf(m.sel); i >= 0 {
			m.listCur = i
			h := m.lay.list.h - 1
			if m.listCur < m.listTop || m.listCur >= m.listTop+h {
				m.listTop = max(m.listCur-h/3, 0)
			}
			return
		}
	}
	m.listTop = 0
	m.setListCursor(0)
}

func (m *Model) selected() *entry {
	if m.sel < 0 {
		return nil
	}
	return m.idx.entries[m.sel]
}

// figRows is the number of rows of the figures list (the pane less its
// title and the detail lines under the list).
func (m *Model) figRows() int {
	return max(m.lay.figs.h-1-detailLines, 1)
}

// setFigure selects figure i of the selected report and brings its span
// into view.
func (m *Model) setFigure(i int) {
	n := m.figureCount()
	if n == 0 {
		m.figCur, m.figTop = 0, 0
		return
	}
	m.figCur = clamp(i, 0, n-1)
	h := m.figRows()
	if m.figCur < m.figTop {
		m.figTop = m.figCur
	}
	if m.figCur >= m.figTop+h {
		m.figTop = m.figCur - h + 1
	}
	m.revealFigure()
}

// revealFigure scrolls the source so the selected figure's span is in view.
func (m *Model) revealFigure() {
	v := m.srcView
	if v == nil || m.lay.tooSmall {
		return
	}
	fi := m.figureField(m.figCur)
	if fi < 0 || fi >= len(v.fieldSpan) || v.fieldSpan[fi].start < 0 {
		return
	}
	m.revealOffset(v.fieldSpan[fi].start)
}

// revealOffset scrolls the source so printable offset off is in view,
// a third of the way down when it has to move.
func (m *Model) revealOffset(off int) {
	doc := m.srcView.wrap(m.srcWidth())
	h := m.lay.src.h - 1
	target := doc.PosOf(off)
	bottom, _ := doc.Advance(m.srcTop, h-1)
	if target.Less(m.srcTop) || bottom.Less(target) {
		m.srcTop, _ = doc.Advance(target, -(h / 3))
	}
	m.clampSource()
}

func (m *Model) scrollSource(d int) {
	if m.srcView == nil {
		return
	}
	m.srcTop, _ = m.srcView.wrap(m.srcWidth()).Advance(m.srcTop, d)
	m.clampSource()
}

// clampSource keeps the last line of the text at the bottom of the pane at
// most, and the top inside the text after a resize.
func (m *Model) clampSource() {
	if m.srcView == nil {
		m.srcTop = srctext.Pos{}
		return
	}
	doc := m.srcView.wrap(m.srcWidth())
	if m.srcTop.Para >= doc.Paras() {
		m.srcTop = srctext.Pos{Para: doc.Paras() - 1}
	}
	if n := len(doc.Lines(m.srcTop.Para)); m.srcTop.Line >= n {
		m.srcTop.Line = n - 1
	}
	maxTop, _ := doc.Advance(doc.End(), -(m.lay.src.h - 2))
	if maxTop.Less(m.srcTop) {
		m.srcTop = maxTop
	}
}

func (m *Model) clampAll() {
	if m.lay.tooSmall {
		return
	}
	if len(m.idx.rows) > 0 {
		m.listCur = clamp(m.listCur, 0, len(m.idx.rows)-1)
		h := m.lay.list.h - 1
		if m.listCur >= m.listTop+h {
			m.listTop = m.listCur - h + 1
		}
		m.listTop = clamp(m.listTop, 0, m.listCur)
	}
	if n := m.figureCount(); n > 0 {
		h := m.figRows()
		if m.figCur >= m.figTop+h {
			m.figTop = m.figCur - h + 1
		}
		m.figTop = clamp(m.figTop, 0, m.figCur)
	}
	m.clampSource()
}

// srcWidth is the wrap width of the source pane.
func (m *Model) srcWidth() int { return max(m.lay.src.w-1, 2) }

// stepSpan moves to the next (d=+1) or previous (d=-1) highlighted span in
// text order, or to the next search match while a search is active.
func (m *Model) stepSpan(d int) {
	v := m.srcView
	if v == nil {
		return
	}
	if m.search != "" && len(m.hits) > 0 {
		m.hitCur = (m.hitCur + d + len(m.hits)) % len(m.hits)
		m.revealOffset(m.hits[m.hitCur])
		return
	}
	if len(v.spans) == 0 {
		return
	}
	cur := -1
	if fi := m.figureField(m.figCur); fi >= 0 && fi < len(v.fieldSpan) {
		for i, s := range v.spans {
			if s.field == fi {
				cur = i
				break
			}
		}
	}
	next := 0
	switch {
	case cur < 0 && d < 0:
		next = len(v.spans) - 1
	case cur >= 0:
		next = (cur + d + len(v.spans)) % len(v.spans)
	}
	m.setFigure(m.figureRow(v.spans[next].field))
}

func (m *Model) setFilter(q string) {
	m.idx.setFilter(q)
	m.keepSelection()
}

func (m *Model) setSearch(q string) {
	m.search = q
	m.hits, m.hitCur = nil, -1
	if m.srcView != nil {
		m.hits = m.srcView.matches(q)
	}
	if len(m.hits) > 0 {
		// The first match at or after what is on screen.
		from := m.srcView.wrap(m.srcWidth()).Line(m.srcTop).Start
		m.hitCur = 0
		for i, h := range m.hits {
			if h >= from {
				m.hitCur = i
				break
			}
		}
		m.revealOffset(m.hits[m.hitCur])
	}
}

func (m *Model) openEditor(what input, value, placeholder string) tea.Cmd {
	m.in = what
	m.editor.Reset()
	m.editor.Placeholder = placeholder
	m.editor.SetValue(value)
	m.editor.CursorEnd()
	m.editor.SetWidth(max(m.w-width(m.editorLabel())-4, 8))
	return m.editor.Focus()
}

// editorKey handles a key while the line editor is open: filter and search
// apply as you type; enter keeps, esc drops.
func (m *Model) editorKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		switch m.in {
		case inputFilter:
			m.setFilter("")
		case inputSearch:
			m.setSearch("")
		}
		m.closeEditor()
		return nil
	case "enter":
		what, value := m.in, m.editor.Value()
		m.closeEditor()
		if what == inputFilter && len(m.idx.rows) > 0 {
			m.focus = paneList
		}
		return m.submit(what, value)
	}
	if m.in == inputEdit && msg.String() == "tab" {
		// Toggle the approximate mark.
		v := m.editor.Value()
		if rest, ok := strings.CutPrefix(v, "≈"); ok {
			m.editor.SetValue(rest)
		} else {
			m.editor.SetValue("≈" + v)
		}
		m.editor.CursorEnd()
		return nil
	}
	if m.in == inputAdd {
		switch msg.String() {
		case "up", "ctrl+p":
			m.rev.addCur = max(m.rev.addCur-1, 0)
			return nil
		case "down", "ctrl+n":
			m.rev.addCur++
			return nil
		}
	}
	var cmd tea.Cmd
	m.editor, cmd = m.editor.Update(msg)
	switch m.in {
	case inputFilter:
		m.setFilter(m.editor.Value())
	case inputSearch:
		m.setSearch(m.editor.Value())
	case inputAdd:
		m.rev.addCur = 0
	}
	return cmd
}

func (m *Model) closeEditor() {
	m.in = inputNone
	m.editor.Blur()
}

// submit acts on a line the user confirmed.
func (m *Model) submit(what input, value string) tea.Cmd {
	switch what {
	case inputEdit, inputNote, inputAdd:
		return m.submitReview(what, value)
	}
	return nil
}

// helpKey handles keys while the help overlay is open: typing searches it.
func (m *Model) helpKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc", "?", "q":
		if msg.String() != "q" || m.editor.Value() == "" {
			m.help = false
			m.editor.Blur()
			return nil
		}
	}
	var cmd tea.Cmd
	m.editor, cmd = m.editor.Update(msg)
	return cmd
}

func (m *Model) click(ms tea.Mouse) {
	if m.help || m.lay.tooSmall || ms.Button != tea.MouseLeft {
		return
	}
	l := m.lay
	switch {
	case l.list.contains(ms.X, ms.Y):
		m.focus = paneList
		if r := ms.Y - l.list.y - 1; r >= 0 {
			if i := m.listTop + r; i < len(m.idx.rows) {
				m.setListCursor(i)
			}
		}
	case l.figs.contains(ms.X, ms.Y):
		m.focus = paneFigs
		if r := ms.Y - l.figs.y - 1; r >= 0 && r < m.figRows() {
			if i := m.figTop + r; i < m.figureCount() {
				m.setFigure(i)
			}
		}
	case l.src.contains(ms.X, ms.Y):
		m.focus = paneSource
		v := m.srcView
		r := ms.Y - l.src.y - 1
		if v == nil || r < 0 {
			return
		}
		doc := v.wrap(m.srcWidth())
		if p, moved := doc.Advance(m.srcTop, r); moved == r {
			off := srctext.OffsetAt(v.safe.Text, doc.Line(p), ms.X-l.src.x)
			if fi := v.spanAt(off); off >= 0 && fi >= 0 {
				top := m.srcTop
				m.setFigure(m.figureRow(fi))
				m.srcTop = top // the clicked span is on screen already
			}
		}
	}
}

func (m *Model) wheel(ms tea.Mouse) {
	if m.help || m.lay.tooSmall {
		return
	}
	d := 3
	if ms.Button == tea.MouseWheelUp {
		d = -3
	} else if ms.Button != tea.MouseWheelDown {
		return
	}
	l := m.lay
	switch {
	case l.list.contains(ms.X, ms.Y):
		m.listTop = clamp(m.listTop+d, 0, max(len(m.idx.rows)-(l.list.h-1), 0))
	case l.figs.contains(ms.X, ms.Y):
		m.figTop = clamp(m.figTop+d, 0, max(m.figureCount()-m.figRows(), 0))
	case l.src.contains(ms.X, ms.Y):
		m.scrollSource(d)
	}
}

// addBatch adds loaded reports and problems to the index and keeps the
// selection where it was.
func (m *Model) addBatch(b batchMsg) {
	for _, e := range b.entries {
		m.rev.figures += e.fields + e.added
		m.rev.reviewed += e.reviewed
	}
	if len(b.entries) > 0 {
		m.idx.add(b.entries)
		if m.sel < 0 || !m.moved {
			m.listTop = 0
			m.setListCursor(0)
		} else {
			m.keepSelection()
		}
	}
	m.decided = max(m.decided, b.decided)
	m.total = max(m.total, b.total)
	m.prob += b.problems
	m.skipped += b.skipped
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// count formats n with thousands separators.
func count(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
