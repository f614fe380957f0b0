package corpus

import (
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
	r := renderer{src: src}
	r.out = make([]byte, 0, len(src)/2)
	r.off = make([]int32, 0, len(src)/2+1)
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
			name, _ := z.TagName()
			r.startTag(atom.Lookup(name), start, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			r.endTag(atom.Lookup(name), start)
		}
	}
	n := len(r.out)
	for n > 0 && isSpace(r.out[n-1]) {
		n--
	}
	r.out, r.off = r.out[:n], r.off[:n]
	r.off = append(r.off, int32(len(src)))
	// The map is four bytes per byte of text, kept for the life of the
	// report: drop the slack of growing it.
	return string(r.out), exact(r.off)
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

// dropped are the elements whose content is not part of the report.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Iframe: true, atom.Svg: true, atom.Object: true,
	atom.Select: true, atom.Button: true, atom.Title: true,
}

// blocks are the elements that start and end a line.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Table: true,
	atom.Tr: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true,
	atom.Caption: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Main: true, atom.Aside: true, atom.Blockquote: true,
	atom.Pre: true, atom.Hr: true, atom.Form: true, atom.Fieldset: true,
	atom.Address: true, atom.Figure: true, atom.Figcaption: true, atom.Center: true,
	atom.Body: true, atom.Html: true,
}

// voids are the elements that never have content or an end tag.
var voids = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true,
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
	if dropped[a] {
		if !selfClosing && !voids[a] {
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
		if blocks[a] {
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
	if dropped[a] {
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
	if blocks[a] {
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
		case c == 0:
			// The tokenizer reads NUL as U+FFFD; keep the byte, as for
			// plain text, and let the extractor treat it as space.
			r.emit(c, i)
			i++
		default:
			r.emit(c, i)
			i++
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
