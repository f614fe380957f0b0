package extract

import (
	"sync"

	"gitui/internal/schema"
)

// Extract runs once for every report of a corpus, and each call works in
// a few buffers it drops when it returns: tables of an entry per schema
// field, which index a report's fields by schema place, and the fields of
// a table report before they are merged (~220 of them). Taken from pools
// instead, they are not allocated and collected report after report.

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

// fieldBuf is a buffer of fields from fieldsPool.
type fieldBuf struct{ fields []Field }

var fieldsPool = sync.Pool{New: func() any { return new(fieldBuf) }}

// getFields returns an empty buffer of fields, to be given back with
// putFields.
func getFields() *fieldBuf { return fieldsPool.Get().(*fieldBuf) }

// putFields gives b back with used, what b.fields[:0] became once
// appended to (nil if it was not). The fields are cleared first: a pooled
// buffer must not keep the last report's text alive.
func putFields(b *fieldBuf, used []Field) {
	clear(used)
	if cap(used) >= cap(b.fields) {
		b.fields = used[:0]
	}
	fieldsPool.Put(b)
}
