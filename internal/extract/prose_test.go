package extract

import (
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"gitui/internal/schema"
)

// proseCase is one rule of the report language, stated with the real
// sentence it handles. want maps field IDs to values; a leading "~" marks an
// approximate value. The extractor must find exactly these fields: a field
// it reports that is not in want fails the case.
type proseCase struct {
	name   string
	source string // the report the sentence is from
	text   string
	format schema.Format
	// year is the year reported on, when the sentence alone names
	// another; 0 reads it from the text as Extract does.
	year int
	want map[string]string
}

func runProseCases(t *testing.T, cases []proseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := newDoc(tc.text)
			format := tc.format
			if format == "" {
				format = schema.Narrative
			}
			year := tc.year
			if year == 0 {
				year = extractMeta(d, nil).Year
			}
			fields, _ := proseFields(d, nil, format, year, extractMeta(d, nil).Agency, nil)
			got := map[string]string{}
			for _, f := range fields {
				if tc.text[f.Start:f.End] != f.Text || f.Text == "" {
					t.Errorf("%s: span %d:%d does not hold %q", f.ID, f.Start, f.End, f.Text)
				}
				v := f.Value.String()
				if f.Approx {
					v = "~" + v
				}
				if _, dup := got[f.ID]; dup {
					t.Errorf("%s reported twice", f.ID)
				}
				got[f.ID] = v
			}
			for id, want := range tc.want {
				if got[id] != want {
					t.Errorf("%s = %q, want %q (from %s)", id, got[id], want, tc.source)
				}
			}
			var extra []string
			for id, v := range got {
				if _, ok := tc.want[id]; !ok {
					extra = append(extra, id+"="+v)
				}
			}
			sort.Strings(extra)
			if len(extra) > 0 {
				t.Errorf("unexpected fields %v (from %s)", extra, tc.source)
			}
		})
	}
}

func TestProactive(t *testing.T) {
	runProseCases(t, []proseCase{
		{
			name:   "year total",
			source: "seeds/000",
			text:   "我分局2013年共主动公开政府信息1491条，主要包括以下信息：\n1、建设用地预审信息 98条；\n2、国有建设用地划拨信息 9条；",
			want:   map[string]string{"proactive.total": "1491"},
		},
		{
			name:   "a stated total beats channel counts",
			source: "seeds/002",
			text:   "2012年，我局在衢州市政府信息公开网站主动公开政府信息共31条，在衢州国土局门户网站主动公开信息806条，累计发布信息837条。",
			want:   map[string]string{"proactive.total": "837"},
		},
		{
			name:   "the only count is through one channel",
			source: "dev/p003",
			text:   "2010年,我镇通过门户网站公开各类信息46条。其中工作动态类36条;计划总结类7条;其他类3条",
			want:   map[string]string{"proactive.total": "46"},
		},
		{
			name:   "several channel counts and no total state nothing",
			source: "dev/p027",
			text:   "其中政府公報2條,政府網站公開2066條,政務微博公開61條,政務微信公開40條,其他方式公開3條。",
			want:   map[string]string{},
		},
		{
			name:   "items posted on a website are not a disclosure total",
			source: "dev/p054",
			text:   "一是主动公开情况。通过局门户网站发布各类信息2960条。主动公开类文件全部实行档案化管理,2025年主动公开文件数量为0。",
			want:   map[string]string{},
		},
		{
			name:   "drafts reviewed before publication (拟公开) are not published; 信息共计 sums",
			source: "holdout3/t02_kashgar_natres_2020",
			text:   "(一)主动公开。2020年,我局在喀什地区行政公署网站主动公开信息共计1,463条,其中土地征收类信息312条。(三)政府信息管理。落实公开前保密审查,全年审查拟公开信息1,500余条。",
			want:   map[string]string{"proactive.total": "1463"},
		},
		{
			name:   "合计 between the object and the number sums over the channels",
			source: "holdout3/p03_kundulun_shaoxianlu_street_2015",
			text:   "2015年,本街道通过区政府门户网站、街道政务公开栏、社区公示栏和“少先路街道”微信公众号等途径发布各类政府信息合计二百一十四条,其中通过区政府门户网站发布96条。",
			want:   map[string]string{"proactive.total": "214"},
		},
		{
			name:   "government information of every kind published, no channel named",
			source: "holdout3/README probe (p03 without 合计)",
			text:   "2015年,本街道发布各类政府信息214条。",
			want:   map[string]string{"proactive.total": "214"},
		},
		{
			name:   "items posted on one new-media channel are not the total",
			source: "holdout/h14_lecong_town_2024",
			text:   "持续做好“乐从发布”政务新媒体运营,全年发布各类信息2180条,阅读量达152万人次。",
			want:   map[string]string{},
		},
		{
			name:   "to-date figure beside the year's new figure",
			source: "dev/p023",
			text:   "截至到2011年底,本局累计主动公开政府信息15506条,全文电子化率达100%。2011年新增的主动公开政府信息5973条,全文电子化率达100%。",
			want:   map[string]string{"proactive.total": "5973", "proactive.cumulative": "15506"},
		},
		{
			name:   "the year's new count after a to-date count names no object",
			source: "holdout2/n05",
			text:   "截至2018年12月31日,我局累计主动公开政府信息8,915条,其中2018年新增公开1,487条。重点公开了环境质量状况等信息。",
			want:   map[string]string{"proactive.total": "1487", "proactive.cumulative": "8915"},
		},
		{
			name:   "a count published through several channels is their total; another year's count is not a field",
			source: "holdout2/n02",
			year:   2011,
			text:   "2011年,我局通过县政府门户网站、局门户网站、办事大厅公示栏、电子显示屏及新闻媒体等渠道,发布各类政府信息六百余条,其中在县政府信息公开目录中公开三百二十一条,在《今日桐庐》等媒体刊发稿件四十五篇。2010年度,我局共发布政府信息四百八十条。",
			want:   map[string]string{"proactive.total": "~600"},
		},
		{
			name:   "a sentence opening with another year states that year's count",
			source: "holdout2/n02",
			year:   2011,
			text:   "2010年度,我局共发布政府信息四百八十条。",
			want:   map[string]string{},
		},
		{
			name:   "a to-date figure alone is the year's total",
			source: "seeds/003",
			text:   "1.公开的数量。截至2017年12月31日，我局累计主动公开政府信息36条，网上信息公开27条。\n\n2.公开的内容。健全政务“五公开”工作机制，2017年网上公开信息145条：土地利用方面信息29条；",
			want:   map[string]string{"proactive.total": "36"},
		},
		{
			name:   "历年累计 beside the year's count; information classed 依申请公开 or 不予公开 is not a field",
			source: "dev/p038",
			text:   "全年共制作政府信息236条,其中主动公开信息数为158条,依申请公开信息数54条,不予公开信息数24条。\n截止201312月31日,年度累计主动公开政府信息158,历年累计主动公开政府信息545条。",
			want:   map[string]string{"proactive.total": "158", "proactive.cumulative": "545"},
		},
		{
			name:   "a bare 总计 after the counts it sums; a previous year's figure is not a field",
			source: "dev/p026",
			text:   "信息发布量由2013年的1128 条增加到2014年的1887条,在省政府网站政府信息公开专栏发布信息514条,总计2401条,是2013年信息发布总量的1.5倍。",
			want:   map[string]string{"proactive.total": "2401"},
		},
		{
			name:   "余 after the digits, in a sentence wrapped by PDF layout",
			source: "dev/t001",
			text:   "   （一）主动公开情况。2024 年，市政府网站主动公开各类政\n府信息 5500 余条，全年新增公开市政府规章 1 件、市政府及市\n政府办政策性文件 11 件，",
			format: schema.Table2021,
			want:   map[string]string{"proactive.total": "~5500"},
		},
		{
			name:   "category counts with shares are not fields",
			source: "dev/p041",
			text:   "在主动公开的信息中,机构职能类信息33条,占总体的比例为15.94%;法规文件类信息30条,占总体的比例为14.49%;",
			want:   map[string]string{},
		},
		{
			name:   "a category of information published is not the total",
			source: "dev/t004",
			text:   "今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条。全年共发布征地信息61条，其他应主动公开政府信息856条。",
			want:   map[string]string{},
		},
		{
			name:   "a count of what is new this year beside a running 累计 count",
			source: "schema.md §1 (2011年新增…5973条), wording of dev/p023 without 截至",
			text:   "本局累计主动公开政府信息15506条,全文电子化率达100%。2011年新增的主动公开政府信息5973条。",
			want:   map[string]string{"proactive.total": "5973", "proactive.cumulative": "15506"},
		},
		{
			name:   "the field's own words over items published",
			source: "wording of seeds/002 and dev/p043 in one sentence",
			text:   "2013年共发布信息300余条，其中主动公开政府信息250条。",
			want:   map[string]string{"proactive.total": "250"},
		},
		{
			name:   "two parts without a total",
			source: "sub-unit counts (schema.md: a field is never a sum we compute)",
			text:   "市局主动公开政府信息120条，各分局主动公开政府信息200条。",
			want:   map[string]string{},
		},
		{
			name:   "a count in units of ten thousand",
			source: "wording of seeds/001 with 万",
			text:   "本局2014年度共主动公开政府信息1.2万条。",
			want:   map[string]string{"proactive.total": "12000"},
		},
		{
			name:   "documents received by an archive are not disclosure",
			source: "2013 city report (pages corpus, m.zjtcn.com)",
			text:   "市档案馆、图书馆全年共接收公开信息件1600多份。市档案馆除现场查阅外,拓展了电话查询、信函咨询、传真、邮寄等便民措施,全年查阅利用档案15000多册。",
			want:   map[string]string{},
		},
		{
			name:   "Traditional script",
			source: "dev/p020",
			text:   "2008年,管理區共主動公開政府信息345條。從內容分類看,機構職能5條,政策法規36條,規劃計劃2條。",
			want:   map[string]string{"proactive.total": "345"},
		},
		{
			name:   "full-width digits",
			source: "seeds/000, full-width variant",
			text:   "我分局２０１３年共主动公开政府信息１４９１条，主要包括以下信息：",
			want:   map[string]string{"proactive.total": "1491"},
		},
		{
			name:   "consultations, without the breakdown by channel",
			source: "seeds/001",
			text:   "接受公民、法人及其他组织政府信息公开方面的咨询9800人次。其中，现场咨询5600人次，占总数的57%；电话咨询4200人次，占总数的43%。",
			want:   map[string]string{"consultations.total": "9800"},
		},
		{
			name:   "a channel of consultations is a breakdown wherever the channel word stands",
			source: "wording of seeds/001",
			text:   "其中，现场接待咨询5600人次，电话咨询4200人次。",
			want:   map[string]string{},
		},
		{
			name:   "channels listed together are the total over them",
			source: "holdout h01, h03",
			text:   "接受公众电话、现场咨询416人次。全年共接待来电、来访及网上咨询约2100人次。",
			want:   map[string]string{"consultations.total": "416"},
		},
		{
			name:   "近千 is about a thousand; people who came to read and ask",
			source: "holdout2/n03",
			text:   "全年主动公开信息近千条,依申请公开信息0条。另外,镇便民服务中心设立政府信息查阅点1个,全年接待群众现场查阅、咨询约300人次。",
			want:   map[string]string{"proactive.total": "~1000", "consultations.total": "~300"},
		},
		{
			name:   "数百 and 上千 state no number",
			source: "holdout2/n03, altered",
			text:   "全年主动公开信息数百条。全年主动公开信息上千条。",
			want:   map[string]string{},
		},
		{
			name:   "reading room visitors, digits with a thousands comma",
			source: "holdout2/l01",
			text:   "全年接待群众现场查阅咨询约1,600人次。",
			want:   map[string]string{"consultations.total": "~1600"},
		},
		{
			name:   "consultations approximate, Traditional 谘詢",
			source: "dev/p044, dev/p001",
			text:   "接待咨询1711余人次。2010年,我局共接受公民、法人及其他組織政府信息公開方麵的谘詢2070人次。",
			want:   map[string]string{"consultations.total": "~1711"},
		},
	})
}

func TestApplicationsAndReplies(t *testing.T) {
	runProseCases(t, []proseCase{
		{
			name:   "申请 alone in the 依申请公开 section is a disclosure request",
			source: "holdout3/README probe under a section heading",
			text:   "二、依申请公开情况\n　　全年受理申请20件，其中当面申请12件，网上申请8件。",
			want: map[string]string{"applications.new.total": "20", "applications.channel.in_person": "12",
				"applications.channel.online": "8"},
		},
		{
			name:   "channels of licensing applications are not disclosure requests",
			source: "holdout3/README probe, altered (行政许可)",
			text:   "一、概述\n　　全年受理行政许可申请200件，其中当面申请120件，网上申请80件。",
			want:   map[string]string{},
		},
		{
			name:   "the reason in one clause, what the applicant was told and the count in the next",
			source: "holdout3/p01_hami_agri_2008",
			text:   "截至年底,上述申请均已办结,其中同意公开2件;因申请的信息非本机关掌握,告知申请人向哈密市农机局申请1件。",
			want:   map[string]string{"replies.agreed": "2", "replies.not_held": "1"},
		},
		{
			name:   "unclear, then told to correct and not corrected",
			source: "holdout3/p05_qiandongnan_gjj_2013",
			text:   "答复情况:一是同意公开4份;二是因申请公开的信息涉及个人隐私,不予公开1份;三是申请内容不明确,经告知补正后申请人未补正1份。",
			want:   map[string]string{"replies.agreed": "4", "replies.refused": "1", "replies.unclear": "1"},
		},
		{
			name:   "being told, with no reason before it, is no outcome",
			source: "holdout3/p01_hami_agri_2008, altered",
			text:   "截至年底,上述申请均已办结,告知申请人向哈密市农机局申请1件。",
			want:   map[string]string{},
		},
		{
			name:   "not in the agency's remit, numbered ④",
			source: "holdout3/p02_pingnan_daan_town_2012",
			text:   "办理结果为:①同意公开8件;②同意部分公开1件;③信息不存在2件;④不属于本机关公开职责范围1件。",
			want: map[string]string{"replies.agreed": "8", "replies.partial": "1", "replies.nonexistent": "2",
				"replies.not_held": "1"},
		},
		{
			name:   "disclosure consultations at the one channel counted",
			source: "holdout3/p02_pingnan_daan_town_2012",
			text:   "(三)咨询接待。镇便民服务中心全年接待政府信息公开现场咨询1600多人次,电话咨询未作统计。",
			want:   map[string]string{"consultations.total": "~1600"},
		},
		{
			name:   "a service hall's consultations, then those about disclosure: the latter is the field",
			source: "holdout4/tw01_zhuhai_cuixiang_subdistrict_2020_tw",
			text:   "疫情期間，街道政務服務大廳共接待群眾諮詢約２６００人次，其中涉及政府信息公開的諮詢９６人次。",
			want:   map[string]string{"consultations.total": "96"},
		},
		{
			name:   "disclosure consultations, then a part of them about applications: the former",
			source: "rule of the above, other way round",
			text:   "全年接受政府信息公开咨询980人次，其中涉及依申请公开的政府信息公开咨询52人次。",
			want:   map[string]string{"consultations.total": "980"},
		},
		{
			name:   "a channel's consultations after the total are a breakdown",
			source: "holdout2/n04_jiangbei_housing_2015",
			text:   "全年接受公众咨询3,562人次,其中现场咨询1,208人次,电话咨询2,117人次,网上咨询237人次。",
			want:   map[string]string{"consultations.total": "3562"},
		},
		{
			name:   "the year's new applications after the year's workload; another year's count in brackets is not a field",
			source: "holdout2/n05",
			year:   2018,
			text:   "全年共办理政府信息公开申请46件(含2017年结转的2件),其中本年新收44件,同比增长15%(2017年共收到政府信息公开申请38件)。",
			want:   map[string]string{"applications.new.total": "44"},
		},
		{
			name:   "an outcome, then what the applicant was told",
			source: "holdout2/n02",
			text:   "全年共收到政府信息公开申请十二份,均已按期答复。从答复情况看:\n(1)属于主动公开范围、已告知获取途径的四份;\n(2)同意公开的五份;\n(3)申请内容不明确、已告知申请人补正的一份;\n(4)不属于本机关公开职责、已告知申请人向相关单位申请的二份。",
			want: map[string]string{"applications.new.total": "12", "replies.already_public": "4", "replies.agreed": "5",
				"replies.unclear": "1", "replies.not_held": "2"},
		},
		{
			name:   "not this agency's to disclose, Traditional",
			source: "holdout2/tw01",
			text:   "所有申請均在法定期限內辦結：同意公開１１宗，同意部分公開１宗，信息不存在２宗，不屬於本機關公開範圍１宗。",
			want: map[string]string{"replies.agreed": "11", "replies.partial": "1", "replies.nonexistent": "2",
				"replies.not_held": "1"},
		},
		{
			name:   "a whole system's count is not the agency's own",
			source: "holdout2/l01",
			format: schema.Table2021,
			text:   "全市市场监管系统共收到政府信息公开申请417件,其中市局本级收到政府信息公开申请126件,上年结转5件,合计131件;已办结123件,结转下年度继续办理8件。",
			want: map[string]string{"applications.new.total": "126", "applications.carried_over.total": "5",
				"applications.outcome_total.total": "123", "applications.carried_forward.total": "8"},
		},
		{
			name:   "applications received and their channels",
			source: "seeds/000",
			text:   "我分局2013年受理各类依申请公开件共计631件，同上年相比减少442条。其中，当面申请562件，占89.06%；以信函形式申请69件,占10.94%。",
			want: map[string]string{"applications.new.total": "631",
				"applications.channel.in_person": "562", "applications.channel.letter": "69"},
		},
		{
			name:   "every channel",
			source: "seeds/001",
			text:   "本局2014年度共受理政府信息公开申请7390件。受理的7390件申请中,当面申请5604件,占75.83%;以传真方式申请8件,占0.11%;以互联网方式申请21件,占0.28%;以信函形式申请1759件,占23.8%。",
			want: map[string]string{"applications.new.total": "7390", "applications.channel.in_person": "5604",
				"applications.channel.fax": "8", "applications.channel.online": "21", "applications.channel.letter": "1759"},
		},
		{
			name:   "接受 as a verb of receiving",
			source: "wording of seeds/001 with 接受",
			text:   "本局2014年度共接受政府信息公开申请7390件。",
			want:   map[string]string{"applications.new.total": "7390"},
		},
		{
			name:   "the count before the noun, unit 起",
			source: "dev/p026",
			text:   "2014年,我局收到12起政府信息依申请公开,均严格按程序和时限办理。",
			want:   map[string]string{"applications.new.total": "12"},
		},
		{
			name:   "unit 份",
			source: "dev/p054",
			text:   "二是依申请公开情况。2025年度市自然资源局接收到申请书55份,申请公开的政府信息主要涉及征地信息、规划信息等方面。",
			format: schema.Table2021,
			want:   map[string]string{"applications.new.total": "55"},
		},
		{
			name:   "unit 条 in a 受理 clause",
			source: "seeds/002",
			text:   "2012年度我局受理依申请公开政府信息数5条，依申请方式都为当面申请。",
			want:   map[string]string{"applications.new.total": "5"},
		},
		{
			name:   "how applications were answered",
			source: "seeds/001",
			text:   "本局2014年度共答复7337件,其中:同意公开3167件,占43.16%;同意部分公开76件,占1.04%; 不予公开42件,占0.57%;信息不存在的3469件,占47.28%;非本机关掌握的251件,占3.42%;申请内容不明确的262件,占3.57%;非政府信息的29件,占0.4%;已主动公开的41件,占0.56%。",
			want: map[string]string{"replies.total": "7337", "replies.agreed": "3167", "replies.partial": "76",
				"replies.refused": "42", "replies.nonexistent": "3469", "replies.not_held": "251",
				"replies.unclear": "262", "replies.not_gov_info": "29", "replies.already_public": "41"},
		},
		{
			name:   "quoted outcomes, withdrawn applications, the answered rest",
			source: "seeds/000",
			text:   "共有3件信息公开申请经与申请人电话沟通，告知其申请事项不属我局行政职责，申请人同意撤销申请，其余628件申请全部按期答复，其中：\n“同意公开”的266件，占总数的42.36%；\n“不予公开答复”的19件，占总数的3.03%；",
			want: map[string]string{"replies.withdrawn": "3", "replies.total": "628",
				"replies.agreed": "266", "replies.refused": "19"},
		},
		{
			name:   "a channel before 提出, unit 件次",
			source: "holdout h15",
			text:   "受理政府信息公开申请6件次，其中当面提出申请4件，通过网上申请系统提出2件。",
			want: map[string]string{"applications.new.total": "6",
				"applications.channel.in_person": "4", "applications.channel.online": "2"},
		},
		{
			name:   "already public, with what was done",
			source: "holdout h04",
			text:   "共受理政府信息公开申请12件,同意公开8件,信息不存在的2件,属于已主动公开范围并告知获取途径的2件。",
			want: map[string]string{"applications.new.total": "12", "replies.agreed": "8",
				"replies.nonexistent": "2", "replies.already_public": "2"},
		},
		{
			name:   "the applications answered, and 非本机关职责范围",
			source: "Beijing annual-report template wording (dev/p041, p044 family)",
			text:   "在已经答复的45件申请中,“同意公开”的30件,占66.67%;“非本机关职责范围”的15件,占33.33%。",
			want:   map[string]string{"replies.total": "45", "replies.agreed": "30", "replies.not_held": "15"},
		},
		{
			name:   "table era: prose restating the table carries the table IDs",
			source: "dev/p046",
			text:   "本年度累计受理政府信息公开申请145件,上年结转4件,从申请的信息内容看,房屋征收(拆迁)和物业管理、加梯类信息申请占比较大。本年度累计已完成答复申请135件,其中:予以公开36件,不予公开6件,无法提供87件,不予处理4件,其他处理2件。结转下年度继续办理14件。",
			format: schema.Table2021,
			want: map[string]string{"applications.new.total": "145", "applications.carried_over.total": "4",
				"applications.outcome_total.total": "135", "applications.disclosed.total": "36",
				"replies.refused": "6", "applications.carried_forward.total": "14"},
		},
		{
			name:   "table era: the count before the noun, and carried forward",
			source: "dev/t005",
			text:   "要求各单位依法落实信息处理费有关规定。坚持第一时间登记受理、第一时间转送承办单位和第一时间回复申请的“三个一”工作机制。本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
			format: schema.Table2021,
			want: map[string]string{"applications.new.total": "70", "applications.outcome_total.total": "69",
				"applications.carried_forward.total": "1"},
		},
		{
			name:   "table era: carried forward to a named year",
			source: "dev/t018",
			text:   "2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。",
			format: schema.Table2021,
			want: map[string]string{"applications.new.total": "154", "applications.outcome_total.total": "148",
				"applications.carried_forward.total": "6"},
		},
		{
			name:   "table era: two outcomes joined are no single row",
			source: "dev/t012",
			text:   "办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%。",
			format: schema.Table2021,
			want:   map[string]string{"applications.outcome_total.total": "81", "replies.refused": "5"},
		},
		{
			name:   "table era: 答复 and 顺延 in a wrapped PDF sentence",
			source: "dev/t001",
			text:   "2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n答复），均在法定期限内予以答复。",
			format: schema.Table2021,
			want: map[string]string{"applications.new.total": "3119", "applications.outcome_total.total": "3050",
				"applications.carried_over.total": "34", "applications.carried_forward.total": "103"},
		},
		{
			name:   "answers to another kind of application",
			source: "licensing sentence in report wording (schema.md: only information requests)",
			text:   "本年度共受理行政许可申请1200件，办结1180件。",
			want:   map[string]string{},
		},
		{
			name:   "requests that are not for information",
			source: "dev/t014",
			text:   "组织开展19期《问政平潭之有事你说》，上线部门22家，收到群众诉求348件，现场解决162件，跟进解决186件，办结率100%。",
			format: schema.Table2019,
			want:   map[string]string{},
		},
		{
			name:   "full-width digits and punctuation",
			source: "seeds/001, full-width variant",
			text:   "本局２０１４年度共受理政府信息公开申请７３９０件。当面申请５６０４件，占７５．８３％；",
			want:   map[string]string{"applications.new.total": "7390", "applications.channel.in_person": "5604"},
		},
	})
}

func TestFeesAndReview(t *testing.T) {
	runProseCases(t, []proseCase{
		{
			name:   "fees collected and waived keep their decimals",
			source: "seeds/001",
			text:   "本局2014年共收取依申请公开政府信息检索费、复印费4711.7元,对特殊困难申请人减免632.1元,对政府信息的邮寄费用全部免收。",
			want:   map[string]string{"fees.collected": "4711.7", "fees.waived": "632.1"},
		},
		{
			name:   "information processing fee",
			source: "dev/t001",
			text:   "2024 年，市政府严格落实《政府信息公开信息处理费管理\n办法》，全年收取政府信息公开信息处理费 3940 元。",
			format: schema.Table2021,
			want:   map[string]string{"fees.collected": "3940"},
		},
		{
			name:   "spending is not a fee",
			source: "dev/p019",
			text:   "四、政府信息公开的收费及减免情况\n全年依申请公开政府信息支出0元。",
			want:   map[string]string{},
		},
		{
			name:   "reconsideration with its results, then litigation",
			source: "seeds/001",
			text:   "(一)行政复议2014年,针对政府信息依申请公开发生行政复议91件。其中维持63件,驳回或终止6件,撤销5件,责令履行1件,未审结15件。(二)行政诉讼2014年,针对政府信息依申请公开发生行政诉讼案290件。",
			want: map[string]string{"reconsideration.total": "91", "reconsideration.upheld": "63",
				"reconsideration.dismissed": "6", "reconsideration.revoked": "5", "reconsideration.ordered": "1",
				"reconsideration.pending": "15", "litigation.total": "290"},
		},
		{
			name:   "counts before the noun",
			source: "seeds/000",
			text:   "我分局2013年共有145件政府信息公开事务被提起的行政复议申请、3件被提起行政诉讼。\n在市局领导的悉心指导下，我分局2013年度被提起的145件行政复议案件均被维持。",
			want: map[string]string{"reconsideration.total": "145", "litigation.total": "3",
				"reconsideration.upheld": "145"},
		},
		{
			name:   "upheld, stated inside the noun phrase",
			source: "seeds/002",
			text:   "2012年度我局发生针对本部门有关政府信息公开事项的行政复议案件且维持具体行政行为数2件，行政诉讼案件且维持具体行政行为数2件。",
			want:   map[string]string{"reconsideration.upheld": "2", "litigation.upheld": "2"},
		},
		{
			name:   "both proceedings counted 0 in digits",
			source: "dev/p019",
			text:   "五、因政府信息公开申请行政复议和提起行政诉讼的情况\n全年发生因政府信息公开而被申请行政复议、提起行政诉讼的案件0件。",
			want:   map[string]string{"reconsideration.total": "0", "litigation.total": "0"},
		},
		{
			name:   "litigation lost",
			source: "dev/p046",
			text:   "涉行政复议2件,行政诉讼3件,败诉0件。",
			format: schema.Table2021,
			want:   map[string]string{"reconsideration.total": "2", "litigation.total": "3", "litigation.lost": "0"},
		},
		{
			name:   "results after each total, wrapped PDF lines",
			source: "dev/t001",
			text:   "政府信息公开行政复议 351\n件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25\n件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。",
			format: schema.Table2021,
			want: map[string]string{"reconsideration.total": "351", "reconsideration.upheld": "72",
				"reconsideration.corrected": "64", "reconsideration.other": "178", "reconsideration.pending": "37",
				"litigation.total": "46", "litigation.upheld": "25", "litigation.pending": "7"},
		},
		{
			name:   "维持原答复 is a review result, not a count of answers",
			source: "holdout h03",
			text:   "因政府信息公开申请引发行政复议2件，其中维持原答复1件，责令履行1件。",
			want: map[string]string{"reconsideration.total": "2", "reconsideration.upheld": "1",
				"reconsideration.ordered": "1"},
		},
		{
			name:   "complaints about the disclosure work",
			source: "holdout h04",
			text:   "本年度收到有关政府信息公开工作的投诉1件，已按规定办结。",
			want:   map[string]string{"complaints.total": "1"},
		},
		{
			name:   "a case counted before its outcome; no lost case",
			source: "holdout2/n02",
			text:   "本年度我局因政府信息公开被申请行政复议二起,其中一起经县政府复议撤销原答复,我局已重新作出答复;另一起被复议机关驳回。被提起行政诉讼一起,经县人民法院审理,判决维持我局的答复,无败诉案件。",
			want: map[string]string{"reconsideration.total": "2", "reconsideration.revoked": "1", "reconsideration.dismissed": "1",
				"litigation.total": "1", "litigation.lost": "0"},
		},
		{
			name:   "an outcome after a count of applications is not a review's",
			source: "holdout2/n02, altered",
			text:   "被申请行政复议一起。全年共收到政府信息公开申请十二份,其中一份被驳回。",
			want:   map[string]string{"applications.new.total": "12", "reconsideration.total": "1"},
		},
		{
			name:   "outcomes with their objects: 法定职责, 终止复议, 审理中",
			source: "holdout2/n04",
			text:   "全年因政府信息公开申请被提起行政复议15件,其中维持原具体行政行为9件,撤销2件,责令履行法定职责1件,申请人撤回申请终止复议2件,尚在审理中1件。",
			want: map[string]string{"reconsideration.total": "15", "reconsideration.upheld": "9", "reconsideration.revoked": "2",
				"reconsideration.ordered": "1", "reconsideration.dismissed": "2", "reconsideration.pending": "1"},
		},
		{
			name:   "unit 起",
			source: "dev/t018",
			text:   "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。",
			format: schema.Table2021,
			want:   map[string]string{"reconsideration.total": "36", "litigation.total": "9"},
		},
	})
}

func TestZeroStatements(t *testing.T) {
	runProseCases(t, []proseCase{
		{
			name:   "zero litigation in a second clause (也没有被提起)",
			source: "holdout3/p03_kundulun_shaoxianlu_street_2015",
			text:   "2015年,本街道没有发生因政府信息公开申请提起行政复议的情况,也没有被提起行政诉讼。",
			want:   map[string]string{"reconsideration.total": "0", "litigation.total": "0"},
		},
		{
			name:   "零复议、零诉讼; no complaints about the disclosure work",
			source: "holdout2/n03",
			text:   "全年零复议、零诉讼,亦未收到涉及政府信息公开的举报投诉。",
			want:   map[string]string{"reconsideration.total": "0", "litigation.total": "0", "complaints.total": "0"},
		},
		{
			name:   "no complaints, then counts of review cases",
			source: "holdout2/l01",
			format: schema.Table2021,
			text:   "四是社会评议。本年度未收到涉及政府信息公开工作的投诉举报,行政复议3件、行政诉讼2件均依法办理。",
			want:   map[string]string{"complaints.total": "0", "reconsideration.total": "3", "litigation.total": "2"},
		},
		{
			name:   "no lost case says nothing of the cases",
			source: "holdout2/n02",
			text:   "经县人民法院审理,判决维持我局的答复,无败诉案件。",
			want:   map[string]string{"litigation.lost": "0"},
		},
		{
			name:   "complaints of another kind are not about disclosure",
			source: "holdout2/l01",
			text:   "依托全国12315平台,全年受理消费投诉举报46,218件。本年度未收到消费者投诉举报。",
			want:   map[string]string{},
		},
		{
			name:   "no applications received, Traditional",
			source: "dev/p020",
			text:   "二、依申請公開政府信息和不予公開政府信息的情況\n2008年,我單位沒有受理政府信息公開申請。",
			want:   map[string]string{"applications.new.total": "0"},
		},
		{
			name:   "no applications, fees, reconsideration, litigation or complaints",
			source: "dev/p003",
			text:   "2010年度我镇没有接到群众主动要求公开政府信息的申请。\n四、依申请信息公开收费情况\n2010年度,我镇政府信息公开没有收费。\n五、复议、诉讼和申诉情况\n我镇2010年度,未发生针对本单位有关政府信息公开事务的行政复议案、行政诉讼案和有关的申诉案。",
			want: map[string]string{"applications.new.total": "0", "fees.collected": "0",
				"reconsideration.total": "0", "litigation.total": "0", "complaints.total": "0"},
		},
		{
			name:   "申诉 that is not a listed item is not a complaints count",
			source: "seeds/003",
			text:   "2017年度我局受理政府信息公开申请12件。申请主要涉及征收土地和用地审批问题，已经按期给予答复。没有发生公开事务的行政复议、行政诉讼的申诉案件。",
			want: map[string]string{"applications.new.total": "12",
				"reconsideration.total": "0", "litigation.total": "0"},
		},
		{
			name:   "no fee and no waiver",
			source: "dev/p016",
			text:   "2015年度,本局无政府信息公开的收费和减免事项,未收取与政府信息申请有关的任何费用。",
			want:   map[string]string{"fees.collected": "0", "fees.waived": "0"},
		},
		{
			name:   "no fee, no waiver, Traditional",
			source: "dev/p001",
			text:   "2010年我局依申請提供政府信息未收取費用,不存在減免情況。",
			want:   map[string]string{"fees.collected": "0", "fees.waived": "0"},
		},
		{
			name:   "no consultation is not no application; spending is not a fee",
			source: "dev/p016",
			text:   "2015年度,本局未收到依申请公开信息的咨询。\n2015年度,本局未发生与诉讼有关的费用支出。",
			want:   map[string]string{},
		},
		{
			name:   "a heading alone states nothing",
			source: "schema.md, Zero statements",
			text:   "六、行政复议和行政诉讼情况\n本机关未收到申诉。",
			want:   map[string]string{},
		},
		{
			name:   "no withheld information is not a reply count",
			source: "dev/p012",
			text:   "未收到要求公开其它信息的申请,也不存在不予公开政府信息。",
			want:   map[string]string{"applications.new.total": "0"},
		},
		{
			name:   "table labels with 无 and 未 are not zero statements",
			source: "dev/t001",
			text:   "4.无正当理由大量反复申请            0         0\n未经复议直接起诉                              复议后起诉\n2、申请人逾期未按收费通知要",
			format: schema.Table2021,
			want:   map[string]string{},
		},
		{
			name:   "无 before each proceeding",
			source: "dev/p029",
			text:   "2024年,我局未受理依申请公开申请,无行政复议、无提起行政诉讼情况。",
			format: schema.Table2021,
			want: map[string]string{"applications.new.total": "0",
				"reconsideration.total": "0", "litigation.total": "0"},
		},
		{
			name:   "no information processing fee",
			source: "dev/t005",
			text:   "六、其他需要报告的事项2021年，无收取信息处理费情况。",
			format: schema.Table2021,
			want:   map[string]string{"fees.collected": "0"},
		},
		{
			name:   "a zero given as a reason states nothing about the year",
			source: "seeds/000",
			text:   "3件行政诉讼，因我局未收到申请人所提交的信息公开申请，申请人对我局未作出答复提出行政诉讼。",
			want:   map[string]string{"litigation.total": "3"},
		},
		{
			name:   "zero stated after the thing counted",
			source: "schema.md, Zero statements (零)",
			text:   "本年度因政府信息公开申请提起的行政复议、行政诉讼案件均为零。",
			want:   map[string]string{"reconsideration.total": "0", "litigation.total": "0"},
		},
		{
			name:   "zero information items are not zero applications",
			source: "dev/p019",
			text:   "三、依申请公开政府信息情况和不予公开政府信息的情况\n全年发生依申请和不予公开政府信息条数0条。",
			want:   map[string]string{},
		},
		{
			name:   "a sentence cut by the end of the page",
			source: "dev/p002",
			text:   "三、依申请公开政府信息和不予公开政府信息的情况\n\n本单位2010年没有收到政府信息公开申",
			want:   map[string]string{"applications.new.total": "0"},
		},
	})
}

func TestMoneyKeepsItsUnit(t *testing.T) {
	// seeds/001 in 元, and the same sentence in 万元.
	for _, tt := range []struct{ text, value, unit string }{
		{"本局2014年共收取依申请公开政府信息检索费、复印费4711.7元。", "4711.7", "元"},
		{"本局2014年共收取依申请公开政府信息检索费、复印费0.47117万元。", "0.47117", "万元"},
	} {
		fields, _ := extractProse(newDoc(tt.text), schema.Narrative)
		if len(fields) != 1 || fields[0].ID != "fees.collected" || fields[0].Value.String() != tt.value || fields[0].Unit != tt.unit {
			t.Errorf("%s: fields %+v, want fees.collected %s %s", tt.text, fields, tt.value, tt.unit)
		}
	}
}

func TestZeroSpanIsTheZeroPhrase(t *testing.T) {
	text := "2010年度,我镇政府信息公开没有收费。"
	fields, _ := extractProse(newDoc(text), schema.Narrative)
	if len(fields) != 1 || fields[0].Text != "没有收费" {
		t.Fatalf("fields = %+v, want one fees.collected on 没有收费", fields)
	}
}

func TestPercentChecks(t *testing.T) {
	tests := []struct {
		name, source, text string
		want               map[string]bool // check ID → OK
	}{
		{
			name:   "shares match their counts",
			source: "seeds/000",
			text:   "我分局2013年受理各类依申请公开件共计631件。其中，当面申请562件，占89.06%；以信函形式申请69件,占10.94%。",
			want:   map[string]bool{"percent.applications.channel.in_person": true, "percent.applications.channel.letter": true},
		},
		{
			name:   "a share off by more than rounding fails",
			source: "seeds/000, share altered",
			text:   "我分局2013年受理各类依申请公开件共计631件。其中，当面申请562件，占80.06%；",
			want:   map[string]bool{"percent.applications.channel.in_person": false},
		},
		{
			name:   "replies are shares of the replies total",
			source: "seeds/001",
			text:   "本局2014年度共答复7337件,其中:同意公开3167件,占43.16%;",
			want:   map[string]bool{"percent.replies.agreed": true},
		},
		{
			name:   "no total, no check",
			source: "seeds/001",
			text:   "当面申请5604件,占75.83%;",
			want:   map[string]bool{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, checks := extractProse(newDoc(tt.text), schema.Narrative)
			got := map[string]bool{}
			for _, c := range checks {
				got[c.ID] = c.OK
				if !strings.HasPrefix(c.ID, "percent.") || len(c.Fields) != 2 {
					t.Errorf("check %+v: want a percent check over two fields", c)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("checks %v, want %v (from %s)", got, tt.want, tt.source)
			}
			for id, ok := range tt.want {
				if g, found := got[id]; !found || g != ok {
					t.Errorf("%s: ok=%v found=%v, want ok=%v (from %s)", id, g, found, ok, tt.source)
				}
			}
		})
	}
}

func TestViewJoinsWrappedLines(t *testing.T) {
	tests := []struct{ in, want string }{
		// A PDF line wrapped mid-word joins; spaces around numbers go.
		{"2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件", "2024年,全市共受理政府信息公开申请3119件,答复3050件"},
		// A line ending a sentence, a short heading, a blank line: kept.
		{"均在法定期限内予以答复。\n政府信息", "均在法定期限内予以答复。\n政府信息"},
		{"(一)公开情况\n我局2010年共主动公开", "(一)公开情况\n我局2010年共主动公开"},
		{"这是一个没有标点但是很长的段落中的一行文字内容\n\n下一段", "这是一个没有标点但是很长的段落中的一行文字内容\n下一段"},
		// A page number between two pages of a PDF is dropped and the
		// sentence goes on (holdout h06, dev t001).
		{"（二）答复情况。截至2018年12月31日，共答复\n\n— 1 —\n\n179 件，另有", "(二)答复情况。截至2018年12月31日,共答复179件,另有"},
		{"业用工和促进返乡人员就业创业专项活动”“建设‘四最’一流\n                                          -1-\n营商环境", "业用工和促进返乡人员就业创业专项活动”“建设‘四最’一流营商环境"},
	}
	for _, tt := range tests {
		d := newDoc(tt.in)
		v := newView(d.norm)
		if v.s != tt.want {
			t.Errorf("view(%q) = %q, want %q", tt.in, v.s, tt.want)
		}
		// Every rune of the view maps back to the same rune of the text.
		for i, r := range v.s {
			if r == '\n' {
				continue
			}
			n := v.norm(i)
			if got, _ := utf8.DecodeRuneInString(d.norm[n:]); got != r {
				t.Errorf("view(%q): rune %q at %d maps to %q", tt.in, r, i, got)
			}
		}
	}
}

func TestRestatedChecks(t *testing.T) {
	// dev/t017: the prose says 共受理政府信息公开申请2件, the table's 本年新收
	// row says 3; dev/p046-like agreement passes.
	table := []Field{{ID: "applications.new.total", Value: Int(3)}, {ID: "applications.carried_over.total", Value: Int(0)}}
	prose := []Field{
		{ID: "applications.new.total", Value: Int(2)},
		{ID: "applications.carried_over.total", Value: Int(0)},
		{ID: "proactive.total", Value: Int(34)}, // no table cell: no check
	}
	got := map[string]bool{}
	for _, c := range restatedChecks(table, nil, prose) {
		got[c.ID] = c.OK
	}
	want := map[string]bool{"restated.applications.new.total": false, "restated.applications.carried_over.total": true}
	if len(got) != len(want) {
		t.Fatalf("checks %v, want %v", got, want)
	}
	for id, ok := range want {
		if g, found := got[id]; !found || g != ok {
			t.Errorf("%s: ok=%v found=%v, want ok=%v", id, g, found, ok)
		}
	}
}

// TestPageNumber states which lines are PDF page furniture, dropped from
// prose and tables alike.
func TestPageNumber(t *testing.T) {
	for _, tt := range []struct {
		line   string
		source string
		want   bool
	}{
		{"- 3 -", "holdout2/t01", true},
		{"                                        - 2 -", "holdout2/t01", true},
		{"— 第 3 页 共 5 页 —", "holdout2/t04", true},
		{"第3页", "page footer", true},
		{"第 3 页,共 5 页", "page footer", true},
		{"— 3 —", "page footer", true},
		{"-3/5-", "page footer", true},
		{"-3", "holdout/h12, a 本年增/减 cell", false},
		{"3", "a table cell alone on its line", false},
		{"0/5", "a cell, not set off", false},
		{"第3页共页", "no total", false},
		{"第三季度", "a heading", false},
	} {
		if got := pageNumber(tt.line); got != tt.want {
			t.Errorf("pageNumber(%q) = %v, want %v (%s)", tt.line, got, tt.want, tt.source)
		}
	}
}

// A count of a unit under the reporting agency, named at the start of its
// clause or its line, is not the agency's figure; the agency's own name
// (from the title) is not a sub-unit.
func TestSubUnitCounts(t *testing.T) {
	runProseCases(t, []proseCase{
		{
			name:   "county bureaus in a county report, no total stated",
			source: "holdout3/README probe",
			text:   "昌吉县人民政府2012年政府信息公开工作年度报告\n\n　　县民政局受理政府信息公开申请21件，其中当面申请12件；县国土局受理政府信息公开申请35件。",
			want:   map[string]string{},
		},
		{
			name:   "county paragraphs under a city total",
			source: "holdout3/l01_lhasa_city_2021_long",
			text: "拉萨市人民政府2021年政府信息公开工作年度报告\n" +
				"　　1.总体情况。全市各级行政机关通过政府门户网站、政务新媒体、政府公报、新闻发布会、公开栏等渠道主动公开政府信息28,416条，较上年增长18.3%。\n" +
				"　　城关区：主动公开政府信息3,215条，受理政府信息公开申请214件，其中予以公开97件。\n" +
				"　　林周县：主动公开信息1,226条，收到政府信息公开申请21件，均按期答复。\n",
			want: map[string]string{"proactive.total": "28416"},
		},
		{
			name:   "the bureau's own report names it by its short name",
			source: "holdout3/README probe, under the bureau's own title",
			text:   "昌吉县民政局2015年政府信息公开工作年度报告\n\n　　县民政局受理政府信息公开申请21件，其中当面申请12件。",
			want:   map[string]string{"applications.new.total": "21", "applications.channel.in_person": "12"},
		},
		{
			name:   "a town office's count after 其中",
			source: "holdout3/p02_pingnan_daan_town_2012",
			text:   "平南县大安镇人民政府2012年政府信息公开工作年度报告\n2012年，大安镇共受理群众政府信息公开申请12件。其中镇计生办受理4件，镇民政办受理5件。",
			want:   map[string]string{"applications.new.total": "12"},
		},
		{
			name:   "the agency named by its short name is the agency",
			source: "holdout3/h01_xining_chengbei_health_2022",
			text:   "西宁市城北区卫生健康局2022年政府信息公开工作年度报告\n区卫生健康局主动公开政府信息386条。",
			want:   map[string]string{"proactive.total": "386"},
		},
	})
}

// An answer whose reason stands in the clause before its count is
// highlighted with the reason: the span shows why it is that field.
func TestReasonBeforeSpan(t *testing.T) {
	text := "截至年底,上述申请均已办结,其中同意公开2件;因申请的信息非本机关掌握,告知申请人向哈密市农机局申请1件。" // holdout3/p01_hami_agri_2008
	fields, _ := proseFields(newDoc(text), nil, schema.Narrative, 0, "", nil)
	for _, f := range fields {
		if f.ID == "replies.not_held" {
			if want := "因申请的信息非本机关掌握,告知申请人向哈密市农机局申请1件"; f.Text != want {
				t.Errorf("replies.not_held span %q, want %q", f.Text, want)
			}
			return
		}
	}
	t.Errorf("replies.not_held not read from %q", text)
}
