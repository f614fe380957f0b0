package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"gitui/internal/corpus"
	"gitui/internal/ui/srctext"
)

// selectReport filters the list to q and opens the first report.
func selectReport(m *Model, q string) {
	press(m, "/")
	typeText(m, q)
	press(m, "enter")
	if e := m.selected(); e != nil && m.idx.rows[m.list.cur].entry < 0 {
		press(m, "j")
	}
}

func figureID(m *Model) string {
	f, _ := m.figureAt(m.figs.cur)
	return f.ID
}

// sourceLines returns the source pane's content rows as plain text.
func sourceLines(m *Model) []string {
	lines := strings.Split(screen(m), "\n")
	l := m.lay.src
	var out []string
	for y := l.y + 1; y < l.y+l.h; y++ {
		out = append(out, ansi.Cut(lines[y], l.x, l.x+l.w))
	}
	return out
}

func TestSelectingFigureScrollsSource(t *testing.T) {
	for _, sz := range [][2]int{{150, 45}, {80, 24}} {
		m := fixtureModel(t, sz[0], sz[1])
		selectReport(m, "000_18")
		press(m, "tab", "G")
		if got := figureID(m); got != "reconsideration.total" {
			t.Fatalf("G in figures selected %s", got)
		}
		src := sourceLines(m)
		found := false
		for _, l := range src {
			if strings.Contains(ansi.Strip(l), "145件政府信息公开事务") {
				found = true
				// The selected span is drawn in focus (reverse without colour).
				if !strings.Contains(l, "\x1b[7m145") {
					t.Errorf("%v: span of the selected figure not in focus: %q", sz, l)
				}
			}
		}
		if !found {
			t.Errorf("%v: the selected figure's span is not on screen:\n%s", sz, ansi.Strip(strings.Join(src, "\n")))
		}
		// Back to the first figure: the source scrolls back up.
		press(m, "g")
		if !strings.Contains(ansi.Strip(strings.Join(sourceLines(m), "\n")), "共主动公开政府信息1491条") {
			t.Errorf("%v: first figure's span not on screen after g", sz)
		}
	}
}

func TestStepSpansInTextOrder(t *testing.T) {
	m := fixtureModel(t, 150, 45)
	selectReport(m, "000_18")
	var got []string
	for i := 0; i < 10; i++ {
		got = append(got, figureID(m))
		press(m, "n")
	}
	want := []string{"proactive.total", "applications.channel.in_person", "applications.channel.letter",
		"replies.agreed", "replies.already_public", "replies.refused", "replies.nonexistent",
		"replies.not_held", "reconsideration.total", "proactive.total"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("n stepped\n %v\nwant\n %v", got, want)
	}
	press(m, "N", "N") // from the second span: back to the first, then round to the last
	if id := figureID(m); id != "reconsideration.total" {
		t.Errorf("N N from the second span selected %s, want reconsideration.total", id)
	}
}

func TestClickSpanSelectsFigure(t *testing.T) {
	m := fixtureModel(t, 150, 45)
	selectReport(m, "000_18")
	press(m, "tab", "G", "tab") // the last figure brings the replies into view
	lines := strings.Split(ansi.Strip(screen(m)), "\n")
	for y, l := range lines {
		i := strings.Index(l, "“信息不存在”的234件")
		if i < 0 {
			continue
		}
		x := ansi.StringWidth(l[:i+len("“信息不存在”的")]) + 1 // on the "3"
		m.Update(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
		if id := figureID(m); id != "replies.nonexistent" {
			t.Fatalf("click at %d,%d selected %s", x, y, id)
		}
		if m.focus != paneSource {
			t.Errorf("focus %v after clicking the source", m.focus)
		}
		// A click beside the spans selects nothing new.
		m.Update(tea.MouseClickMsg{X: x + 12, Y: y, Button: tea.MouseLeft})
		if id := figureID(m); id != "replies.nonexistent" {
			t.Errorf("click off a span moved the selection to %s", id)
		}
		return
	}
	t.Fatal("span not on screen")
}

func TestFilter(t *testing.T) {
	tests := []struct {
		query      string
		want, miss []string
	}{
		{"西城", []string{"西城区房屋管理局", "2013", "2014"}, []string{"恶意机关", "(unnamed)"}},
		{"xcq", []string{"西城区房屋管理局"}, []string{"恶意机关"}},                  // pinyin initials
		{"xicheng", []string{"西城区房屋管理局"}, []string{"恶意机关"}},              // pinyin syllables
		{"scan", []string{"(problems)", "scan.pdf.txt"}, []string{"西城"}}, // file name
		{"2020", []string{"恶意机关"}, []string{"西城"}},                       // year
		{"zzzz", []string{"no match"}, []string{"西城", "恶意"}},
	}
	for _, tt := range tests {
		m := fixtureModel(t, 150, 30)
		press(m, "/")
		typeText(m, tt.query)
		l := m.lay.list
		var list []string
		for _, line := range strings.Split(ansi.Strip(screen(m)), "\n")[l.y : l.y+l.h] {
			list = append(list, ansi.Cut(line, 0, l.w))
		}
		frame := strings.Join(list, "\n")
		for _, w := range tt.want {
			if !strings.Contains(frame, w) {
				t.Errorf("filter %q: list lacks %q:\n%s", tt.query, w, frame)
			}
		}
		for _, w := range tt.miss {
			if strings.Contains(frame, w) {
				t.Errorf("filter %q: list shows %q:\n%s", tt.query, w, frame)
			}
		}
		press(m, "esc")
		if m.idx.query != "" || len(m.idx.rows) != 9 {
			t.Errorf("esc left filter %q with %d rows", m.idx.query, len(m.idx.rows))
		}
	}
}

func TestYearOverYearAndProblems(t *testing.T) {
	m := fixtureModel(t, 150, 45)
	selectReport(m, "西城")
	press(m, "j", "esc") // 2013 → 2014, then the whole list again
	if e := m.selected(); e == nil || e.year != 2014 {
		t.Fatalf("selected %+v, want the 2014 report", e)
	}
	f := ansi.Strip(screen(m))
	has(t, f, "▲+82") // 584 this year, 502 the year before
	has(t, f, "=")    // 1711 both years
	has(t, f, " 2013: 502 (▲+82)")
	has(t, f, "≈") // 1711余人次 is approximate
	has(t, f, "(problems)")
	has(t, f, "scan.pdf.txt decode: binary data")
	has(t, f, "西城区房屋管理局 · 2014 · narrative · 3/5")
}

func TestSourceSearch(t *testing.T) {
	m := fixtureModel(t, 150, 45)
	selectReport(m, "000_18")
	press(m, "tab", "tab", "/")
	typeText(m, "行政诉讼")
	press(m, "enter")
	n := strings.Count(m.selected().rep.Text, "行政诉讼")
	if len(m.src.hits) != n || n < 2 {
		t.Fatalf("%d matches of 行政诉讼, want %d", len(m.src.hits), n)
	}
	has(t, ansi.Strip(screen(m)), fmt.Sprintf("/行政诉讼 %d matches", n))
	first := m.src.hitCur
	press(m, "n")
	if m.src.hitCur != (first+1)%n {
		t.Errorf("n went from match %d to %d", first, m.src.hitCur)
	}
	press(m, "esc")
	if m.src.search != "" || m.src.hits != nil {
		t.Errorf("esc kept search %q", m.src.search)
	}
}

func TestNoColor(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		m := New(Options{Events: reportEvents(fixture(t)), NoColor: noColor})
		m.Update(tea.WindowSizeMsg{Width: 150, Height: 40})
		drain(m)
		selectReport(m, "000_18")
		f := screen(m)
		coloured := strings.Contains(f, "[38;") || strings.Contains(f, "[48;") || strings.Contains(f, ";38;") || strings.Contains(f, ";48;")
		if coloured == noColor {
			t.Errorf("NoColor=%v: frame coloured=%v", noColor, coloured)
		}
		if noColor && !strings.Contains(f, "\x1b[7m1491") {
			t.Errorf("NoColor: selected span not in reverse video")
		}
		// The line editor, with its placeholder and cursor, too.
		press(m, "/")
		f = screen(m)
		coloured = strings.Contains(f, "[38;") || strings.Contains(f, "[48;") || strings.Contains(f, ";38;") || strings.Contains(f, ";48;")
		if coloured == noColor {
			t.Errorf("NoColor=%v: frame with the editor coloured=%v", noColor, coloured)
		}
		press(m, "esc")
	}
}

func TestStreamingKeepsSelection(t *testing.T) {
	reps, probs := fixture(t)
	ch := make(chan corpusEvent, 8)
	m := New(Options{Events: ch, NoColor: true})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	f := screen(m)
	has(t, f, "loading")
	ch <- corpusEvent{Report: reps[2], Done: 1, Total: 5}
	m.Update(waitBatch(m.loadPump(), batchWindow)())
	if e := m.selected(); e == nil || e.rep != reps[2] {
		t.Fatal("first report not selected")
	}
	press(m, "tab", "j", "j")
	for _, r := range reps[:2] {
		ch <- corpusEvent{Report: r}
	}
	ch <- corpusEvent{Problem: probs[0], Done: 4, Total: 5, Walked: true}
	m.Update(waitBatch(m.loadPump(), batchWindow)())
	if e := m.selected(); e == nil || e.rep != reps[2] || m.figs.cur != 2 {
		t.Errorf("selection moved while reports arrived: %v fig %d", e, m.figs.cur)
	}
	has(t, ansi.Strip(screen(m)), "loading: 4/5 files, 3 reports")
	close(ch)
	m.Update(waitBatch(m.loadPump(), batchWindow)())
	has(t, ansi.Strip(screen(m)), "3 reports  1 problem")
}

type corpusEvent = corpus.Event

func TestFlatListAndWheel(t *testing.T) {
	m := fixtureModel(t, 150, 30)
	press(m, "v")
	if len(m.idx.rows) != len(m.idx.entries) {
		t.Fatalf("flat list has %d rows for %d reports", len(m.idx.rows), len(m.idx.entries))
	}
	f := ansi.Strip(screen(m))
	has(t, f, "reports")
	has(t, f, "西城区房屋管理局 2013")
	has(t, f, "西城区房屋管理局 2014")
	press(m, "v")
	if len(m.idx.rows) != len(m.idx.entries)+4 {
		t.Errorf("grouped list has %d rows, want a header per group", len(m.idx.rows))
	}

	// The wheel scrolls the pane under the pointer, not the focused one.
	selectReport(m, "000_18")
	src := m.lay.src
	m.Update(tea.MouseWheelMsg{X: src.x + 2, Y: src.y + 3, Button: tea.MouseWheelDown})
	if want, _ := m.src.view.doc.Advance(srctext.Pos{}, 3); m.src.top != want {
		t.Errorf("wheel down over the source: top %v, want %v", m.src.top, want)
	}
	m.Update(tea.MouseWheelMsg{X: src.x + 2, Y: src.y + 3, Button: tea.MouseWheelUp})
	if m.src.top != (srctext.Pos{}) {
		t.Errorf("wheel up over the source: top %v, want the first line", m.src.top)
	}
	if m.focus != paneList {
		t.Errorf("the wheel moved the focus to %v", m.focus)
	}
}

func TestNoticeShownUntilAKey(t *testing.T) {
	m := New(Options{Events: reportEvents(fixture(t)), NoColor: true, Notice: "reviews disabled: read-only\x1b[2J"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	drain(m)
	f := ansi.Strip(screen(m))
	has(t, f, "reviews disabled: read-only␛[2J")
	press(m, "j")
	if strings.Contains(ansi.Strip(screen(m)), "reviews disabled") {
		t.Error("the notice outlived a key press")
	}
}

func TestSourceTopAndBottom(t *testing.T) {
	m := fixtureModel(t, 120, 30)
	selectReport(m, "000_18")
	press(m, "tab", "tab", "G")
	doc := m.src.view.doc
	if last, moved := doc.Advance(m.src.top, m.lay.src.h); last != doc.End() || moved != m.lay.src.h-2 {
		t.Errorf("G left the top at %v: the last line is %d lines below, want %d", m.src.top, moved, m.lay.src.h-2)
	}
	press(m, "g")
	if m.src.top != (srctext.Pos{}) {
		t.Errorf("g left the top at %v", m.src.top)
	}
}

func TestResizeKeepsSpanInView(t *testing.T) {
	m := fixtureModel(t, 150, 45)
	selectReport(m, "000_18")
	press(m, "tab", "G") // 145件, far down the text
	for _, sz := range [][2]int{{80, 24}, {60, 16}, {220, 50}, {100, 14}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		if !strings.Contains(strings.Join(sourceLines(m), "\n"), "\x1b[7m145") {
			t.Errorf("%v: the selected span is not in view after the resize:\n%s", sz, ansi.Strip(screen(m)))
		}
	}
}

func TestHelpSearch(t *testing.T) {
	m, _, _ := reviewModel(t)
	press(m, "?")
	typeText(m, "undo")
	lines := strings.Split(ansi.Strip(screen(m)), "\n")
	f := strings.Join(lines[1:len(lines)-2], "\n") // the overlay, without the footer
	has(t, f, "undo")
	if strings.Contains(f, "page down") || strings.Contains(f, "next span") {
		t.Errorf("help search for undo shows other keys:\n%s", f)
	}
	press(m, "esc")
	if m.help {
		t.Error("esc left the help open")
	}
	press(m, "?")
	typeText(m, "q") // typed into the search, does not quit or close
	if !m.help || m.editor.Value() != "q" {
		t.Errorf("q in the help search: help=%v query %q", m.help, m.editor.Value())
	}
}

func TestSearchKeyPlaceReadings(t *testing.T) {
	tests := []struct{ agency, initials, order string }{
		{"长春市国土资源局", "ccsgtzyj", "chang chun shi guo tu zi yuan ju"},
		{"重庆市财政局", "cqsczj", "chong qing shi cai zheng ju"},
		{"成都市教育局", "cdsjyj", "cheng du shi jiao yu ju"},
		{"撫遠市自然資源局", "fyszrzyj", "fu yuan shi zi ran zi yuan ju"}, // traditional script
		{"上海市2号局", "shs2hj", "shang hai shi 2 hao ju"},
	}
	for _, tt := range tests {
		key, order := searchKey(tt.agency, "r.txt", 2020)
		if !strings.Contains(key, "\x00"+tt.initials+"\x00") || order != tt.order {
			t.Errorf("%s: key %q order %q, want initials %q and %q", tt.agency, key, order, tt.initials, tt.order)
		}
	}
}

// TestEventPump checks that the load's events are read while the explorer
// takes none (a load never waits for a frame), and that what gathered
// comes out in batches of at most batchMax, counts growing, the end of the
// stream with the last.
func TestEventPump(t *testing.T) {
	reps, _ := fixture(t)
	ch := make(chan corpus.Event) // unbuffered: each send waits for the pump
	p := pumpEvents(ch, nil)
	n := batchMax + batchMax/2
	sent := make(chan struct{})
	go func() {
		for i := range n {
			ch <- corpus.Event{Report: reps[i%len(reps)], Done: i + 1, Total: n}
		}
		ch <- corpus.Event{Skipped: "notes.doc", Done: n + 1, Total: n + 1, Walked: true}
		close(ch)
		close(sent)
	}()
	select {
	case <-sent:
	case <-time.After(10 * time.Second):
		t.Fatal("the load waited for the explorer to take its events")
	}
	var batches, entries, skipped, decided int
	for {
		b := waitBatch(p, batchWindow)().(batchMsg)
		batches++
		if len(b.entries) > batchMax {
			t.Fatalf("a batch of %d entries, over %d", len(b.entries), batchMax)
		}
		if b.decided < decided {
			t.Fatalf("decided went back from %d to %d", decided, b.decided)
		}
		entries, skipped, decided = entries+len(b.entries), skipped+b.skipped, b.decided
		if b.closed {
			if !b.walked || b.total != n+1 {
				t.Errorf("last batch: walked %v, total %d", b.walked, b.total)
			}
			break
		}
	}
	if batches < 2 || entries != n || skipped != 1 || decided != n+1 {
		t.Errorf("%d batches, %d entries, %d skipped, %d decided; want 2 or more, %d, 1, %d",
			batches, entries, skipped, decided, n, n+1)
	}
}

// TestBatchGap: a batch that took long to take in makes the next one
// gather for longer, within bounds; and waitBatch gathers for the window
// it is given while events keep coming.
func TestBatchGap(t *testing.T) {
	for _, tt := range []struct{ intake, want time.Duration }{
		{0, batchWindow},
		{time.Millisecond, batchWindow},
		{20 * time.Millisecond, 160 * time.Millisecond},
		{time.Second, maxBatchWindow},
	} {
		if got := batchGap(tt.intake); got != tt.want {
			t.Errorf("batchGap(%v) = %v, want %v", tt.intake, got, tt.want)
		}
	}

	reps, _ := fixture(t)
	ch := make(chan corpus.Event)
	p := pumpEvents(ch, nil)
	stop := make(chan struct{})
	go func() {
		defer close(ch)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case ch <- corpus.Event{Report: reps[i%len(reps)], Done: i + 1, Total: i + 1}:
				time.Sleep(time.Millisecond)
			}
		}
	}()
	defer close(stop)
	start := time.Now()
	waitBatch(p, 300*time.Millisecond)()
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("a batch given 300ms came after %v", d)
	}
}
