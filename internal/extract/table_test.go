package extract

import (
	"strings"
	"testing"

	"gitui/internal/schema"
)

// tableCase is a few real lines of a report, and what its tables state.
type tableCase struct {
	name   string // the report the lines are copied from, and the layout
	text   string
	format schema.Format // "" to detect it
	want   map[string]string
	// absent are IDs that must not be read: cells the source does not
	// state with certainty.
	absent []string
	// problems are substrings of the problems the reader must report.
	problems []string
}

func TestExtractTables(t *testing.T) {
	tests := []tableCase{
		{
			name: "t017: markdown-like rows with leading pipes, 2021 columns, 万元 header",
			text: "| 第二十条  第(一)项 | |||\n" +
				"| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | \n" +
				"| 规章 | 0 | 0 | 0 | \n" +
				"| 行政规范性文件 | 0 | 0 | 0 | \n" +
				"| 第二十条  第(五)项 | |||\n" +
				"| 信息内容 | 本年处理决定数量 | ||\n" +
				"| 行政许可 | 0 | ||\n" +
				"| 第二十条  第(八)项 | |||\n" +
				"| 信息内容 | 本年收费金额(单位:万元) | ||\n" +
				"| 行政事业性收费 | 0 | ||\n" +
				"三、收到和处理政府信息公开申请情况\n" +
				"| (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||\n" +
				"| 自然人 | 法人或其他组织 | 总计 | |||||||\n" +
				"| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||\n" +
				"| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n" +
				"| 三、本年度\n",
			want: map[string]string{
				"proactive.rules.issued": "0", "proactive.normative.in_force": "0",
				"proactive.licensing.decisions": "0", "proactive.fees.amount": "0",
				"applications.new.natural": "3", "applications.new.total": "3",
				"applications.carried_over.legal": "0",
			},
			absent: []string{"proactive.rules.made", "proactive.licensing.prev"},
		},
		{
			name: "p053: Traditional ' | ' rows, 萬元 fee with decimals, excerpt cut inside a row",
			text: "第二十條第(八)項 | |||\n" +
				"信息內容 | 本年收費金額(單位:萬元) | ||\n" +
				"行政事業性收費 | 26.55 |\n" +
				"三、收到和處理政府信息公開申請情況\n" +
				"一、本年新收政府信息公開申請數量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n" +
				"二、上年結轉政府信息公開申請數量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n" +
				"三、本年度辦理結果 | (一)予以公開 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n" +
				"(三)不予公開 | 1.屬于國家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n" +
				"2.其他法律行政法規禁止公開 | 0 | 0 | 0 | 0 \n",
			format: schema.Table2021,
			want: map[string]string{
				"proactive.fees.amount":                    "26.55",
				"applications.disclosed.total":             "0",
				"applications.withheld.state_secret.other": "0",
				"applications.withheld.prohibited.natural": "0",
				"applications.withheld.prohibited.social":  "0",
			},
			absent: []string{"applications.withheld.prohibited.legal", "applications.withheld.prohibited.total"},
		},
		{
			name: "004: Traditional, one cell per line ending in |, items in words, amount with 元",
			text: "第二十條第(八)項 |\n||||||||||||||||||||\n信息內容 |\n上一年項目數量 |\n本年增/減 |\n" +
				"||||||||||||||||||\n行政事業性收費 |\n3 |\n0 |\n||||||||||||||||||\n" +
				"第二十條第(九)項 |\n||||||||||||||||||||\n信息內容 |\n采購項目數量 |\n采購金額 |\n" +
				"||||||||||||||||||\n政府集中采購 |\n電腦(6臺)空調(1臺)打印機(3臺),高拍儀(2臺)辦公室(2張)椅子(7把) |\n47888元 |\n" +
				"||||||||||||||||||\n三、收到和處理政府信息公開申請情況 |\n",
			format: schema.Table2019,
			want: map[string]string{
				"proactive.fees.prev": "3", "proactive.fees.change": "0",
				"proactive.procurement.amount": "47888",
			},
			absent: []string{"proactive.procurement.items"},
		},
		{
			name: "004: application rows under truncated group cells (三)不予 / (五)不予, 15 review cells one per line",
			text: "一、本年新收政府信息公開申請數量 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n|||||||||||||\n" +
				"二、上年結轉政府信息公開申請數量 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n|||||||||||||\n" +
				"(三)不予 |\n1.屬于國家秘密 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n||||||||||||\n" +
				"(五)不予 |\n1.信訪舉報投訴類申請 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n||||||||||||\n" +
				"(六)其他處理 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n|||||||||||||\n" +
				"四、政府信息公開行政復議、行政訴訟情況 |\n||||||||||||||||||||\n行政復議 |\n行政訴訟 |\n" +
				"結果維持 |\n機構糾正 |\n其他結果 |\n尚未審結 |\n總計 |\n" +
				strings.Repeat("0 |\n", 15) + "||||||\n五、政府信息公開工作存在的主要問題及改進措施\n",
			format: schema.Table2019,
			want: map[string]string{
				"applications.new.total": "0", "applications.withheld.state_secret.natural": "0",
				"applications.not_processed.petition.total": "0", "applications.other.total": "0",
				"reconsideration.upheld": "0", "litigation.after_reconsideration.total": "0",
			},
		},
		{
			// p053's cut, had it fallen inside a number: "0 | 1" may be "0 | 12".
			name: "a last cell touching the end of the text may be cut short",
			text: "一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n" +
				"二、上年結轉政府信息公開申請數量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n" +
				"2.其他法律行政法規禁止公開 | 0 | 1",
			format: schema.Table2021,
			want:   map[string]string{"applications.withheld.prohibited.natural": "0"},
			absent: []string{"applications.withheld.prohibited.commercial"},
		},
		{
			// t020 drops blank cells; had it been cut after "行政强制\n0", the 0
			// could be any column.
			name: "no cells by position at a cut when the page drops blank cells",
			text: "第二十条第(一)项\n信息内容\n本年新\n制发数量\n废止数量\n现行有效数量\n规章\n0\n规范性文件\n" +
				"第二十条第(六)项\n行政处罚\n2\n第二十条第(一)项\n规章\n0",
			format: schema.Table2021,
			want:   map[string]string{"proactive.penalty.decisions": "2"},
			absent: []string{"proactive.rules.issued", "proactive.rules.repealed", "proactive.rules.in_force"},
		},
		{
			name: "t001 page 5 alone: the review table without the tables before it",
			text: "本年度共办理行政复议申请351件。\n     四、政府信息公开行政复议、行政诉讼情况\n" +
				"行政复议                          行政诉讼\n" +
				"                              未经复议直接起诉                              复议后起诉\n" +
				"结果   结果    其他结    尚未\n                        总计\n" +
				"72   64    178    37    351   13    4        8        1        26   12   1     1    6       20\n" +
				"       五、存在的主要问题及改进情况\n",
			want: map[string]string{"reconsideration.upheld": "72", "litigation.after_reconsideration.total": "20"},
		},
		{
			// t001's rows as reports that write 其它 for 其他 print them.
			name: "其它 for 其他 in row labels",
			text: "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n" +
				"2.其它法律行政法规禁止公开 1 0 0 0 0 0 1\n" +
				"（六）其它处理 1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n" +
				"2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n" +
				"3、其它 2 0 0 0 0 0 2\n（七）总计 3 0 0 0 0 0 3\n",
			format: schema.Table2021,
			want: map[string]string{
				"applications.withheld.prohibited.natural": "1", "applications.other.no_fee.total": "0",
				"applications.other.misc.natural": "2", "applications.outcome_total.total": "3",
			},
			absent: []string{"applications.other.natural"},
		},
		{
			// t001's rows with their labels shortened as some reports print them.
			name: "shortened row labels",
			text: "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n" +
				"1.国家秘密 1 0 0 0 0 0 1\n6.四类过程性信息 2 0 0 0 0 0 2\n4.大量反复申请 0 0 0 0 0 0 0\n" +
				"1.逾期不补正 1 0 0 0 0 0 1\n",
			format: schema.Table2021,
			want: map[string]string{
				"applications.withheld.state_secret.total": "1", "applications.withheld.process.natural": "2",
				"applications.not_processed.excessive.total": "0", "applications.other.no_correction.total": "1",
			},
		},
		{
			name: "t019: one cell per paragraph, excerpt cut at a row label",
			text: "第二十条第(五)项\n\n信息内容\n\n上一年项目数量\n\n本年增/减\n\n处理决定数量\n\n行政许可\n\n0\n\n0\n\n0\n\n" +
				"第二十条第(八)项\n\n信息内容\n\n上一年项目数量\n\n本年增/减\n\n行政",
			want: map[string]string{
				"proactive.licensing.prev": "0", "proactive.licensing.change": "0", "proactive.licensing.decisions": "0",
			},
			absent: []string{"proactive.fees.prev"},
		},
		{
			name: "t020: blank cells dropped by the page: only single-value rows are certain",
			text: "第二十条第(一)项\n信息内容\n本年新\n制发数量\n废止数量\n现行有效数量\n规章\n0\n规范性文件\n" +
				"第二十条第(五)项\n本年处理决定数量\n行政许可\n270\n第二十条第(六)项\n行政处罚\n2\n行政强制\n" +
				"第二十条第(八)项\n本年收费金额(单位:万元)\n行政事业性收费\n三是收到和处理政府信息公开申请情况\n",
			format: schema.Table2021,
			want: map[string]string{
				"proactive.licensing.decisions": "270", "proactive.penalty.decisions": "2",
			},
			absent:   []string{"proactive.rules.issued", "proactive.rules.repealed", "proactive.rules.in_force", "proactive.coercion.decisions"},
			problems: []string{"table row 规章: 1 cells, want 3"},
		},
		{
			name: "t001: pdftotext -layout, labels broken over lines, page numbers and a running header between rows",
			text: "                                           -3-\n" +
				"信息内容                          本年处理决定数量\n" +
				"行政处罚                          3985758\n" +
				"一、本年新收政府信息公开申请数量                3001        53       0        0    61       4   3119\n" +
				"二、上年结转政府信息公开申请数量                34          0        0        0        0    0    34\n" +
				"             8.属于行政查询事项         105         0        0        0        0        0   105\n" +
				"             1.本机关不掌握相关政府信息     746         12       0        0    10       1   769\n" +
				"      （四）无\n" +
				"-4-\n" +
				"              淮安市人民政府2024年政府信息公开工作年度报告\n" +
				"     法提供       2.没有现成信息需要另行制作           11        0        0         0        0         0    11\n" +
				"               5.要求行政机关确认或重新出\n" +
				"                                        1         0        0         0        0         0    1\n" +
				"               具已获取信息\n" +
				"               1、申请人无正当理由逾期不补\n" +
				"               正、行政机关不再处理其政府信           67        3        0         0        1         0    71\n" +
				"               息公开申请\n" +
				"     （六）其\n" +
				"               3、其他                  108          2        0         0        0         0    110\n" +
				"     （七）总计                           2932        53        0         0        61        4   3050\n" +
				"四、结转下年度继续办理                          103          0        0         0        0         0    103\n" +
				"     四、政府信息公开行政复议、行政诉讼情况\n" +
				"行政复议                          行政诉讼\n" +
				"结果   结果    其他结    尚未\n" +
				"维持   纠正    果      审结\n" +
				"72   64    178    37    351   13    4        8        1        26   12   1     1    6       20\n" +
				"       五、存在的主要问题及改进情况\n",
			format: schema.Table2021,
			want: map[string]string{
				"proactive.penalty.decisions":                     "3985758",
				"applications.withheld.query.natural":             "105",
				"applications.unavailable.not_held.legal":         "10",
				"applications.unavailable.needs_creation.total":   "11",
				"applications.not_processed.confirmation.natural": "1",
				"applications.other.no_correction.total":          "71",
				"applications.other.misc.natural":                 "108",
				"applications.outcome_total.total":                "3050",
				"applications.carried_forward.natural":            "103",
				"reconsideration.other":                           "178",
				"litigation.direct.total":                         "26",
				"litigation.after_reconsideration.pending":        "6",
			},
		},
		{
			name: "t001 page 4 alone: a page starting inside the application table",
			text: "-4-\n" +
				"     法提供       2.没有现成信息需要另行制作           11        0        0         0        0         0    11\n" +
				"               3.补正后申请内容仍不明确            1         0        0         0        0         0    1\n" +
				"               1.信访举报投诉类申请              56        6        0         0        0         0    62\n",
			format: schema.Table2021,
			want: map[string]string{
				"applications.unavailable.needs_creation.natural": "11",
				"applications.unavailable.unclear.total":          "1",
				"applications.not_processed.petition.commercial":  "6",
			},
		},
		{
			name: "t001: the header repeated after a page break inside the table",
			text: "一、本年新收政府信息公开申请数量                3001        53       0        0    61       4   3119\n" +
				"二、上年结转政府信息公开申请数量                34          0        0        0        0    0    34\n" +
				"-4-\n" +
				"                                                         申请人情况\n" +
				"（本列数据的勾稽关系为：第一项加第二项之和，                  法人或其他组织\n" +
				"等于第三项加第四项之和）\n" +
				"                               自然人                                              总计\n" +
				"                                        商业企      科研机     社会公益     法律服务\n" +
				"                                                                           其他\n" +
				"                                        业        构       组织       机构\n" +
				"      （一）予以公开                   1288        21       0        0    50       3   1362\n",
			format: schema.Table2021,
			want: map[string]string{
				"applications.carried_over.total": "34", "applications.disclosed.natural": "1288",
				"applications.disclosed.total": "1362",
			},
		},
		{
			name: "t002: space-separated row after its label, header cells broken over lines",
			text: "总计商 业 企\n业\n科研机\n构\n其他\n" +
				"一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119\n" +
				"二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34\n" +
				"三、\n本\n年\n（一）予以公开 1288 21 0 0 50 3 1362\n" +
				"（二）部分公开（区分处理的，只计这一情\n形，不计其他情形） 447 7 0 0 0 0 454\n" +
				"（三）不\n予公开\n1.属于国家秘密 2 0 0 0 0 0 2\n",
			format: schema.Table2021,
			want: map[string]string{
				"applications.new.total": "3119", "applications.carried_over.natural": "34",
				"applications.disclosed.legal": "50", "applications.partial.total": "454",
				"applications.withheld.state_secret.total": "2",
			},
		},
		{
			name: "t004: crawler dump with cells glued; only forced splits are read",
			text: "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件898989第二十条第（五）项" +
				"一、本年新收政府信息公开申请数量230 000023二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开7000007（二）部分公开（区分处理的，只计这一情形，不计其他情形）1000001（三）不予公开1.属于国家秘密0000000" +
				"2.其他法律行政法规禁止公开0000000（六）其他处理0 0 0 0 0 00（七）总计23 0 00 0 023四、结转下年度继续办理 0 0 00 00 0 " +
				"四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计000000000000000 五、存在的主要问题及改进情况",
			format: schema.Table2019,
			want: map[string]string{
				"proactive.rules.made": "0", "proactive.rules.total": "0",
				"applications.disclosed.natural": "7", "applications.disclosed.total": "7",
				"applications.partial.natural": "1", "applications.withheld.prohibited.total": "0",
				"applications.other.other":           "0",
				"applications.outcome_total.natural": "23", "applications.outcome_total.social": "0",
				"applications.outcome_total.total": "23", "applications.carried_forward.total": "0",
				"reconsideration.total": "0", "litigation.after_reconsideration.total": "0",
			},
			absent: []string{"proactive.normative.made", "proactive.normative.published", "proactive.normative.total",
				"applications.new.natural", "applications.new.total"},
			problems: []string{"table row 规范性文件: digits run together", "table row 一、本年新收政府信息公开申请数量: digits run together"},
		},
		{
			name: "t012: the review run glued to the next section's heading",
			text: "一、本年新收政府信息公开申请数量801000081二、上年结转政府信息公开申请数量0000000" +
				"四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计" +
				"未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计110024001510102" +
				"五、存在的主要问题及改进情况存在的问题主要有以下几个方面：一是部分单位信息发布属性界定还不够精确。",
			format: schema.Table2021,
			want: map[string]string{
				"reconsideration.upheld": "1", "reconsideration.total": "2",
				"litigation.direct.upheld": "4", "litigation.direct.total": "5",
				"litigation.after_reconsideration.other": "1", "litigation.after_reconsideration.total": "2",
			},
		},
		{
			name: "t005: a glued review run of 17 digits has no single split",
			text: "一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000" +
				"行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计10203120001200000五、存在的主要问题及改进情况",
			format:   schema.Table2021,
			absent:   []string{"reconsideration.upheld", "reconsideration.total", "litigation.direct.total"},
			problems: []string{"table row 行政复议/行政诉讼: digits run together (17 digits, 15 cells"},
		},
		{
			name: "t008: header cut to 本年新 | 本年新 still reads as the 2019 columns",
			text: "第二十条第(一)项 | ||||\n信息内容 | 本年新 | 本年新 | 对外公开总数量 | |\n规章 | 0 | 0 | 0 | |\n",
			want: map[string]string{
				"proactive.rules.made": "0", "proactive.rules.published": "0", "proactive.rules.total": "0",
			},
		},
		{
			// The change column of t014's 行政处罚 row is -18 (its page.html);
			// here it is laid out as t008 lays its rows.
			name: "本年增/减 may be negative",
			text: "第二十条第(六)项 | ||||\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |\n行政处罚 | 2648 | -18 | 538 | |\n",
			want: map[string]string{
				"proactive.penalty.prev": "2648", "proactive.penalty.change": "-18", "proactive.penalty.decisions": "538",
			},
		},
		{
			// As the t014 row above, signed the ways editors sign a change.
			name: "本年增/减 signed with + or the minus sign U+2212",
			text: "第二十条第(六)项 | ||||\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |\n行政处罚 | 2648 | −18 | 538 | |\n行政强制 | 126 | +26 | 29 | |\n",
			want: map[string]string{
				"proactive.penalty.change": "-18", "proactive.coercion.change": "26", "proactive.coercion.decisions": "29",
			},
		},
		{
			// t017's rows as a tab-separated copy of the HTML table gives them.
			name: "tab-separated rows",
			text: "第二十条\t第(一)项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t4\t1\t37\n",
			want: map[string]string{
				"proactive.rules.issued": "0", "proactive.normative.issued": "4",
				"proactive.normative.repealed": "1", "proactive.normative.in_force": "37",
			},
		},
		{
			// p053 restates its table in prose before it; only the table is read,
			// and the heading of the application table ends the proactive one.
			name: "prose before the table and after its end is not read as cells",
			text: "我局在黑龍江省信用公示平臺共發布行政許可信息76條,行政處罰信息2條。\n二、主動公開政府信息情況\n" +
				"第二十條第(五)項 | |||\n信息內容 | 本年處理決定數量 | ||\n行政許可 | 76 | ||\n" +
				"三、收到和處理政府信息公開申請情況\n本年度行政處罰 3 件\n",
			format: schema.Table2021,
			want:   map[string]string{"proactive.licensing.decisions": "76"},
			absent: []string{"proactive.penalty.decisions"},
		},
		{
			name:     "a row with too many cells is refused whole",
			text:     "第二十条第(一)项 | ||||\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n规章 | 0 | 1 | 2 | 3 |\n",
			absent:   []string{"proactive.rules.made", "proactive.rules.published", "proactive.rules.total"},
			problems: []string{"table row 规章: 4 cells, want 3"},
		},
		{
			name:   "blank marks state nothing, 无 states zero",
			text:   "第二十条第(一)项 | ||||\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n规章 | / | 无 | — |\n",
			want:   map[string]string{"proactive.rules.published": "0"},
			absent: []string{"proactive.rules.made", "proactive.rules.total"},
		},
		{
			name: "holdout2/t04: tab rows with a PDF page footer between a row and the next",
			text: "三、本年度办理结果\t(一)予以公开\t15\t1\t0\t0\t0\t0\t16\n" +
				"\t(四)无法提供\t1.本机关不掌握相关政府信息\t9\t1\t0\t0\t0\t1\t11\n" +
				"\n— 第 3 页 共 5 页 —\n\n" +
				"\t\t2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0\n" +
				"四、政府信息公开行政复议、行政诉讼情况\n" +
				"行政复议\t\t\t\t\t行政诉讼\n" +
				"\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉\n" +
				"结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n" +
				"2\t1\t0\t0\t3\t1\t0\t0\t0\t1\t0\t0\t0\t1\t1\n" +
				"\n— 第 4 页 共 5 页 —\n\n" +
				"五、存在的主要问题及改进情况\n",
			format: schema.Table2021,
			want: map[string]string{
				"applications.unavailable.not_held.natural": "9", "applications.unavailable.not_held.total": "11",
				"applications.unavailable.needs_creation.total": "0",
				"reconsideration.upheld":                        "2", "reconsideration.total": "3",
				"litigation.after_reconsideration.pending": "1",
			},
		},
		{
			name: "holdout2/h01: a page's &nbsp; cells render as empty cells between pipes; trailing empty cells pad a row",
			text: "(四)无法提供 | 1.本机关不掌握相关政府信息 | 18 | 0 | 0 | 1 | 1 | 1 | 21\n" +
				"2.没有现成信息需要另行制作 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | ||\n" +
				"(五)不予处理 | 1.信访举报投诉类申请 | 4 | 0 | \u00a0 | \u00a0 | 0 | 0 | 4\n" +
				"2.重复申请 | 2 | 0 |   |   | 0 | 0 | 2\n",
			format: schema.Table2021,
			want: map[string]string{
				"applications.unavailable.not_held.total":         "21",
				"applications.unavailable.needs_creation.total":   "2",
				"applications.not_processed.petition.natural":     "4",
				"applications.not_processed.petition.legal":       "0",
				"applications.not_processed.petition.total":       "4",
				"applications.not_processed.duplicate.commercial": "0",
				"applications.not_processed.duplicate.other":      "0",
			},
			absent: []string{"applications.not_processed.petition.research", "applications.not_processed.petition.social",
				"applications.not_processed.duplicate.research"},
		},
		{
			name: "holdout2/t01: pdftotext wraps labels inside their keywords and sets the group's label between",
			text: "    一、本年新收政府信息公开申请数量          18       2       0       0       1       0      21\n" +
				"    二、上年结转政府信息公开申请数量           1       0       0       0       0       0       1\n" +
				"                        6.属于四类过程性\n" +
				"                        信息                   1       0       0       0       0       0       1\n" +
				"                        7.属于行政执法案\n" +
				"                        卷                     0       0       0       0       0       0       0\n" +
				"                        8.属于行政查询事\n" +
				"                        项                     0       0       0       0       0       0       0\n" +
				"                        1.本机关不掌握\n" +
				"                (四)无  相关政府信息           5       1       0       0       1       0       7\n" +
				"                法提供  2.没有现成信息\n" +
				"                        需要另行制作           0       0       0       0       0       0       0\n" +
				"                        2.重复申请             0       0       0       0       0       0       0\n" +
				"                (五)不  3.要求提供公开\n" +
				"                予处理  出版物                 2       0       0       0       0       0       2\n" +
				"                        4.无正当理由大\n" +
				"                        量反复申请             3       0       0       0       0       0       3\n" +
				"                (七)总计                      18       2       0       0       1       0      21\n",
			format: schema.Table2019,
			want: map[string]string{
				"applications.withheld.process.total":           "1",
				"applications.withheld.enforcement.natural":     "0",
				"applications.withheld.query.total":             "0",
				"applications.unavailable.not_held.natural":     "5",
				"applications.unavailable.not_held.total":       "7",
				"applications.unavailable.needs_creation.total": "0",
				"applications.not_processed.publication.total":  "2",
				"applications.not_processed.excessive.total":    "3",
				"applications.outcome_total.total":              "21",
			},
		},
		{
			name:     "a row whose reading stops before any cell is a problem, not a silent gap",
			text:     "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n2.重复申请\n(六)其他  处理 0 0 0 0 0 0 0\n",
			format:   schema.Table2021,
			want:     map[string]string{"applications.new.total": "1"},
			absent:   []string{"applications.not_processed.duplicate.total"},
			problems: []string{"2.重复申请: stopped before any cell"},
		},
		{
			name:   "narrative reports have no tables",
			text:   "本年度共受理政府信息公开申请631件,其中当面申请562件。行政许可事项办理1200件。",
			absent: []string{"applications.new.total", "proactive.licensing.decisions"},
		},
		{
			name: "h01_xining_chengbei_health_2022.html: a label cut by <br>, the row above blank (&nbsp;)",
			text: "二、主动公开政府信息情况\n" +
				"| 第二十条第(一)项 |\n" +
				"| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n" +
				"| 规章 |   |   |   |\n" +
				"| 行政规范性\n文件 | 1 | 0 | 4 |\n",
			format: schema.Table2021,
			want: map[string]string{
				"proactive.normative.issued": "1", "proactive.normative.repealed": "0", "proactive.normative.in_force": "4",
			},
			absent: []string{"proactive.rules.issued", "proactive.rules.repealed", "proactive.rules.in_force"},
		},
		{
			name: "h01 as plain text: 规章 with no cells, then the wrapped 行政规范性 / 文件 1 0 4",
			text: "第二十条第(一)项\n" +
				"信息内容 本年制发件数 本年废止件数 现行有效件数\n" +
				"规章\n" +
				"行政规范性\n" +
				"文件 1 0 4\n",
			format: schema.Table2021,
			want: map[string]string{
				"proactive.normative.issued": "1", "proactive.normative.in_force": "4",
			},
			absent: []string{"proactive.rules.issued", "proactive.rules.in_force"},
		},
		{
			name: "t01_bama_county_office_2019.txt altered: 规范性 / 文件 wrapped under a 规章 row with no cells",
			text: "          第二十条第(一)项\n" +
				" 信息内容            本年新制作数量   本年新公开数量   对外公开总数量\n" +
				" 规章\n" +
				" 规范性\n" +
				" 文件                12               12                58\n",
			format: schema.Table2019,
			want: map[string]string{
				"proactive.normative.made": "12", "proactive.normative.published": "12", "proactive.normative.total": "58",
			},
			absent: []string{"proactive.rules.made", "proactive.rules.published", "proactive.rules.total"},
		},
		{
			name: "t01_bama_county_office_2019.txt: pdftotext wraps 其他对外管理服务事项 around its cells",
			text: "          第二十条第(五)项\n" +
				" 信息内容            上一年项目数量    本年增/减      处理决定数量\n" +
				" 行政许可                 216               +8              1874\n" +
				" 其他对外管理\n" +
				"                           45               -3               212\n" +
				" 服务事项\n" +
				"\n" +
				"          第二十条第(六)项\n" +
				" 信息内容            上一年项目数量    本年增/减      处理决定数量\n" +
				" 行政处罚                  38                0                96\n",
			format: schema.Table2019,
			want: map[string]string{
				"proactive.licensing.prev": "216", "proactive.licensing.change": "8", "proactive.licensing.decisions": "1874",
				"proactive.other_services.prev": "45", "proactive.other_services.change": "-3", "proactive.other_services.decisions": "212",
				"proactive.penalty.decisions": "96",
			},
		},
		{
			name: "t01_bama_county_office_2019.txt: an ASCII rule under the review header holds no cells",
			text: "    四、政府信息公开行政复议、行政诉讼情况\n\n" +
				"                 行政复议                               行政诉讼\n" +
				" ------------------------------------  --------------------------------------------------------\n" +
				"                                          未经复议直接起诉            复议后起诉\n" +
				" 结果  结果  其他  尚未  总计         结果 结果 其他 尚未 总计   结果 结果 其他 尚未 总计\n" +
				" 维持  纠正  结果  审结               维持 纠正 结果 审结        维持 纠正 结果 审结\n" +
				"   1     0     0     0     1            0    0    0    0    0      0    0    0    0    0\n\n" +
				"    五、存在的主要问题及改进情况\n",
			format: schema.Table2019,
			want: map[string]string{
				"reconsideration.upheld": "1", "reconsideration.total": "1", "litigation.direct.total": "0",
				"litigation.after_reconsideration.total": "0",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(tt.text)
			f := tt.format
			if f == "" {
				f = detectFormat(d)
			}
			fields, _, problems := extractTables(d, f, nil)
			got := make(map[string]Field)
			for _, fl := range fields {
				if _, ok := schema.Lookup(fl.ID); !ok {
					t.Errorf("%s is not in the schema", fl.ID)
				}
				if _, dup := got[fl.ID]; dup {
					t.Errorf("%s read twice", fl.ID)
				}
				got[fl.ID] = fl
				if fl.Start < 0 || fl.End > len(tt.text) || fl.Start >= fl.End || tt.text[fl.Start:fl.End] != fl.Text {
					t.Errorf("%s: span %v does not hold %q", fl.ID, fl.Span, fl.Text)
				}
			}
			for id, v := range tt.want {
				fl, ok := got[id]
				switch {
				case !ok:
					t.Errorf("%s not read, want %s", id, v)
				case fl.Value.String() != v:
					t.Errorf("%s = %s [%q], want %s", id, fl.Value, fl.Text, v)
				}
			}
			for _, id := range tt.absent {
				if fl, ok := got[id]; ok {
					t.Errorf("%s = %s read from %q; the source does not state it with certainty", id, fl.Value, fl.Text)
				}
			}
			for _, p := range tt.problems {
				found := false
				for _, q := range problems {
					found = found || strings.Contains(q, p)
				}
				if !found {
					t.Errorf("no problem %q in %q", p, problems)
				}
			}
		})
	}
}

// TestTableUnits checks that money keeps the unit its table states.
func TestTableUnits(t *testing.T) {
	tests := []struct {
		name, text, id, value, unit string
		format                      schema.Format
	}{
		{
			"t002: 本年收费金额（单位：万元）",
			"第二十条 第（八）项\n信息内容 本年收费金额（单位：万元）\n行政事业性收费 96171.6\n",
			"proactive.fees.amount", "96171.6", "万元", schema.Table2021,
		},
		{
			"004: 47888元 in the cell",
			"第二十條第(九)項 |\n信息內容 |\n采購項目數量 |\n采購金額 |\n政府集中采购 |\n3 |\n47888元 |\n",
			"proactive.procurement.amount", "47888", "元", schema.Table2019,
		},
		{
			"t005: every printed decimal kept",
			"第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费24252.311082三、收到和处理政府信息公开申请情况",
			"proactive.fees.amount", "24252.311082", "万元", schema.Table2021,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields, _, problems := extractTables(newDoc(tt.text), tt.format, nil)
			for _, f := range fields {
				if f.ID == tt.id {
					if f.Value.String() != tt.value || f.Unit != tt.unit {
						t.Errorf("%s = %s %s, want %s %s", f.ID, f.Value, f.Unit, tt.value, tt.unit)
					}
					return
				}
			}
			t.Errorf("%s not read (problems %q)", tt.id, problems)
		})
	}
}

func TestUniqueSplit(t *testing.T) {
	tests := []struct {
		runs string // space-separated digit runs of one row
		want int
		cut  string // the one split, or "" when there is none
	}{
		{"7000007", 7, "7 0 0 0 0 0 7"},
		{"23 0 00 0 023", 7, "23 0 0 0 0 0 23"},
		{"000", 3, "0 0 0"},
		{"898989", 3, ""},     // 8|98|989, 89|89|89, …
		{"230 000023", 7, ""}, // 23|0 or 2|30
		{"10", 3, ""},
	}
	for _, tt := range tests {
		var cells []cell
		for i := 0; i < len(tt.runs); {
			j := strings.IndexByte(tt.runs[i:], ' ')
			if j < 0 {
				j = len(tt.runs) - i
			}
			cells = append(cells, cell{a: i, b: i + j, kind: cellNumber, run: true})
			i += j + 1
		}
		split, ok := uniqueSplit(tt.runs, cells, tt.want)
		var parts []string
		for _, c := range split {
			parts = append(parts, tt.runs[c.a:c.b])
		}
		if got := strings.Join(parts, " "); ok != (tt.cut != "") || got != tt.cut {
			t.Errorf("uniqueSplit(%q, %d) = %q, %v; want %q", tt.runs, tt.want, got, ok, tt.cut)
		}
	}
}

func TestGluedSignal(t *testing.T) {
	tests := []struct {
		text  string
		glued bool
	}{
		{"规章000规范性文件", true}, // t004
		{"规章 0 0 0", false},
		{"规章|0|0|0", false},
		{"规章│0│0│0", false},
		{"规章:0 0 0", false},
		{"四、结转下年度继续办理 0 0 00 00 0", true}, // t004: "00" is two cells
	}
	for _, tt := range tests {
		d := newDoc(tt.text)
		a := strings.IndexAny(d.norm, "0123456789")
		for a > 0 && d.norm[a-1] == ' ' {
			a--
		}
		if got := readCells(d.norm, a, len(d.norm), 3, false, nil).glued; got != tt.glued {
			t.Errorf("readCells(%q).glued = %v, want %v", tt.text, got, tt.glued)
		}
	}
}

func TestParseCell(t *testing.T) {
	tests := []struct {
		tok       string
		ok        bool
		kind      cellKind
		value     string // for numbers and 无
		text      string // the span's text
		unit      string
		mustSplit bool
	}{
		{tok: "3119", ok: true, value: "3119", text: "3119"},
		{tok: "12,176", ok: true, value: "12176", text: "12,176"},
		{tok: "96171.6", ok: true, value: "96171.6", text: "96171.6"},
		{tok: "47888元", ok: true, value: "47888", text: "47888", unit: "元"},
		{tok: "26.55万元", ok: true, value: "26.55", text: "26.55", unit: "万元"},
		{tok: "-18", ok: true, value: "-18", text: "-18"},
		{tok: "−18", ok: true, value: "-18", text: "−18"},
		{tok: "+3", ok: true, value: "3", text: "3"},
		{tok: "无", ok: true, kind: cellZero, value: "0", text: "无"},
		{tok: "/", ok: true, kind: cellBlank},
		{tok: "—", ok: true, kind: cellBlank},
		{tok: "--", ok: true, kind: cellBlank},
		{tok: "00", ok: true, value: "0", text: "00", mustSplit: true},
		{tok: "000000000000000000", ok: true, text: "000000000000000000", mustSplit: true},
		{tok: "158,4", ok: false},  // not a thousands group
		{tok: "3项(电脑)", ok: false}, // words after the number
		{tok: "规章", ok: false},
	}
	for _, tt := range tests {
		c, ok := parseCell(tt.tok, 0, len(tt.tok))
		if ok != tt.ok {
			t.Errorf("parseCell(%q) ok = %v, want %v", tt.tok, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if c.kind != tt.kind || c.mustSplit != tt.mustSplit || c.unit != tt.unit {
			t.Errorf("parseCell(%q) = kind %d unit %q mustSplit %v; want %d %q %v", tt.tok, c.kind, c.unit, c.mustSplit, tt.kind, tt.unit, tt.mustSplit)
		}
		if tt.value != "" && c.val.String() != tt.value {
			t.Errorf("parseCell(%q) = %s, want %s", tt.tok, c.val, tt.value)
		}
		if tt.text != "" && tt.tok[c.a:c.b] != tt.text {
			t.Errorf("parseCell(%q) spans %q, want %q", tt.tok, tt.tok[c.a:c.b], tt.text)
		}
	}
}

// TestTableProblemsBounded: a text repeating a row label by the hundred
// reports a bounded list of problems.
func TestTableProblemsBounded(t *testing.T) {
	text := "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n" +
		strings.Repeat("2.重复申请 1 2\n", 500)
	_, _, problems := extractTables(newDoc(text), schema.Table2021, nil)
	if len(problems) == 0 || len(problems) > maxTableProblems+1 {
		t.Errorf("%d problems, want 1 to %d", len(problems), maxTableProblems+1)
	}
}

// A table row that is printed but cannot be read (its digits run together in
// more than one possible way) is not filled from a prose sentence: prose
// counts often differ from the table (t013: the prose 收到申请75件 counts a
// carried-over case the table's 本年新收 does not).
func TestUnreadRowNotFilledFromProse(t *testing.T) {
	text := "全区收到政府信息公开申请75件。\n" +
		"三、收到和处理政府信息公开申请情况\n" +
		"(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况\n" +
		"自然人 | 法人或其他组织 | 总计\n" +
		"商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他\n" +
		"一、本年新收政府信息公开申请数量 | 71 | 3 | 0 | 0 | 0 | 0\n" +
		"二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n"
	r := Extract(text)
	for _, f := range r.Fields {
		if f.ID == "applications.new.total" {
			t.Fatalf("applications.new.total = %s from %q; the table row has 6 cells and no total", f.Value, f.Text)
		}
	}
	found := false
	for _, f := range r.Fields {
		found = found || f.ID == "applications.carried_over.total"
	}
	if !found {
		t.Fatalf("the readable row was lost: %v", r.Fields)
	}
}

// A markdown table's header rule ("|---|---|") holds no cells; a blank cell
// is a lone mark. Lines from a report republished as markdown.
func TestMarkdownRuleIsNotCells(t *testing.T) {
	text := "四、政府信息公开行政复议、行政诉讼情况\n" +
		"| 行政复议 | 行政诉讼 |\n" +
		"|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n" +
		"| 未经复议直接起诉 | 复议后起诉 |\n" +
		"| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n" +
		"| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\n" +
		"五、存在的主要问题及改进情况\n"
	r := Extract(text)
	got := map[string]string{}
	for _, f := range r.Fields {
		got[f.ID] = f.Value.String()
	}
	if got["reconsideration.upheld"] != "1" || got["reconsideration.total"] != "1" || got["litigation.after_reconsideration.total"] != "0" {
		t.Fatalf("review table not read past a markdown rule: %v (problems %v)", got, r.Problems)
	}
	for _, line := range []string{" ------------------------------------  ----------", "=====  =====", "________", "———— ————"} {
		if _, ok := ruleLine(line, 0, len(line)); !ok {
			t.Errorf("%q not taken for a rule line", line)
		}
	}
	for _, line := range []string{"| - | - |", "|—|—|", "-  -  -", "—   /   —", "--  --", "- 3 -"} {
		if _, ok := ruleLine(line, 0, len(line)); ok {
			t.Errorf("%q taken for a rule line; its cells are blank marks", line)
		}
	}
	for _, line := range []string{"| - | - |", "|—|—|"} {
		if _, ok := markdownRuleLine(line, 0, len(line)); ok {
			t.Errorf("%q taken for a markdown rule; its cells are blank marks", line)
		}
	}
}
