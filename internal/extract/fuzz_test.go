package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// fuzzSeeds are real lines of the reports' tables in each layout the table
// reader knows, and prose around them.
var fuzzSeeds = []string{
	// t017: markdown-like rows.
	"| 第二十条  第(一)项 | |||\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | \n| 规章 | 0 | 0 | 0 | \n",
	// p053: Traditional ' | ' rows, cut inside a row.
	"(三)不予公開 | 1.屬于國家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.其他法律行政法規禁止公開 | 0 | 0 | 0 | 0 ",
	// 004: one cell per line.
	"政府集中采購 |\n電腦(6臺)空調(1臺)打印機(3臺),高拍儀(2臺)辦公室(2張)椅子(7把) |\n47888元 |\n",
	// t001: pdftotext -layout.
	"一、本年新收政府信息公开申请数量                3001        53       0        0    61       4   3119\n" +
		"二、上年结转政府信息公开申请数量                34          0        0        0        0    0    34\n" +
		"               5.要求行政机关确认或重新出\n                                        1         0        0         0        0         0    1\n",
	"四、政府信息公开行政复议、行政诉讼情况\n行政复议   行政诉讼\n72   64    178    37    351   13    4        8        1        26   12   1     1    6       20\n",
	// t004: glued crawler dump.
	"第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件898989第二十条第（五）项" +
		"一、本年新收政府信息公开申请数量230 000023二、上年结转政府信息公开申请数量0000000（七）总计23 0 00 0 023",
	"行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计000000000000000 五、存在的主要问题",
	// t020: dropped cells.
	"第二十条第(五)项\n本年处理决定数量\n行政许可\n270\n第二十条第(六)项\n行政处罚\n2\n行政强制\n",
	// Prose.
	"本年度共受理政府信息公开申请631件,其中当面申请562件,信函申请69件。",
	"2024 年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费 3940 元。",
}

// FuzzExtract holds Extract to its contract on any text: no panic, every
// field grounded in the text it was given, every ID in the schema, every
// check naming fields that were reported.
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, dir := range []string{"../../testdata/seeds", "../../testdata/dev/reports"} {
		names, _ := filepath.Glob(filepath.Join(dir, "t0*.txt"))
		for _, name := range names {
			if b, err := os.ReadFile(name); err == nil && utf8.Valid(b) {
				f.Add(string(b))
			}
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		r := extract.Extract(text)
		ids := make(map[string]bool, len(r.Fields))
		for _, fl := range r.Fields {
			if _, ok := schema.Lookup(fl.ID); !ok {
				t.Fatalf("field %s is not in the schema", fl.ID)
			}
			if fl.Start < 0 || fl.Start >= fl.End || fl.End > len(text) || text[fl.Start:fl.End] != fl.Text {
				t.Fatalf("field %s: span %v does not hold %q", fl.ID, fl.Span, fl.Text)
			}
			if ids[fl.ID] {
				t.Fatalf("field %s reported twice", fl.ID)
			}
			ids[fl.ID] = true
		}
		for _, c := range r.Checks {
			for _, id := range c.Fields {
				if !ids[id] && strings.Contains(id, ".") {
					if _, ok := schema.Lookup(id); ok {
						t.Fatalf("check %s names %s, which was not reported", c.ID, id)
					}
				}
			}
		}
	})
}
