package corpus

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// RenderHTML renders an HTML page as plain text for reading and extraction,
// and maps every byte of the text back to the page.
//
// Boilerplate (head, script, style, nav, …) is dropped; block elements and
// <br> break lines; a table row becomes one line with its cells separated by
// " | "; runs of white space collapse to one space as a browser shows them;
// character references are decoded. toSource has len(text)+1 entries and is
// non-decreasing: toSource[i] is the offset in src of the byte that produced
// text[i] (the start of its character reference, or the tag that produced a
// line break or cell separator), and toSource[len(text)] is len(src).
func RenderHTML(src string) (text string, toSource []int32) {
	// The text is rarely longer than the page (a tag or a reference
	// renders to fewer bytes than it takes), so room for the page's
	// length spares growing either slice. The text is copied out as a
	// string at the end: its bytes are built in a pooled buffer.
	r := renderer{src: src}
	r.out = getBuf()[:0]
	r.out = slices.Grow(r.out, len(src))
	r.off = make([]int32, 0, len(src)+1)
	z := html.NewTokenizer(strings.NewReader(src))
	pos := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		start := pos
		pos += len(raw)
		switch tt {
		case html.TextToken:
			if r.skip == 0 {
				r.text(start, pos)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			r.startTag(tagAtom(raw), start, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			r.endTag(tagAtom(raw), start)
		}
	}
	n := len(r.out)
	for n > 0 && isSpace(r.out[n-1]) {
		n--
	}
	r.out, r.off = r.out[:n], r.off[:n]
	r.off = append(r.off, int32(len(src)))
	text = string(r.out)
	putBuf(r.out)
	return text, r.off
}

// maxTagName bounds the tag names tagAtom reads: longer than any atom.
const maxTagName = 32

// tagAtom returns the atom of the tag whose token is raw ("<td …>",
// "</TD>"), as atom.Lookup of the tokenizer's TagName does, without the
// copy TagName makes of every name. The name follows "<" or "</" up to a
// space, '/' or '>', as the tokenizer reads it, and is lower-cased.
func tagAtom(raw []byte) atom.Atom {
	i := 1
	if len(raw) > 1 && raw[1] == '/' {
		i = 2
	}
	var name [maxTagName]byte
	n := 0
scan:
	for ; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			break scan
		}
		if n == len(name) {
			return 0 // no atom is this long
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		name[n] = c
		n++
	}
	return atom.Lookup(name[:n])
}

// renderer holds the state of one RenderHTML call.
type renderer struct {
	src  string
	out  []byte
	off  []int32 // off[i] is the source offset of out[i]
	skip int     // depth inside dropped elements
	head bool    // inside <head>, which <body> also ends
	pre  int     // depth inside <pre>
	// cells counts the cells so far of the current row of each open table.
	cells []int
}

// The element sets below are switches, not maps: every tag of a page is
// tested against them, and a switch on the atom's constant is a handful of
// comparisons where a map hashes.

// dropped reports the elements whose content is not part of the report.
func dropped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template,
		atom.Nav, atom.Iframe, atom.Svg, atom.Object,
		atom.Select, atom.Button, atom.Title:
		return true
	}
	return false
}

// block reports the elements that start and end a line.
func block(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul,
		atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Table,
		atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot,
		atom.Caption, atom.Section, atom.Article, atom.Header,
		atom.Footer, atom.Main, atom.Aside, atom.Blockquote,
		atom.Pre, atom.Hr, atom.Form, atom.Fieldset,
		atom.Address, atom.Figure, atom.Figcaption, atom.Center,
		atom.Body, atom.Html:
		return true
	}
	return false
}

// void reports the elements that never have content or an end tag.
func void(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed,
		atom.Hr, atom.Img, atom.Input, atom.Link, atom.Meta,
		atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

func (r *renderer) startTag(a atom.Atom, at int, selfClosing bool) {
	switch {
	case a == atom.Head:
		r.head = true
		return
	case a == atom.Body && r.head:
		r.head = false
	}
	if r.head {
		return
	}
	if dropped(a) {
		if !selfClosing && !void(a) {
			r.skip++
		}
		return
	}
	if r.skip > 0 {
		return
	}
	switch a {
	case atom.Br:
		r.trimSpace()
		r.emit('\n', at)
	case atom.Table:
		r.cells = append(r.cells, 0)
		r.newline(at)
	case atom.Tr:
		if n := len(r.cells); n > 0 {
			r.cells[n-1] = 0
		}
		r.newline(at)
	case atom.Td, atom.Th:
		if n := len(r.cells); n > 0 {
			if r.cells[n-1] > 0 {
				r.trimSpace()
				r.emitString(" | ", at)
			}
			r.cells[n-1]++
		}
	case atom.Pre:
		r.newline(at)
		r.pre++
	default:
		if block(a) {
			r.newline(at)
		}
	}
}

func (r *renderer) endTag(a atom.Atom, at int) {
	if a == atom.Head {
		r.head = false
		return
	}
	if r.head {
		return
	}
	if dropped(a) {
		if r.skip > 0 {
			r.skip--
		}
		return
	}
	if r.skip > 0 {
		return
	}
	switch a {
	case atom.Table:
		if n := len(r.cells); n > 0 {
			r.cells = r.cells[:n-1]
		}
	case atom.Pre:
		if r.pre > 0 {
			r.pre--
		}
	case atom.Br: // </br> is read as <br> by browsers
		r.trimSpace()
		r.emit('\n', at)
		return
	}
	if block(a) {
		r.newline(at)
	}
}

// text renders the text token src[start:end].
func (r *renderer) text(start, end int) {
	if r.head {
		return
	}
	s := r.src
	for i := start; i < end; {
		// Most of a text is copied as is, a run at a time, up to a
		// reference or, outside <pre>, a space. A NUL is copied too:
		// the tokenizer reads it as U+FFFD, but the byte is kept, as for
		// plain text, and the extractor treats it as space.
		j := i
		for j < end && s[j] != '&' && (r.pre > 0 || !isSpace(s[j])) {
			j++
		}
		if j > i {
			r.emitRun(s[i:j], i)
			i = j
			continue
		}
		c := s[i]
		switch {
		case c == '&':
			n, dec := entity(s[i:end])
			if n == 0 {
				r.emit('&', i)
				i++
				continue
			}
			r.emitString(dec, i)
			i += n
		case isSpace(c) && r.pre == 0:
			j := i + 1
			for j < end && isSpace(s[j]) {
				j++
			}
			if len(r.out) > 0 && !isSpace(r.out[len(r.out)-1]) {
				r.emit(' ', i)
			}
			i = j
		}
	}
}

// entity decodes the character reference at the start of s, returning the
// number of source bytes it spans and its text, or 0 if s does not start
// with one.
func entity(s string) (int, string) {
	j := 1
	for j < len(s) && j < 40 && (isAlnum(s[j]) || j == 1 && s[j] == '#') {
		j++
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	cand := s[:j]
	dec := html.UnescapeString(cand)
	if dec == cand {
		return 0, ""
	}
	// UnescapeString may decode only a prefix ("&ampx" is "&x"): the
	// common suffix is plain text, left for the caller to copy.
	k := 0
	for k < len(dec) && k < len(cand)-1 && dec[len(dec)-1-k] == cand[len(cand)-1-k] {
		k++
	}
	return len(cand) - k, dec[:len(dec)-k]
}

func (r *renderer) emit(c byte, at int) {
	r.out = append(r.out, c)
	r.off = append(r.off, int32(at))
}

// emitRun copies the source bytes s, which start at at.
func (r *renderer) emitRun(s string, at int) {
	r.out = append(r.out, s...)
	for k := range len(s) {
		r.off = append(r.off, int32(at+k))
	}
}

func (r *renderer) emitString(s string, at int) {
	for i := 0; i < len(s); i++ {
		r.emit(s[i], at)
	}
}

// newline ends the current line unless it is empty.
func (r *renderer) newline(at int) {
	r.trimSpace()
	if len(r.out) > 0 && r.out[len(r.out)-1] != '\n' {
		r.emit('\n', at)
	}
}

// trimSpace drops spaces at the end of the current line.
func (r *renderer) trimSpace() {
	if r.pre > 0 {
		return
	}
	n := len(r.out)
	for n > 0 && (r.out[n-1] == ' ' || r.out[n-1] == '\t') {
		n--
	}
	r.out, r.off = r.out[:n], r.off[:n]
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
