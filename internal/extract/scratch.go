package extract

import (
	"sync"

	"gitui/internal/schema"
)

// Extract runs once for every report of a corpus, and each call works in
// buffers it drops when it returns: tables of an entry per schema field,
// which index a report's fields by schema place, and a table report's
// rows, cells and fields before they are merged (~220 fields). Taken from
// pools instead, they are not allocated and collected report after report.

// slicePool is a pool of slices of T, for buffers a call fills and drops.
// A slice is pooled in a box, a *[]T; the boxes that get empties are
// pooled too, for put to fill, or each put would allocate one.
type slicePool[T any] struct{ p, boxes sync.Pool }

// get returns an empty slice with room for n.
func (p *slicePool[T]) get(n int) []T {
	if box, ok := p.p.Get().(*[]T); ok {
		s := *box
		*box = nil
		p.boxes.Put(box)
		if cap(s) >= n {
			return s[:0]
		}
	}
	return make([]T, 0, n)
}

// put gives s back for another get, s as far as it was filled. That much
// is cleared first: a pooled buffer must not keep the last report's text
// alive.
func (p *slicePool[T]) put(s []T) {
	clear(s)
	box, ok := p.boxes.Get().(*[]T)
	if !ok {
		box = new([]T)
	}
	*box = s[:0]
	p.p.Put(box)
}

// The pools of the slices of view, lines, findLabels, the rows' fields,
// the prose fields, the prose mentions, zero words and candidates, doc's shifts, and of Extract's fields'
// schema places and their values in checks.
var (
	fieldPlacePool slicePool[int32]
	smallIntPool   slicePool[smallInt]
	segPool        slicePool[seg]
	linePool       slicePool[line]
	labelPool      slicePool[label]
	proseFieldPool slicePool[Field]
	mentionPool    slicePool[mention]
	candPool       slicePool[cand]
	shiftPool      slicePool[shift]
	zeroAtPool     slicePool[int]
)

// placesPool holds []int32 with an entry per schema field.
var placesPool = sync.Pool{New: func() any { return new([]int32) }}

// getPlaces returns a zeroed []int32 with an entry per schema field, to be
// given back with placesPool.Put once no longer read.
func getPlaces() *[]int32 {
	p := placesPool.Get().(*[]int32)
	if n := len(schema.All()); cap(*p) < n {
		*p = make([]int32, n)
	} else {
		*p = (*p)[:n]
		clear(*p)
	}
	return p
}

// tableBufs are the buffers extractTables reads a report's tables into:
// the rows with their cells, and the fields they give with their schema
// places.
type tableBufs struct {
	rows   []tableRow
	cells  cellArena
	fields []Field
	places []int32
}

var tablePool = sync.Pool{New: func() any { return new(tableBufs) }}

// getTableBufs returns empty table buffers, to be given back with
// putTableBufs.
func getTableBufs() *tableBufs { return tablePool.Get().(*tableBufs) }

// putTableBufs gives b back with fields, what b.fields[:0] became once
// extractTables appended to it (nil if it did not). Everything is cleared
// first: a pooled buffer must not keep the last report's text alive.
func putTableBufs(b *tableBufs, fields []Field) {
	clear(fields)
	if cap(fields) >= cap(b.fields) {
		b.fields = fields[:0]
	}
	clear(b.rows)
	b.rows = b.rows[:0]
	b.places = b.places[:0]
	b.cells.reset()
	tablePool.Put(b)
}

// cellArena hands out the cells of a report's table rows from one
// buffer, a row's room after the last.
type cellArena struct{ buf []cell }

// take returns an empty slice with room for n cells. A row that reads
// more cells than it has room for grows its slice as any other, away from
// the next row's room. A nil arena allocates.
func (a *cellArena) take(n int) []cell {
	if a == nil {
		return make([]cell, 0, n)
	}
	if cap(a.buf)-len(a.buf) < n {
		// The rows given out so far keep the old buffer.
		a.buf = make([]cell, 0, max(2*cap(a.buf), 256, n))
	}
	k := len(a.buf)
	a.buf = a.buf[:k+n]
	return a.buf[k : k : k+n]
}

// reset clears the arena for the next report.
func (a *cellArena) reset() {
	clear(a.buf)
	a.buf = a.buf[:0]
}
