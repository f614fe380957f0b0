package extract

import (
	"regexp"
	"testing"
)

func TestMeta(t *testing.T) {
	tests := []struct {
		name, source, text string
		agency             string
		year               int
		published          string
	}{
		{
			name:   "title line over a short header name; a 2012 report published in 2013",
			source: "seeds/002",
			text: "索引号: 11330800002618306N/2013-104411 成文日期: 2013-03-20\n公开方式: 主动公开 组配分类: 2012年度\n发布机构: 市国土局\n\n" +
				"衢州市国土局2012年政府信息公开工作年度报告\n\n发布日期:2013-03-20 03:00 浏览次数: 信息来源:衢州市 字体:[ ]\n\n" +
				"根据《中华人民共和国政府信息公开条例》规定,现编制并公布本单位2012年政府信息公开工作年度报告。\n\n2013年3月12日",
			agency: "衢州市国土局", year: 2012, published: "2013-03-20",
		},
		{
			name:   "a place named by the title reports for its government",
			source: "福州市晋安区2016年报告 (pages corpus, www.fzja.gov.cn)",
			text:   "政府信息公开\n福州市晋安区2016年政府信息公开工作年度报告\n来源:区人民政府办公室 时间:2017-01-12 10:01\n\n本报告…由福州市晋安区人民政府信息公开办编制。",
			agency: "福州市晋安区", year: 2016, published: "2017-01-12",
		},
		{
			name:   "a title names its agency even when the name starts like a clause (通…)",
			source: "holdout h12",
			text:   "通山县自然资源和规划局2020年政府信息公开工作年度报告\n\n根据《中华人民共和国政府信息公开条例》规定，特向社会公布2020年度我局政府信息公开工作年度报告。",
			agency: "通山县自然资源和规划局", year: 2020,
		},
		{
			name:   "a site's list of related reports, each with its date, names other agencies",
			source: "holdout4/l01_lhasa_chengguan_2021_long",
			text: "区级部门及街道（乡）政府信息公开年报\n城关区发展和改革委员会2021年政府信息公开工作年度报告\t2022-01-10\n" +
				"城关区教育局2021年政府信息公开工作年度报告\t2022-01-11\n\n拉萨市城关区人民政府2021年政府信息公开工作年度报告\n\n" +
				"本报告根据《中华人民共和国政府信息公开条例》编制。",
			agency: "拉萨市城关区人民政府", year: 2021,
		},
		{
			name:   "a name alone on the first line; the title without a name",
			source: "seeds/003",
			text:   "\n梅河口市国土资源局\n\n2017年度政府信息公开工作报告\n按照《梅河口市人民政府办公室关于做好2017年政府信息公开情况统计报送及年度报告编制公布工作的通知》要求，对我局2017年政府信息公开情况进行深入细致的统计",
			agency: "梅河口市国土资源局", year: 2017,
		},
		{
			name:   "the full name at the top over the title's shorter one",
			source: "dev/p041",
			text:   "北京市门头沟区民政局\n\n门头沟区民政局2009年政府信息公开年报\n打印本页\n字号:        \n\n本报告是根据《中华人民共和国政府信息公开条例》以下简称《条例》)要求,由北京市门头沟区民政局编制的2009年度政府信息公开年度报告。",
			agency: "北京市门头沟区民政局", year: 2009,
		},
		{
			name:   "title with the year first",
			source: "dev/p023",
			text:   "2011年上海市人力资源和社会保障局政府信息公开工作年度报告\n引 言\n如对本年度报告有任何疑问,请联系本局政府信息公开工作部门。",
			agency: "上海市人力资源和社会保障局", year: 2011,
		},
		{
			name:   "page header with pipes and spaced labels",
			source: "dev/p037",
			text:   "索 引 号: | 610700003-/2020000781 | 发布时间: | 2012年02月17日 10:50 |\n来 源: | 汉中市统计局 | 发布机构: | 汉中市统计局 |\n内容概述: |\n本年度报告根据《中华人民共和国政府信息公开条例》要求编制。内容涵盖汉中市统计局2011年1月1日至12月31日期间的政府信息公开工作情况。据统计,2011年度共主动公开各类信息155条。",
			agency: "汉中市统计局", year: 2011, published: "2012-02-17",
		},
		{
			name:   "header, and the statistics period for the year",
			source: "dev/p016",
			text:   "索 引 号:005267169/2016-00001 | 主题分类:综合政务/公报公示/政府信息公开年报 | |\n发布机构:中原区审计局 | 关 键 词:政务,公报公示 | |\n文 号 | 成文日期:2016-03-31 | 发布日期:2016-04-08 |\n本年报中所列数据的统计期限自2015年1月1日起至2015年12月31日止。",
			agency: "中原区审计局", year: 2015, published: "2016-04-08",
		},
		{
			name:   "the agency's own guide",
			source: "seeds/001",
			text:   "41373851 发表于 2016-5-14 21:48:04\n\n信息公开报告\n\n为进一步方便群众,及时修订了《北京市国土资源局政府信息公开指南》。本局2014年度共主动公开政府信息12176条。2014年,针对政府信息依申请公开发生行政复议91件。",
			agency: "北京市国土资源局", year: 2014, published: "2016-05-14",
		},
		{
			name:   "a name defining 我局",
			source: "dev/p028",
			text:   "本报告是根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,以及2010年度北京市环境保护局(以下简称“我局”)政府信息公开工作编制。 本报告所列数据的统计期限自2010年1月1日至2010年12月31日止。",
			agency: "北京市环境保护局", year: 2010,
		},
		{
			name:   "signature above the date, which is not the year reported on",
			source: "dev/p058",
			text:   "2014年我镇主动公开政府信息数160条。\n三、政府信息依申请公开情况\n2014年,我镇没有依申请公开政府信息办理事项。\n四、政府信息公开的收费及减免情况\n2014年度及历年来,我镇政府信息公开没有收费及减免的情况。\n亭子坝镇人民政府\n2015年1月10日\n",
			agency: "亭子坝镇人民政府", year: 2014,
		},
		{
			name:   "signature in Traditional script stays Traditional",
			source: "dev/p020",
			text:   "2008年,石島管理區認真貫徹落實《中華人民共和國政府信息公開條例》。\n2008年,管理區共主動公開政府信息345條。\n榮成市人民政府石島管理區管委會\n2009年1月28日\n",
			agency: "榮成市人民政府石島管理區管委會", year: 2008,
		},
		{
			name:   "the government's office compiles the government's report",
			source: "dev/t008",
			text:   "一、工作基本情况\n本报告是根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,由两城镇人民政府党政办公室编制。本报告中所列数据的统计期限为2020年1月1日至2020年12月31日。",
			agency: "两城镇人民政府", year: 2020,
		},
		{
			name:   "a sentence that opens with the year and the agency",
			source: "dev/p030",
			text:   "一、总体情况\n2021年,内江市隆昌生态环境局在市委市政府的正确领导下,认真贯彻落实《条例》。",
			agency: "内江市隆昌生态环境局", year: 2021,
		},
		{
			name:   "a title quoted in a sentence",
			source: "dev/p054",
			text:   "根据《中华人民共和国政府信息公开条例》(以下简称《条例》)相关要求,现公布朝阳市自然资源局2025年度政府信息公开工作报告。",
			agency: "朝阳市自然资源局", year: 2025,
		},
		{
			name:   "the agency's own portal, in Traditional script",
			source: "seeds/004",
			text:   "一是網站公開,把中國樟樹政府網站和樟樹市自然資源局門戶網站作為政府信息公開的主要平臺。2019年度,本機關無收取信息處理費情況。",
			agency: "樟樹市自然資源局", year: 2019,
		},
		{
			name:   "我分局 names nobody",
			source: "seeds/000",
			text:   " 2013年度政府信息公开工作总结\n\n2013年度，在市、区两级政府部门的领导下，我分局严格依据《中华人民共和国政府信息公开条例》要求。一是在我分局门户网站首页显著位置公开政府信息。",
			agency: "", year: 2013,
		},
		{
			name:   "我局 alone, year from 截止",
			source: "dev/t017",
			text:   "一、总体情况\n(一)主动公开信息情况。截止2023年12月31日我局通过官方网站发布政务类信息34条,概况类信息150条。",
			agency: "", year: 2023,
		},
		{
			name:   "a zero statement naming 我局 is no agency",
			source: "dev/p001",
			text:   "根據《條例》要求,2010年,我局繼續開展政府信息公開工作。\n六、行政複議和行政訴訟情況\n2010年,未產生針對我局政府信息公開的行政複議與行政訴訟。",
			agency: "", year: 2010,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := extractMeta(newDoc(tt.text), nil)
			if m.Agency != tt.agency {
				t.Errorf("agency %q, want %q (from %s)", m.Agency, tt.agency, tt.source)
			}
			if m.Year != tt.year {
				t.Errorf("year %d, want %d (from %s)", m.Year, tt.year, tt.source)
			}
			if m.Published != tt.published {
				t.Errorf("published %q, want %q (from %s)", m.Published, tt.published, tt.source)
			}
		})
	}
}

func TestAgencyLike(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"梅河口市国土资源局", true},
		{"白城市民委(宗教局)", true},
		{"亭子坝镇人民政府", true},
		{"中共北京市委宣传部", true},
		{"我分局", false},
		{"市国土局", false},      // a level word, not a name
		{"一是在我分局", false},    // a clause
		{"新增的主动公开政府", false}, // a clause that ends like a name
		{"行政规范性文件", false},   // a heading
		{"2013年度政府信息公开工作总结", false},
	}
	for _, tt := range tests {
		if got := agencyLike(tt.s); got != tt.want {
			t.Errorf("agencyLike(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// publishedRE is what matchPublished matches, as first written.
var publishedRE = regexp.MustCompile(`^[:|]*((?:19|20)\d{2})[-年/.](\d{1,2})[-月/.](\d{1,2})`)

// TestMatchPublished holds matchPublished to publishedRE on crafted
// windows, each cut at every byte.
func TestMatchPublished(t *testing.T) {
	for _, w := range []string{
		"2023-05-06 10:00", "::|2023年5月6日", "2023/5/6", "2023.05.06", "1999-1-2", "2100-01-01", "1899-01-01",
		"2023-123-4", "2023-12-345", "2023年05-06", "2023-5月6", "20a3-05-06", ":2023", "|:|2019年12月31日发布", "2023--05-06", "",
	} {
		for n := 0; n <= len(w); n++ {
			compareMatchPublished(t, w[:n])
		}
	}
}

// FuzzMatchPublished compares matchPublished with publishedRE.
func FuzzMatchPublished(f *testing.F) {
	f.Add("::2023年5月6日")
	f.Add("2023.05.06")
	f.Fuzz(compareMatchPublished)
}

func compareMatchPublished(t *testing.T, w string) {
	y, m, d, ok := matchPublished(w)
	want := publishedRE.FindStringSubmatch(w)
	if ok != (want != nil) || ok && (y != want[1] || m != want[2] || d != want[3]) {
		t.Fatalf("matchPublished(%q) = %q %q %q %v, want %q", w, y, m, d, ok, want)
	}
}
