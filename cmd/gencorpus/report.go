package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Formats of a report, as schema.md names them.
const (
	narrative = "narrative"
	table2019 = "table2019"
	table2021 = "table2021"
)

// Layouts of a report's tables as text.
const (
	layoutPipe   = "pipe"   // | cell | cell |
	layoutTab    = "tab"    // cells separated by tabs
	layoutLines  = "lines"  // one cell per line
	layoutSpaces = "spaces" // cells apart by runs of spaces, as pdftotext -layout prints them
	layoutHTML   = "html"   // an HTML page with <table>
)

// report is one generated report: its text and the figures it states.
type report struct {
	agency string
	year   int
	format string
	layout string
	text   string
	fields map[string]string // field ID → value as printed
}

// columns of the applications table, in order.
var columns = []struct{ id, label string }{
	{"natural", "自然人"}, {"commercial", "商业企业"}, {"research", "科研机构"},
	{"social", "社会公益组织"}, {"legal", "法律服务机构"}, {"other", "其他"}, {"total", "总计"},
}

// outcomeRow is a row of the applications table under 三、本年度办理结果.
type outcomeRow struct {
	id, group, label string
	weight           int // how many requests end here, relatively
}

var outcomes2019 = []outcomeRow{
	{"disclosed", "（一）", "予以公开", 10},
	{"partial", "（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）", 3},
	{"withheld.state_secret", "（三）不予公开", "1.属于国家秘密", 0},
	{"withheld.prohibited", "", "2.其他法律行政法规禁止公开", 0},
	{"withheld.security", "", "3.危及“三安全一稳定”", 0},
	{"withheld.third_party", "", "4.保护第三方合法权益", 1},
	{"withheld.internal", "", "5.属于三类内部事务信息", 1},
	{"withheld.process", "", "6.属于四类过程性信息", 1},
	{"withheld.enforcement", "", "7.属于行政执法案卷", 1},
	{"withheld.query", "", "8.属于行政查询事项", 1},
	{"unavailable.not_held", "（四）无法提供", "1.本机关不掌握相关政府信息", 6},
	{"unavailable.needs_creation", "", "2.没有现成信息需要另行制作", 2},
	{"unavailable.unclear", "", "3.补正后申请内容仍不明确", 1},
	{"not_processed.petition", "（五）不予处理", "1.信访举报投诉类申请", 2},
	{"not_processed.duplicate", "", "2.重复申请", 1},
	{"not_processed.publication", "", "3.要求提供公开出版物", 0},
	{"not_processed.excessive", "", "4.无正当理由大量反复申请", 0},
	{"not_processed.confirmation", "", "5.要求行政机关确认或重新出具已获取信息", 0},
}

var other2019 = []outcomeRow{{"other", "（六）", "其他处理", 1}}

var other2021 = []outcomeRow{
	{"other.no_correction", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1},
	{"other.no_fee", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 0},
	{"other.misc", "", "3.其他", 1},
}

// table is a table of cells, the first row its header.
type table [][]string

// builder writes one report.
type builder struct {
	rng    *rand.Rand
	filler []string
	r      *report
	parts  []part
}

// part is a paragraph or a table of the report, rendered by layout.
type part struct {
	heading string
	text    string
	table   table
}

var places = []string{
	"北京市朝阳区", "北京市西城区", "上海市长宁区", "上海市浦东新区", "平潭综合实验区", "衢州市", "长春市",
	"淄博市", "梅河口市", "汉中市", "泉州市泉港区", "临安市", "石岛管理区", "抚远市", "门头沟区", "金乡县",
	"白城市", "隆昌市", "淮安市", "保定市定兴县", "曲阜市", "永嘉县", "四平市", "桦甸市", "海口市", "成都市武侯区",
	"广州市天河区", "杭州市西湖区", "南京市鼓楼区", "武汉市江汉区", "西安市雁塔区", "昆明市五华区",
}

var departments = []string{
	"人民政府办公室", "人力资源和社会保障局", "自然资源局", "国土资源局", "住房和城乡建设局", "生态环境局",
	"环境保护局", "教育局", "审计局", "统计局", "水务局", "民政局", "民族宗教事务局", "农业农村局",
	"市场监督管理局", "财政局", "交通运输局", "卫生健康委员会", "文化和旅游局", "应急管理局",
	"房屋管理局", "公安局", "司法局", "税务局", "城市管理局", "林业局",
}

// small returns a count that is most often 0 and now and then large.
func (b *builder) small(weight int) int {
	if weight == 0 || b.rng.IntN(10) >= weight {
		if b.rng.IntN(4) > 0 {
			return 0
		}
	}
	n := b.rng.IntN(4 + 3*weight)
	if b.rng.IntN(20) == 0 {
		n += b.rng.IntN(200)
	}
	return n
}

func (b *builder) set(id string, v int) string {
	s := strconv.Itoa(v)
	b.r.fields[id] = s
	return s
}

func (b *builder) paragraph(heading string, sentences ...string) {
	b.parts = append(b.parts, part{heading: heading, text: strings.Join(sentences, "")})
}

// fill returns n sentences of real report prose without figures.
func (b *builder) fill(n int) string {
	var s strings.Builder
	for range n {
		s.WriteString(b.filler[b.rng.IntN(len(b.filler))])
	}
	return s.String()
}

// generate writes report i of a corpus.
// generate writes a report; plain leaves out the HTML layout.
func generate(rng *rand.Rand, filler []string, plain bool) *report {
	b := &builder{rng: rng, filler: filler, r: &report{fields: map[string]string{}}}
	r := b.r
	r.agency = places[rng.IntN(len(places))] + departments[rng.IntN(len(departments))]
	// Half the reports are of the table era, as in a crawl of recent years.
	r.year = 2008 + rng.IntN(11)
	if rng.IntN(2) == 0 {
		r.year = 2019 + rng.IntN(6)
	}
	switch {
	case r.year >= 2021:
		r.format = table2021
	case r.year >= 2019:
		r.format = table2019
	default:
		r.format = narrative
	}
	layouts := []string{layoutPipe, layoutTab, layoutLines, layoutSpaces, layoutHTML}
	if plain {
		layouts = layouts[:len(layouts)-1]
	}
	r.layout = layouts[rng.IntN(len(layouts))]

	title := fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.agency, r.year)
	b.paragraph("", "本报告根据《中华人民共和国政府信息公开条例》要求，由"+r.agency+"编制。", b.fill(2))
	b.paragraph("一、总体情况", b.fill(5+rng.IntN(8)))
	if r.format == narrative {
		b.narrative()
	} else {
		b.tables()
	}
	b.paragraph("五、存在的主要问题及改进情况", b.fill(3+rng.IntN(5)))
	b.paragraph("六、其他需要报告的事项", b.fill(1))
	published := fmt.Sprintf("%d年%d月%d日", r.year+1, 1+rng.IntN(3), 1+rng.IntN(28))
	r.text = render(title, r.agency, published, b.parts, r.layout)
	return r
}

// narrative adds the prose of a 2008–2018 report.
func (b *builder) narrative() {
	rng := b.rng
	pick := func(phrasings ...string) string { return phrasings[rng.IntN(len(phrasings))] }
	proactive := b.set("proactive.total", 20+rng.IntN(3000))
	b.paragraph("二、主动公开政府信息情况",
		fmt.Sprintf(pick("%d年，我局共主动公开政府信息%s条。", "%d年度，本机关主动公开政府信息%s条。",
			"%d年，我局通过门户网站累计发布信息%s条。"), b.r.year, proactive),
		b.fill(2))
	if rng.IntN(2) == 0 {
		n := b.set("consultations.total", 10+rng.IntN(5000))
		b.paragraph("", fmt.Sprintf(pick("全年接受群众咨询%s人次。", "全年共接受公众咨询%s人次。", "接受来电来访咨询%s人次。"), n))
	}
	inPerson, online, letter := b.small(8), b.small(6), b.small(3)
	total := inPerson + online + letter
	sentence := fmt.Sprintf(pick("本年度共受理政府信息公开申请%s件", "全年受理各类依申请公开件共计%s件", "本年度共收到政府信息公开申请%s件"),
		b.set("applications.new.total", total))
	if total > 0 {
		sentence += fmt.Sprintf("，其中当面申请%s件，网上申请%s件，信函申请%s件",
			b.set("applications.channel.in_person", inPerson), b.set("applications.channel.online", online),
			b.set("applications.channel.letter", letter))
	}
	sentence += "。"
	replies := ""
	if total > 0 {
		agreed := rng.IntN(total + 1)
		partial := rng.IntN(total - agreed + 1)
		refused := total - agreed - partial
		replies = fmt.Sprintf("已全部答复，其中同意公开%s件，同意部分公开%s件，不予公开%s件。",
			b.set("replies.agreed", agreed), b.set("replies.partial", partial), b.set("replies.refused", refused))
	}
	b.paragraph("三、依申请公开政府信息情况", sentence, replies, b.fill(1))
	if rng.IntN(2) == 0 {
		b.set("fees.collected", 0)
		b.paragraph("四、收费及减免情况", pick("本年度未收取任何费用。", "本机关未收取任何费用。"))
	} else {
		fee := fmt.Sprintf("%d.%d", rng.IntN(800), rng.IntN(10))
		b.r.fields["fees.collected"] = fee
		b.paragraph("四、收费及减免情况", "本年度共收取检索费、复印费"+fee+"元。")
	}
	if rng.IntN(3) > 0 {
		b.set("reconsideration.total", 0)
		b.set("litigation.total", 0)
		b.paragraph("", pick("本年度没有发生因政府信息公开申请提起行政复议、行政诉讼的情况。",
			"本年度没有发生针对本机关政府信息公开事务的行政复议、行政诉讼。"))
	} else {
		b.paragraph("", fmt.Sprintf("本年度因政府信息公开申请提起行政复议%s件，提起行政诉讼%s件。",
			b.set("reconsideration.total", 1+rng.IntN(5)), b.set("litigation.total", 1+rng.IntN(3))))
	}
}

// tables adds the three tables of a 2019 or 2021 report, their numbers
// consistent with the identities of schema.md.
func (b *builder) tables() {
	rng := b.rng
	r := b.r
	var pro table
	if r.format == table2021 {
		pro = table{{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}}
		for _, row := range []struct{ id, label string }{{"rules", "规章"}, {"normative", "行政规范性文件"}} {
			in := rng.IntN(300)
			pro = append(pro, []string{row.label,
				b.set("proactive."+row.id+".issued", rng.IntN(in/4+1)),
				b.set("proactive."+row.id+".repealed", rng.IntN(in/8+1)),
				b.set("proactive."+row.id+".in_force", in)})
		}
		pro = append(pro, []string{"信息内容", "本年处理决定数量"})
		for _, row := range []struct{ id, label string }{{"licensing", "行政许可"}, {"penalty", "行政处罚"}, {"coercion", "行政强制"}} {
			pro = append(pro, []string{row.label, b.set("proactive."+row.id+".decisions", rng.IntN(3000))})
		}
		fee := "0"
		if rng.IntN(3) == 0 {
			fee = fmt.Sprintf("%d.%02d", rng.IntN(30000), rng.IntN(100))
		}
		r.fields["proactive.fees.amount"] = fee
		pro = append(pro, []string{"信息内容", "本年收费金额（单位：万元）"}, []string{"行政事业性收费", fee})
	} else {
		pro = table{{"信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"}}
		for _, row := range []struct{ id, label string }{{"rules", "规章"}, {"normative", "规范性文件"}} {
			made := rng.IntN(30)
			pro = append(pro, []string{row.label,
				b.set("proactive."+row.id+".made", made),
				b.set("proactive."+row.id+".published", made),
				b.set("proactive."+row.id+".total", made+rng.IntN(200))})
		}
		pro = append(pro, []string{"信息内容", "上一年项目数量", "本年增/减", "处理决定数量"})
		for _, row := range []struct{ id, label string }{{"licensing", "行政许可"}, {"penalty", "行政处罚"}, {"coercion", "行政强制"}} {
			prev := rng.IntN(200)
			change := rng.IntN(21) - 10
			if prev+change < 0 {
				change = -prev
			}
			pro = append(pro, []string{row.label,
				b.set("proactive."+row.id+".prev", prev),
				b.set("proactive."+row.id+".change", change),
				b.set("proactive."+row.id+".decisions", rng.IntN(3000))})
		}
		pro = append(pro, []string{"信息内容", "采购项目数量", "采购总金额"})
		amount := fmt.Sprintf("%d", rng.IntN(5000000))
		r.fields["proactive.procurement.amount"] = amount
		pro = append(pro, []string{"政府集中采购", b.set("proactive.procurement.items", rng.IntN(40)), amount})
	}
	b.parts = append(b.parts, part{heading: "二、主动公开政府信息情况", table: pro})

	rows := append([]outcomeRow{}, outcomes2019...)
	if r.format == table2021 {
		rows = append(rows, other2021...)
	} else {
		rows = append(rows, other2019...)
	}
	// values[row][column], columns 0–5; the total column is summed.
	values := make(map[string][]int)
	newRow, carriedOver, outcomeTotal, carriedForward := make([]int, 6), make([]int, 6), make([]int, 6), make([]int, 6)
	for _, row := range rows {
		v := make([]int, 6)
		for c := range 6 {
			w := row.weight
			if c > 0 {
				w /= 3 // most requests come from people, not organisations
			}
			v[c] = b.small(w)
			outcomeTotal[c] += v[c]
		}
		values[row.id] = v
	}
	for c := range 6 {
		carriedForward[c] = b.small(1)
		carriedOver[c] = min(b.small(1), outcomeTotal[c]+carriedForward[c])
		newRow[c] = outcomeTotal[c] + carriedForward[c] - carriedOver[c]
	}
	apps := table{
		{"申请人情况", "自然人", "法人或其他组织", "", "", "", "", "总计"},
		{"", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""},
	}
	cells := func(id string, v []int) []string {
		out := make([]string, 7)
		sum := 0
		for c := range 6 {
			out[c] = b.set("applications."+id+"."+columns[c].id, v[c])
			sum += v[c]
		}
		out[6] = b.set("applications."+id+".total", sum)
		return out
	}
	apps = append(apps, append([]string{"一、本年新收政府信息公开申请数量"}, cells("new", newRow)...))
	apps = append(apps, append([]string{"二、上年结转政府信息公开申请数量"}, cells("carried_over", carriedOver)...))
	for i, row := range rows {
		label := row.group + row.label
		if i == 0 {
			label = "三、本年度办理结果" + label
		}
		apps = append(apps, append([]string{label}, cells(row.id, values[row.id])...))
	}
	apps = append(apps, append([]string{"（七）总计"}, cells("outcome_total", outcomeTotal)...))
	apps = append(apps, append([]string{"四、结转下年度继续办理"}, cells("carried_forward", carriedForward)...))
	b.parts = append(b.parts, part{
		heading: "三、收到和处理政府信息公开申请情况",
		text:    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
		table:   apps,
	})

	review := table{
		{"行政复议", "", "", "", "", "行政诉讼"},
		{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
			"未经复议直接起诉：结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
			"复议后起诉：结果维持", "结果纠正", "其他结果", "尚未审结", "总计"},
	}
	var line []string
	for _, id := range []string{"reconsideration", "litigation.direct", "litigation.after_reconsideration"} {
		sum := 0
		for _, col := range []string{"upheld", "corrected", "other", "pending"} {
			v := b.small(1)
			sum += v
			line = append(line, b.set(id+"."+col, v))
		}
		line = append(line, b.set(id+".total", sum))
	}
	review = append(review, line)
	b.parts = append(b.parts, part{heading: "四、政府信息公开行政复议、行政诉讼情况", table: review})
}
