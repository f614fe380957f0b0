package textsafe

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestJSONWriter(t *testing.T) {
	// Report text whose span must survive byte for byte: an 8-bit CSI,
	// a bidi override, DEL and a BOM inside figures and a path.
	in := map[string]string{
		"text": "当面\u009b2J申请562件",
		"path": "报告\u202eexe.txt",
		"del":  "1491\x7f条",
		"bom":  "\ufeff2013年",
		"esc":  "\x1b]52;c;Z2l0dWktb3NjNTI=\x07",
	}
	var out bytes.Buffer
	enc := json.NewEncoder(NewJSONWriter(&out))
	if err := enc.Encode(in); err != nil {
		t.Fatal(err)
	}
	for _, r := range out.String() {
		if r != '\n' && Rune(r) != r {
			t.Fatalf("unsafe rune %U left in %s", r, out.String())
		}
	}
	var back map[string]string
	if err := json.Unmarshal(out.Bytes(), &back); err != nil {
		t.Fatalf("escaped JSON does not decode: %v\n%s", err, out.String())
	}
	for k, v := range in {
		if back[k] != v {
			t.Errorf("%s: decoded %q, want %q", k, back[k], v)
		}
	}
}

func TestJSONWriterSplitRune(t *testing.T) {
	var out bytes.Buffer
	w := NewJSONWriter(&out)
	s := []byte(`"a` + "\u009b" + `报"`)
	for i := range s { // one byte per write: every rune arrives split
		if _, err := w.Write(s[i : i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := out.String(), `"a\u009b报"`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// FuzzJSONWriter encodes a string through JSONWriter, split at an arbitrary
// byte: the output holds no unsafe rune and decodes to the input.
func FuzzJSONWriter(f *testing.F) {
	f.Add("当面\u009b2J申请562件", 3)
	f.Add("\u202e\x7f\ufeff\x1b]52;c;\x07", 1)
	f.Fuzz(func(t *testing.T, s string, cut int) {
		data, err := json.Marshal(s)
		if err != nil {
			t.Skip()
		}
		var out bytes.Buffer
		w := NewJSONWriter(&out)
		cut = min(max(cut, 0), len(data))
		w.Write(data[:cut])
		w.Write(data[cut:])
		for _, r := range out.String() {
			if Rune(r) != r {
				t.Fatalf("unsafe rune %U in %s", r, out.String())
			}
		}
		var back string
		if err := json.Unmarshal(out.Bytes(), &back); err != nil {
			t.Fatalf("%s does not decode: %v", out.String(), err)
		}
		var want string
		json.Unmarshal(data, &want)
		if back != want {
			t.Fatalf("decoded %q, want %q", back, want)
		}
	})
}
