package extract

import "testing"

func TestNormalizeKeepsOffsets(t *testing.T) {
	tests := []struct{ src, norm string }{
		{"共主动公开政府信息１４９１条", "共主动公开政府信息1491条"},
		{"樟樹市自然資源局（二）", "樟树市自然资源局(二)"},
		{"申請人\r\n維持", "申请人 \n维持"},
		{"什么", "什么"}, // Simplified text is left alone
		{"累计：12，176．5元", "累计:12,176.5元"},
	}
	for _, tt := range tests {
		d := newDoc(tt.src)
		if d.norm != tt.norm {
			t.Errorf("normalize(%q) = %q, want %q", tt.src, d.norm, tt.norm)
		}
		if len(d.off) != len(d.norm)+1 || int(d.off[len(d.norm)]) != len(tt.src) {
			t.Fatalf("offset table of %q has the wrong shape", tt.src)
		}
		// Every normalized rune maps back to one source rune.
		for i := range d.norm {
			s := d.span(i, i+len(string([]rune(d.norm[i:])[0])))
			if s.Start >= s.End {
				t.Errorf("%q: rune at %d maps to empty span", tt.src, i)
			}
		}
	}
}

func TestScanNumber(t *testing.T) {
	tests := []struct {
		in   string
		want string
		end  int
		ok   bool
	}{
		{"1491条", "1491", 4, true},
		{"12,176条", "12176", 6, true},
		{"158,4", "158", 3, true},
		{"4711.7元", "4711.7", 6, true},
		{"24252.311082万元", "24252.311082", 12, true},
		{"一千二百三十件", "1230", 18, true},
		{"十五件", "15", 6, true},
		{"两件", "2", 3, true},
		{"二〇一三年", "2013", 12, true},
		{"三万五千", "35000", 12, true},
		{"1234567890123456", "", 0, false},
		{"件", "", 0, false},
	}
	for _, tt := range tests {
		v, end, ok := scanNumber(tt.in, 0)
		if ok != tt.ok || (ok && (v.String() != tt.want || end != tt.end)) {
			t.Errorf("scanNumber(%q) = %v, %d, %v; want %s, %d, %v", tt.in, v, end, ok, tt.want, tt.end, tt.ok)
		}
	}
}
