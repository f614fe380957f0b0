package extract

import (
	"strings"
	"unicode/utf8"
)

// Counts of a named sub-unit.
//
// A city or county report often gives, beside its own figures, the counts
// of the units under it: paragraphs opening "城关区:" (l01_lhasa_city_2021)
// or clauses opening with the unit's name ("县民政局受理政府信息公开申请21件,
// 县国土局受理…35件", "其中镇计生办受理4件"). Those counts are not the
// reporting agency's figure, and read as one they would be wrong values
// that look verified. A unit named in the agency's own name is the agency
// itself ("区卫生健康局主动公开…" in the 城北区卫生健康局 report).

// unitEnds are the last characters of the name of an administrative unit.
var unitEnds = []string{"局", "区", "县", "乡", "镇", "科", "办", "旗", "街道", "中心", "委"}

// unitVerbs are the verbs a sub-unit's count follows in its clause.
var unitVerbs = []string{"共受理", "共收到", "受理", "收到", "共主动公开", "主动公开", "共公开", "公开", "发布", "办理", "答复", "接待"}

// unitEndRunes holds the last rune of each of unitEnds, tested before the
// words themselves: most clauses hold none of them near their start.
var unitEndRunes = newRuneSet("局区县乡镇科办旗道心委")

// maxUnitRunes is the longest unit name read, in runes.
const maxUnitRunes = 8

// unitScope tells the mentions of one text, in text order, that count for
// a sub-unit. It remembers the line the last mention was on, so that the
// text is scanned once for line starts.
type unitScope struct {
	v *view
	// agency is the agency's name as printed ("" when not known), and
	// normalized once a unit's name is to be compared with it: most
	// texts name no unit.
	agency     string
	normalized bool
	// pos is where the last mention's clause began; lineStart, where its
	// line did, and lineUnit whether a sub-unit's name opens that line.
	pos, lineStart int
	lineUnit       bool
	// unitEnd is where the last count of a sub-unit ended, or -1: a
	// breakdown after it in its sentence ("县民政局受理…21件,其中当面申请
	// 12件") is the sub-unit's too.
	unitEnd int
}

func newUnitScope(v *view, agency string) *unitScope {
	u := &unitScope{v: v, agency: agency, unitEnd: -1}
	u.lineUnit = u.opensWithUnit(0)
	return u
}

// subUnit reports whether mention m, whose clause core is c, counts for a
// unit that is not the reporting agency: one named at the start of its
// clause, or at the start of its line before a colon ("城关区:主动公开政府
// 信息3,215条,受理…" speaks of 城关区 to the line's end).
func (u *unitScope) subUnit(m mention, c string) bool {
	if m.leftAt < u.pos {
		u.pos, u.lineStart, u.unitEnd = 0, 0, -1 // not in text order: look again from the start
		u.lineUnit = u.opensWithUnit(0)
	}
	if k := strings.LastIndexByte(u.v.s[u.pos:m.leftAt], '\n'); k >= 0 {
		u.lineStart = u.pos + k + 1
		u.lineUnit = u.opensWithUnit(u.lineStart)
	}
	u.pos = m.leftAt
	if u.lineUnit || u.clauseUnit(c) || u.breakdown(m, c) {
		u.unitEnd = m.end
		return true
	}
	return false
}

// breakdown reports whether clause core c breaks down ("其中…") the
// sub-unit count just before it in the same sentence.
func (u *unitScope) breakdown(m mention, c string) bool {
	return u.unitEnd >= 0 && u.unitEnd <= m.leftAt && strings.HasPrefix(c, "其中") &&
		!strings.ContainsAny(u.v.s[u.unitEnd:m.leftAt], "。;\n")
}

// opensWithUnit reports whether the line at s[i] opens with a sub-unit's
// name and a colon.
func (u *unitScope) opensWithUnit(i int) bool {
	s := u.v.s[i:min(len(u.v.s), i+3*maxUnitRunes+1)]
	k := strings.IndexByte(s, ':')
	return k > 0 && unitName(s[:k]) && !u.isAgency(s[:k])
}

// clauseUnit reports whether clause core c opens with a sub-unit's name
// right before its verb ("县民政局受理…", "其中镇计生办受理…").
func (u *unitScope) clauseUnit(c string) bool {
	name := strings.TrimPrefix(c, "其中")
	n := 0
	for i, r := range name {
		if n++; n > maxUnitRunes {
			break
		}
		if !unitEndRunes.has(r) {
			continue
		}
		end := i + utf8.RuneLen(r)
		if hasPrefixes(name[end:], unitVerbs...) && unitName(name[:end]) && !u.isAgency(name[:end]) {
			return true
		}
	}
	return false
}

// isAgency reports whether the unit name is part of the agency's own
// name ("区卫生健康局" of 西宁市城北区卫生健康局).
func (u *unitScope) isAgency(name string) bool {
	if !u.normalized {
		u.agency, u.normalized = normalize(u.agency), true
	}
	return u.agency != "" && strings.Contains(u.agency, name)
}

// unitName reports whether s is the name of an administrative unit other
// than the writer's: two to eight CJK characters ending in a unit word,
// not opened by 我/本 (the writer) or 全/共 (all of them): 各分局 are units.
func unitName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > maxUnitRunes || !hasSuffixes(s, unitEnds...) {
		return false
	}
	if hasPrefixes(s, "我", "本", "全", "共", "该", "此", "其") {
		return false
	}
	for _, r := range s {
		if r < 0x4e00 || r > 0x9fff {
			return false
		}
	}
	return true
}
