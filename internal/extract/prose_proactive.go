package extract

import (
	"strings"
)

// Proactive disclosure (主动公开) counts.
//
// A report may state several counts of published items: the year's total
// ("共主动公开政府信息1491条"), a to-date total ("截至2011年底累计主动公开
// 政府信息15506条"), counts per channel ("在门户网站主动公开信息806条"),
// per category ("机构职能类信息21条") and of other things (website items,
// 制作 documents). Each count is ranked by what its words say, and the
// year's total is the first count of the best rank (schema.md §1).

// proCand is one count of proactively disclosed information.
type proCand struct {
	cand
	channel bool // published through one named channel
	toDate  bool // a running total since an earlier year
	// cumul marks a 累计 count not tied to the year; newly a count of what
	// is new this year ("2011年新增的主动公开政府信息5973条").
	cumul, newly bool
	strong       bool // 共, 累计, 总计: the words sum something
	rank         int
}

type proactiveCands []proCand

// proVerbs are the verbs that publish information, checked from the end
// of the clause.
var proVerbs = []string{"公开", "公布", "发布"}

// channelNouns name a single publication channel.
var channelNouns = []string{"网站", "网上", "专栏", "平台", "公众号", "微博", "微信", "门户", "公报", "网络", "目录", "客户端", "栏目"}

// add records m if its words count proactively disclosed information, and
// reports whether it did. c is the core of its clause and approx whether
// the core ended in an approx word; the caller has left out comparisons.
func (p *proactiveCands) add(v *view, m mention, c string, approx bool) bool {
	if m.unit != "条" && m.unit != "篇" && m.unit != "件" {
		return false
	}
	pc := proCand{cand: cand{v: m.v, approx: m.approx || approx, a: m.leftAt, b: m.end}}

	// "…发布信息514条,总计2401条": a bare total after counts of items
	// published in the same sentence.
	if c == "总计" || c == "合计" || c == "共计" {
		s := sentenceBefore(v.s, m.leftAt)
		if m.unit == "条" && strings.Contains(s, "信息") && hasAny(s, "发布", "公开") && !hasAny(s, "申请", "复议", "诉讼") {
			pc.rank, pc.strong = 2, true
			*p = append(*p, pc)
			return true
		}
		return false
	}

	verb, at := "", -1
	for _, w := range proVerbs {
		if k := strings.LastIndex(c, w); k > at {
			verb, at = w, k
		}
	}
	if at < 0 {
		return false
	}
	object := strings.TrimPrefix(c[at+len(verb):], "了")
	prefix := c[:at]
	if verb == "公开" && strings.HasSuffix(prefix, "主动") {
		verb, prefix = "主动公开", strings.TrimSuffix(prefix, "主动")
	}
	if m.unit == "件" && verb != "主动公开" {
		return false
	}
	// "累计主动公开政府信息8,915条,其中2018年新增公开1,487条": the
	// year's new count names no object; it counts what the sentence does.
	newlyOf := object == "" && hasAny(prefix, "新增", "新公开") &&
		strings.Contains(sentenceBefore(v.s, m.leftAt), "主动公开政府信息")
	if !informationObject(object) && !newlyOf {
		return false
	}
	// Information classed 依申请公开 or 不予公开, items that "should" be
	// published, and "other" items are not the year's disclosure.
	// Items "to be" published (拟公开, 待公开: drafts under review,
	// t02_kashgar_natres_2020 "全年审查拟公开信息1,500余条") are not published.
	if hasSuffixes(prefix, "应", "依申请", "不予", "未", "不", "未予", "拟", "待") || hasAny(prefix, "其他", "申请") {
		return false
	}
	// A word of summing counts where it stands, before the verb or
	// between the object and the number ("主动公开信息共计1,463条",
	// "发布各类政府信息合计二百一十四条"); core leaves the latter out.
	strong := hasAny(prefix, "累计", "总计", "合计") || (strings.Contains(prefix, "共") && !strings.Contains(prefix, "公共")) ||
		sumsAfterObject(m.left)
	pc.channel = hasAny(prefix, channelNouns...)
	// "发布各类政府信息214条": government information of every kind
	// published with no channel named in the sentence is the year's
	// count; "通过局门户网站发布各类信息2960条" and "“乐从发布”政务新媒体
	// 运营,全年发布各类信息2180条" count items posted on one channel.
	allKinds := hasPrefixes(object, "各类政府", "各项政府", "各种政府") &&
		!hasAny(sentenceBefore(v.s, m.leftAt), channelNouns...) && !strings.Contains(sentenceBefore(v.s, m.leftAt), "媒体")
	if verb != "主动公开" && verb != "公开" && !strong && !allKinds && !overChannels(sentenceBefore(v.s, m.leftAt)) {
		return false
	}
	pc.newly = hasAny(prefix, "新增", "新公开")
	if strings.Contains(prefix, "历年") {
		pc.toDate = true
	} else if strings.Contains(prefix, "累计") && !hasAny(prefix, "年度", "本年", "全年", "今年", "当年") {
		pc.cumul = true
		s := sentenceBefore(v.s, m.leftAt)
		pc.toDate = hasAny(s, "截至", "截止", "至今", "以来")
	}
	pc.strong = strong
	if !pc.channel {
		// The field's own words weigh most, then a word of summing:
		// "共主动公开" > "主动公开" > "共发布" > "公开".
		pc.rank = 1
		if verb == "主动公开" {
			pc.rank += 2
		}
		if strong {
			pc.rank++
		}
	}
	*p = append(*p, pc)
	return true
}

// sumsAfterObject reports a clause whose object is followed by a word of
// summing right before the number: "…信息共计", "…信息合计", "…信息共".
func sumsAfterObject(left string) bool {
	left = strings.TrimRight(left, " ")
	if strings.HasSuffix(left, "公共") {
		return false
	}
	return hasSuffixes(left, "共计", "合计", "总计", "共")
}

// overChannels reports a sentence that publishes through several channels
// at once ("通过县政府门户网站、局门户网站、办事大厅公示栏…等渠道,发布各类
// 政府信息六百余条"): its count is the total over them, not one channel's.
func overChannels(s string) bool {
	return strings.Contains(s, "通过") && strings.Contains(s, "、") && hasAny(s, "等渠道", "等途径", "等载体", "等多种")
}

// informationObject reports whether the object of a publishing verb is
// information in general ("政府信息", "各类信息", "政府信息数"), not one
// category of it ("征地信息", "政务类信息", "行政许可信息").
func informationObject(o string) bool {
	var x string
	switch {
	case strings.HasSuffix(o, "政府信息"):
		x = strings.TrimSuffix(o, "政府信息")
	case strings.HasSuffix(o, "政务信息"):
		x = strings.TrimSuffix(o, "政务信息")
	case strings.HasSuffix(o, "信息"):
		x = strings.TrimSuffix(o, "信息")
	default:
		return false
	}
	switch x {
	case "", "各类", "各项", "各种", "各类政府", "的", "各类的":
		return true
	}
	// "主动公开我区各级单位政府信息2645条": whose information, not which.
	return strings.HasPrefix(x, "我") && !hasAny(x, "类", "、", "等")
}

// resolve picks proactive.total and proactive.cumulative. When the report
// gives a running total beside a count for the year, the year's count is
// the total and the running one the cumulative figure; a running total
// alone is the year's total. Counts through one channel are used only when
// nothing else is stated and they agree.
func (p proactiveCands) resolve() []cand {
	newly := false
	for _, c := range p {
		newly = newly || c.newly && !c.channel
	}
	var year, toDate, channel []proCand
	for _, c := range p {
		if newly && c.cumul && !c.channel {
			// Beside a count of what is new this year, a 累计 count
			// is the running total.
			c.toDate = true
		}
		if c.newly {
			c.rank += 4
		}
		switch {
		case c.toDate:
			toDate = append(toDate, c)
		case c.channel:
			channel = append(channel, c)
		default:
			year = append(year, c)
		}
	}
	var out []cand
	if len(year) > 0 {
		best := year[0]
		for _, c := range year[1:] {
			if c.rank > best.rank {
				best = c
			}
		}
		// Two different counts with the same words and no word of summing
		// ("市局主动公开政府信息120条，各分局主动公开政府信息200条") are
		// parts, not the total.
		if !best.strong {
			for _, c := range year {
				if c.rank == best.rank && !c.v.Equal(best.v) {
					return nil
				}
			}
		}
		best.id = "proactive.total"
		out = append(out, best.cand)
		if len(toDate) > 0 && !toDate[0].v.Equal(best.v) {
			cum := toDate[0]
			cum.id = "proactive.cumulative"
			out = append(out, cum.cand)
		}
		return out
	}
	if len(toDate) > 0 {
		c := toDate[0]
		c.id = "proactive.total"
		return append(out, c.cand)
	}
	if len(channel) > 0 {
		for _, c := range channel[1:] {
			if !c.v.Equal(channel[0].v) {
				return nil
			}
		}
		c := channel[0]
		c.id = "proactive.total"
		return append(out, c.cand)
	}
	return nil
}
