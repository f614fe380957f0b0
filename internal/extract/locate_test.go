package extract

import (
	"os"
	"strings"
	"testing"
)

func TestLocate(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/seeds/000_18bd725a6c48fc58.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		text  string
		id    string
		value string
		want  string // text of the best span; "" for none
	}{
		{"digits", "我分局2013年共主动公开政府信息1491条，", "proactive.total", "1491", "1491"},
		{"full-width digits", "共主动公开政府信息１４９１条", "proactive.total", "1491", "１４９１"},
		{"thousands comma", "主动公开政府信息12,176条", "proactive.total", "12176", "12,176"},
		{"chinese numeral", "接受咨询一千二百三十人次", "consultations.total", "1230", "一千二百三十"},
		{"traditional", "共受理申請貳拾件，行政復議兩件", "reconsideration.total", "2", "兩"},
		{"none means zero", "收取费用：无。", "fees.collected", "0", "无"},
		{"没有 states zero", "本年度没有发生因政府信息公开申请提起行政复议的情况。", "reconsideration.total", "0", "没有"},
		{"无 before a verb states zero", "本机关无收取信息处理费", "fees.collected", "0", "无"},
		{"未经复议 is a label", "未经复议直接起诉", "litigation.direct.total", "0", ""},
		{"无法 is not zero", "无法提供1件", "applications.unavailable.not_held.total", "0", ""},
		{"not inside a larger number", "共176件", "replies.total", "17", ""},
		{"not inside a decimal", "占1.75%", "replies.total", "75", ""},
		{"after a full-width comma", "共10件，其中5件予以公开", "applications.disclosed.total", "5", "5"},
		{"negative change", "行政处罚 本年增/减 -18 项", "proactive.penalty.change", "-18", "-18"},
		{"dash of a range is no sign", "2019-2020年度", "proactive.total", "-2020", ""},
		{"money keeps decimals", "共收取检索费、复印费4711.7元", "fees.collected", "4711.7", "4711.7"},
		{"万 of 万元 is no number", "采购总金额 万元", "proactive.procurement.amount", "10000", ""},
		{"nearest label wins", string(seed), "litigation.total", "3", "3"},
		// Table cells: the cell of the field's column in its row, not the
		// nearest equal number.
		{"table column", "(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 3 | 0 | 1 | 0 | 0 | 2 | 6 |",
			"applications.partial.social", "0", "0 | 0 | 2 | 6 |"},
		{"table column, Traditional", "(二)部分公開(區分處理的，只計這一情形，不計其他情形) |\n3 |\n0 |\n1 |\n0 |\n0 |\n2 |\n6 |",
			"applications.partial.legal", "0", "0 |\n2 |\n6 |"},
		{"blank cells keep their place", "2.重复申请 | 1 | / | — | 0 | - | 0 | 1",
			"applications.not_processed.duplicate.other", "0", "0 | 1"},
		{"review table row", "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n1 0 0 0 1 0 0 0 1 1 0 0 0 0 0",
			"litigation.direct.pending", "1", "1 1 0 0 0 0 0"},
		{"2021 single-cell row", "行政许可 | 76\n行政处罚 | 2",
			"proactive.penalty.decisions", "2", "2"},
		{"unit after number", string(seed), "applications.channel.letter", "69", "69"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ParseNumber(tt.value)
			if err != nil {
				t.Fatal(err)
			}
			spans := Locate(tt.text, tt.id, v)
			if tt.want == "" {
				if len(spans) > 0 {
					t.Fatalf("Locate found %q, want nothing", tt.text[spans[0].Start:spans[0].End])
				}
				return
			}
			if len(spans) == 0 {
				t.Fatalf("Locate found nothing, want %q", tt.want)
			}
			for _, sp := range spans {
				if !Grounds(tt.text, sp, v) {
					t.Errorf("Grounds(%v) = false for a span Locate returned", sp)
				}
			}
			// want is the number itself, or for numbers that occur more
			// than once, the text from the wanted one to the end.
			if got := tt.text[spans[0].Start:spans[0].End]; got != tt.want &&
				!(strings.HasSuffix(tt.text, tt.want) && spans[0].Start == len(tt.text)-len(tt.want)) {
				t.Errorf("best span %q at %d, want %q", got, spans[0].Start, tt.want)
			}
		})
	}
}

func TestLocateNearestLabel(t *testing.T) {
	seed, err := os.ReadFile("../../testdata/seeds/000_18bd725a6c48fc58.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(seed)
	spans := Locate(text, "litigation.total", Int(3))
	if len(spans) < 2 {
		t.Fatalf("want several 3s in the report, got %d", len(spans))
	}
	best := spans[0]
	// The report says it twice: 3件被提起行政诉讼 and 3件行政诉讼; either is
	// the figure, the 3 of the list item 3、土地权属登记信息 is not.
	after := text[best.End:min(len(text), best.End+30)]
	if !strings.HasPrefix(after, "件") || !strings.Contains(after, "行政诉讼") {
		t.Errorf("best 3 is followed by %q, want 件…行政诉讼", after)
	}
}

func TestGroundsRefuses(t *testing.T) {
	text := "共主动公开政府信息1491条"
	a := len("共主动公开政府信息")
	for _, tt := range []struct {
		sp Span
		v  Number
	}{
		{Span{a, a + 4}, Int(1490)},      // wrong value
		{Span{a, a + 3}, Int(149)},       // part of a number
		{Span{a + 1, a + 4}, Int(491)},   // tail of a number
		{Span{a, len(text) + 1}, Int(1)}, // out of range
		{Span{-1, 2}, Int(1)},
	} {
		if Grounds(text, tt.sp, tt.v) {
			t.Errorf("Grounds(%v, %s) = true", tt.sp, tt.v)
		}
	}
}

func FuzzLocate(f *testing.F) {
	f.Add("共主动公开政府信息1491条", "proactive.total", "1491")
	f.Add("(二)部分公开(区分处理的) | 3 | 0 | 1 | 0 | 0 | 2 | 6", "applications.partial.social", "0")
	f.Add("总计\n1 0 0 0 1 0 0 0 1 1 0 0 0 0 -", "litigation.direct.pending", "1")
	f.Add("本年增/减 -18，收费：无", "proactive.fees.change", "-18")
	f.Add("一千二百三十人次，两件，二〇一三年", "consultations.total", "1230")
	f.Fuzz(func(t *testing.T, text, id, value string) {
		v, err := ParseNumber(value)
		if err != nil {
			return
		}
		for _, sp := range Locate(text, id, v) {
			if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
				t.Fatalf("span %v out of the text", sp)
			}
			if !Grounds(text, sp, v) {
				t.Fatalf("Locate span %v (%q) does not ground %s", sp, text[sp.Start:sp.End], v)
			}
		}
	})
}
