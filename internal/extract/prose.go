package extract

import (
	"cmp"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"gitui/internal/schema"
)

// Prose figures.
//
// The rules read a number together with the clause before it and, for a few
// sentence shapes, the words after it ("共有145件…行政复议申请"). A number
// is a field only when those words name the field in the same clause;
// anything else (a category, a channel breakdown, a previous year, a
// percentage) is left out. Zero statements ("未收到政府信息公开申请") are
// read separately, in prose_zero.go.

// cand is a figure a rule found, before each ID is resolved to one field.
type cand struct {
	id     string
	v      Number
	approx bool
	unit   string // set for money stated in 万元; else the schema's unit
	a, b   int    // view range of the words that state it
	// pct is a share stated after the count ("占89.06%"), if any.
	pct    Number
	hasPct bool
}

// extractProse reads the prose figures of a report on the year its text
// names most (findYear without the title lines Extract also reads); see
// proseFields.
func extractProse(d *doc, f schema.Format) ([]Field, []Check) {
	return proseFields(d, nil, f, findYear(d.norm, nil), "", nil)
}

// proseFields reads the prose figures, and returns checks of stated
// percentages (schema identity 5). year is the year reported on (0 when
// unknown): a figure scoped to another year is not a field. agency is the
// reporting agency's name as the report prints it ("" when unknown): a
// figure of a unit under it is not a field (see subUnit). v is the view of
// d.norm, or nil for proseFields to make its own. The fields are appended
// to buf[:0] (nil: a new slice), for Extract, which merges them and drops
// them, to reuse.
func proseFields(d *doc, v *view, f schema.Format, year int, agency string, buf []Field) ([]Field, []Check) {
	if v == nil {
		v = newView(d.norm)
		defer v.release()
	}
	units := newUnitScope(v, agency)
	table := f != "" && f != schema.Narrative || newRules(v)
	mentions, zeroAt := v.mentions()
	defer mentionPool.put(mentions)
	defer zeroAtPool.put(zeroAt)
	cands := candPool.get(len(mentions))
	defer func() { candPool.put(cands) }()
	var pro proactiveCands
	for _, m := range mentions {
		// Both rule sets read the clause core, and neither reads a
		// comparison with another period.
		c, approx := core(m.left)
		if comparison(c) || otherYear(v, m, c, year) || units.subUnit(m, c) {
			continue
		}
		if pro.add(v, m, c, approx) {
			continue
		}
		// classify appends the mention's candidates to cands, without
		// a slice of its own for each mention.
		n := len(cands)
		cands = classify(cands, v, m, c, approx, table)
		for k := n; k < len(cands); k++ {
			c := &cands[k]
			if c.b == 0 {
				c.a, c.b = m.leftAt, m.end
			}
			if p, ok := percentAfter(v.s, m.end); ok {
				c.pct, c.hasPct = p, true
			}
		}
	}
	cands = zeroStatements(cands, v, zeroAt)
	cands = append(cands, pro.resolve()...)

	sortByPosition(cands)
	// seen holds, by schema place, whether an ID was kept. An ID outside
	// the schema is a bug in the rules that merge reports; it is kept.
	seen := getPlaces()
	defer placesPool.Put(seen)
	// The percent checks read the figures stating a share, and the
	// totals they are shares of.
	var shares map[string]cand
	fields := slices.Grow(buf[:0], len(cands)) // room for every ID, each once
	for _, c := range cands {
		if at := schema.Order(c.id); at >= 0 {
			if (*seen)[at] != 0 {
				continue
			}
			(*seen)[at] = 1
		}
		for strings.HasPrefix(v.s[c.a:c.b], "、") {
			c.a += len("、")
		}
		if c.hasPct || c.id == "applications.new.total" || c.id == "replies.total" {
			if shares == nil {
				shares = make(map[string]cand)
			}
			shares[c.id] = c
		}
		fl := v.field(d, c.id, c.v, c.approx, c.a, c.b)
		fl.Unit = c.unit
		fields = append(fields, fl)
	}
	return fields, percentChecks(shares)
}

// newRules reports a report written under the 2019 rules even where its
// tables are missing (a prose-only excerpt): it names the new sections or
// the 国办 format notice, or reports on 2019 or later. Its prose restates
// table rows, and those carry the table IDs.
func newRules(v *view) bool {
	// Reports name their year and format in their opening lines.
	head := v.s[:runeStartAtOrBefore(v.s, min(len(v.s), 4000))]
	if hasAny(head, "收到和处理政府信息公开申请", "国办公开办函") {
		return true
	}
	return findYear(head, nil) >= 2019
}

// sortByPosition orders candidates, in place, by where they are stated; a
// stable sort keeps rule order for the same words.
func sortByPosition(cs []cand) {
	slices.SortStableFunc(cs, func(x, y cand) int { return cmp.Compare(x.a, y.a) })
}

// classify maps one mention to the fields its words name, appended to
// dst as candidates. c is the core of its clause, approx whether the core
// ended in an approx word; the caller has left out comparisons.
func classify(dst []cand, v *view, m mention, c string, approx, table bool) []cand {
	one := func(id string) []cand {
		return append(dst, cand{id: id, v: m.v, approx: m.approx || approx})
	}
	switch m.unit {
	case "元", "万元":
		if id := feeField(c); id != "" {
			// Money keeps the value and the unit as printed.
			return append(dst, cand{id: id, v: m.v, approx: m.approx || approx, unit: m.unit})
		}
		return dst
	case "人次", "次":
		if consultation(c, sentenceBefore(v.s, m.leftAt), sentenceAfter(v.s, m.end)) {
			return one("consultations.total")
		}
		return dst
	case "篇":
		return dst
	}
	// "全市市场监管系统共收到政府信息公开申请417件,其中市局本级…126件":
	// the count of a whole system is not the reporting agency's own.
	if systemWide(c) {
		return dst
	}
	if id := applicationField(v, c, m, table); id != "" {
		return one(id)
	}
	if m.unit == "条" {
		// 条 counts information items; only an application count in a
		// 受理/收到 clause uses it ("受理依申请公开政府信息数5条").
		return dst
	}
	if id, a := reasonBefore(v, c, m, table); id != "" {
		// The span holds the reason, what the applicant was told and
		// the count.
		return append(dst, cand{id: id, v: m.v, approx: m.approx || approx, a: a, b: m.end})
	}
	if id := replyField(v, c, m, table); id != "" {
		return one(id)
	}
	if ids := reviewField(v, c, m); len(ids) > 0 {
		for _, id := range ids {
			dst = one(id)
		}
		return dst
	}
	if id := outcomeAfter(v, c, m); id != "" {
		// The span holds the count and the outcome after it.
		return append(dst, cand{id: id, v: m.v, approx: m.approx || approx, a: m.start, b: m.end + len(m.right)})
	}
	if complaint(c) {
		return one("complaints.total")
	}
	if id := rightField(v, rawLeft(m.left), m, table); id != "" {
		return append(dst, cand{id: id, v: m.v, approx: m.approx || approx, a: m.start, b: m.end + len(m.right)})
	}
	return dst
}

// systemWide reports a clause counting for a whole system of agencies
// ("全市市场监管系统共收到", "全系统"), of which the reporting agency is one.
func systemWide(c string) bool {
	return strings.Contains(c, "全系统") || strings.Contains(c, "系统") && hasAny(c, "全市", "全省", "全区", "全县", "全国")
}

// comparisonWords compare with another period.
var comparisonWords = newWordSet("上年", "去年", "上一年", "同比", "相比", "较上", "比上", "增加", "减少", "下降", "增长", "提高")

// comparison reports a clause that compares with another period ("同上年
// 相比减少442条", "由2013年的1128条"): its number is not this year's.
func comparison(c string) bool {
	if comparisonWords.in(c) && !strings.Contains(c, "结转") {
		return true
	}
	if k := strings.Index(c, "年的"); k > 0 && isDigit(c[k-1]) {
		return true
	}
	return false
}

// otherYear reports a figure scoped to a year other than the one reported
// on: its clause names that year ("(2017年共收到政府信息公开申请38件)" in a
// 2018 report), or its sentence opens with it ("2010年度,我局共发布政府
// 信息四百八十条。" in a 2011 report). year is 0 when unknown.
func otherYear(v *view, m mention, c string, year int) bool {
	if year == 0 || strings.Contains(c, "结转") {
		return false
	}
	if y := namedYear(c, false); y != 0 {
		return y != year
	}
	y := namedYear(sentenceBefore(v.s, m.leftAt), true)
	return y != 0 && y != year
}

// namedYear returns the year a text scopes itself to ("2017年共收到",
// "2010年度,"), or 0. A date ("2019年3月"), a start ("2008年以来", "自
// 2008年5月1日《条例》实施") or a to-date bound ("截至2011年底") is not a
// scope. With opening set, only a year that opens the text counts.
func namedYear(s string, opening bool) int {
	for k := 0; ; {
		j := strings.Index(s[k:], "年")
		if j < 0 {
			return 0
		}
		j += k
		k = j + len("年")
		if j < 4 || !allDigits(s[j-4:j]) || j > 4 && isDigit(s[j-5]) {
			if opening {
				return 0
			}
			continue
		}
		if opening && j != 4 {
			return 0
		}
		rest := strings.TrimPrefix(s[k:], "度")
		if rest == "" || isDigit(rest[0]) || hasPrefixes(rest, "月", "以来", "起", "至", "到", "开始", "底", "末", "《", "的", "-") {
			if opening {
				return 0
			}
			continue
		}
		if y := atoi(s[j-4 : j]); y >= 1990 && y <= 2099 {
			return y
		}
	}
}

// feeField reads money: fees collected for information ("共收取…检索费、
// 复印费4711.7元", "收取政府信息公开信息处理费3940元") and fees waived
// ("减免632.1元"). Spending (支出) and administrative fees of the 2019
// tables are not these fields.
func feeField(c string) string {
	if hasAny(c, "支出", "行政事业性", "收费金额", "采购", "预算", "决算", "资金") {
		return ""
	}
	if hasAny(c, "减免", "免收", "减收") {
		return "fees.waived"
	}
	if strings.Contains(c, "收取") || strings.Contains(c, "收费") {
		if _, ok := suffixAny(c, "费", "费用", "收费"); ok {
			return "fees.collected"
		}
	}
	return ""
}

// consultation reads "接受…咨询9800人次" and "接待咨询1711余人次"; a count
// by channel ("电话咨询4200人次", "现场咨询5600人次") is a breakdown.
// sentence is the text of the clause's sentence before it, after the text
// of the sentence after the count.
//
// The field counts consultations about disclosure. When a sentence gives
// all the consultations a service hall received and then those about
// disclosure ("共接待群众咨询约2600人次，其中涉及政府信息公开的咨询96人次"),
// the second is the field and the first is not.
func consultation(c, sentence, after string) bool {
	// 谘询 is a variant spelling kept by normalization (p001, Traditional).
	w, ok := suffixAny(c, "咨询", "谘询")
	if !ok {
		return false
	}
	rest := strings.TrimSuffix(c, w)
	if strings.HasPrefix(rest, "其中") {
		return strings.Contains(rest, "信息公开") && hasAny(sentence, "咨询", "谘询") &&
			!strings.Contains(sentence, "信息公开")
	}
	if !strings.Contains(c, "信息公开") && !strings.Contains(sentence, "信息公开") {
		if k := strings.Index(after, "其中"); k >= 0 && strings.Contains(after[k:], "信息公开") && hasAny(after[k:], "咨询", "谘询") {
			return false
		}
	}
	// One channel is a breakdown; channels listed together ("接受公众电话、
	// 现场咨询416人次", "来电来访咨询") are the total over them.
	channels := 0
	for _, ch := range []string{"电话", "现场", "网上", "网络", "来电", "来访", "信函", "当面", "在线", "窗口"} {
		// "接待群众现场查阅、咨询约300人次": the channel is where
		// people read documents, and the count is of all who came.
		if strings.Contains(rest, ch) && !strings.Contains(rest, ch+"查阅") {
			channels++
		}
	}
	if channels == 1 {
		// "接待政府信息公开现场咨询1600多人次" (p02_pingnan_daan_town_2012):
		// consultations on disclosure, at the one channel counted, with
		// no other count of them in the sentence, are all that is stated.
		// "其中现场咨询1,208人次,电话咨询…" is a breakdown.
		return strings.Contains(rest, "信息公开") && !strings.HasPrefix(rest, "其中") && !strings.Contains(sentence, "咨询") &&
			hasAny(rest, "接受", "接待")
	}
	return hasAny(c, "接受", "接待", "受理", "解答", "答复", "回复", "办理", "提供")
}

// receiveVerbs introduce the applications an agency received.
var receiveVerbs = []string{"受理", "收到", "接收", "接到", "接受", "收悉"}

// receiveVerbSet holds receiveVerbs.
var receiveVerbSet = newWordSet(receiveVerbs...)

// channelWords name the channels of an application, with their field.
var channelWords = []struct{ word, id string }{
	{"当面", "applications.channel.in_person"},
	{"现场", "applications.channel.in_person"},
	{"电子邮件", "applications.channel.email"},
	{"互联网", "applications.channel.online"},
	{"网上", "applications.channel.online"},
	{"网络", "applications.channel.online"},
	{"在线", "applications.channel.online"},
	{"网站", "applications.channel.online"},
	{"信函", "applications.channel.letter"},
	{"邮寄", "applications.channel.letter"},
	{"来信", "applications.channel.letter"},
	{"传真", "applications.channel.fax"},
}

// channelField reads "当面申请562件", "以互联网方式申请21件", "以信函形式
// 申请69件", "通过网上申请系统提出2件": a channel word shortly before
// 申请, 提出 or 提交.
func channelField(c string) string {
	if !hasSuffixes(c, "申请", "提出", "提交") {
		return ""
	}
	for _, cw := range channelWords {
		k := strings.LastIndex(c, cw.word)
		if k < 0 {
			continue
		}
		// "以互联网方式申请", "通过网上申请系统提出": the channel, then
		// a few words of how.
		rest := c[k+len(cw.word):]
		if runeCount(rest) <= 8 && !strings.Contains(rest, "的") {
			return cw.id
		}
	}
	return ""
}

// notApplicationWords name what a count of applications in their clause
// is not: reviews, lawsuits, consultations, withdrawals.
var notApplicationWords = newWordSet("复议", "诉讼", "咨询", "撤销", "撤回")

// applicationField reads the applications received (受理…申请7390件,
// 受理各类依申请公开件共计631件, 依申请公开0件), by channel, and in
// table-era reports the prose restating the table's totals.
func applicationField(v *view, c string, m mention, table bool) string {
	if notApplicationWords.in(c) || otherApplication(c) {
		return ""
	}
	if id := channelField(c); id != "" {
		// "全年受理行政许可申请200件,其中当面申请120件": channels of
		// another kind of application are not disclosure requests.
		if otherApplication(sentenceBefore(v.s, m.leftAt)) || !aboutDisclosure(v, c, m) {
			return ""
		}
		return id
	}
	if table {
		switch {
		case hasAny(c, "上年结转", "上年度结转", "上一年度结转"):
			return "applications.carried_over.total"
		case strings.Contains(c, "结转") && hasAny(c, "下年", "下一年", "次年", "至"):
			return "applications.carried_forward.total"
		}
	}
	if strings.Contains(c, "结转") {
		return ""
	}
	receive := receiveVerbSet.in(c)
	if receive && !hasAny(c, "答复", "办结") {
		if _, ok := suffixAny(c, "申请", "申请书", "申请件", "依申请公开件", "依申请公开", "依申请公开事项", "依申请公开政府信息"); ok &&
			aboutDisclosure(v, c, m) {
			return "applications.new.total"
		}
	}
	if c == "依申请公开" && m.unit == "件" {
		return "applications.new.total"
	}
	// "共办理政府信息公开申请46件(含2017年结转的2件),其中本年新收44件":
	// the year's new applications, named in the sentence before.
	if hasSuffixes(c, "本年新收", "本年度新收", "当年新收", "新收到", "新收") &&
		applicationWord(sentenceBefore(v.s, m.leftAt)) && aboutDisclosure(v, c, m) {
		return "applications.new.total"
	}
	return ""
}

// otherApplication reports a clause naming another kind of application
// ("受理行政许可申请", "信访举报投诉类申请"): not a disclosure request.
func otherApplication(c string) bool {
	return otherApplicationWords.in(c)
}

var otherApplicationWords = newWordSet("许可", "审批", "登记", "备案", "信访", "投诉", "举报", "建议", "提案", "复核", "补贴", "救助")

// aboutDisclosure reports whether an application count is about requests
// for information: the clause says 公开 or 信息, or the text just before it
// (a heading "(二)依申请公开情况", a sentence about 信息处理费) does.
// "受理申请55件" in a paragraph on something else is not.
func aboutDisclosure(v *view, c string, m mention) bool {
	if hasAny(c, "公开", "信息") || hasAny(m.right, "公开", "信息") {
		return true
	}
	w := before(v.s, m.leftAt, 300)
	return strings.Contains(w, "依申请") || strings.Contains(w, "信息") && strings.Contains(w, "申请")
}

// answersDisclosure reports whether a count of answers is of information
// requests: the sentence around it speaks of 申请 or 公开 ("共答复7337件,
// 其中:同意公开3167件"), and not of another kind of application
// ("受理行政许可申请1200件，办结1180件").
func answersDisclosure(v *view, c string, m mention) bool {
	s := sentenceBefore(v.s, m.leftAt)
	if otherApplication(s) || otherApplication(c) {
		return false
	}
	return aboutDisclosure(v, c, m) || strings.Contains(s, "申请") || hasAny(sentenceAfter(v.s, m.end), "公开", "申请")
}

// reasonBefore reads an answer whose reason stands in the clause before
// the count, and what the applicant was told leads to it: "因申请的信息非本
// 机关掌握,告知申请人向哈密市农机局申请1件" (p01_hami_agri_2008), "申请内容
// 不明确,经告知补正后申请人未补正1份" (p05_qiandongnan_gjj_2013). It returns
// the field and where the reason's clause starts, or "".
func reasonBefore(v *view, c string, m mention, table bool) (string, int) {
	if table || !hasPrefixes(c, "告知", "经告知", "并告知", "已告知") {
		return "", 0
	}
	sentence := sentenceBefore(v.s, m.leftAt) // v.s[m.leftAt-len(sentence):m.leftAt]
	trimmed := strings.TrimRight(sentence, ",")
	prev := trimmed
	if k := strings.LastIndexByte(trimmed, ','); k >= 0 {
		prev = trimmed[k+1:]
	}
	if len(prev) == len(sentence) {
		return "", 0 // the sentence is one clause: no reason before
	}
	a := m.leftAt - len(sentence) + len(trimmed) - len(prev)
	switch {
	case hasSuffixes(prev, "非本机关掌握", "不属于本机关掌握", "不属本机关掌握", "本机关不掌握"):
		return "replies.not_held", a
	case strings.HasSuffix(prev, "内容不明确"):
		return "replies.unclear", a
	}
	return "", 0
}

// replyField reads how applications were answered: "共答复7337件",
// "“同意公开”的266件", "不予公开42件", "信息不存在的3469件". In table-era
// reports the restated table rows carry the table IDs: "予以公开36件",
// "已完成答复申请135件" (the 总计 row).
func replyField(v *view, c string, m mention, table bool) string {
	// "申请内容不明确、已告知申请人补正的一份": the outcome, then what
	// the applicant was told.
	if k := indexAny(c, "、已告知", "、并告知", "、告知"); k > 0 {
		c = c[:k]
	}
	orig := c
	c = strings.TrimSuffix(c, "的")
	c = strings.TrimSuffix(c, "答复")
	// "予以公开及部分公开42件" joins two outcomes: no single field.
	joined := func(word string) bool {
		p := strings.TrimSuffix(c, word)
		_, ok := suffixAny(p, "及", "和", "与", "、", "或")
		return ok
	}
	switch {
	case strings.HasSuffix(c, "部分公开"):
		if joined("部分公开") {
			return ""
		}
		if table {
			return "applications.partial.total"
		}
		return "replies.partial"
	case strings.HasSuffix(c, "同意公开"), strings.HasSuffix(c, "予以公开"), strings.HasSuffix(c, "全部公开"):
		if joined("公开") || strings.HasSuffix(c, "不予公开") {
			break
		}
		if table {
			return "applications.disclosed.total"
		}
		return "replies.agreed"
	}
	if strings.HasSuffix(c, "不予公开") {
		if joined("不予公开") {
			return ""
		}
		return "replies.refused"
	}
	if !table {
		switch {
		case strings.HasSuffix(c, "信息不存在"):
			return "replies.nonexistent"
		case hasSuffixes(c, "非本机关掌握", "不属于本机关掌握", "本机关不掌握", "不属于本机关公开职责", "不属于本机关职责",
			"不属本机关掌握", "非本机关职责范围", "不属于本机关职责范围", "非本机关职责", "非本机关政府信息",
			"不属于本机关公开范围", "非本机关公开范围", "不属于本机关公开职责范围"):
			return "replies.not_held"
		case strings.HasSuffix(c, "内容不明确"):
			return "replies.unclear"
		case hasSuffixes(c, "非政府信息", "不属于政府信息"):
			return "replies.not_gov_info"
		case (strings.Contains(c, "已主动公开") || strings.HasSuffix(c, "属于主动公开范围")) && !hasAny(c, "不予", "非", "未", "不属于"):
			// "属于已主动公开范围并告知获取途径的2件", "属于主动公开
			// 范围、已告知获取途径的四份"
			return "replies.already_public"
		case hasSuffixes(c, "申请人撤销", "申请人撤回", "撤销申请", "撤回申请"):
			return "replies.withdrawn"
		}
	}
	// "维持原答复" is the result of a review, not a count of answers.
	if hasSuffixes(orig, "答复", "答复申请", "办结", "办结申请", "办结依申请公开") &&
		!hasAny(orig, "电话", "咨询", "留言", "按期", "按时", "期限", "予以", "维持", "撤销", "纠正", "复议", "诉讼") &&
		answersDisclosure(v, c, m) {
		if table {
			return "applications.outcome_total.total"
		}
		return "replies.total"
	}
	return ""
}

func hasSuffixes(s string, words ...string) bool {
	_, ok := suffixAny(s, words...)
	return ok
}

// reviewOutcomes name the results of a 行政复议 or 行政诉讼 case.
var reviewOutcomes = []struct{ word, recon, litig string }{
	{"驳回或终止", "reconsideration.dismissed", ""},
	{"终止复议", "reconsideration.dismissed", ""},
	{"终止", "reconsideration.dismissed", ""},
	{"审理中", "reconsideration.pending", "litigation.pending"},
	{"责令履行", "reconsideration.ordered", ""},
	{"尚未审结", "reconsideration.pending", "litigation.pending"},
	{"未审结", "reconsideration.pending", "litigation.pending"},
	{"其他结果", "reconsideration.other", ""},
	{"维持", "reconsideration.upheld", "litigation.upheld"},
	{"纠正", "reconsideration.corrected", ""},
	{"撤销", "reconsideration.revoked", ""},
	{"驳回", "reconsideration.dismissed", ""},
	{"败诉", "", "litigation.lost"},
}

// reviewTopic returns which proceeding the text is about: the later of
// 复议 and 诉讼 in it.
func reviewTopic(s string) string {
	i, j := strings.LastIndex(s, "复议"), strings.LastIndex(s, "诉讼")
	switch {
	case i < 0 && j < 0:
		return ""
	case i > j:
		return "复议"
	}
	return "诉讼"
}

// reviewField reads 行政复议 and 行政诉讼 figures: totals ("发生行政复议91件",
// "行政诉讼案件16件"), results ("其中维持63件", "败诉0件", "行政复议案件且
// 维持具体行政行为数2件"), and "…行政复议、提起行政诉讼的案件0件" (both 0).
func reviewField(v *view, c string, m mention) []string {
	// "申请人撤回申请终止复议2件": a case ended by the applicant.
	if hasSuffixes(c, "终止复议", "终止行政复议") && !strings.Contains(c, "诉讼") {
		return []string{"reconsideration.dismissed"}
	}
	if strings.Contains(c, "申请人") {
		return nil
	}
	// "责令履行法定职责1件": the outcome, then its object.
	for _, object := range []string{"具体行政行为", "答复", "决定", "法定职责"} {
		c = strings.TrimSuffix(c, object)
	}
	c = strings.TrimSuffix(c, "原")
	if strings.Contains(c, "复议") && strings.Contains(c, "诉讼") {
		if m.v.Equal(Number{}) && hasSuffixes(c, "案件", "情况", "案") &&
			strings.LastIndex(c, "复议") < strings.LastIndex(c, "诉讼") {
			return []string{"reconsideration.total", "litigation.total"}
		}
	}
	if w, ok := suffixAny(c, "行政复议案件", "行政复议案", "行政复议申请", "行政复议", "复议案件", "复议申请", "复议"); ok {
		if !strings.Contains(strings.TrimSuffix(c, w), "诉讼") {
			return []string{"reconsideration.total"}
		}
	}
	if w, ok := suffixAny(c, "行政诉讼案件", "行政诉讼案", "行政诉讼", "诉讼案件", "诉讼"); ok {
		if !strings.Contains(strings.TrimSuffix(c, w), "复议") {
			return []string{"litigation.total"}
		}
	}
	for _, o := range reviewOutcomes {
		if !strings.HasSuffix(c, o.word) {
			continue
		}
		topic := reviewTopic(c)
		if topic == "" {
			topic = reviewTopic(before(v.s, m.leftAt, 150))
		}
		switch {
		case topic == "复议" && o.recon != "":
			return []string{o.recon}
		case topic == "诉讼" && o.litig != "":
			return []string{o.litig}
		}
		return nil
	}
	return nil
}

// outcomeAfter reads a case of a list counted before its outcome: "被申请
// 行政复议二起,其中一起经县政府复议撤销原答复…;另一起被复议机关驳回".
func outcomeAfter(v *view, c string, m mention) string {
	if c != "其中" && c != "另" || strings.Contains(m.right, "申请人") {
		return ""
	}
	r := m.right
	for _, object := range []string{"具体行政行为", "答复", "决定", "法定职责"} {
		r = strings.TrimSuffix(r, object)
	}
	r = strings.TrimSuffix(r, "原")
	for _, o := range reviewOutcomes {
		if !strings.HasSuffix(r, o.word) {
			continue
		}
		// The proceeding is named in the case's own words or its
		// sentence: "其中1件驳回" after a count of applications is not one.
		topic := reviewTopic(r)
		if topic == "" {
			topic = reviewTopic(sentenceBefore(v.s, m.leftAt))
		}
		switch {
		case topic == "复议":
			return o.recon
		case topic == "诉讼":
			return o.litig
		}
		return ""
	}
	return ""
}

// complaint reads a count of complaints about the disclosure work itself:
// "收到有关政府信息公开工作的投诉1件". Complaints about anything else
// (信访, 12345 hotlines) are not this field.
func complaint(c string) bool {
	c = strings.TrimSuffix(strings.TrimSuffix(c, "案件"), "案")
	return hasSuffixes(c, "投诉", "申诉", "举报") && strings.Contains(c, "信息公开") && !hasAny(c, "复议", "诉讼", "申请")
}

// rightField reads the sentence shapes that name the count after the
// number: "收到12起政府信息依申请公开", "共收到70件申请", "其余628件申请
// 全部按期答复", "共有145件…被提起的行政复议申请", "145件行政复议案件均被
// 维持", "1件结转下年度继续办理".
func rightField(v *view, c string, m mention, table bool) string {
	// "…行政复议申请、3件被提起行政诉讼": the list item starts at the comma.
	if k := strings.LastIndex(c, "、"); k >= 0 {
		c = c[k+len("、"):]
	}
	r := m.right
	if r == "" || runeCount(r) > 30 {
		return ""
	}
	noun := hasPrefixes(r, "申请", "政府信息公开申请", "信息公开申请", "政府信息依申请公开", "依申请公开") && !otherApplication(r)
	if noun && (hasSuffixes(c, receiveVerbs...) || hasSuffixes(c, "受理的", "收到的")) && aboutDisclosure(v, c, m) {
		return "applications.new.total"
	}
	isApplication := noun
	// "在已经答复的7337件申请中": the applications answered.
	if isApplication && hasSuffixes(c, "答复的", "办结的", "已答复", "已办结") && !hasAny(c, "按期", "按时", "期限") {
		if table {
			return "applications.outcome_total.total"
		}
		return "replies.total"
	}
	if isApplication && hasSuffixes(c, "有", "共有") && hasAny(sentenceAfter(v.s, m.end), "撤销申请", "撤回申请") && !table {
		return "replies.withdrawn"
	}
	if strings.HasPrefix(r, "申请") && strings.Contains(r, "答复") && hasAny(r, "全部", "均") {
		if table {
			return "applications.outcome_total.total"
		}
		return "replies.total"
	}
	if table && hasPrefixes(r, "结转下年", "结转至下年", "结转到下年", "顺延到下年", "顺延至下年", "转入下年") {
		return "applications.carried_forward.total"
	}
	hasRecon, hasLitig := strings.Contains(r, "复议"), strings.Contains(r, "诉讼")
	if hasRecon == hasLitig || !(c == "" || hasSuffixes(c, "有", "共有", "发生", "被提起的", "提起的", "收到", "涉及")) {
		return ""
	}
	if hasAny(r, "维持") {
		if hasRecon {
			return "reconsideration.upheld"
		}
		return "litigation.upheld"
	}
	if hasSuffixes(r, "复议", "复议申请", "复议案件", "诉讼", "诉讼案件", "诉讼案") {
		if hasRecon {
			return "reconsideration.total"
		}
		return "litigation.total"
	}
	return ""
}

// rawLeft is the clause before a number with quotes and list commas
// dropped but its fillers kept: "共有145件…" keeps its "共有".
func rawLeft(left string) string {
	return strings.TrimLeft(stripQuotes(left), "、")
}

func hasPrefixes(s string, words ...string) bool {
	_, ok := prefixAny(s, words...)
	return ok
}

// shareCheck returns the share count/total as a percentage printed with
// the decimals of stated (rounded half away from zero, as
// big.Rat.FloatString does), and whether stated is within rounding of it:
// |share − stated| ≤ half a unit of its last decimal. total is not 0.
// err is set when the share is too large to be a Number.
func shareCheck(count, total, stated Number) (actual Number, ok bool, err error) {
	if actual, ok, fast := shareCheckInt(count, total, stated); fast {
		return actual, ok, nil
	}
	return shareCheckRat(count, total, stated)
}

// shareCheckRat is shareCheck in big.Rat, for any values.
func shareCheckRat(count, total, stated Number) (actual Number, ok bool, err error) {
	decimals := stated.decimals()
	share := new(big.Rat).Quo(count.Rat(), total.Rat())
	share.Mul(share, big.NewRat(100, 1))
	actual, err = ParseNumber(share.FloatString(decimals))
	if err != nil {
		return Number{}, false, err
	}
	diff := new(big.Rat).Sub(share, stated.Rat())
	diff.Abs(diff)
	half := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Mul(big.NewInt(2), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil)))
	return actual, diff.Cmp(half) <= 0, nil
}

// shareCheckInt is shareCheck in int64 for the common case, reporting
// fast false when it does not apply: counts of at most 10⁹, a stated
// share of at most 10⁹ units of its last decimal, and six decimals at
// most keep every product below 2³¹·10⁹. With share = 100·count/total and
// stated = S/10ᵈ, the share printed is 100·count·10ᵈ/total rounded half
// up, and the test is 2·|100·count·10ᵈ − S·total| ≤ total.
func shareCheckInt(count, total, stated Number) (actual Number, ok, fast bool) {
	const limit = 1_000_000_000
	c, okc := count.intValue()
	t, okt := total.intValue()
	d := stated.decimals()
	sd, oks := Number{strings.Replace(stated.s, ".", "", 1)}.intValue()
	if !okc || !okt || !oks || c < 0 || c > limit || t <= 0 || t > limit || sd < 0 || sd > limit || d > 6 {
		return Number{}, false, false
	}
	p := int64(1)
	for range d {
		p *= 10
	}
	n := 100 * c * p
	q, r := n/t, n%t
	if 2*r >= t {
		q++
	}
	text := strconv.FormatInt(q/p, 10)
	if d > 0 {
		frac := strconv.FormatInt(q%p, 10)
		text += "." + strings.Repeat("0", d-len(frac)) + frac
	}
	actual, err := ParseNumber(text)
	if err != nil {
		return Number{}, false, false // not reached: the share has 12 digits at most
	}
	diff := n - sd*t
	if diff < 0 {
		diff = -diff
	}
	return actual, 2*diff <= t, true
}

// percentChecks tests each stated share against the count and the total it
// is a share of (schema identity 5): channels of applications.new.total,
// replies of replies.total. The share must match to the printed decimals.
// byID holds the figures stating a share and the totals, by ID.
func percentChecks(byID map[string]cand) []Check {
	// The fields of the schema with a stated share, in schema order.
	var withPct []string
	for id, c := range byID {
		if c.hasPct && schema.Order(id) >= 0 {
			withPct = append(withPct, id)
		}
	}
	if len(withPct) == 0 {
		return nil
	}
	slices.SortFunc(withPct, func(a, b string) int { return schema.Order(a) - schema.Order(b) })
	var out []Check
	for _, id := range withPct {
		c := byID[id]
		var totalID string
		switch {
		case strings.HasPrefix(id, "applications.channel."):
			totalID = "applications.new.total"
		case strings.HasPrefix(id, "replies.") && id != "replies.total":
			totalID = "replies.total"
		default:
			continue
		}
		t, ok := byID[totalID]
		if !ok || t.v.Equal(Number{}) || c.approx || t.approx {
			continue
		}
		actual, ok, err := shareCheck(c.v, t.v, c.pct)
		if err != nil {
			continue // a share too large to print is no check, not a 0
		}
		out = append(out, Check{
			ID:       "percent." + id,
			OK:       ok,
			Expected: c.pct,
			Actual:   actual,
			Fields:   []string{id, totalID},
		})
	}
	return out
}
