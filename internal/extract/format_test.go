package extract

import (
	"testing"

	"gitui/internal/schema"
)

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name, text string
		want       schema.Format
	}{
		{"004: Traditional 2019 header", "信息內容 |\n本年新制作數量 |\n本年新公開數量 |\n對外公開數量 |", schema.Table2019},
		{"t008: header cut to 本年新 | 本年新", "信息内容 | 本年新 | 本年新 | 对外公开总数量 | |\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |", schema.Table2019},
		{"t017: 2021 columns", "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", schema.Table2021},
		{"p053: Traditional 2021 columns", "信息內容 | 本年制發件數 | 本年廢止件數 | 現行有效件數 |", schema.Table2021},
		{"t002: fragment from 第二十条第(六)项", "信息内容 本年处理决定数量\n行政处罚 3985758", schema.Table2021},
		{"t020: variant header, 2021 by 本年处理决定数量", "本年新\n制发数量\n废止数量\n现行有效数量\n规章\n0\n第二十条第(五)项\n本年处理决定数量", schema.Table2021},
		{"2021 application rows only", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 |", schema.Table2021},
		{"t002 cut before its first line: the application table alone", "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119\n二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34", schema.Table2019},
		{"000: narrative", "我分局2013年共有145件政府信息公开事务被提起的行政复议申请、3件被提起行政诉讼。", schema.Narrative},
	}
	for _, tt := range tests {
		if got := detectFormat(newDoc(tt.text)); got != tt.want {
			t.Errorf("%s: detectFormat = %s, want %s", tt.name, got, tt.want)
		}
	}
}
