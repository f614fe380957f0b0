package corpus

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Sentences from real reports (testdata/seeds and testdata/dev).
const (
	simplified  = "我分局2013年共主动公开政府信息1491条，其中土地权属登记信息1348条。\r\n二、依申请公开政府信息情况\r\n"
	traditional = "本年度共受理政府資訊公開申請128件，其中網路申請96件，當面申請32件。\n"
)

func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestDecode(t *testing.T) {
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	utf16be := unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	tests := []struct {
		name     string
		raw      []byte
		want     string
		encoding string
	}{
		{"utf-8", []byte(simplified), simplified, EncUTF8},
		{"utf-8 BOM dropped", append([]byte("\xef\xbb\xbf"), simplified...), simplified, EncUTF8},
		{"utf-16le BOM", encode(t, utf16le, simplified), simplified, EncUTF16LE},
		{"utf-16be BOM", encode(t, utf16be, traditional), traditional, EncUTF16BE},
		{"gb18030", encode(t, simplifiedchinese.GB18030, simplified), simplified, EncGB18030},
		{"gb18030 traditional", encode(t, simplifiedchinese.GB18030, traditional), traditional, EncGB18030},
		{"big5", encode(t, traditionalchinese.Big5, traditional), traditional, EncBig5},
		{"stray NUL kept", []byte("共收到申请\x0045件。"), "共收到申请\x0045件。", EncUTF8},
		{"CRLF kept", []byte("一、概述\r\n二、主动公开\r\n"), "一、概述\r\n二、主动公开\r\n", EncUTF8},
		// Neither GB18030 nor Big5 reads a lone 0xFF: invalid UTF-8
		// becomes U+FFFD, one per maximal subpart as Python does.
		{"invalid bytes replaced", []byte(simplified + "共收到申请45件\xff，其中\xe4\xb8。"), simplified + "共收到申请45件\uFFFD，其中\uFFFD。", EncReplaced},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Decode(tt.raw)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != tt.want || enc != tt.encoding {
				t.Errorf("Decode = %q, %s; want %q, %s", got, enc, tt.want, tt.encoding)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name   string
		raw    []byte
		binary bool
	}{
		{"mostly NUL", append([]byte("报告"), make([]byte, 200)...), true},
		{"PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj 政府信息公开"), true},
		{"zip", []byte("PK\x03\x04\x14\x00\x06\x00word/document.xml"), true},
		{"control bytes", bytes.Repeat([]byte{0x01, 0x02, 'a', 0x1b}, 50), true},
		{"utf-16 odd length", append(encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "年度报告"), 'x'), false},
		{"utf-16 unpaired surrogate", []byte{0xff, 0xfe, 0x00, 0xd8, 'a', 0}, false},
		{"utf-16le without BOM", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), simplified), false},
		{"utf-16be without BOM", encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), traditional), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode(tt.raw)
			if err == nil {
				t.Fatalf("Decode = %q, %s, nil; want an error", text, enc)
			}
			if errors.Is(err, ErrBinary) != tt.binary {
				t.Errorf("Decode error %v: binary %v, want %v", err, errors.Is(err, ErrBinary), tt.binary)
			}
		})
	}
}

// TestDecodeCodecEdges holds the GB18030 and Big5 decoders to Python's
// strict codecs where x/text's WHATWG decoders differ.
func TestDecodeCodecEdges(t *testing.T) {
	tests := []struct {
		name string
		dec  func([]byte) (string, bool)
		raw  []byte
		want string // "" means Python fails
	}{
		{"gb18030 lone 0x80", decodeGB18030, []byte("ab\x80"), ""},
		{"gb18030 0x80 as trail", decodeGB18030, []byte("\x81\x80"), "\u4e90"},
		{"gb18030 user-defined area", decodeGB18030, []byte("\xaa\xa1\xa1\x40"), "\ue000\ue4c6"},
		{"gb18030 A3A0", decodeGB18030, []byte("\xa3\xa0"), "\ue5e5"},
		{"gb18030 four bytes", decodeGB18030, []byte("\x81\x30\x81\x30"), "\u0080"},
		{"gb18030 truncated", decodeGB18030, []byte("\xb9"), ""},
		{"big5 bullet", decodeBig5, []byte("\xa1\x45"), "\u2022"},
		{"big5 kana", decodeBig5, []byte("\xc6\xa1\xa4\x40"), "\u30fe\u4e00"},
		{"big5 HKSCS rejected", decodeBig5, []byte("\x87\x40"), ""},
		{"big5 ETEN F9D6 rejected", decodeBig5, []byte("\xf9\xd6"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.dec(tt.raw)
			if ok != (tt.want != "") || got != tt.want {
				t.Errorf("decode(%x) = %q, %v; want %q", tt.raw, got, ok, tt.want)
			}
		})
	}
}

// TestDecodeMatchesScorer runs tools/score.py's decode() over the reports
// of testdata and re-encoded copies: spans are only grounded for the scorer
// if both read every file to the same bytes.
func TestDecodeMatchesScorer(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed; the scorer cannot be run")
	}
	var inputs [][]byte
	files, _ := filepath.Glob("../../testdata/*/*.txt")
	more, _ := filepath.Glob("../../testdata/dev/reports/*.txt")
	for _, f := range append(files, more...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, raw)
		if s := string(raw); utf8.ValidString(s) && len(s) < 20000 {
			for _, enc := range []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5} {
				if b, err := enc.NewEncoder().Bytes(raw); err == nil {
					inputs = append(inputs, b)
				}
			}
		}
	}
	inputs = append(inputs, []byte(simplified+"共收到申请45件\xff，其中\xe4\xb8。\xed\xa0\x80"), []byte("\xa1\x40\xc6\xa1"))
	if len(inputs) < 20 {
		t.Fatalf("only %d inputs; testdata missing?", len(inputs))
	}
	dir := t.TempDir()
	for i, raw := range inputs {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d", i)), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script := `
import importlib.util, json, os, sys
spec = importlib.util.spec_from_file_location("score", sys.argv[1])
score = importlib.util.module_from_spec(spec); spec.loader.exec_module(score)
out = {}
for name in sorted(os.listdir(sys.argv[2])):
    with open(os.path.join(sys.argv[2], name), "rb") as f:
        out[name] = score.decode(f.read())
json.dump(out, sys.stdout)
`
	cmd := exec.Command(python, "-c", script, "../../tools/score.py", dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	var want map[string]string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(inputs) {
		t.Fatalf("scorer decoded %d files, want %d", len(want), len(inputs))
	}
	for i, raw := range inputs {
		name := fmt.Sprintf("%04d", i)
		got, enc, err := Decode(raw)
		if err != nil {
			t.Errorf("input %s: %v", name, err)
			continue
		}
		if got != want[name] {
			t.Errorf("input %s (%s): Go and score.py decode differently", name, enc)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(simplified))
	f.Add(encode(f, simplifiedchinese.GB18030, simplified))
	f.Add(encode(f, traditionalchinese.Big5, traditional))
	f.Add(encode(f, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), traditional))
	f.Add([]byte("\xa1\x40\xc6\xa1\x80\xff"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, enc, err := Decode(raw)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("Decode(%q) = %q (%s): not UTF-8", raw, text, enc)
		}
		if utf8.Valid(raw) && !bytes.HasPrefix(raw, []byte{0xef, 0xbb, 0xbf}) && !bytes.HasPrefix(raw, []byte{0xff, 0xfe}) &&
			!bytes.HasPrefix(raw, []byte{0xfe, 0xff}) && text != string(raw) {
			t.Fatalf("Decode(%q) = %q (%s): valid UTF-8 changed", raw, text, enc)
		}
	})
}

// TestCodecsMatchPython compares the GB18030 and Big5 decoders with
// Python's codecs on every two-byte code, every lone high byte, and a
// sample of four-byte GB18030 codes, so that an update of x/text or of the
// override tables cannot drift from the scorer unnoticed.
func TestCodecsMatchPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed; the scorer's codecs cannot be run")
	}
	script := `
import json, random, sys
out = []
def rec(b):
    for enc in ("gb18030", "big5"):
        try:
            out.append([b.hex(), enc, b.decode(enc)])
        except UnicodeDecodeError:
            out.append([b.hex(), enc, None])
for c in range(0x80, 0x100):
    rec(bytes([c]))
    rec(bytes([c]) + b"a")
for lead in range(0x81, 0xff):
    for trail in range(0x30, 0x100):
        rec(bytes([lead, trail]))
random.seed(1)
for _ in range(5000):
    rec(bytes([random.randint(0x81, 0xfe), random.randint(0x30, 0x39), random.randint(0x81, 0xfe), random.randint(0x30, 0x39)]))
json.dump(out, sys.stdout)
`
	out, err := exec.Command(python, "-c", script).Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	var rows [][3]*string // hex, encoding, decoded text or null
	if err := json.Unmarshal(out, &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) < 60000 {
		t.Fatalf("only %d codes from python", len(rows))
	}
	bad := 0
	for _, r := range rows {
		code, enc, want := *r[0], *r[1], r[2]
		b, _ := hex.DecodeString(code)
		dec := decodeGB18030
		if enc == "big5" {
			dec = decodeBig5
		}
		got, ok := dec(b)
		if ok != (want != nil) || ok && got != *want {
			bad++
			if bad <= 10 {
				py := "<error>"
				if want != nil {
					py = fmt.Sprintf("%q", *want)
				}
				t.Errorf("%s %s: got %q, %v; python %s", enc, code, got, ok, py)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d codes decode differently from python", bad, len(rows))
	}
}

// FuzzScanUTF8 holds scanUTF8 to utf8.Valid, and its count of bad
// characters, on valid text, to a count byte by byte.
func FuzzScanUTF8(f *testing.F) {
	for _, s := range []string{"", "政府信息公开", "a\x00b\x7f\tc", "\xef\xbf\xbd", "\xed\xa0\x80", "\xe0\x80\xaf",
		"\xf0\x90\x80\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "\xe6\x94", "\xf0\x9f\x98", "\xc3", "¢€𐍈"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		bad, ok := scanUTF8(b)
		if ok != utf8.Valid(b) {
			t.Fatalf("scanUTF8(%q) valid = %v, utf8.Valid %v", b, ok, !ok)
		}
		if bad2, ok2 := scanUTF8(string(b)); bad2 != bad || ok2 != ok {
			t.Fatalf("scanUTF8 of %q as string = %d, %v; as bytes %d, %v", b, bad2, ok2, bad, ok)
		}
		if !ok {
			return
		}
		want := 0
		for _, r := range string(b) {
			if r < 0x20 && !strings.ContainsRune("\t\n\r\f\v", r) || r == 0x7f || r == utf8.RuneError {
				want++
			}
		}
		if bad != want {
			t.Fatalf("scanUTF8(%q) counts %d bad characters, want %d", b, bad, want)
		}
	})
}
