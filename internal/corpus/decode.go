package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names recorded in Report.Encoding.
const (
	EncUTF8     = "utf-8"
	EncUTF16LE  = "utf-16le"
	EncUTF16BE  = "utf-16be"
	EncGB18030  = "gb18030"
	EncBig5     = "big5"
	EncReplaced = "utf-8-replaced" // no encoding decoded cleanly; invalid bytes became U+FFFD
)

// ErrBinary is returned by Decode for data that is not text.
var ErrBinary = errors.New("binary data, not text")

// ErrNoBOM is returned by Decode for UTF-16 text without a byte order mark,
// which the scorer's rule would read as GB18030 garbage.
var ErrNoBOM = errors.New("UTF-16 without a byte order mark; save it with one (or as UTF-8) to load it")

// bomlessUTF16 reports whether raw looks like UTF-16 without a byte order
// mark: the high bytes of its ASCII characters (digits, line breaks) are
// NULs, nearly all at even or nearly all at odd offsets. Text with stray
// NULs has far fewer, and at both.
func bomlessUTF16(raw []byte) bool {
	if len(raw) < 64 || bytes.IndexByte(raw, 0) < 0 {
		return false // most text has no NUL at all: one fast scan says so
	}
	var nuls [2]int
	for i, c := range raw {
		if c == 0 {
			nuls[i%2]++
		}
	}
	// A CJK character whose code ends in 00 (开 is U+5F00) puts a NUL at
	// the other parity now and then.
	half := len(raw) / 2
	lopsided := func(many, few int) bool { return many*10 >= half && few*8 <= many }
	return lopsided(nuls[0], nuls[1]) || lopsided(nuls[1], nuls[0])
}

// reportWords are the words whose count decides between GB18030 and Big5,
// the same list as tools/score.py's decode().
var reportWords = []string{"政府", "信息", "公开", "公開", "申请", "申請", "年度", "报告", "報告", "的"}

// reportWordFirst holds the first character of each of reportWords, all
// three bytes long in UTF-8, and reportWordStarts the same characters as
// a set, a bit per character of the Basic Multilingual Plane.
var reportWordFirst, reportWordStarts = func() (first []rune, set [1 << 16 / 64]uint64) {
	for _, w := range reportWords {
		r, size := utf8.DecodeRuneInString(w)
		if size != 3 {
			panic("corpus: report words must start with a three-byte character")
		}
		first = append(first, r)
		set[r>>6] |= 1 << (r & 63)
	}
	return first, set
}()

// countReportWords returns the sum of strings.Count(s, w) over reportWords,
// in one pass over s rather than one per word. The counts agree because
// in UTF-8 text every occurrence starts at a character, and no word's
// occurrences can overlap (each is one character, or two different ones),
// so counting every occurrence counts the non-overlapping ones. s is valid
// UTF-8 (a decoder's output), so the scan steps from character to
// character.
func countReportWords(s []byte) int {
	n := 0
	for i := 0; i+2 < len(s); {
		c := s[i]
		switch {
		case c < 0xC0:
			i++
			continue
		case c >= 0xF0:
			i += 4
			continue
		case c < 0xE0:
			i += 2
			continue
		}
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if reportWordStarts[r>>6]>>(r&63)&1 != 0 {
			for k, w := range reportWords {
				if reportWordFirst[k] == r && len(w) <= len(s)-i && string(s[i:i+len(w)]) == w {
					n++
				}
			}
		}
		i += 3
	}
	return n
}

// bufPool holds the buffers that the legacy decodings are tried in.
var bufPool sync.Pool

func getBuf() []byte {
	if p, ok := bufPool.Get().(*[]byte); ok {
		return *p
	}
	return nil
}

// putBuf returns buf to the pool, unless it is nil or too large to keep
// for the next report.
func putBuf(buf []byte) {
	if buf == nil || cap(buf) > 1<<20 {
		return
	}
	bufPool.Put(&buf)
}

// Decode turns raw bytes into UTF-8 text and names the encoding.
//
// It reads the bytes as tools/score.py's decode() does, so that byte offsets
// agree with the scorer: a UTF-16 byte order mark decides UTF-16; a UTF-8
// BOM is dropped; valid UTF-8 is taken as is; otherwise whichever of GB18030
// and Big5 decodes without error and contains the most report words wins
// (GB18030 on a tie); if neither decodes, invalid UTF-8 sequences become
// U+FFFD. Data that is mostly control bytes, or starts with the signature of
// a binary format, is rejected with an error wrapping ErrBinary.
func Decode(raw []byte) (text, encoding string, err error) {
	return decode(raw, false)
}

// decode is Decode. When owned, raw is given away (read for this alone,
// and never written after): UTF-8 text is then raw itself, not a copy.
func decode(raw []byte, owned bool) (text, encoding string, err error) {
	if kind := binaryKind(raw); kind != "" {
		return "", "", fmt.Errorf("%w (%s)", ErrBinary, kind)
	}
	switch {
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}):
		text, err = decodeUTF16(raw, unicode.LittleEndian)
		return checkText(text, EncUTF16LE, err)
	case bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		text, err = decodeUTF16(raw, unicode.BigEndian)
		return checkText(text, EncUTF16BE, err)
	}
	if bomlessUTF16(raw) {
		return "", "", ErrNoBOM
	}
	body := bytes.TrimPrefix(raw, []byte{0xef, 0xbb, 0xbf})
	if bad, ok := scanUTF8(body); ok {
		if owned && len(body) > 0 {
			return judgeText(unsafe.String(&body[0], len(body)), EncUTF8, bad)
		}
		return judgeText(string(body), EncUTF8, bad)
	}
	// Both legacy decodings are tried, each into a pooled buffer, and
	// only the winner is copied out as the text. The report words are
	// counted only when both decode: most GB18030 text is no Big5.
	gb, gbOK := appendGB18030(getBuf()[:0], raw)
	big5, big5OK := appendBig5(getBuf()[:0], raw)
	defer putBuf(gb)
	defer putBuf(big5)
	switch {
	case gbOK && big5OK:
		if countReportWords(big5) > countReportWords(gb) {
			return checkText(string(big5), EncBig5, nil)
		}
		return checkText(string(gb), EncGB18030, nil)
	case gbOK:
		return checkText(string(gb), EncGB18030, nil)
	case big5OK:
		return checkText(string(big5), EncBig5, nil)
	}
	return checkText(replaceInvalidUTF8(raw), EncReplaced, nil)
}

// badASCII marks the ASCII bytes checkText counts against a text: the
// control characters other than white space, and DEL.
var badASCII = func() (t [utf8.RuneSelf]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	for _, c := range []byte{'\t', '\n', '\r', '\f', '\v'} {
		t[c] = false
	}
	t[0x7f] = true
	return t
}()

// checkText rejects decoded text that is mostly control characters or
// replacement characters: stray NULs in a report are kept (the extractor
// reads them as spaces), a file of them is not a report. text is valid
// UTF-8, a decoder's output.
func checkText(text, enc string, err error) (string, string, error) {
	if err != nil {
		return "", "", err
	}
	bad, _ := scanUTF8(text)
	return judgeText(text, enc, bad)
}

// judgeText is checkText for a text with bad control or replacement
// characters.
func judgeText(text, enc string, bad int) (string, string, error) {
	if bad == 0 {
		return text, enc, nil
	}
	runes := utf8.RuneCountInString(text)
	// One rune in ten is far more than any report has (a few stray NULs
	// or escape codes) and far less than any binary file.
	if bad*10 > runes {
		return "", "", fmt.Errorf("%w (%d of %d characters are control or invalid bytes)", ErrBinary, bad, runes)
	}
	return text, enc, nil
}

// scanUTF8 reports whether s is valid UTF-8, as utf8.Valid does, and
// counts the characters checkText holds against a text: control
// characters other than white space, DEL and U+FFFD. The file's bytes are
// read once for both, where utf8.Valid and a count were two passes
// and the larger part of decoding a UTF-8 file. The count stops at the
// first invalid byte.
func scanUTF8[T string | []byte](s T) (bad int, valid bool) {
	n := len(s)
	for i := 0; i < n; {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if badASCII[c] {
				bad++
			}
			i++
		case c-0xE1 < 0x0C && i < len(s)-2:
			// Three bytes led by E1–EC: all of CJK, and most of a
			// report. Any two continuation bytes make a rune. (The
			// bound written so, their reads need no bounds checks.)
			if (s[i+1]^0x80)|(s[i+2]^0x80) >= 0x40 {
				return bad, false
			}
			i += 3
		case c&0xF0 == 0xE0 && i+2 < n:
			// The other three-byte runes, among them U+FFFD.
			c1, c2 := s[i+1], s[i+2]
			if c1&0xC0 != 0x80 || c2&0xC0 != 0x80 || c == 0xE0 && c1 < 0xA0 || c == 0xED && c1 > 0x9F {
				return bad, false // not a continuation, overlong, or a surrogate
			}
			if c == 0xEF && c1 == 0xBF && c2 == 0xBD {
				bad++
			}
			i += 3
		case c >= 0xC2 && c <= 0xDF && i+1 < n:
			if s[i+1]&0xC0 != 0x80 {
				return bad, false
			}
			i += 2
		case c >= 0xF0 && c <= 0xF4 && i+3 < n:
			c1 := s[i+1]
			if c1&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 || s[i+3]&0xC0 != 0x80 ||
				c == 0xF0 && c1 < 0x90 || c == 0xF4 && c1 > 0x8F {
				return bad, false // not a continuation, overlong, or past U+10FFFF
			}
			i += 4
		default:
			return bad, false // a continuation or an invalid byte, or a rune cut short
		}
	}
	return bad, true
}

// binarySignatures are the leading bytes of formats that are sometimes
// saved with a report's extension but are not text.
var binarySignatures = []struct {
	magic, kind string
}{
	{"%PDF-", "PDF document"},
	{"PK\x03\x04", "zip archive or Office document"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"},
	{"\x89PNG\r\n\x1a\n", "PNG image"},
	{"\xff\xd8\xff", "JPEG image"},
	{"GIF87a", "GIF image"},
	{"GIF89a", "GIF image"},
	{"\x1f\x8b", "gzip data"},
	{"{\\rtf", "RTF document"},
}

func binaryKind(raw []byte) string {
	for _, s := range binarySignatures {
		if bytes.HasPrefix(raw, []byte(s.magic)) {
			return s.kind
		}
	}
	return ""
}

// decodeUTF16 decodes BOM-marked UTF-16. Like Python's "utf-16" codec it
// fails on an odd length or an unpaired surrogate rather than guessing.
func decodeUTF16(raw []byte, e unicode.Endianness) (string, error) {
	if len(raw)%2 != 0 {
		return "", fmt.Errorf("truncated UTF-16: odd length %d", len(raw))
	}
	out, err := unicode.UTF16(e, unicode.ExpectBOM).NewDecoder().Bytes(raw)
	if err != nil {
		return "", fmt.Errorf("UTF-16: %w", err)
	}
	// The decoder turns an unpaired surrogate into U+FFFD; a U+FFFD in the
	// input is the only other source of one.
	if got := bytes.Count(out, []byte("\uFFFD")); got > 0 && got != countUnit(raw[2:], e, 0xFFFD) {
		return "", errors.New("invalid UTF-16: unpaired surrogate")
	}
	return string(out), nil
}

// countUnit counts the UTF-16 code units equal to u.
func countUnit(raw []byte, e unicode.Endianness, u uint16) int {
	n := 0
	for i := 0; i+1 < len(raw); i += 2 {
		v := uint16(raw[i])<<8 | uint16(raw[i+1])
		if e == unicode.LittleEndian {
			v = uint16(raw[i+1])<<8 | uint16(raw[i])
		}
		if v == u {
			n++
		}
	}
	return n
}

// Python's strict gb18030 and big5 codecs are the reference (tools/score.py
// decodes with them); x/text follows the WHATWG encoding standard, which
// reads a lone 0x80 as €, has no user-defined (private use) area, reads
// Big5-HKSCS, and maps a few symbols differently. The decoders below scan
// the code structure themselves, reject what Python rejects, and splice in
// Python's reading of the codes listed in codec_tables.go (made by
// gen_codecs.py); x/text decodes the rest.

// codeRune is a two-byte code and the character it decodes to.
type codeRune struct {
	code uint16
	r    rune
}

// codeTable holds a list of codeRunes as pages of a lead byte's codes:
// code L<<8|T decodes to t[L][T], 0 for a code not listed. Lead bytes
// without a listed code have no page. Frequent codes share lead bytes with
// listed ones (A1 holds both the ideographic punctuation and GB18030's
// user-defined codes), and a page tells them apart in one load.
type codeTable [256]*[256]rune

func newCodeTable(list []codeRune) *codeTable {
	t := new(codeTable)
	for _, c := range list {
		lead, trail := c.code>>8, c.code&0xFF
		if t[lead] == nil {
			t[lead] = new([256]rune)
		}
		if c.r == 0 {
			panic("corpus: a code table cannot list U+0000")
		}
		t[lead][trail] = c.r
	}
	return t
}

// get returns the character of the code lead, trail, if listed.
func (t *codeTable) get(lead, trail byte) (rune, bool) {
	if page := t[lead]; page != nil && page[trail] != 0 {
		return page[trail], true
	}
	return 0, false
}

// gb18030Table and big5Table are gb18030Overrides and big5Overrides.
var gb18030Table, big5Table = newCodeTable(gb18030Overrides[:]), newCodeTable(big5Overrides[:])

// decodeGB18030 decodes raw as Python's gb18030 codec does, reporting false
// where it would fail.
func decodeGB18030(raw []byte) (string, bool) {
	out, ok := appendGB18030(nil, raw)
	if !ok {
		return "", false
	}
	return string(out), true
}

// appendGB18030 appends raw decoded as by decodeGB18030 to dst.
func appendGB18030(dst, raw []byte) ([]byte, bool) {
	return appendSpliced(dst, simplifiedchinese.GB18030, raw, gb18030Table, func(raw []byte, i int) int {
		c := raw[i]
		switch {
		case c < 0x80:
			return 1
		case c == 0x80 || c == 0xff || i+1 >= len(raw):
			return 0
		case raw[i+1] >= 0x30 && raw[i+1] <= 0x39:
			return 4 // validity of four-byte codes is left to x/text, which agrees
		}
		return 2
	})
}

// decodeBig5 decodes raw as Python's big5 codec does, reporting false where
// it would fail.
func decodeBig5(raw []byte) (string, bool) {
	out, ok := appendBig5(nil, raw)
	if !ok {
		return "", false
	}
	return string(out), true
}

// appendBig5 appends raw decoded as by decodeBig5 to dst.
func appendBig5(dst, raw []byte) ([]byte, bool) {
	return appendSpliced(dst, traditionalchinese.Big5, raw, big5Table, func(raw []byte, i int) int {
		c := raw[i]
		switch {
		case c < 0x80:
			return 1
		case i+1 >= len(raw):
			return 0
		}
		if plainBig5(c, raw[i+1]) {
			return 2
		}
		if _, ok := big5Table.get(c, raw[i+1]); ok {
			return 2
		}
		return 0
	})
}

// appendSpliced appends raw decoded with enc to dst, except that the
// two-byte codes listed in table decode to their listed characters. size
// returns the length of the code at raw[i], or 0 if it is invalid. The runs
// between the listed codes are decoded by one decoder, reset for each,
// straight into dst.
func appendSpliced(dst []byte, enc encoding.Encoding, raw []byte, table *codeTable, size func(raw []byte, i int) int) ([]byte, bool) {
	dec := enc.NewDecoder()
	from := 0
	for i := 0; i < len(raw); {
		n := size(raw, i)
		if n == 0 {
			return dst, false
		}
		if n == 2 {
			if r, ok := table.get(raw[i], raw[i+1]); ok {
				if dst, ok = appendClean(dst, dec, raw[from:i]); !ok {
					return dst, false
				}
				dst = utf8.AppendRune(dst, r)
				from = i + 2
			}
		}
		i += n
	}
	return appendClean(dst, dec, raw[from:])
}

// plainBig5 reports whether lead, trail is in the ranges of plain Big5
// (Unicode's BIG5.TXT): symbols A140–A3BF, frequent characters A440–C67E,
// less frequent ones C940–F9D5. Python also reads the kana and other codes
// of C6A1–C7FC, which are in big5Overrides.
func plainBig5(lead, trail byte) bool {
	if !(trail >= 0x40 && trail <= 0x7e || trail >= 0xa1 && trail <= 0xfe) {
		return false
	}
	code := uint16(lead)<<8 | uint16(trail)
	switch {
	case code >= 0xa140 && code <= 0xa3bf:
		return true
	case code >= 0xa440 && code <= 0xc67e:
		return true
	case code >= 0xc940 && code <= 0xf9d5:
		return true
	}
	return false
}

// appendClean appends raw decoded by dec to dst, reporting false if any
// byte sequence was invalid. A legitimately encoded U+FFFD is read as
// invalid too: no report has one.
func appendClean(dst []byte, dec *encoding.Decoder, raw []byte) ([]byte, bool) {
	n := len(dst)
	dst, _, err := transform.Append(dec, dst, raw)
	if err != nil || bytes.Contains(dst[n:], []byte("\uFFFD")) {
		return dst, false
	}
	return dst, true
}

// replaceInvalidUTF8 decodes raw as UTF-8, replacing each maximal invalid
// subpart with U+FFFD, as Python's errors="replace" does (Go's
// strings.ToValidUTF8 would merge a run of them into one).
func replaceInvalidUTF8(raw []byte) string {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if r != utf8.RuneError || size > 1 {
			b.Write(raw[i : i+size])
			i += size
			continue
		}
		b.WriteRune(utf8.RuneError)
		i += maximalSubpart(raw[i:])
	}
	return b.String()
}

// maximalSubpart returns the length of the longest prefix of p (at least 1)
// that starts a well-formed UTF-8 sequence without completing it.
func maximalSubpart(p []byte) int {
	c := p[0]
	var need int
	lo, hi := byte(0x80), byte(0xbf)
	switch {
	case c >= 0xc2 && c <= 0xdf:
		need = 1
	case c == 0xe0:
		need, lo = 2, 0xa0
	case c >= 0xe1 && c <= 0xec, c == 0xee, c == 0xef:
		need = 2
	case c == 0xed:
		need, hi = 2, 0x9f
	case c == 0xf0:
		need, lo = 3, 0x90
	case c >= 0xf1 && c <= 0xf3:
		need = 3
	case c == 0xf4:
		need, hi = 3, 0x8f
	default:
		return 1
	}
	n := 1
	for k := 0; k < need && n < len(p); k++ {
		if p[n] < lo || p[n] > hi {
			break
		}
		n++
		lo, hi = 0x80, 0xbf
	}
	return n
}
