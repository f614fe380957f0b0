package corpus

import (
	"hash/maphash"
	"slices"
	"strings"
	"sync"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// A loaded corpus is held in memory whole, so a report should hold its
// text once and little else. The extractor builds field and check IDs by
// concatenation, and slices the agency and the numbers out of its
// normalized copy of the text, which would keep that copy alive as long as
// the report; compact replaces such strings by shared or exact-size ones.

// interner shares equal strings across the reports of one load.
type interner struct {
	mu    sync.Mutex
	m     map[string]string
	lists map[uint64][][]string // by a hash of their IDs
}

// get returns the shared copy of an ID: the schema's, or the load's.
func (in *interner) get(s string) string {
	if f, ok := schema.Lookup(s); ok {
		return f.ID
	}
	return in.share(s)
}

// share returns the load's copy of s, making one if it has none.
func (in *interner) share(s string) string {
	if in == nil {
		return s
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if t, ok := in.m[s]; ok {
		return t
	}
	if in.m == nil {
		in.m = make(map[string]string)
	}
	s = strings.Clone(s)
	in.m[s] = s
	return s
}

// list returns the load's copy of a list of IDs, making one if it has
// none; the IDs of the copy are shared too. Lists are found by a hash of
// their IDs rather than by the IDs joined, which took an allocation and a
// long key per check.
func (in *interner) list(ids []string) []string {
	if in == nil || len(ids) == 0 {
		return ids
	}
	var h maphash.Hash
	h.SetSeed(listSeed)
	for _, id := range ids {
		h.WriteString(id)
		h.WriteByte(0)
	}
	key := h.Sum64()
	in.mu.Lock()
	for _, l := range in.lists[key] {
		if slices.Equal(l, ids) {
			in.mu.Unlock()
			return l
		}
	}
	in.mu.Unlock()
	l := make([]string, len(ids))
	for i, id := range ids {
		l[i] = in.get(id)
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	for _, prev := range in.lists[key] {
		if slices.Equal(prev, ids) {
			return prev
		}
	}
	if in.lists == nil {
		in.lists = make(map[uint64][][]string)
	}
	in.lists[key] = append(in.lists[key], l)
	return l
}

var listSeed = maphash.MakeSeed()

// number returns n backed by a shared string. The extractor parses
// numbers out of its normalized copy of the text, and a Number that is a
// slice of that copy keeps all of it alive.
func (in *interner) number(n extract.Number) extract.Number {
	if n == (extract.Number{}) {
		return n
	}
	s := n.String()
	m, err := extract.ParseNumber(in.share(s))
	if err != nil || m.String() != s {
		return n
	}
	return m
}

// compact makes r's checks share strings with the schema and with in,
// and copies out the strings that may pin larger ones. Checks of the same
// identity name the same fields, so their field lists are shared too.
func (r *Report) compact(in *interner) {
	for i := range r.checks {
		c := &r.checks[i]
		c.ID = in.get(c.ID)
		c.Expected = in.number(c.Expected)
		c.Actual = in.number(c.Actual)
		c.Fields = in.list(c.Fields)
	}
	r.checks = exact(r.checks)
	r.Agency = strings.Clone(r.Agency)
	r.Published = strings.Clone(r.Published)
	for i, p := range r.Problems {
		r.Problems[i] = strings.Clone(p)
	}
}

// exact returns s in an array of its length, when growing it left much
// unused capacity.
func exact[T any](s []T) []T {
	if cap(s)-len(s) <= len(s)/8 {
		return s
	}
	return append(make([]T, 0, len(s)), s...)
}
