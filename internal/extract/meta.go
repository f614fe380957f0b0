package extract

import (
	"fmt"
	"iter"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Report metadata: who reports, on which year, published when.
//
// The agency is read from the places a report names itself, most certain
// first: its title line ("衢州市国土局2012年政府信息公开工作年度报告"), a
// name standing alone at the top ("梅河口市国土资源局"), a page header
// ("发布机构: …", "来源: …"), "由X编制", "X(以下简称“我局”)", its own
// guide ("《北京市国土资源局政府信息公开指南》"), a signature above the
// date at the end, a sentence that opens with the year and the agency
// ("2021年,内江市隆昌生态环境局在…"), and a title quoted in a sentence
// ("现公布朝阳市自然资源局2025年度政府信息公开工作报告"). "我局", "本局"
// and the like name nobody: then the agency is empty, never a guess. The
// agency is returned as the source writes it (Traditional stays
// Traditional).

// extractMeta reads agency, year and publication date. Format is set by
// detectFormat. v is the prose view of the whole text when the caller has
// one (nil otherwise): the view of the head is then taken from it.
func extractMeta(d *doc, v *view) Meta {
	// The title and a name standing alone are at the top, a signature
	// at the end: only those lines are split out.
	// The rules read the first titleLines lines of the head only.
	head := lines(d.norm, 0, runeStartAtOrBefore(d.norm, min(len(d.norm), 6000)), titleLines)
	defer linePool.put(head)
	tailAt := runeStartAtOrBefore(d.norm, max(0, len(d.norm)-2000))
	if k := strings.IndexByte(d.norm[tailAt:], '\n'); k >= 0 && tailAt > 0 {
		tailAt += k + 1
	}
	tail := lines(d.norm, tailAt, len(d.norm), len(d.norm))
	defer linePool.put(tail)
	// Headers are read without spaces ("来 源:"); only the head of the
	// text is worth that copy.
	h := runeStartAtOrBefore(d.norm, min(len(d.norm), headLimit))
	hv, ok := v.head(d.norm, h)
	if !ok {
		hv = newView(d.norm[:h])
		defer hv.release()
	}
	return Meta{
		Agency:    findAgency(d, hv, head, tail),
		Year:      findYear(d.norm, head),
		Published: findPublished(hv),
	}
}

// line is one line of the normalized text, trimmed of spaces and page
// furniture; [a, b) is its range in doc.norm.
type line struct {
	a, b int
	text string
	// title holds titleMatch's result once titleRead: the agency and
	// the year rules both read the title line.
	title     []int
	titleRead bool
}

// titleMatch returns matchTitle's submatch indexes in the line, or nil when
// it is no titleCandidate or does not match; it is read once per line.
func (l *line) titleMatch() []int {
	if !l.titleRead {
		if titleCandidate(l.text) {
			l.title = matchTitle(l.text)
		}
		l.titleRead = true
	}
	return l.title
}

// lineJunk is trimmed from both ends of a line: spaces, table pipes,
// bullets and the ? that mojibake leaves.
const lineJunk = " \t|?•*#>-—"

// lineJunkSet holds lineJunk: every line's ends are tested against it.
var lineJunkSet = newRuneSet(lineJunk)

// isLineJunk reports whether r is in lineJunk.
func isLineJunk(r rune) bool { return lineJunkSet.has(r) }

// lines splits norm[from:to] into trimmed, non-empty lines, the first n
// of them at most, in a slice from linePool.
func lines(norm string, from, to, n int) []line {
	// Room for every line read: n, or the lines of the range when fewer
	// (counted only when n is large).
	size := min(n, 32)
	if n > 32 {
		size = min(n, strings.Count(norm[from:to], "\n")+1)
	}
	out := linePool.get(size)
	for a := from; a < to && len(out) < n; {
		b := strings.IndexByte(norm[a:to], '\n')
		if b < 0 {
			b = to
		} else {
			b += a
		}
		s, e := a, b
		for s < e && norm[s] < utf8.RuneSelf && isLineJunk(rune(norm[s])) {
			s++
		}
		for e > s {
			r, size := decodeLastRune(norm[s:e])
			if !isLineJunk(r) && r != '\u2022' {
				break
			}
			e -= size
		}
		if e > s {
			out = append(out, line{a: s, b: e, text: norm[s:e]})
		}
		a = b + 1
	}
	return out
}

// agencySuffixes end the name of a government body.
var agencySuffixes = []string{
	"委员会", "管委会", "办事处", "办公室", "人民政府", "政府", "实验区", "开发区", "管理区", "试验区", "示范区", "新区",
	"中心", "街道", "局", "委", "厅", "部", "署", "院", "所", "会", "镇", "乡", "处", "队", "馆", "站",
}

// agencyLastRunes holds the last rune of each of agencySuffixes.
var agencyLastRunes = func() string {
	var b strings.Builder
	for _, suffix := range agencySuffixes {
		r, _ := decodeLastRune(suffix)
		b.WriteRune(r)
	}
	return b.String()
}()

// badStarts are first characters no agency name has: pronouns (我局, 本局),
// bare level words (市国土局, 区管委会), function words and dates.
const badStarts = "未站网我本该市县区镇乡省全各在按根对由为经通以与和及其今每同此这将已截于年度是从并共据"

// pronounStarts are the first characters no name has even where the text
// delimits it (a title line): pronouns and bare level words.
const pronounStarts = "我本该市县区镇乡省全各"

// agencyLike reports whether s reads as the full name of a government body.
func agencyLike(s string) bool { return agencyName(s, badStarts) }

// notAgencyWords are words no agency's name holds: the name of a
// candidate holding one is a phrase about the report. One scan of the
// candidate for their first runes, where a search per word cost a tenth
// of the metadata rules.
var notAgencyWords = newWordSet("信息公开", "报告", "工作", "年报", "以下", "的", "公开", "网", "我", "本局", "本机关", "本单位")

// agencyName reports whether s reads as the full name of a government
// body whose first character is none of bad.
func agencyName(s, bad string) bool {
	if len(s) > 4*30 {
		return false
	}
	// The name must end in one of agencySuffixes, before a bracketed
	// alias if any: most strings tried (every prefix of a clause, by
	// shortestAgencyPrefix) fail here, before the costlier tests.
	if last, _ := decodeLastRune(s); last != ')' && !strings.ContainsRune(agencyLastRunes, last) {
		return false
	}
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 30 {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && !strings.ContainsRune("()", r) {
			return false
		}
	}
	first, _ := decodeRune(s)
	if strings.ContainsRune(bad, first) || notAgencyWords.in(s) {
		return false
	}
	// "白城市民委(宗教局)": the name before a bracketed alias.
	if k := strings.IndexByte(s, '('); k > 0 && strings.HasSuffix(s, ")") {
		s = s[:k]
	}
	return hasSuffixes(s, agencySuffixes...)
}

// titleAgency reports whether x, the words before the year of a title
// line, names the reporting body. The title delimits the name, so names
// starting with a character that elsewhere starts a clause (通山县…) are
// read too.
func titleAgency(x string) bool {
	return agencyName(x, pronounStarts) || placeLike(x)
}

// placeLike reports a place name that a title line uses for its
// government's report ("福州市晋安区2016年政府信息公开工作年度报告"); only the
// title names an agency that way.
func placeLike(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 16 || !hasSuffixes(s, "省", "市", "区", "县", "州", "旗", "盟") {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	first, _ := decodeRune(s)
	return !strings.ContainsRune(pronounStarts, first) && !hasAny(s, "信息公开", "报告", "工作", "的", "我", "本")
}

// longestAgencyPrefix returns the longest prefix of s that is agencyLike.
func longestAgencyPrefix(s string) string {
	for e := len(s); e > 0; {
		if agencyLike(s[:e]) {
			return s[:e]
		}
		_, size := decodeLastRune(s[:e])
		e -= size
	}
	return ""
}

// shortestAgencyPrefix returns the shortest prefix of s that is agencyLike.
func shortestAgencyPrefix(s string) string {
	for e := 0; e < len(s); {
		_, size := decodeRune(s[e:])
		e += size
		if agencyLike(s[:e]) {
			return s[:e]
		}
	}
	return ""
}

// longestAgencySuffix returns the longest suffix of s that is agencyLike.
func longestAgencySuffix(s string) string {
	for a := 0; a < len(s); {
		if agencyLike(s[a:]) {
			return s[a:]
		}
		_, size := decodeRune(s[a:])
		a += size
	}
	return ""
}

var (
	byRE       = regexp.MustCompile(`由([\p{Han}()]{3,40}?)(?:编制|根据|按照|依照|依据|组织|负责|汇总|结合)`)
	aliasRE    = regexp.MustCompile(`([\p{Han}()]{3,40})\(以下简称`)
	guideRE    = regexp.MustCompile(`《([\p{Han}()]{3,40}?)政府信息公开指南》`)
	subjectRE  = regexp.MustCompile(`(?:^|[。,;:\n])\s*((?:19|20)\d{2})\s*年度?,\s*([\p{Han}]{3,40})`)
	portalRE   = regexp.MustCompile(`([\p{Han}()]{3,40})门户网站`)
	embeddedRE = regexp.MustCompile(`(?:公布|编制|印发|发布)([\p{Han}()]{3,40}?)((?:19|20)\d{2})年度?政府信息公开`)
	dateLineRE = regexp.MustCompile(`^(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日$|^[〇零一二三四五六七八九十]*年?[一二三四五六七八九十]+月[一二三四五六七八九十]+日$`)
)

// titleLines bounds the lines searched for a title: it is near the top,
// after page furniture at most.
const titleLines = 30

// titleCandidate reports a line that may be a title: short, and naming
// the disclosure and the report. The title regexp runs on these only.
//
// A title followed by a date on its line is an entry of a list of links (a
// site's "related reports" column: "城关区教育局2021年政府信息公开工作年度报告
// 2022-01-11"), and one after 上一篇/下一篇 a link to another report: neither
// is this report's title.
func titleCandidate(l string) bool {
	if len(l) > 240 || !strings.Contains(l, "公开") || !hasAny(l, "报告", "年报", "总结") ||
		utf8.RuneCountInString(l) > 80 {
		return false
	}
	if hasAny(l, "上一篇", "下一篇") {
		return false
	}
	return !endsWithDate(strings.TrimRight(l, " \t"))
}

// endsWithDate reports whether s ends in a date written 2022-01-10,
// 2022/01/10 or 2022.01.10, after a report's words.
func endsWithDate(s string) bool {
	if len(s) < 10 {
		return false
	}
	t := s[len(s)-10:]
	for i := 0; i < 10; i++ {
		switch i {
		case 4, 7:
			if t[i] != '-' && t[i] != '/' && t[i] != '.' {
				return false
			}
		default:
			if !isDigit(t[i]) {
				return false
			}
		}
	}
	return hasAny(s[:len(s)-10], "报告", "年报", "总结")
}

// headLimit bounds the part of a report searched for headers, in bytes.
const headLimit = 1500

// runeStartAtOrBefore returns the largest rune start in s at or before i.
func runeStartAtOrBefore(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// agencySource reads the agency from one place a report names itself, or
// returns "".
type agencySource func(d *doc, hv *view, top, tail []line) string

// agencySources are the places a report names itself, most certain first.
var agencySources = []agencySource{
	agencyAtTop, agencyInHeader, agencyCompiledBy, agencyAlias, agencyGuide,
	agencySignature, agencySubject, agencyQuotedTitle, agencyPortal,
}

// findAgency reads the agency: hv is the view of the text's head, top and
// tail its first and last lines.
func findAgency(d *doc, hv *view, top, tail []line) string {
	for _, source := range agencySources {
		if a := source(d, hv, top, tail); a != "" {
			return a
		}
	}
	return ""
}

// agencyAtTop reads the title line ("衢州市国土局2012年政府信息公开工作年度
// 报告"), unless a name standing alone at the top is the same agency written
// in full ("北京市门头沟区民政局" over the title's "门头沟区民政局"), and
// else that name ("梅河口市国土资源局" above "2017年度政府信息公开工作报告").
func agencyAtTop(d *doc, _ *view, top, _ []line) string {
	var standalone *line
	for i := range top {
		if i >= 8 {
			break
		}
		if agencyLike(top[i].text) {
			standalone = &top[i]
			break
		}
	}
	for i := range top {
		if i >= titleLines {
			break
		}
		l := &top[i]
		m := l.titleMatch()
		if m == nil {
			continue
		}
		a, b := m[2], m[3]
		if a == b {
			a, b = m[6], m[7]
		}
		x := l.text[a:b]
		if !titleAgency(x) {
			continue
		}
		if standalone != nil && strings.HasSuffix(standalone.text, x) {
			break
		}
		return d.source(l.a+a, l.a+b)
	}
	if standalone != nil {
		return d.source(standalone.a, standalone.b)
	}
	return ""
}

// agencyInHeader reads a page header, without spaces ("来 源: | 汉中市统计局 |").
func agencyInHeader(d *doc, hv *view, _, _ []line) string {
	if a, b := headerAgency(hv.s); a < b {
		return hv.source(d, a, b)
	}
	return ""
}

// agencyCompiledBy reads "本报告由X编制"; the government's office compiles
// the government's report ("由两城镇人民政府党政办公室编制").
func agencyCompiledBy(d *doc, hv *view, _, _ []line) string {
	for _, m := range byRE.FindAllStringSubmatchIndex(hv.s, -1) {
		x := hv.s[m[2]:m[3]]
		for _, office := range []string{"党政办公室", "办公室"} {
			if t := strings.TrimSuffix(x, office); t != x && strings.HasSuffix(t, "政府") {
				x = t
				break
			}
		}
		if agencyLike(x) {
			return hv.source(d, m[2], m[2]+len(x))
		}
	}
	return ""
}

// agencyAlias reads the name that defines 我局: "北京市环境保护局(以下简称
// “我局”)".
func agencyAlias(d *doc, _ *view, _, _ []line) string {
	for m := range anchored(d.norm, "(以下简称", aliasRE, 130, 20) {
		if x := longestAgencySuffix(d.norm[m[2]:m[3]]); x != "" {
			return d.source(m[3]-len(x), m[3])
		}
	}
	return ""
}

// agencyGuide reads the agency's own guide: "《北京市国土资源局政府信息公开
// 指南》".
func agencyGuide(d *doc, _ *view, _, _ []line) string {
	for m := range anchored(d.norm, "政府信息公开指南》", guideRE, 130, 30) {
		if agencyLike(d.norm[m[2]:m[3]]) {
			return d.source(m[2], m[3])
		}
	}
	return ""
}

// agencySignature reads a name alone on a line above the date, near the
// end: "亭子坝镇人民政府\n2015年1月10日".
func agencySignature(d *doc, _ *view, _, tail []line) string {
	for i := len(tail) - 2; i >= 0 && i >= len(tail)-8; i-- {
		if date := tail[i+1].text; len(date) <= 64 && agencyLike(tail[i].text) &&
			dateLineRE.MatchString(strings.ReplaceAll(date, " ", "")) {
			return d.source(tail[i].a, tail[i].b)
		}
	}
	return ""
}

// agencySubject reads a sentence that opens with the year and the agency:
// "2021年,内江市隆昌生态环境局在市委市政府的正确领导下".
func agencySubject(d *doc, _ *view, _, _ []line) string {
	for _, anchor := range []string{"年,", "年度,"} {
		for m := range anchored(d.norm, anchor, subjectRE, 14, 130) {
			if x := shortestAgencyPrefix(d.norm[m[4]:m[5]]); x != "" {
				return d.source(m[4], m[4]+len(x))
			}
		}
	}
	return ""
}

// agencyQuotedTitle reads a title quoted in a sentence: "现公布朝阳市自然
// 资源局2025年度政府信息公开工作报告".
func agencyQuotedTitle(d *doc, _ *view, _, _ []line) string {
	for _, anchor := range []string{"年政府信息公开", "年度政府信息公开"} {
		for m := range anchored(d.norm, anchor, embeddedRE, 140, 30) {
			if agencyLike(d.norm[m[2]:m[3]]) {
				return d.source(m[2], m[3])
			}
		}
	}
	return ""
}

// agencyPortal reads the agency's own portal ("樟树市自然资源局门户网站");
// a government's portal hosts every department and names none of them.
func agencyPortal(d *doc, _ *view, _, _ []line) string {
	for m := range anchored(d.norm, "门户网站", portalRE, 130, 20) {
		if x := longestAgencySuffix(d.norm[m[2]:m[3]]); x != "" && !strings.HasSuffix(x, "政府") {
			return d.source(m[3]-len(x), m[3])
		}
	}
	return ""
}

// anchored runs re on a window around each occurrence of the literal
// anchor in s, back bytes before it and fwd bytes after, and yields the
// submatch indexes in s, in text order. Searching for a literal first keeps
// the regexps off most of a long report, and yielding the matches as they
// are found keeps them off the windows after the one a rule takes.
func anchored(s, anchor string, re *regexp.Regexp, back, fwd int) iter.Seq[[]int] {
	return func(yield func([]int) bool) {
		last := -1
		for k := 0; ; {
			j := indexText(s[k:], anchor)
			if j < 0 {
				return
			}
			j += k
			a := j - len(before(s, j, back))
			b := j + len(anchor) + fwd
			if b > len(s) {
				b = len(s)
			}
			for b < len(s) && !utf8.RuneStart(s[b]) {
				b--
			}
			for _, m := range re.FindAllStringSubmatchIndex(s[a:b], -1) {
				if a+m[0] <= last {
					continue // found in the window of an earlier anchor
				}
				for i := range m {
					if m[i] >= 0 {
						m[i] += a
					}
				}
				last = m[0]
				if !yield(m) {
					return
				}
			}
			k = j + len(anchor)
		}
	}
}

// headerLabels name the publisher in a page header.
var headerLabels = []string{"发布机构", "发布单位", "信息来源", "来源", "发文机关"}

// headerAgency finds "发布机构: X" or "来源: | X |" in the head view and
// returns the view range of X, or an empty range.
func headerAgency(s string) (int, int) {
	for _, label := range headerLabels {
		for k := 0; ; {
			j := indexText(s[k:], label)
			if j < 0 {
				break
			}
			j += k + len(label)
			k = j
			if j >= len(s) || (s[j] != ':' && s[j] != '|') {
				continue
			}
			for j < len(s) && (s[j] == ':' || s[j] == '|') {
				j++
			}
			e := j
			for e < len(s) {
				r, size := decodeRune(s[e:])
				if !unicode.Is(unicode.Han, r) && r != '(' && r != ')' {
					break
				}
				e += size
			}
			if x := longestAgencyPrefix(s[j:e]); x != "" {
				return j, j + len(x)
			}
		}
	}
	return 0, 0
}

// source returns the source text of the normalized range [a, b).
func (d *doc) source(a, b int) string {
	s := d.span(a, b)
	return d.src[s.Start:s.End]
}

// source returns the source text of the view range [a, b).
func (v *view) source(d *doc, a, b int) string {
	return v.field(d, "proactive.total", Number{}, false, a, b).Text
}

// findYear reads the year reported on: from the title, a title quoted in
// a sentence ("编制了2021年政府信息公开工作年度报告"), the statistics period
// ("自2012年1月1日起至2012年12月31日止"), "截至2017年12月31日", and else the
// year the text names most often (full dates such as a signature
// "2013年3月12日" do not count).
func findYear(norm string, ls []line) int {
	for i := range ls {
		if i >= titleLines {
			break
		}
		l := &ls[i]
		if m := l.titleMatch(); m != nil {
			return atoi(l.text[m[4]:m[5]]) // the year's group always takes part
		}
	}
	s := norm
	var titled, period, asOf int
	const minYear, maxYear = 1990, 2099
	var count [maxYear - minYear + 1]int // by year
	for k := 0; ; {
		j := indexText(s[k:], "年")
		if j < 0 {
			break
		}
		j += k
		k = j + len("年")
		// PDF text spaces digits from words: "2024 年".
		e := j
		for e > 0 && s[e-1] == ' ' {
			e--
		}
		if e < 4 || !allDigits(s[e-4:e]) || (e > 4 && isDigit(s[e-5])) {
			continue
		}
		y := atoi(s[e-4 : e])
		if y < minYear || y > maxYear {
			continue
		}
		// The words after the year, without spaces: squeezed only when
		// they may start one of the cases below, as few do ("2019年3月").
		rest := squeezeStart(s[k:], 64)
		if hasPrefixes(rest, "度", "政", "信", "1", "底", "末") {
			rest = squeeze(s[k:], 64)
		}
		switch {
		case titled == 0 && titleWords(rest):
			titled = y
		case period == 0 && strings.HasPrefix(rest, "1月1日") && strings.Contains(rest, "12月31日"):
			period = y
		case asOf == 0 && hasSuffixes(strings.TrimSuffix(strings.TrimRight(s[:e-4], " "), "到"), "截至", "截止") &&
			hasPrefixes(rest, "12月31日", "底", "末"):
			asOf = y
		}
		if len(rest) == 0 || !isDigit(rest[0]) {
			count[y-minYear]++
		}
	}
	for _, y := range []int{titled, period, asOf} {
		if y != 0 {
			return y
		}
	}
	// The year named most, the earliest of a tie; 0 when none is.
	best, most := 0, 0
	for i, n := range count {
		if n > most {
			best, most = minYear+i, n
		}
	}
	return best
}

// squeezeStart returns about the first n bytes of s from the first that
// squeeze keeps: squeeze's result starts as it does.
func squeezeStart(s string, n int) string {
	if len(s) > n {
		s = s[:runeStartAtOrBefore(s, n)]
	}
	return strings.TrimLeft(s, " \n\t")
}

// squeeze returns about the first n bytes of s without spaces and line
// breaks.
func squeeze(s string, n int) string {
	if len(s) > n {
		s = s[:runeStartAtOrBefore(s, n)]
	}
	if !strings.ContainsAny(s, " \n\t") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// titleWords reports whether s, the text after "YYYY年", names the annual
// report: "度政府信息公开工作年度报告", "政务公开工作总结".
func titleWords(s string) bool {
	s = strings.TrimPrefix(s, "度")
	w, ok := prefixAny(s, "政府信息公开", "政务公开", "信息公开")
	if !ok {
		return false
	}
	s = s[len(w):]
	for _, f := range []string{"工作", "年度", "工作"} {
		s = strings.TrimPrefix(s, f)
	}
	return hasPrefixes(s, "报告", "年报", "总结")
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// publishedLabels name a header's publication date, the most explicit
// first: "成文日期" (written) and a bare "日期" yield to "发布日期".
var publishedLabels = []string{"发布日期", "发布时间", "发文日期", "发表于", "日期", "时间"}

// matchPublished reads the date that starts w, past colons and bars:
// "2023-05-06", "2023年5月6日", "2023/5/6", "2023.05.06"; the year 19xx
// or 20xx, the month and day of one or two digits. It is the regexp
// ^[:|]*((?:19|20)\d{2})[-年/.](\d{1,2})[-月/.](\d{1,2}) matched by
// hand (TestMatchPublished holds it to that regexp): it is tried after
// every date label of every page header.
func matchPublished(w string) (year, month, day string, ok bool) {
	w = strings.TrimLeft(w, ":|")
	if len(w) < 4 || !(strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) || !isDigit(w[2]) || !isDigit(w[3]) {
		return "", "", "", false
	}
	year, w = w[:4], w[4:]
	// sep cuts one of seps from the front of w.
	sep := func(seps ...string) bool {
		for _, p := range seps {
			if rest, ok := strings.CutPrefix(w, p); ok {
				w = rest
				return true
			}
		}
		return false
	}
	// digits cuts one or two digits from the front of w.
	digits := func() (string, bool) {
		n := 0
		for n < len(w) && n < 2 && isDigit(w[n]) {
			n++
		}
		d := w[:n]
		w = w[n:]
		return d, n > 0
	}
	if !sep("-", "年", "/", ".") {
		return "", "", "", false
	}
	if month, ok = digits(); !ok || !sep("-", "月", "/", ".") {
		return "", "", "", false
	}
	if day, ok = digits(); !ok {
		return "", "", "", false
	}
	return year, month, day, true
}

// findPublished reads a publication date stated in a page header.
func findPublished(hv *view) string {
	head := hv.s
	// Every label but 发表于 ends in 日期 or 时间; most heads hold
	// neither, and are not searched for the labels that end in it.
	hasDate, hasTime := containsText(head, "日期"), containsText(head, "时间")
	for _, label := range publishedLabels {
		if !hasDate && strings.HasSuffix(label, "日期") || !hasTime && strings.HasSuffix(label, "时间") {
			continue
		}
		for k := 0; ; {
			j := indexText(head[k:], label)
			if j < 0 {
				break
			}
			k += j + len(label)
			w := head[k:]
			if len(w) > 24 {
				w = w[:24]
			}
			if y, m, d, ok := matchPublished(w); ok {
				return fmt.Sprintf("%s-%02d-%02d", y, atoi(m), atoi(d))
			}
		}
	}
	return ""
}
