package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// runeSetTexts are real report lines with digits, numerals, zero words
// and clause stops, and runes of two and four bytes. The scans read
// normalized text, which is valid UTF-8.
var runeSetTexts = []string{
	"本年度共受理政府信息公开申请631件,其中当面申请562件,信函申请69件。",
	"二〇一三年未收到政府信息公开申请，没有发生行政复议、行政诉讼的情况；全年收取费用为零。",
	"受理申请二十三件【两件】(三)不予公开4711.7元、1.2万条5500余人次",
	"a1一é😀七é",
	"结尾是十",
	"",
}

// runeSetMembers are the sets the tests of runeSet read texts with.
var runeSetMembers = []string{"0123456789一二两三四五六七八九十", "没不未无为", clauseStops}

// checkNext holds set.next to the plain reading at every offset of s: the
// first rune at or after i that is a member.
func checkNext(t *testing.T, set *runeSet, members, s string) {
	t.Helper()
	for i := 0; i <= len(s); i++ {
		want := len(s)
		for j := i; j < len(s); {
			r, size := utf8.DecodeRuneInString(s[j:])
			if utf8.RuneStart(s[j]) && r != utf8.RuneError && strings.ContainsRune(members, r) {
				want = j
				break
			}
			if !utf8.RuneStart(s[j]) {
				size = 1
			}
			j += size
		}
		if got := set.next(s, i); got != want {
			t.Fatalf("next(%q, %d) in %q = %d, want %d", s, i, members, got, want)
		}
	}
}

// FuzzRuneSetNext holds next to the plain reading on any valid text.
func FuzzRuneSetNext(f *testing.F) {
	for _, s := range runeSetTexts {
		f.Add(s)
	}
	sets := make([]*runeSet, len(runeSetMembers))
	for k, m := range runeSetMembers {
		sets[k] = newRuneSet(m)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // next reads normalized text, which is valid
		}
		for k, set := range sets {
			checkNext(t, set, runeSetMembers[k], s)
		}
	})
}

// TestRuneSetNext holds next and has to the plain reading: the first rune
// at or after i that is a member.
func TestRuneSetNext(t *testing.T) {
	for _, members := range runeSetMembers {
		set := newRuneSet(members)
		for _, s := range runeSetTexts {
			checkNext(t, set, members, s)
			for _, r := range s {
				if got, want := set.has(r), strings.ContainsRune(members, r); got != want {
					t.Errorf("has(%q) in %q = %v, want %v", r, members, got, want)
				}
			}
		}
	}
}

// TestUnitAt holds unitAt to the first of units that the text starts with.
func TestUnitAt(t *testing.T) {
	for _, s := range runeSetTexts {
		for j := 0; j <= len(s); j++ {
			want := ""
			for _, u := range units {
				if strings.HasPrefix(s[j:], u) {
					want = u
					break
				}
			}
			if got := unitAt(s, j); got != want {
				t.Errorf("unitAt(%q, %d) = %q, want %q", s, j, got, want)
			}
		}
	}
	for _, u := range units {
		for _, s := range []string{u, u + "。", "人", "万", "人员", "万条"} {
			if got := unitAt(s, 0); strings.HasPrefix(s, u) && got != u && !strings.HasPrefix(s, got) {
				t.Errorf("unitAt(%q) = %q, want %q", s, got, u)
			}
		}
	}
}

// TestHasQuote holds hasQuote to strings.ContainsAny over the quotes.
func TestHasQuote(t *testing.T) {
	for _, s := range append(runeSetTexts, "“同意公开”的266件", "「」", "『x』", "‘’", `"a"`, "it's", "\xe2\x80", "\xf0“", "、。", "—…") {
		if got, want := hasQuote(s), strings.ContainsAny(s, "“”\"'‘’「」『』"); got != want {
			t.Errorf("hasQuote(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzHasQuote holds hasQuote to strings.ContainsAny on any bytes.
func FuzzHasQuote(f *testing.F) {
	f.Add("“同意公开”的266件")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasQuote(s), strings.ContainsAny(s, "“”\"'‘’「」『』"); got != want {
			t.Fatalf("hasQuote(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestRuneSetsAsContainsRune holds the sets that replaced
// strings.ContainsRune to it, over every rune.
func TestRuneSetsAsContainsRune(t *testing.T) {
	for members, set := range map[string]*runeSet{
		lineJunk: lineJunkSet, sentenceEnd: sentenceEnds,
		"每第逐这那其唯单初星": ordinalBefore, "一二三四五六七八九十0123456789": headingNumerals,
	} {
		for r := rune(0); r <= utf8.MaxRune; r++ {
			if got, want := set.has(r), strings.ContainsRune(members, r); got != want {
				t.Fatalf("has(%U) in %q = %v, want %v", r, members, got, want)
			}
		}
	}
}
