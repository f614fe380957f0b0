package ui

import (
	"cmp"
	"math/bits"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"

	"gitui/internal/corpus"
	"gitui/internal/textsafe"
)

// entry is one loaded report, or one file that became a problem, with what
// the agency list needs computed once at load time.
type entry struct {
	rep    *corpus.Report  // nil for a problem
	prob   *corpus.Problem // nil for a report
	agency string          // printable agency; "" when the report names none
	name   string          // printable file name
	year   int
	fields int // figures found
	failed int // failing checks
	key    string
	runes  []rune // the distinct runes of key, for the filter's posting lists
	order  string // the agency's pinyin, for sorting as Chinese readers expect
	// reviewed, flagged and added count the figures reviewers looked at,
	// flagged and added; kept by the review side.
	reviewed, flagged, added int
	// checking is set while the file of a report from the cache is read
	// again, checked once it was, changed when that found other bytes
	// (see changed.go).
	checking, checked, changed bool
}

// group is what the list groups entries under.
type groupKind int

const (
	groupNamed groupKind = iota
	groupUnnamed
	groupProblems
)

func (e *entry) kind() groupKind {
	switch {
	case e.prob != nil:
		return groupProblems
	case e.agency == "":
		return groupUnnamed
	}
	return groupNamed
}

// groupLabel is the header a grouped list shows above e.
func (e *entry) groupLabel() string {
	switch e.kind() {
	case groupProblems:
		return "(problems)"
	case groupUnnamed:
		return "(unnamed)"
	}
	return e.agency
}

func newEntry(r *corpus.Report, p *corpus.Problem) *entry {
	e := &entry{rep: r, prob: p}
	var file string
	if r != nil {
		file = r.Path
		// The agency's one string: the list compares agencies at every
		// batch, and two equal strings at one address compare at once.
		e.agency = agencyKeyOf(strings.TrimSpace(textsafe.Line(r.Agency))).name
		e.year = r.Year
		e.fields = r.NumFields()
		e.failed = r.FailedChecks()
	} else {
		file = p.Path
	}
	e.name = textsafe.Line(path.Base(strings.ReplaceAll(file, `\`, "/")))
	e.key, e.order = searchKey(e.agency, e.name, e.year)
	e.runes = distinctRunes(e.key)
	return e
}

// searchKey returns what the agency filter matches against (the agency,
// its pinyin initials and syllables, the file name and the year, lower-cased)
// and the agency's pinyin for sorting. It is computed once per report, never
// per keystroke.
func searchKey(agency, name string, year int) (key, order string) {
	var b strings.Builder
	a := agencyKeyOf(agency)
	b.WriteString(a.key)
	b.WriteByte('\x00')
	b.WriteString(strings.ToLower(name))
	if year != 0 {
		b.WriteByte('\x00')
		b.WriteString(strconv.Itoa(year))
	}
	return b.String(), a.order
}

// agencyKey is an agency's name, the agency's part of a search key, and
// its pinyin for sorting.
type agencyKey struct{ name, key, order string }

// agencyKeys holds the agencyKey of each agency seen: an agency has a
// report a year, and reading its pinyin was most of the cost of taking a
// report into the list.
var agencyKeys sync.Map // agency → agencyKey

func agencyKeyOf(agency string) agencyKey {
	if k, ok := agencyKeys.Load(agency); ok {
		return k.(agencyKey)
	}
	var b strings.Builder
	b.WriteString(strings.ToLower(agency))
	var order string
	if agency != "" {
		args := pinyin.NewArgs()
		args.Fallback = func(r rune, _ pinyin.Args) []string { return []string{string(r)} }
		syl := pinyin.LazyPinyin(agency, args)
		if rs := []rune(agency); len(rs) == len(syl) {
			for i, r := range rs {
				if p, ok := placeReading(r); ok {
					syl[i] = p
				}
			}
		}
		order = strings.Join(syl, " ")
		b.WriteByte('\x00')
		for _, s := range syl {
			if r, _ := utf8.DecodeRuneInString(s); r != utf8.RuneError {
				b.WriteRune(r)
			}
		}
		b.WriteByte('\x00')
		b.WriteString(strings.Join(syl, ""))
	}
	k := agencyKey{name: strings.Clone(agency), key: b.String(), order: order}
	agencyKeys.Store(k.name, k)
	return k
}

// placeReading is the reading a character with several has in the names
// of places and agencies, where go-pinyin's first reading is another:
// 长春 is chang chun, not zhang chun; 重庆 chong qing; 成都 cheng du.
func placeReading(r rune) (string, bool) {
	switch r {
	case '长':
		return "chang", true
	case '重':
		return "chong", true
	case '都':
		return "du", true
	case '厦':
		return "xia", true
	case '蚌':
		return "beng", true
	case '六':
		return "lu", true
	case '藏':
		return "zang", true
	case '单':
		return "shan", true
	case '番':
		return "pan", true
	case '曾':
		return "zeng", true
	}
	return "", false
}

// row is one line of the agency list: a group header (entry < 0) or a
// report.
type row struct {
	entry int32
	first int32 // for a header: the entry it heads
	count int32 // for a header: reports in the group
}

// index holds the loaded corpus in the order the list shows it, with a
// prepared filter: a posting list per rune of the search keys, so a filter
// keystroke touches only the entries that hold its rarest rune.
type index struct {
	entries []*entry
	order   []int32 // entry ids in list order
	rank    []int32 // entry id → position in order
	post    map[rune][]int32
	byAgent map[string]map[int]int32 // agency → year → entry, for year-over-year

	flat  bool
	query string
	// hits are the entries the filter matched, in list order; nil when
	// there is no filter.
	hits []int32
	rows []row // what the list shows: all or filtered

	all      []row // every entry's rows, for allN entries laid out allFlat
	allN     int
	allFlat  bool
	filtered []row
}

func newIndex() *index {
	return &index{post: make(map[rune][]int32), byAgent: make(map[string]map[int]int32), allN: -1}
}

func less(a, b *entry) int {
	if c := cmp.Compare(a.kind(), b.kind()); c != 0 {
		return c
	}
	if c := strings.Compare(a.order, b.order); c != 0 {
		return c
	}
	if c := strings.Compare(a.agency, b.agency); c != 0 {
		return c
	}
	if c := cmp.Compare(a.year, b.year); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

// add puts a batch of entries into the index: sorted and merged into the
// list order (O(corpus) per batch, never per keystroke), posted for the
// filter, and the rows rebuilt.
func (x *index) add(batch []*entry) {
	if len(batch) == 0 {
		return
	}
	first := int32(len(x.entries))
	x.entries = append(x.entries, batch...)
	ids := make([]int32, len(batch))
	for i := range batch {
		id := first + int32(i)
		ids[i] = id
		e := batch[i]
		x.post1(id, e)
		if e.rep != nil && e.agency != "" && e.year != 0 {
			m := x.byAgent[e.agency]
			if m == nil {
				m = make(map[int]int32)
				x.byAgent[e.agency] = m
			}
			if _, dup := m[e.year]; !dup {
				m[e.year] = id
			}
		}
	}
	slices.SortFunc(ids, func(a, b int32) int { return less(x.entries[a], x.entries[b]) })
	merged := make([]int32, 0, len(x.order)+len(ids))
	i, j := 0, 0
	for i < len(x.order) && j < len(ids) {
		if less(x.entries[x.order[i]], x.entries[ids[j]]) <= 0 {
			merged = append(merged, x.order[i])
			i++
		} else {
			merged = append(merged, ids[j])
			j++
		}
	}
	merged = append(merged, x.order[i:]...)
	merged = append(merged, ids[j:]...)
	x.order = merged
	x.rank = slices.Grow(x.rank[:0], len(x.order))[:len(x.order)]
	for pos, id := range x.order {
		x.rank[id] = int32(pos)
	}
	if x.query != "" {
		x.hits = x.match(x.query)
	}
	x.allN = -1 // the rows of every entry are laid out again
	x.rebuild()
}

// distinctRunes returns the runes of key once each, NUL separators left
// out. It runs on the loader's goroutine, not in the update loop.
func distinctRunes(key string) []rune {
	// A key is mostly ASCII (pinyin, file name, year): those runes are
	// gathered in a bitmap, and only the others sorted. Sorting every rune
	// of every key was a third of the cost of taking reports into the list.
	var ascii [2]uint64
	var buf [32]rune
	other := buf[:0]
	for _, r := range key {
		if r < utf8.RuneSelf {
			ascii[r>>6] |= 1 << (r & 63)
		} else {
			other = append(other, r)
		}
	}
	ascii[0] &^= 1 // NUL separates the parts of a key
	slices.Sort(other)
	other = slices.Compact(other)
	rs := make([]rune, 0, bits.OnesCount64(ascii[0])+bits.OnesCount64(ascii[1])+len(other))
	for r := rune(0); r < utf8.RuneSelf; r++ {
		if ascii[r>>6]&(1<<(r&63)) != 0 {
			rs = append(rs, r)
		}
	}
	return append(rs, other...)
}

func (x *index) post1(id int32, e *entry) {
	for _, r := range e.runes {
		x.post[r] = append(x.post[r], id)
	}
}

// setFilter filters the list to entries whose search key holds q (lower
// case), and rebuilds the rows.
func (x *index) setFilter(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == x.query {
		return
	}
	switch {
	case q == "":
		x.hits = nil
	case x.query != "" && strings.Contains(q, x.query) && x.hits != nil:
		// Narrowing: only the current hits can still match.
		out := x.hits[:0:0]
		for _, id := range x.hits {
			if strings.Contains(x.entries[id].key, q) {
				out = append(out, id)
			}
		}
		x.hits = out
	default:
		x.hits = x.match(q)
	}
	x.query = q
	x.rebuild()
}

// match returns the entries whose key holds q, in list order. It verifies
// only the posting list of q's rarest rune.
func (x *index) match(q string) []int32 {
	var cand []int32
	best := -1
	for _, r := range q {
		if unicode.IsSpace(r) {
			continue
		}
		p := x.post[r]
		if best < 0 || len(p) < best {
			cand, best = p, len(p)
		}
	}
	out := make([]int32, 0, min(len(cand), 1024))
	for _, id := range cand {
		if strings.Contains(x.entries[id].key, q) {
			out = append(out, id)
		}
	}
	slices.SortFunc(out, func(a, b int32) int { return cmp.Compare(x.rank[a], x.rank[b]) })
	return out
}

// rebuild lays out the rows of the list: all of them after a batch or a
// change of grouping (kept, so that clearing the filter costs nothing), or
// those of the filter's hits.
func (x *index) rebuild() {
	if x.allN != len(x.order) || x.allFlat != x.flat {
		x.all = layoutRows(x.all[:0], x.entries, x.order, x.flat)
		x.allFlat, x.allN = x.flat, len(x.order)
	}
	if x.hits == nil && x.query == "" {
		x.rows = x.all
		return
	}
	x.filtered = layoutRows(x.filtered[:0], x.entries, x.hits, x.flat)
	x.rows = x.filtered
}

// layoutRows appends the rows showing ids (in list order) to rows: a
// header before each group unless flat.
func layoutRows(rows []row, entries []*entry, ids []int32, flat bool) []row {
	var prev *entry
	header := -1
	for _, id := range ids {
		e := entries[id]
		if !flat && (prev == nil || prev.kind() != e.kind() || prev.agency != e.agency) {
			header = len(rows)
			rows = append(rows, row{entry: -1, first: id})
		}
		if header >= 0 {
			rows[header].count++
		}
		rows = append(rows, row{entry: id})
		prev = e
	}
	return rows
}

// rowOf returns the row showing entry id, or -1.
func (x *index) rowOf(id int32) int {
	for i, r := range x.rows {
		if r.entry == id {
			return i
		}
	}
	return -1
}

// previousYear returns the same agency's report for the year before e's, or
// nil when it is not loaded.
func (x *index) previousYear(e *entry) *entry {
	if e == nil || e.agency == "" || e.year == 0 {
		return nil
	}
	if id, ok := x.byAgent[e.agency][e.year-1]; ok {
		return x.entries[id]
	}
	return nil
}
