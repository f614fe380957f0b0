package srctext

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"gitui/internal/samples"
)

// Real report lines: Chinese without spaces, full-width punctuation, “”…①,
// numbers with decimals, percentages and thousands separators.
var lines = []string{
	"我分局2013年受理各类依申请公开件共计631件，同上年相比减少442条。其中，当面申请562件，占89.06%；以信函形式申请69件,占10.94%。",
	"“同意公开”的266件，占总数的42.36%；“已主动公开”的46件，占总数的7.32%；……①、土地登记信息438条",
	"本年度收取费用12,345.67元，减免费用１２３４元（全角数字），累计主动公开政府信息15506条。",
	"区政府网站(http://www.bjxch.gov.cn)政府信息公开专栏上可下载本报告的电子版。",
	"aVeryLongLatinTokenWithoutAnySpacesThatIsWiderThanTheWholeLineAndMustBeCut 123456789012345678901234567890",
}

// numberRe finds the numbers that must never be split by a line break.
var numberRe = regexp.MustCompile(`[0-9０-９]+(?:[.,．][0-9０-９]+)*`)

func TestWrap(t *testing.T) {
	for _, text := range lines {
		for w := 4; w <= 60; w++ {
			got := Wrap(text, w)
			checkWrap(t, text, w, got)
			// No number is cut, unless it is wider than the line itself.
			for _, loc := range numberRe.FindAllStringIndex(text, -1) {
				if ansi.StringWidth(text[loc[0]:loc[1]]) > w {
					continue
				}
				for _, l := range got[1:] {
					if l.Start > loc[0] && l.Start < loc[1] {
						t.Errorf("w=%d: line starts inside number %q: %q", w, text[loc[0]:loc[1]], text[l.Start:l.End])
					}
				}
			}
			// No line starts with closing punctuation (UAX #14 keeps it
			// with what precedes), once the line is wider than any
			// unbreakable piece ("占10.94%；" is one).
			for _, l := range got[1:] {
				if w < 16 {
					break
				}
				r, _ := utf8.DecodeRuneInString(text[l.Start:])
				if strings.ContainsRune("。，；、）”％%", r) {
					t.Errorf("w=%d: line starts with %q: %q", w, r, text[l.Start:l.End])
				}
			}
		}
	}
}

// checkWrap holds for every wrap: lines fit, cover the text in order, and
// measure what the terminal will draw.
func checkWrap(t *testing.T, text string, w int, got []Line) {
	t.Helper()
	pos := 0
	for i, l := range got {
		if l.Start < pos || l.End < l.Start || l.End > len(text) {
			t.Fatalf("w=%d line %d: bad range %d..%d after %d", w, i, l.Start, l.End, pos)
		}
		if gap := text[pos:l.Start]; strings.Trim(gap, " \r\n") != "" {
			t.Fatalf("w=%d line %d: text %q skipped", w, i, gap)
		}
		if cw := ansi.StringWidth(text[l.Start:l.End]); cw != l.Width || cw > w {
			t.Errorf("w=%d line %d: %q is %d cells, Width %d", w, i, text[l.Start:l.End], cw, l.Width)
		}
		if !utf8.ValidString(text[l.Start:l.End]) {
			t.Errorf("w=%d line %d cuts a rune", w, i)
		}
		pos = l.End
	}
	if rest := text[pos:]; strings.Trim(rest, " \r\n") != "" {
		t.Errorf("w=%d: text %q after the last line", w, rest)
	}
}

func TestWrapHardBreaks(t *testing.T) {
	text := "一、概述\r\n\r\n二、主动公开\n本年度主动公开政府信息1491条。\n"
	got := Wrap(text, 40)
	var shown []string
	for _, l := range got {
		shown = append(shown, text[l.Start:l.End])
	}
	want := []string{"一、概述", "", "二、主动公开", "本年度主动公开政府信息1491条。"}
	if strings.Join(shown, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q", shown, want)
	}
}

func TestWrapSamples(t *testing.T) {
	err := fs.WalkDir(samples.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(samples.FS(), path)
		if err != nil {
			return err
		}
		s := MakeSafe(string(b))
		for _, w := range []int{20, 59, 97} {
			checkWrap(t, s.Text, w, Wrap(s.Text, w))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMakeSafe(t *testing.T) {
	text := "主动公开\x1b]52;c;aGk=\x07政府信息\u202e12条\r\n咨询"
	s := MakeSafe(text)
	if strings.ContainsAny(s.Text, "\x1b\x07\u202e\r") {
		t.Fatalf("controls left in %q", s.Text)
	}
	if utf8.RuneCountInString(s.Text) != utf8.RuneCountInString(text) {
		t.Fatalf("rune count changed: %q", s.Text)
	}
	// Every rune boundary maps onto the same rune position.
	i, j := 0, 0
	for i < len(text) {
		if got := s.Offset(i); got != j {
			t.Fatalf("Offset(%d) = %d, want %d", i, got, j)
		}
		if back := s.Original(j); back != i {
			t.Fatalf("Original(%d) = %d, want %d", j, back, i)
		}
		_, n := utf8.DecodeRuneInString(text[i:])
		_, sn := utf8.DecodeRuneInString(s.Text[j:])
		i, j = i+n, j+sn
	}
	at := strings.Index(text, "12")
	if s.Text[s.Offset(at):s.Offset(at+2)] != "12" {
		t.Errorf("span of 12 maps to %q", s.Text[s.Offset(at):s.Offset(at+2)])
	}
	if plain := MakeSafe("干净的文本"); plain.m != nil || plain.Offset(3) != 3 {
		t.Error("safe text got an offset map")
	}
}

func TestOffsetAt(t *testing.T) {
	text := "“同意公开”的266件，ab"
	l := Wrap(text, 80)[0]
	tests := []struct {
		x    int
		want string // the text from the offset found
	}{
		{0, "“同意"},
		{1, "同意"},
		{2, "同意"}, // second cell of a wide rune
		{3, "意公"},
		{12, "266"},
		{13, "66件"},
		{19, "ab"},
		{20, "b"},
		{21, ""},
	}
	for _, tt := range tests {
		off := OffsetAt(text, l, tt.x)
		if tt.want == "" {
			if off != -1 {
				t.Errorf("x=%d: offset %d past the end", tt.x, off)
			}
			continue
		}
		if off < 0 || !strings.HasPrefix(text[off:], tt.want) {
			t.Errorf("x=%d: offset %d (%q), want text starting %q", tt.x, off, text[max(off, 0):], tt.want)
		}
	}
}

func TestRender(t *testing.T) {
	text := "共主动公开政府信息1491条，咨询9800人次"
	l := Wrap(text, 60)[0]
	a := strings.Index(text, "1491")
	b := strings.Index(text, "9800")
	marks := []Mark{{a, a + 4, 1}, {b, b + 4, 1}, {b, b + 2, 3}}
	got := Render(text, l, 60, marks, func(c int, s string) string {
		if c == 0 {
			return s
		}
		return "[" + string(rune('0'+c)) + s + "]"
	})
	want := "共主动公开政府信息[11491]条，咨询[398][100]人次"
	if strings.TrimRight(got, " ") != want {
		t.Errorf("Render = %q, want %q", got, want)
	}
	if ansi.StringWidth(got) != 60+9 { // padded to 60 cells; the three marks add 9
		t.Errorf("Render width %d", ansi.StringWidth(got))
	}
}

func FuzzWrap(f *testing.F) {
	for _, l := range lines {
		f.Add(l, 10)
	}
	f.Add("\x1b[2J１２３４５６\r\r\n\n  ", 3)
	f.Fuzz(func(t *testing.T, text string, w int) {
		if !utf8.ValidString(text) || w < 2 || w > 200 {
			return
		}
		s := MakeSafe(text)
		checkWrap(t, s.Text, w, Wrap(s.Text, w))
	})
}

// TestDocMatchesWrap checks that wrapping paragraph by paragraph, on
// demand, gives the lines wrapping the whole text gives.
func TestDocMatchesWrap(t *testing.T) {
	err := fs.WalkDir(samples.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(samples.FS(), path)
		if err != nil {
			return err
		}
		text := MakeSafe(string(b)).Text
		for _, w := range []int{7, 40, 97} {
			want := Wrap(text, w)
			doc := NewDoc(text)
			doc.SetWidth(w)
			var got []Line
			for p := (Pos{}); ; {
				got = append(got, doc.Line(p))
				next, moved := doc.Advance(p, 1)
				if moved == 0 {
					break
				}
				p = next
			}
			if len(text) < maxPara && !slicesEqual(got, want) {
				t.Errorf("%s w=%d: %d lazy lines differ from %d wrapped", path, w, len(got), len(want))
			}
			checkWrap(t, text, w, got)
			// Every line is found again from its offsets, and walking
			// back from the end reaches the start.
			for i, l := range got {
				if p := doc.PosOf(l.Start); doc.Line(p) != l && l.Start != l.End {
					t.Fatalf("%s w=%d: PosOf(line %d start) = %v", path, w, i, p)
				}
			}
			if first, moved := doc.Advance(doc.End(), -len(got)); first != (Pos{}) || moved != -(len(got)-1) {
				t.Errorf("%s w=%d: back from the end reached %v after %d", path, w, first, moved)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func slicesEqual(a, b []Line) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestDocLongLine: a hard line longer than maxPara is wrapped in pieces,
// and no piece cuts a number.
func TestDocLongLine(t *testing.T) {
	unit := "主动公开政府信息12345678条，"
	text := strings.Repeat(unit, 3*maxPara/len(unit))
	doc := NewDoc(text)
	if doc.Paras() < 3 {
		t.Fatalf("%d paragraphs for a %d-byte line", doc.Paras(), len(text))
	}
	doc.SetWidth(30)
	var got []Line
	for p := range doc.Paras() {
		got = append(got, doc.Lines(p)...)
	}
	checkWrap(t, text, 30, got)
	for _, start := range doc.paras[1:] {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		n, _ := utf8.DecodeRuneInString(text[start:])
		if isDigit(r) && isDigit(n) {
			t.Errorf("paragraph cut inside a number at %d", start)
		}
	}
}
