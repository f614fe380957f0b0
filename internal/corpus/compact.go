package corpus

import (
	"strings"
	"sync"

	"gitui/internal/schema"
)

// A loaded corpus is held in memory whole, so a report should hold its
// text once and little else. The extractor builds field and check IDs by
// concatenation and may slice the agency from its normalized copy of the
// text, which would keep that copy alive; compact replaces such strings by
// shared or exact-size ones.

// interner shares equal strings across the reports of one load.
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

func (in *interner) get(s string) string {
	if f, ok := schema.Lookup(s); ok {
		return f.ID
	}
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

// compact makes r's Result share strings with the schema, with in, and with
// r.Source, and copies out the strings that may pin larger ones.
func (r *Report) compact(in *interner) {
	for i := range r.Fields {
		f := &r.Fields[i]
		f.ID = in.get(f.ID)
		if sf, ok := schema.Lookup(f.ID); ok && sf.Unit == f.Unit {
			f.Unit = sf.Unit
		}
		if f.Start >= 0 && f.Start <= f.End && f.End <= len(r.Source) && r.Source[f.Start:f.End] == f.Text {
			f.Text = r.Source[f.Start:f.End]
		}
	}
	for i := range r.Checks {
		c := &r.Checks[i]
		c.ID = in.get(c.ID)
		for j, id := range c.Fields {
			c.Fields[j] = in.get(id)
		}
	}
	r.Fields = exact(r.Fields)
	r.Checks = exact(r.Checks)
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
