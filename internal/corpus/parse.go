package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"runtime/debug"
	"strings"

	"golang.org/x/net/html"

	"gitui/internal/extract"
)

// Report file kinds, by extension (lower case).
var reportExts = map[string]bool{".txt": true, ".html": true, ".htm": true, ".md": true}

// IsReportName reports whether name has the extension of a report file.
func IsReportName(name string) bool {
	return reportExts[strings.ToLower(path.Ext(name))]
}

func isHTMLName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return true
	}
	return false
}

// ErrEmpty is the error of a Problem for an empty file.
var ErrEmpty = errors.New("empty file")

// Parse builds a Report from raw bytes already read: it decodes them,
// renders HTML (chosen by path's extension), extracts the figures and maps
// their spans into Source. ModTime is left zero for the caller to set.
//
// Errors are *Problem values naming the step that failed. A panic in the
// extractor becomes a Problem too.
func Parse(path string, raw []byte) (*Report, error) {
	return parse(path, raw, extract.Extract)
}

// parse is Parse with the extractor as a parameter, for tests.
func parse(path string, raw []byte, extractor func(string) extract.Result) (*Report, error) {
	rep, err := decodeReport(path, raw, false)
	if err != nil {
		return nil, err
	}
	if err := rep.extract(extractor, false); err != nil {
		return nil, err
	}
	return rep, nil
}

// decodeReport builds a Report without its Result: decoded, rendered if
// HTML, summed. owned is decode's: raw is given away.
func decodeReport(path string, raw []byte, owned bool) (*Report, error) {
	if len(raw) == 0 {
		return nil, &Problem{Path: path, Step: "read", Err: ErrEmpty}
	}
	src, enc, err := decode(raw, owned)
	if err != nil {
		return nil, &Problem{Path: path, Step: "decode", Err: err}
	}
	if src == "" {
		return nil, &Problem{Path: path, Step: "decode", Err: ErrEmpty}
	}
	sum := sha256.Sum256(raw)
	rep := &Report{
		Path:     path,
		SHA256:   hex.EncodeToString(sum[:]),
		Size:     int64(len(raw)),
		Encoding: enc,
		Source:   src,
		Text:     src,
	}
	if isHTMLName(path) {
		text, toSource := RenderHTML(src)
		rep.Text, rep.toSource = text, newOffsetMap(toSource)
	}
	return rep, nil
}

// extract sets r's figures from r.Text, with spans into r.Source.
func (r *Report) extract(extractor func(string) extract.Result, unpacked bool) error {
	res, err := safeExtract(extractor, r.Text)
	if err != nil {
		return &Problem{Path: r.Path, Step: "extract", Err: err}
	}
	if r.Rendered() {
		r.mapFields(&res)
	}
	set := r.SetResult
	if unpacked {
		set = r.setUnpacked
	}
	if err := set(res); err != nil {
		return &Problem{Path: r.Path, Step: "extract", Err: err}
	}
	return nil
}

// safeExtract runs the extractor, turning a panic into an error so that one
// bad file cannot stop a load.
func safeExtract(extractor func(string) extract.Result, text string) (res extract.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("extractor panic: %v\n%s", p, debug.Stack())
		}
	}()
	return extractor(text), nil
}

// mapFields moves field spans from Text to Source. A field whose source
// text does not read as its rendered text (a span across markup that the
// renderer changed) is dropped with the checks that use it: a figure that
// cannot be shown in its source is not reported.
func (r *Report) mapFields(res *extract.Result) {
	kept := res.Fields[:0]
	dropped := map[string]bool{}
	for _, f := range res.Fields {
		s, e, ok := r.sourceSpan(f.Start, f.End)
		if !ok {
			dropped[f.ID] = true
			res.Problems = append(res.Problems, fmt.Sprintf("%s: %q could not be mapped to the HTML source", f.ID, f.Text))
			continue
		}
		f.Start, f.End, f.Text = s, e, r.Source[s:e]
		kept = append(kept, f)
	}
	res.Fields = kept
	if len(dropped) == 0 {
		return
	}
	checks := res.Checks[:0]
	for _, c := range res.Checks {
		uses := false
		for _, id := range c.Fields {
			uses = uses || dropped[id]
		}
		if !uses {
			checks = append(checks, c)
		}
	}
	res.Checks = checks
}

// sourceSpan maps the span [start, end) of r.Text to r.Source, reporting
// false unless the source slice, with tags removed and references decoded,
// says what the text slice says.
func (r *Report) sourceSpan(start, end int) (int, int, bool) {
	if start < 0 || start >= end || end > len(r.Text) {
		return 0, 0, false
	}
	s := r.SourceOffset(start)
	last := end - 1
	e := r.SourceOffset(last) + 1
	if r.Source[e-1] != r.Text[last] {
		// The span ends in a character reference: end after it.
		if j := strings.IndexByte(r.Source[e-1:], ';'); j >= 0 && j < 40 {
			e += j
		}
	}
	if s < 0 || s >= e || e > len(r.Source) {
		return 0, 0, false
	}
	return s, e, sameReading(r.Text[start:end], r.Source[s:e])
}

// sameReading reports whether an HTML source fragment reads as text once
// tags are removed, references decoded, and white space and cell bars
// ignored.
func sameReading(text, source string) bool {
	var plain strings.Builder
	for source != "" {
		i := strings.IndexByte(source, '<')
		if i < 0 {
			plain.WriteString(source)
			break
		}
		plain.WriteString(source[:i])
		j := strings.IndexByte(source[i:], '>')
		if j < 0 {
			plain.WriteString(source[i:])
			break
		}
		source = source[i+j+1:]
	}
	return squeeze(text) == squeeze(html.UnescapeString(plain.String()))
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '|' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			return -1
		}
		return r
	}, s)
}
