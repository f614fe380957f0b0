package extract

import (
	"strings"
)

// matchTitle matches a title line against the pattern below and returns
// the submatch indexes, as regexp's FindStringSubmatchIndex does: the
// regexp's lazy groups backtracked over the whole title, twenty thousand
// instructions a report and 2 % of gitui extract. It tries the same paths
// in the same order, leftmost-first as the regexp package does
// (FuzzMatchTitle holds the two to the same indexes):
//
//	^(?:标题[:：]?\s*)?(\S*?)\s*((?:19|20)\d{2})\s*年\s*度?\s*(\S*?)\s*
//	(?:政府信息公开|政务信息公开|信息公开|政务公开)\s*(?:工作)?\s*(?:年度)?\s*
//	(?:工作)?\s*(?:报告|年报|总结)
//
// \s is the regexp's: tab, newline, form feed, carriage return and space.
func matchTitle(s string) []int {
	if strings.HasPrefix(s, "标题") {
		i := len("标题")
		switch {
		case strings.HasPrefix(s[i:], ":"):
			i++
		case strings.HasPrefix(s[i:], "："):
			i += len("：")
		}
		if m := matchTitleFrom(s, skipTitleSpaces(s, i)); m != nil {
			return m
		}
	}
	return matchTitleFrom(s, 0)
}

// matchTitleFrom matches the title from its first group, which starts at
// g1, trying the group's lengths shortest first.
func matchTitleFrom(s string, g1 int) []int {
	for e1 := g1; ; {
		if p := skipTitleSpaces(s, e1); titleYearAt(s, p) {
			q := skipTitleSpaces(s, p+4)
			if strings.HasPrefix(s[q:], "年") {
				q = skipTitleSpaces(s, q+len("年"))
				// 度? takes 度 first; the group after it may also hold it.
				g3s := []int{q}
				if strings.HasPrefix(s[q:], "度") {
					g3s = []int{skipTitleSpaces(s, q+len("度")), q}
				}
				for _, g3 := range g3s {
					if e3, end, ok := matchTitleTail(s, g3); ok {
						return []int{0, end, g1, e1, p, p + 4, g3, e3}
					}
				}
			}
		}
		if e1 == len(s) || isTitleSpace(s[e1]) {
			return nil // the group holds no space
		}
		_, n := decodeRune(s[e1:])
		e1 += n
	}
}

// matchTitleTail matches the third group, from g3, shortest first, and
// what follows it; it returns the group's end and the match's.
func matchTitleTail(s string, g3 int) (e3, end int, ok bool) {
	for e3 = g3; ; {
		p := skipTitleSpaces(s, e3)
		for _, kw := range [...]string{"政府信息公开", "政务信息公开", "信息公开", "政务公开"} {
			if strings.HasPrefix(s[p:], kw) {
				if end, ok := titleEnd(s, p+len(kw), titleOptional[:]); ok {
					return e3, end, true
				}
			}
		}
		if e3 == len(s) || isTitleSpace(s[e3]) {
			return 0, 0, false
		}
		_, n := decodeRune(s[e3:])
		e3 += n
	}
}

// titleOptional are the optional words between the keyword and the report's
// name, in their order.
var titleOptional = [...]string{"工作", "年度", "工作"}

// titleEnd matches \s*, the optional words of opt in order, each after
// spaces, then spaces and 报告, 年报 or 总结 from i; it returns the end.
// At any place at most one of the words and names can start (they differ
// in their first two runes), so the order the paths are tried in does not
// change the end found.
func titleEnd(s string, i int, opt []string) (int, bool) {
	i = skipTitleSpaces(s, i)
	for _, name := range [...]string{"报告", "年报", "总结"} {
		if strings.HasPrefix(s[i:], name) {
			return i + len(name), true
		}
	}
	for k, w := range opt {
		if strings.HasPrefix(s[i:], w) {
			if end, ok := titleEnd(s, i+len(w), opt[k+1:]); ok {
				return end, true
			}
		}
	}
	return 0, false
}

// titleYearAt reports whether (?:19|20)\d{2} starts at s[i].
func titleYearAt(s string, i int) bool {
	return i+4 <= len(s) && (s[i:i+2] == "19" || s[i:i+2] == "20") &&
		isASCIIDigit(s[i+2]) && isASCIIDigit(s[i+3])
}

// isTitleSpace reports the bytes of the regexp's \s.
func isTitleSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func skipTitleSpaces(s string, i int) int {
	for i < len(s) && isTitleSpace(s[i]) {
		i++
	}
	return i
}
