package review

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/gofrs/flock"
)

// DirName is the folder inside a corpus that holds its review log.
const DirName = ".gitui"

// DefaultPath returns where the review log of the corpus at dir lives.
func DefaultPath(dir string) string { return filepath.Join(dir, DirName, "reviews.jsonl") }

// ErrSymlink is wrapped by errors about a store path that is a symbolic
// link: following it could write reviews outside the corpus unnoticed.
var ErrSymlink = errors.New("is a symbolic link")

// ErrReadOnly is wrapped by errors about a store that cannot be written.
var ErrReadOnly = errors.New("cannot write the review store (read-only corpus? pass --store PATH to keep reviews elsewhere)")

// Problem is a line of the log that could not be read. It is reported and
// skipped, never fatal: a line torn by a crash mid-write must not lose the
// reviews saved before it.
type Problem struct {
	Path   string
	Line   int   // 1-based
	Offset int64 // byte offset of the line
	Err    error
}

func (p Problem) Error() string {
	return fmt.Sprintf("%s:%d: %v", p.Path, p.Line, p.Err)
}

// errTorn marks an unterminated last line.
var errTorn = errors.New("torn last line (a write was interrupted); skipped")

// Store is a review log opened for reading and appending. Its methods are
// safe for concurrent use; other processes may append to the same file.
type Store struct {
	path string

	mu       sync.Mutex
	events   []Event
	problems []Problem
	reported map[int64]bool // offsets of problems already reported
	offset   int64          // bytes read: through the last complete line
	lines    int            // complete lines read
	file     os.FileInfo    // identity of the file read, to notice replacement
	lockWait time.Duration  // LockWait; shorter in tests
	// unread holds the IDs of events appended but not yet read back from
	// the file (the read after the write failed): a later read skips
	// their lines, which are already in events.
	unread map[string]bool
	// byPath indexes events[:indexed] by pathKey of their Path, for
	// Stale; nil until first used and whenever events are read afresh.
	byPath  map[string][]int
	indexed int
	// testHook, when set, is called at named steps of Append, so tests
	// can change the file between them.
	testHook func(step string)
}

// Open reads the review log at path. A missing file is an empty log; it is
// created by the first Append. A path that is a symbolic link is refused.
func Open(path string) (*Store, error) {
	s := &Store{path: path, reported: map[int64]bool{}, unread: map[string]bool{}, lockWait: LockWait}
	if err := checkLink(path); err != nil {
		return nil, err
	}
	if err := s.Refresh(); err != nil {
		return nil, err
	}
	return s, nil
}

// OpenCorpus opens the default log of the corpus at dir. Besides what Open
// refuses, it refuses a DIR/.gitui that is a symbolic link, which would carry
// the reviews of this corpus out of it.
func OpenCorpus(dir string) (*Store, error) {
	if err := checkLink(filepath.Join(dir, DirName)); err != nil {
		return nil, err
	}
	return Open(DefaultPath(dir))
}

// checkLink refuses a path that is a symbolic link, naming where it points.
func checkLink(path string) error {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return nil
	}
	target, _ := os.Readlink(path)
	return fmt.Errorf("review store %s %w to %s; refusing to follow it (pass --store with the real path to use it)",
		path, ErrSymlink, target)
}

// Path returns the file the store reads and appends to.
func (s *Store) Path() string { return s.path }

// Refresh reads events other processes appended since the last read. It is
// cheap when nothing changed.
func (s *Store) Refresh() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	fi, err := os.Lstat(s.path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil // nothing saved yet
	}
	if err == nil && s.file != nil && os.SameFile(fi, s.file) && fi.Size() == s.offset {
		return nil // nothing new: no lock, no read
	}
	lock, err := s.lock(true)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	return s.readNew()
}

// readNew reads complete lines past s.offset. The caller holds s.mu and a
// file lock.
func (s *Store) readNew() error {
	// O_NONBLOCK (here and in every open of the store): a named pipe in
	// its place, as a shared folder could hold, would block forever.
	f, err := os.OpenFile(s.path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return s.openError("open", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("stat review store %s: %w", s.path, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("review store %s is not a regular file (%v)", s.path, fi.Mode().Type())
	}
	if s.file != nil && (!os.SameFile(s.file, fi) || fi.Size() < s.offset) {
		// Replaced or truncated behind our back: read it afresh.
		s.events, s.problems, s.offset, s.lines = nil, nil, 0, 0
		s.reported = map[int64]bool{}
		s.unread = map[string]bool{}
		s.byPath, s.indexed = nil, 0
	}
	s.file = fi
	if fi.Size() == s.offset {
		return nil
	}
	data := make([]byte, fi.Size()-s.offset)
	if _, err := f.ReadAt(data, s.offset); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read review store %s: %w", s.path, err)
	}
	evs, probs, n := parse(data, s.offset, s.lines)
	for _, e := range evs {
		if s.unread[e.ID] {
			delete(s.unread, e.ID) // appended by us and kept already
			continue
		}
		s.events = append(s.events, e)
	}
	for _, p := range probs {
		if !s.reported[p.Offset] {
			s.reported[p.Offset] = true
			p.Path = s.path
			s.problems = append(s.problems, p)
		}
	}
	s.offset += int64(n)
	s.lines += bytes.Count(data[:n], []byte{'\n'})
	return nil
}

// parse reads the complete lines of data, which starts at byte base of the
// file after line lines. It returns the valid events, the problems (an
// unterminated tail is one, but is not consumed), and how many bytes it
// consumed.
func parse(data []byte, base int64, lines int) (events []Event, problems []Problem, consumed int) {
	for consumed < len(data) {
		nl := bytes.IndexByte(data[consumed:], '\n')
		at := base + int64(consumed)
		if nl < 0 {
			problems = append(problems, Problem{Line: lines + 1, Offset: at, Err: errTorn})
			break
		}
		line := bytes.TrimSpace(data[consumed : consumed+nl])
		consumed += nl + 1
		lines++
		if len(line) == 0 {
			continue
		}
		var e Event
		if err := json.Unmarshal(line, &e); err != nil {
			problems = append(problems, Problem{Line: lines, Offset: at, Err: fmt.Errorf("decode event: %w", err)})
			continue
		}
		if err := e.validate(); err != nil {
			problems = append(problems, Problem{Line: lines, Offset: at, Err: err})
			continue
		}
		events = append(events, e)
	}
	return events, problems, consumed
}

// Append writes e as one line and returns it as stored, with ID and Time set
// when they were empty. When Append returns nil the event is on disk
// (fsynced) and visible through Events. It also picks up events other
// processes appended.
func (s *Store) Append(e Event) (Event, error) {
	if e.ID == "" {
		e.ID = newID()
	}
	if e.Time.IsZero() {
		e.Time = time.Now().UTC()
	}
	if err := e.validate(); err != nil {
		return e, fmt.Errorf("append to %s: %w", s.path, err)
	}
	line, err := json.Marshal(e)
	if err != nil {
		return e, fmt.Errorf("encode event for %s: %w", s.path, err)
	}
	line = append(line, '\n')

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := checkLink(s.path); err != nil {
		return e, err
	}
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return e, s.openError("create folder for", err)
	}
	f, lock, err := s.openLocked(dir)
	if err != nil {
		return e, err
	}
	defer f.Close()
	defer lock.Unlock()

	if err := s.readNew(); err != nil {
		return e, err
	}
	if fi, err := f.Stat(); err == nil && fi.Size() > s.offset {
		// A torn line from a crash: end it, so this event starts a line
		// of its own and stays readable.
		line = append([]byte{'\n'}, line...)
	}
	if _, err := f.Write(line); err != nil {
		return e, fmt.Errorf("write event to %s: %w", s.path, err)
	}
	if err := f.Sync(); err != nil {
		return e, fmt.Errorf("sync %s: %w", s.path, err)
	}
	s.hook("written")
	if err := s.readNew(); err != nil {
		// The event is on disk: reporting a failure here would have the
		// caller retry and save it twice. Keep it in memory and let a
		// later read of its line find it already there.
		s.events = append(s.events, e)
		s.unread[e.ID] = true
	}
	return e, nil
}

// openLocked opens the log for appending, creating it if need be, and
// takes its exclusive lock. The lock is taken on a second open of the path,
// so a file renamed over the log in between would leave f pointing at a
// file nobody reads again: the two are compared, and the log reopened, until
// f is the locked file that the path names.
func (s *Store) openLocked(dir string) (*os.File, *flock.Flock, error) {
	for try := 0; ; try++ {
		_, statErr := os.Lstat(s.path)
		created := errors.Is(statErr, fs.ErrNotExist)
		f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0o644)
		if err != nil {
			return nil, nil, s.openError("open", err)
		}
		if created {
			syncDir(dir) // so the new file's name survives a crash too
		}
		s.hook("opened")
		lock, err := s.lock(false)
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		opened, err1 := f.Stat()
		named, err2 := os.Lstat(s.path)
		if err := errors.Join(err1, err2); err != nil {
			lock.Unlock()
			f.Close()
			return nil, nil, fmt.Errorf("stat review store %s: %w", s.path, err)
		}
		if os.SameFile(opened, named) {
			return f, lock, nil
		}
		lock.Unlock()
		f.Close()
		if try == 10 {
			return nil, nil, fmt.Errorf("open review store %s: it is being replaced over and over; not appending", s.path)
		}
	}
}

// hook runs the test hook of a step, if any.
func (s *Store) hook(step string) {
	if s.testHook != nil {
		s.testHook(step)
	}
}

// LockWait is how long a read or an append waits for another process's
// lock. Appends hold it for one write; a longer wait means a stuck process,
// and the caller should hear so rather than hang.
const LockWait = 5 * time.Second

// lock takes the store's file lock, shared for reading or exclusive for
// appending.
func (s *Store) lock(shared bool) (*flock.Flock, error) {
	l := flock.New(s.path, flock.SetFlag(os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK))
	ctx, cancel := context.WithTimeout(context.Background(), s.lockWait)
	defer cancel()
	var ok bool
	var err error
	if shared {
		ok, err = l.TryRLockContext(ctx, 10*time.Millisecond)
	} else {
		ok, err = l.TryLockContext(ctx, 10*time.Millisecond)
	}
	if err == nil && !ok || errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("lock review store %s: another process has held it for %v", s.path, s.lockWait)
	}
	if err != nil {
		return nil, s.openError("lock", err)
	}
	return l, nil
}

// openError explains a failure to open or create the store, with the
// --store hint when the corpus is read-only.
func (s *Store) openError(step string, err error) error {
	if errors.Is(err, syscall.ELOOP) {
		return fmt.Errorf("%s review store %s: %w; refusing to follow it", step, s.path, ErrSymlink)
	}
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return fmt.Errorf("%s review store %s: %w: %w", step, s.path, ErrReadOnly, err)
	}
	return fmt.Errorf("%s review store %s: %w", step, s.path, err)
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// CheckWritable reports, without writing an event, whether Append can
// save to the store: the UI says so at start rather than at the first key.
func (s *Store) CheckWritable() error {
	if err := checkLink(s.path); err != nil {
		return err
	}
	if _, err := os.Lstat(s.path); err == nil {
		f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		if err != nil {
			return s.openError("open", err)
		}
		return f.Close()
	}
	// Find the nearest existing folder and try to create a file in it.
	dir := filepath.Dir(s.path)
	for {
		if _, err := os.Stat(dir); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	f, err := os.CreateTemp(dir, ".gitui-probe-*")
	if err != nil {
		return s.openError("create", err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// Events returns the events of the report with the given SHA-256, oldest
// first. The slice is a copy.
func (s *Store) Events(sha string) []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Event
	for _, e := range s.events {
		if e.SHA256 == sha {
			out = append(out, e)
		}
	}
	return out
}

// All returns every event, oldest first. The slice is a copy.
func (s *Store) All() []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.events)
}

// Stale returns the events recorded for path under another SHA-256: the
// review of an earlier version of a file that has since changed. They are
// shown, never applied. Paths are compared with SamePath, so a report named
// relative to one folder matches its events recorded under another spelling.
func (s *Store) Stale(path, sha string) []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, ok := pathKey(path)
	if !ok {
		return nil
	}
	// Indexed by path: an export asks this of every report, and making
	// every event's path absolute each time would cost a getcwd apiece.
	if s.byPath == nil {
		s.byPath, s.indexed = map[string][]int{}, 0
	}
	for ; s.indexed < len(s.events); s.indexed++ {
		if k, ok := pathKey(s.events[s.indexed].Path); ok {
			s.byPath[k] = append(s.byPath[k], s.indexed)
		}
	}
	var out []Event
	for _, i := range s.byPath[key] {
		if e := s.events[i]; e.SHA256 != sha {
			out = append(out, e)
		}
	}
	return out
}

// SamePath reports whether two paths name the same file location: they are
// compared made absolute (against the working directory) and cleaned, so
// "c/a.txt", "./c/a.txt" and "/work/c/a.txt" agree. An empty path matches
// nothing. Symbolic links are not resolved: a review names where the report
// was, not what it pointed to.
func SamePath(a, b string) bool {
	ka, ok1 := pathKey(a)
	kb, ok2 := pathKey(b)
	return ok1 && ok2 && ka == kb
}

// pathKey is the form of a path SamePath compares: absolute and cleaned.
func pathKey(p string) (string, bool) {
	if p == "" {
		return "", false
	}
	abs, err := filepath.Abs(p)
	return abs, err == nil
}

// Problems returns the lines that could not be read, in file order.
func (s *Store) Problems() []Problem {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.problems)
}
