package hostile

import (
	"strings"
	"testing"
)

func TestLeaks(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		text      []string // What of each TextLeaks finding, in order
		frameOnly bool     // SGR styling only: FrameLeaks finds nothing
	}{
		{"clean report text", "共主动公开政府信息1491条\r\n其中：\t当面申请562件\n", nil, false},
		{"osc52", "公开" + OSC52 + "1491条", []string{"ESC ] (OSC)", "C0 control 0x7"}, false},
		{"osc8", OSC8 + "主动公开" + OSC8End, []string{"ESC ] (OSC)", "ESC '\\\\'", "ESC ] (OSC)", "ESC '\\\\'"}, false},
		{"clear screen", "631" + ClearCSI, []string{"ESC [ (CSI)", "ESC [ (CSI)"}, false},
		{"c1 csi", "当面" + C1CSI, []string{"C1 control U+009B"}, false},
		{"raw c1 byte", "的\x9b31m234", []string{"invalid UTF-8 byte 0x9b"}, false},
		{"cr overwrite", "69件\r99件", []string{"CR not followed by LF"}, false},
		{"rlo", "的" + RLO + "662件", []string{"bidi control U+202E"}, false},
		{"del and nul", "a\x7fb\x00", []string{"DEL", "C0 control 0x0"}, false},
		{"sgr styling", "\x1b[1;38;2;255;0;0m1491\x1b[m条", []string{"ESC [ (CSI)", "ESC [ (CSI)"}, true},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range TextLeaks(tt.in) {
			got = append(got, l.What)
		}
		if strings.Join(got, "|") != strings.Join(tt.text, "|") {
			t.Errorf("%s: TextLeaks = %q, want %q", tt.name, got, tt.text)
		}
		frame := FrameLeaks(tt.in)
		switch {
		case tt.frameOnly && len(frame) > 0:
			t.Errorf("%s: FrameLeaks = %v, want none", tt.name, frame)
		case !tt.frameOnly && len(frame) != len(tt.text):
			t.Errorf("%s: FrameLeaks found %d, TextLeaks %d", tt.name, len(frame), len(tt.text))
		}
	}
}
