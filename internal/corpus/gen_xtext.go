//go:build ignore

// Command gen_xtext prints how golang.org/x/text decodes every two-byte code
// of GB18030 and Big5, for gen_codecs.py to compare with Python's codecs.
//
// Run with: go run gen_xtext.go | python3 gen_codecs.py > codec_tables.go
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
	}{{"gb18030", simplifiedchinese.GB18030}, {"big5", traditionalchinese.Big5}} {
		for lead := 0x81; lead <= 0xfe; lead++ {
			for trail := 0x40; trail <= 0xfe; trail++ {
				out, err := c.enc.NewDecoder().Bytes([]byte{byte(lead), byte(trail)})
				hex := "-"
				if err == nil && !bytes.ContainsRune(out, '\uFFFD') && len([]rune(string(out))) == 1 {
					hex = fmt.Sprintf("%x", out)
				}
				fmt.Fprintf(w, "%s %04x %s\n", c.name, lead<<8|trail, hex)
			}
		}
	}
}
