package corpus

import "sort"

// offsetMap maps the byte offsets of a rendered HTML page's text to its
// source. Rendering copies text byte for byte between tags and
// references, so the map is kept as its runs: run k starts at text offset
// text[k], source offset src[k], and maps text[k]+j to src[k]+j up to the
// next run. Four bytes for every byte of text, as a plain []int32, was the
// largest thing a loaded corpus held after the text; a page has a run per
// text node, reference and collapsed space instead.
type offsetMap struct {
	text, src []int32
	n         int // offsets mapped: len(Text)+1, the last one for the end
}

// newOffsetMap packs full, a map from every text offset to a source
// offset that never decreases.
func newOffsetMap(full []int32) offsetMap {
	runs := 0
	for i, o := range full {
		if i == 0 || o != full[i-1]+1 {
			runs++
		}
	}
	m := offsetMap{text: make([]int32, 0, runs), src: make([]int32, 0, runs), n: len(full)}
	for i, o := range full {
		if i == 0 || o != full[i-1]+1 {
			m.text = append(m.text, int32(i))
			m.src = append(m.src, o)
		}
	}
	return m
}

// identity reports whether m is the map of a text that is its source.
func (m offsetMap) identity() bool { return m.n == 0 }

// source returns the source offset of text offset i, 0 ≤ i < m.n.
func (m offsetMap) source(i int) int {
	k := sort.Search(len(m.text), func(k int) bool { return int(m.text[k]) > i }) - 1
	return int(m.src[k]) + i - int(m.text[k])
}

// last returns the source offset of the last text offset of run k.
func (m offsetMap) last(k int) int {
	end := m.n
	if k+1 < len(m.text) {
		end = int(m.text[k+1])
	}
	return int(m.src[k]) + end - 1 - int(m.text[k])
}

// first returns the first text offset whose source offset is src or
// after it, or -1 if none is.
func (m offsetMap) first(src int) int {
	k := sort.Search(len(m.text), func(k int) bool { return m.last(k) >= src })
	if k == len(m.text) {
		return -1
	}
	return int(m.text[k]) + max(0, src-int(m.src[k]))
}
