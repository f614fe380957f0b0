// Package schema is the catalogue of figures a 政府信息公开工作年度报告 states:
// their IDs, labels, units and order, and the identities that bind them.
//
// It is the contract shared by the extractor, the explorer, the review store
// and the exports (see schema.md in the shared material). IDs are stable:
// stored reviews and exported columns refer to them.
package schema

import "strings"

// Format names the layout rules a report was written under.
type Format string

// The report formats.
const (
	Narrative Format = "narrative" // prose, 2008–2018 rules
	Table2019 Format = "table2019" // 国办公开办函〔2019〕60号 tables
	Table2021 Format = "table2021" // 国办公开办函〔2021〕30号 tables
)

// Section groups fields the way a report does.
type Section int

// The sections of a report, in report order.
const (
	Proactive Section = iota
	Applications
	Replies
	Fees
	Review
)

func (s Section) String() string {
	return [...]string{"主动公开", "依申请公开", "答复", "收费", "复议诉讼"}[s]
}

// Field describes one figure a report can state.
type Field struct {
	ID      string
	Label   string // Simplified-script label, as the report words it
	Unit    string // 条, 件, 人次, 元, 万元, or "" for table counts
	Section Section
	Money   bool // a decimal amount; every printed decimal is kept
}

var (
	fields []Field
	index  map[string]int
)

// All returns every field in schema order. The slice is shared; do not modify it.
func All() []Field { return fields }

// Lookup returns the field with the given ID.
func Lookup(id string) (Field, bool) {
	i, ok := index[id]
	if !ok {
		return Field{}, false
	}
	return fields[i], true
}

// Order returns the position of id in schema order, or -1 for an unknown ID.
func Order(id string) int {
	if i, ok := index[id]; ok {
		return i
	}
	return -1
}

// Intern returns the schema's own string for the field ID id, or id when
// no field has it. Two strings with the same bytes at the same address
// compare without reading them: IDs built by concatenation are interned
// once, and every comparison with the schema's after that is quick.
func Intern(id string) string {
	if i, ok := index[id]; ok {
		return fields[i].ID
	}
	return id
}

// OrderAfter is Order for an id expected a little after place from, as
// the fields of a report come, in schema order: it looks there first,
// which costs less than the lookup by ID it falls back on.
func OrderAfter(id string, from int) int {
	for k := from + 1; k >= 0 && k < len(fields) && k <= from+8; k++ {
		if fields[k].ID == id {
			return k
		}
	}
	return Order(id)
}

// Columns of the application table, in table order.
var Columns = []struct{ Key, Label string }{
	{"natural", "自然人"},
	{"commercial", "商业企业"},
	{"research", "科研机构"},
	{"social", "社会公益组织"},
	{"legal", "法律服务机构"},
	{"other", "其他"},
	{"total", "总计"},
}

// Rows of the application table, in table order. Rows marked 2019 or 2021
// exist only in that format's table.
var Rows = []struct{ Key, Label, Only string }{
	{"new", "本年新收政府信息公开申请数量", ""},
	{"carried_over", "上年结转政府信息公开申请数量", ""},
	{"disclosed", "予以公开", ""},
	{"partial", "部分公开", ""},
	{"withheld.state_secret", "不予公开·属于国家秘密", ""},
	{"withheld.prohibited", "不予公开·其他法律行政法规禁止公开", ""},
	{"withheld.security", "不予公开·危及“三安全一稳定”", ""},
	{"withheld.third_party", "不予公开·保护第三方合法权益", ""},
	{"withheld.internal", "不予公开·属于三类内部事务信息", ""},
	{"withheld.process", "不予公开·属于四类过程性信息", ""},
	{"withheld.enforcement", "不予公开·属于行政执法案卷", ""},
	{"withheld.query", "不予公开·属于行政查询事项", ""},
	{"unavailable.not_held", "无法提供·本机关不掌握相关政府信息", ""},
	{"unavailable.needs_creation", "无法提供·没有现成信息需要另行制作", ""},
	{"unavailable.unclear", "无法提供·补正后申请内容仍不明确", ""},
	{"not_processed.petition", "不予处理·信访举报投诉类申请", ""},
	{"not_processed.duplicate", "不予处理·重复申请", ""},
	{"not_processed.publication", "不予处理·要求提供公开出版物", ""},
	{"not_processed.excessive", "不予处理·无正当理由大量反复申请", ""},
	{"not_processed.confirmation", "不予处理·要求行政机关确认或重新出具已获取信息", ""},
	{"other", "其他处理", "2019"},
	{"other.no_correction", "其他处理·申请人无正当理由逾期不补正", "2021"},
	{"other.no_fee", "其他处理·申请人逾期未按收费通知要求缴纳费用", "2021"},
	{"other.misc", "其他处理·其他", "2021"},
	{"outcome_total", "办理结果总计", ""},
	{"carried_forward", "结转下年度继续办理", ""},
}

// ReviewColumns are the five columns of each 行政复议/行政诉讼 group.
var ReviewColumns = []struct{ Key, Label string }{
	{"upheld", "结果维持"},
	{"corrected", "结果纠正"},
	{"other", "其他结果"},
	{"pending", "尚未审结"},
	{"total", "总计"},
}

func init() {
	add := func(sec Section, id, label, unit string) {
		fields = append(fields, Field{ID: id, Label: label, Unit: unit, Section: sec,
			Money: unit == "元" || unit == "万元"})
	}
	P := Proactive
	add(P, "proactive.total", "主动公开政府信息", "条")
	add(P, "proactive.cumulative", "累计主动公开政府信息", "条")
	add(P, "consultations.total", "接受咨询", "人次")
	for _, it := range []struct{ key, label string }{{"rules", "规章"}, {"normative", "规范性文件"}} {
		add(P, "proactive."+it.key+".made", it.label+"·本年新制作数量", "件")
		add(P, "proactive."+it.key+".published", it.label+"·本年新公开数量", "件")
		add(P, "proactive."+it.key+".total", it.label+"·对外公开总数量", "件")
		add(P, "proactive."+it.key+".issued", it.label+"·本年制发件数", "件")
		add(P, "proactive."+it.key+".repealed", it.label+"·本年废止件数", "件")
		add(P, "proactive."+it.key+".in_force", it.label+"·现行有效件数", "件")
	}
	for _, it := range []struct{ key, label string }{
		{"licensing", "行政许可"}, {"other_services", "其他对外管理服务事项"},
		{"penalty", "行政处罚"}, {"coercion", "行政强制"}, {"fees", "行政事业性收费"},
	} {
		add(P, "proactive."+it.key+".prev", it.label+"·上一年项目数量", "项")
		add(P, "proactive."+it.key+".change", it.label+"·本年增/减", "项")
		if it.key != "fees" {
			add(P, "proactive."+it.key+".decisions", it.label+"·处理决定数量", "件")
		}
	}
	add(P, "proactive.fees.amount", "行政事业性收费·本年收费金额", "万元")
	add(P, "proactive.procurement.items", "政府集中采购·采购项目数量", "项")
	add(P, "proactive.procurement.amount", "政府集中采购·采购总金额", "元")

	A := Applications
	for _, r := range Rows {
		for _, c := range Columns {
			add(A, "applications."+r.Key+"."+c.Key, r.Label+"·"+c.Label, "件")
		}
	}
	add(A, "applications.channel.in_person", "当面申请", "件")
	add(A, "applications.channel.online", "网上申请", "件")
	add(A, "applications.channel.letter", "信函申请", "件")
	add(A, "applications.channel.fax", "传真申请", "件")
	add(A, "applications.channel.email", "电子邮件申请", "件")

	R := Replies
	add(R, "replies.total", "答复总数", "件")
	add(R, "replies.agreed", "同意公开", "件")
	add(R, "replies.partial", "同意部分公开", "件")
	add(R, "replies.refused", "不予公开", "件")
	add(R, "replies.nonexistent", "信息不存在", "件")
	add(R, "replies.not_held", "非本机关掌握", "件")
	add(R, "replies.unclear", "申请内容不明确", "件")
	add(R, "replies.not_gov_info", "非政府信息", "件")
	add(R, "replies.already_public", "已主动公开", "件")
	add(R, "replies.withdrawn", "申请人撤销申请", "件")

	add(Fees, "fees.collected", "收取费用", "元")
	add(Fees, "fees.waived", "减免费用", "元")

	V := Review
	for _, g := range []struct{ key, label string }{
		{"reconsideration", "行政复议"},
		{"litigation.direct", "行政诉讼·未经复议直接起诉"},
		{"litigation.after_reconsideration", "行政诉讼·复议后起诉"},
	} {
		for _, c := range ReviewColumns {
			add(V, g.key+"."+c.Key, g.label+"·"+c.Label, "件")
		}
	}
	add(V, "reconsideration.revoked", "行政复议·撤销", "件")
	add(V, "reconsideration.ordered", "行政复议·责令履行", "件")
	add(V, "reconsideration.dismissed", "行政复议·驳回或终止", "件")
	add(V, "litigation.total", "行政诉讼总数", "件")
	add(V, "litigation.upheld", "行政诉讼·维持", "件")
	add(V, "litigation.lost", "行政诉讼·败诉", "件")
	add(V, "litigation.pending", "行政诉讼·未审结", "件")
	add(V, "complaints.total", "申诉举报投诉", "件")

	index = make(map[string]int, len(fields))
	for i, f := range fields {
		index[f.ID] = i
	}
}

// IsTableCell reports whether id names a cell of one of the standard tables
// (as opposed to a prose figure).
func IsTableCell(id string) bool {
	switch {
	case strings.HasPrefix(id, "applications.channel."):
		return false
	case strings.HasPrefix(id, "applications."), strings.HasPrefix(id, "litigation.direct."),
		strings.HasPrefix(id, "litigation.after_reconsideration."):
		return true
	case strings.HasPrefix(id, "proactive.") && strings.Count(id, ".") == 2:
		return true
	}
	return false
}
