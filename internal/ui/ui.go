// Package ui is the gitui explorer: agencies and years, the figures of the
// selected report, and its source text with every figure's span highlighted,
// side by side in a Bubble Tea v2 program.
//
// Model is the root: it alone owns focus, layout and routing, and builds the
// tea.View (frame.go). Each pane keeps its own state in a small struct and
// draws itself as a block of a given width and height: the agency list
// (list.go, over the prepared corpus index of index.go), the figures
// (figures.go, with the review actions of review.go) and the source text
// (source.go, laid out by package srctext). The keys are one table
// (keys.go) that feeds the footer, the ? overlay (help.go) and the key
// handling; the colours are one theme (styles.go). Reports stream in while
// the explorer already runs, a batch per frame (load.go).
package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"gitui/internal/corpus"
	"gitui/internal/review"
	"gitui/internal/textsafe"
	"gitui/internal/ui/srctext"
)

// Options configure a Model.
type Options struct {
	Root    string              // the corpus folder, for the header
	Events  <-chan corpus.Event // the load stream (corpus.Load), closed at the end
	NoColor bool                // no colour: highlights are reverse and underline
	Review  *review.Session     // the review session; nil shows figures read-only
	// Notice is shown in the status line at start, as a warning: why
	// reviews are off, say.
	Notice string
	// CacheDir is the extraction cache of the load, told of files found
	// changed so that the next load reads them again; "" for none.
	CacheDir string
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
	keys     KeyMap
	theme    Theme
	root     string
	cacheDir string // Options.CacheDir

	w, h  int
	lay   layout
	focus pane

	idx   *index
	cache viewCache

	list listPane
	figs figuresPane
	src  sourcePane

	sel int32 // selected entry, -1 before any
	// moved is set once the user moves: until then the selection follows
	// the top of the list while reports stream in.
	moved bool

	// line editor
	in      input
	editor  textinput.Model
	help    bool
	message string // last action's outcome or error, in the status line
	msgBad  bool

	// loading
	events                    <-chan corpus.Event
	pump                      *eventPump // reads events; started on first use
	decided, total, probCount int
	skipped                   int
	walked                    bool // the walk finished: total is final
	done                      bool
	spin                      int

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
	// A steady cursor (no blink ticks redrawing the screen), and no colour
	// at all under NO_COLOR.
	st := textinput.DefaultDarkStyles()
	if opts.NoColor {
		plain := textinput.StyleState{Placeholder: lipgloss.NewStyle().Faint(true)}
		st = textinput.Styles{Focused: plain, Blurred: plain}
	}
	st.Cursor.Blink = false
	ed.SetStyles(st)
	m := &Model{
		keys:     keys,
		theme:    NewTheme(opts.NoColor),
		root:     opts.Root,
		idx:      newIndex(),
		cacheDir: opts.CacheDir,
		sel:      -1,
		editor:   ed,
		events:   opts.Events,
		done:     opts.Events == nil,
		w:        80,
		h:        24,
	}
	m.rev.session = opts.Review
	if opts.Notice != "" {
		m.say(textsafe.Line(opts.Notice), true)
	}
	m.lay = computeLayout(m.w, m.h)
	return m
}

// loadPump returns the pump reading the load's events, started on first
// use.
func (m *Model) loadPump() *eventPump {
	if m.pump == nil {
		m.pump = pumpEvents(m.events, m.rev.session)
	}
	return m.pump
}

// Init starts reading the load stream and the spinner.
func (m *Model) Init() tea.Cmd {
	if m.events == nil {
		return nil
	}
	return tea.Batch(waitBatch(m.loadPump(), batchWindow), spinTick())
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
		start := time.Now()
		m.addBatch(msg)
		gap := batchGap(time.Since(start))
		check := m.checkSelected()
		if msg.closed {
			m.done = true
			return m, check
		}
		return m, tea.Batch(check, waitBatch(m.loadPump(), gap))
	case fileCheckedMsg:
		return m, m.fileChecked(msg)
	case spinMsg:
		if m.done {
			return m, nil
		}
		m.spin++
		return m, spinTick()
	case reviewDoneMsg:
		return m, m.reviewDone(msg)
	case reviewsRefreshedMsg:
		m.reviewsRefreshed(msg)
		return m, nil
	case tea.KeyPressMsg:
		m.moved = true
		sel := m.sel
		cmd := m.key(msg)
		return m, m.andRefresh(sel, cmd)
	case tea.MouseClickMsg:
		// While a line is being typed the selection stays put: the editor
		// acts on what was selected when it opened.
		if m.in != inputNone {
			return m, nil
		}
		m.moved = true
		sel := m.sel
		m.click(msg.Mouse())
		return m, m.andRefresh(sel, nil)
	case tea.MouseWheelMsg:
		if m.in != inputNone {
			return m, nil
		}
		sel := m.sel
		m.wheel(msg.Mouse())
		return m, m.andRefresh(sel, nil)
	}
	if m.in != inputNone {
		var cmd tea.Cmd
		m.editor, cmd = m.editor.Update(msg)
		return m, cmd
	}
	return m, nil
}

// andRefresh adds to cmd a read of the review log, and a check of the
// file of a report from the cache, when the selection moved off report sel.
func (m *Model) andRefresh(sel int32, cmd tea.Cmd) tea.Cmd {
	if m.sel == sel || m.sel < 0 {
		return cmd
	}
	return tea.Batch(cmd, m.refreshReviews(), m.checkSelected())
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
			return m.openEditor(inputSearch, m.src.search, "search the source")
		}
		return m.openEditor(inputFilter, m.idx.query, "agency, pinyin initials, file, year")
	case key.Matches(msg, k.Clear):
		switch {
		case m.focus == paneSource && m.src.search != "":
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
		if m.focus == paneSource {
			m.src.top = srctext.Pos{}
		} else {
			m.move(-1 << 30)
		}
	case key.Matches(msg, k.Bottom):
		if m.focus == paneSource && m.src.view != nil {
			// Straight to the end: walking there would wrap every line.
			m.src.top = m.src.view.wrap(m.srcWidth()).End()
			m.clampSource()
		} else {
			m.move(1 << 30)
		}
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
		m.setListCursor(m.list.cur + d)
	case paneFigs:
		m.setFigure(m.figs.cur + d)
	case paneSource:
		m.scrollSource(d)
	}
}

// selectEntry shows entry id in the figures and source panes.
func (m *Model) selectEntry(id int32) {
	m.sel = id
	m.figs.cur, m.figs.top, m.src.top = 0, 0, srctext.Pos{}
	m.src.view = nil
	e := m.idx.entries[id]
	if e.rep != nil {
		m.src.view = m.cache.get(id, e.rep)
		m.src.hits, m.src.hitLen = m.src.view.matches(m.src.search)
		m.src.hitCur = -1
	}
	m.loadFigures()
	m.revealFigure()
}

func (m *Model) selected() *entry {
	if m.sel < 0 {
		return nil
	}
	return m.idx.entries[m.sel]
}

func (m *Model) clampAll() {
	if m.lay.tooSmall {
		return
	}
	if len(m.idx.rows) > 0 {
		m.list.cur = clamp(m.list.cur, 0, len(m.idx.rows)-1)
		h := m.lay.list.h - 1
		if m.list.cur >= m.list.top+h {
			m.list.top = m.list.cur - h + 1
		}
		m.list.top = clamp(m.list.top, 0, m.list.cur)
	}
	if n := m.figureCount(); n > 0 {
		h := m.figRows()
		if m.figs.cur >= m.figs.top+h {
			m.figs.top = m.figs.cur - h + 1
		}
		m.figs.top = clamp(m.figs.top, 0, m.figs.cur)
	}
	m.clampSource()
}

func (m *Model) setFilter(q string) {
	m.idx.setFilter(q)
	m.keepSelection()
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

func (m *Model) click(ms tea.Mouse) {
	if m.help || m.lay.tooSmall || ms.Button != tea.MouseLeft {
		return
	}
	l := m.lay
	switch {
	case l.list.contains(ms.X, ms.Y):
		m.focus = paneList
		if r := ms.Y - l.list.y - 1; r >= 0 {
			if i := m.list.top + r; i < len(m.idx.rows) {
				m.setListCursor(i)
			}
		}
	case l.figs.contains(ms.X, ms.Y):
		m.focus = paneFigs
		if r := ms.Y - l.figs.y - 1; r >= 0 && r < m.figRows() {
			if i := m.figs.top + r; i < m.figureCount() {
				m.setFigure(i)
			}
		}
	case l.src.contains(ms.X, ms.Y):
		m.focus = paneSource
		v := m.src.view
		r := ms.Y - l.src.y - 1
		if v == nil || r < 0 {
			return
		}
		doc := v.wrap(m.srcWidth())
		if p, moved := doc.Advance(m.src.top, r); moved == r {
			off := srctext.OffsetAt(v.safe.Text, doc.Line(p), ms.X-l.src.x)
			if fi := v.spanAt(off); off >= 0 && fi >= 0 {
				top := m.src.top
				m.setFigure(m.figureRow(fi))
				m.src.top = top // the clicked span is on screen already
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
		m.list.top = clamp(m.list.top+d, 0, max(len(m.idx.rows)-(l.list.h-1), 0))
	case l.figs.contains(ms.X, ms.Y):
		m.figs.top = clamp(m.figs.top+d, 0, max(m.figureCount()-m.figRows(), 0))
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
			m.list.top = 0
			m.setListCursor(0)
		} else {
			m.keepSelection()
		}
	}
	m.decided = max(m.decided, b.decided)
	m.total = max(m.total, b.total)
	m.probCount += b.problems
	m.skipped += b.skipped
	m.walked = m.walked || b.walked
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
