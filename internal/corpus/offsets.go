package corpus

import (
	"encoding/binary"
	"sort"
)

// offsetMap maps the byte offsets of a rendered HTML page's text to its
// source. Rendering copies text byte for byte between tags and
// references, so the map is kept as its runs: run k starts at text offset
// t_k, source offset s_k, and maps t_k+j to s_k+j up to the next run. Four
// bytes for every byte of text, as a plain []int32, was the largest thing a
// loaded corpus held after the text; a page has a run per text node,
// reference and collapsed space instead. The runs are a string of
// little-endian uint32 pairs so that the cache's index can hand out
// slices of itself (see index.go).
type offsetMap struct {
	runs string // t_k, s_k: runSize bytes a run
	n    int    // offsets mapped: len(Text)+1, the last one for the end
}

const runSize = 8

// newOffsetMap packs full, a map from every text offset to a source
// offset that never decreases.
func newOffsetMap(full []int32) offsetMap {
	runs := 0
	for i, o := range full {
		if i == 0 || o != full[i-1]+1 {
			runs++
		}
	}
	b := make([]byte, 0, runs*runSize)
	for i, o := range full {
		if i == 0 || o != full[i-1]+1 {
			b = binary.LittleEndian.AppendUint32(b, uint32(i))
			b = binary.LittleEndian.AppendUint32(b, uint32(o))
		}
	}
	return offsetMap{runs: string(b), n: len(full)}
}

// identity reports whether m is the map of a text that is its source.
func (m offsetMap) identity() bool { return m.n == 0 }

func (m offsetMap) len() int { return len(m.runs) / runSize }

// run returns the text and source offsets where run k starts.
func (m offsetMap) run(k int) (text, src int) {
	s := m.runs[k*runSize:]
	return int(le32(s)), int(le32(s[4:]))
}

// source returns the source offset of text offset i, 0 ≤ i < m.n.
func (m offsetMap) source(i int) int {
	k := sort.Search(m.len(), func(k int) bool { t, _ := m.run(k); return t > i }) - 1
	t, s := m.run(k)
	return s + i - t
}

// last returns the source offset of the last text offset of run k.
func (m offsetMap) last(k int) int {
	end := m.n
	if k+1 < m.len() {
		end, _ = m.run(k + 1)
	}
	t, s := m.run(k)
	return s + end - 1 - t
}

// first returns the first text offset whose source offset is src or
// after it, or -1 if none is.
func (m offsetMap) first(src int) int {
	k := sort.Search(m.len(), func(k int) bool { return m.last(k) >= src })
	if k == m.len() {
		return -1
	}
	t, s := m.run(k)
	return t + max(0, src-s)
}

// valid reports whether m maps a text of textLen bytes into a source of
// srcLen bytes, never decreasing: what the cache's index must hold, and
// what source and first rely on.
func (m offsetMap) valid(textLen, srcLen int) bool {
	if len(m.runs)%runSize != 0 || m.len() == 0 || m.n != textLen+1 {
		return false
	}
	t, s := m.run(0)
	if t != 0 {
		return false
	}
	for k := 1; k <= m.len(); k++ {
		end, next := m.n, srcLen
		if k < m.len() {
			end, next = m.run(k)
		}
		// Run k-1 covers text [t, end) and source [s, s+end-t); the next
		// run starts after it in the text and no earlier than its last
		// offset in the source.
		if end <= t || s+end-t-1 > srcLen || next < s+end-t-1 {
			return false
		}
		t, s = end, next
	}
	return true
}
