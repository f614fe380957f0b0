package corpus

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"gitui/internal/schema"
)

// A packed check names its identity and the fields it covers by number:
// the extractor has a few hundred identities and field lists, and every
// report repeats them. The numbers index tables of the process, which
// only grow; reading one takes no lock.

// numbered is a table of the values packed checks name by number.
type numbered[T any] struct {
	mu    sync.Mutex
	byKey map[string]uint16
	items atomic.Pointer[[]T] // replaced, never changed, when one is added
}

var errTableFull = errors.New("more than 65,535 distinct check names or field lists")

// number returns the number of the value with key, adding newValue()
// under it if the table has none.
func (t *numbered[T]) number(key []byte, newValue func() T) (uint16, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if n, ok := t.byKey[string(key)]; ok { // no copy for a lookup
		return n, nil
	}
	var items []T
	if p := t.items.Load(); p != nil {
		items = *p
	}
	if len(items) > math.MaxUint16 {
		return 0, errTableFull
	}
	n := uint16(len(items))
	grown := append(items[:len(items):len(items)], newValue())
	t.items.Store(&grown)
	if t.byKey == nil {
		t.byKey = make(map[string]uint16)
	}
	t.byKey[string(key)] = n
	return n, nil
}

// at returns value n, which number returned.
func (t *numbered[T]) at(n uint16) T { return (*t.items.Load())[n] }

// checkNames are the IDs of checks; checkLists the field lists of checks,
// keyed by their IDs each followed by a NUL.
var (
	checkNames numbered[string]
	checkLists numbered[[]string]
)

func nameNumber(id string) (uint16, error) {
	var buf [128]byte
	return checkNames.number(append(buf[:0], id...), func() string { return strings.Clone(id) })
}

// listNumber returns the number of a field list, whose IDs must be the
// schema's; a nil list and an empty one are told apart, as encoding/json
// tells null from []. Holding lists to the schema bounds what a forged
// cache index can make the table hold.
func listNumber(ids []string) (uint16, error) {
	if ids == nil {
		return nilList, nil
	}
	if len(ids) > len(schema.All()) {
		return 0, fmt.Errorf("a check names %d fields", len(ids))
	}
	var buf [512]byte
	key := append(buf[:0], 1) // not the nil list's key
	for _, id := range ids {
		if schema.Order(id) < 0 {
			return 0, fmt.Errorf("a check names %q, not a field of the schema", id)
		}
		key = append(append(key, id...), 0)
	}
	return checkLists.number(key, func() []string {
		// The schema's own strings: they pin no caller's memory, and
		// compare with the extractor's (also the schema's) at once.
		l := make([]string, len(ids))
		for i, id := range ids {
			l[i] = schema.Intern(id)
		}
		return l
	})
}

// nilList is the number of the nil list, entered first.
var nilList = func() uint16 {
	n, _ := checkLists.number(nil, func() []string { return nil })
	return n
}()
