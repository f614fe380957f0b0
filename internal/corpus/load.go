package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"syscall"
	"time"

	"gitui/internal/extract"
)

// Options configure a load. The zero value is usable.
type Options struct {
	Workers int   // extraction workers; 0 means runtime.GOMAXPROCS(0)
	MaxSize int64 // bytes; larger files become problems; 0 means 50 MiB
	// CacheDir holds the extraction cache (see DefaultCacheDir); ""
	// disables it. Files without a modification time, such as those of an
	// embed.FS, are never cached.
	CacheDir string
	// Budget is how long extracting one file may take before the file
	// becomes a problem, plus a second for every MiB of its text, so that
	// a long report is not taken for a stuck one; 0 means DefaultBudget
	// (reports take about a millisecond each). Extraction is a pure
	// function that cannot be interrupted: a file over budget is reported
	// at once and its extraction runs on in the background, its result
	// discarded.
	Budget time.Duration
	// Unpacked keeps each report's figures and checks as the extractor
	// gives them rather than packed (see packed.go), for a load whose
	// reports are each used once and dropped, as gitui extract writes
	// each report's line and forgets it: packing the figures to hold
	// them and reading them back was a twelfth of that command's work.
	// Reports extracted so are not written to the cache.
	Unpacked bool

	// extractor and version replace extract.Extract and
	// extract.Version in tests.
	extractor func(string) extract.Result
	version   string
	// cache returns the cache opened from CacheDir, waiting until the
	// records of its index are read; nil without one.
	cache func() *cache
}

// Batches of files between the load's collector and its workers.
const (
	batchMax     = 64
	batchLatency = 20 * time.Millisecond
)

// Defaults of Options.
const (
	DefaultMaxSize = 50 << 20
	DefaultBudget  = 5 * time.Second
)

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.Budget <= 0 {
		o.Budget = DefaultBudget
	}
	if o.extractor == nil {
		o.extractor = extract.Extract
	}
	if o.version == "" {
		o.version = extract.Version
	}
	return o
}

// Event is one step of a streaming load: exactly one of Report, Problem,
// Skipped is set, or none on a pure progress event. Done/Total count files
// decided so far / found so far (Total grows while walking; Walked is true
// once the walk has finished and Total is final). Every file found, skipped
// files included, is decided by exactly one event with Report, Problem or
// Skipped set.
type Event struct {
	Report  *Report
	Problem *Problem
	Skipped string
	// Seq is the place of the file decided (with Report, Problem or
	// Skipped set) in the order the walk found it, from 0: roots in the
	// order given, folders in name order. Callers that write the files out
	// in that order, as they are decided, need not hold them all.
	Seq    int
	Done   int
	Total  int
	Walked bool
}

// Corpus is a finished load, reports sorted by path.
type Corpus struct {
	Reports  []*Report
	Problems []*Problem
	Skipped  []string
}

// job is a file for a worker to load, and its Event.Seq.
type job struct {
	path string
	seq  int
}

// found is one thing the walk came across: a file to load, a file to skip,
// or a problem.
type found struct {
	path    string
	skipped bool
	problem *Problem
}

// files is where a load finds and reads files: the operating system or an
// fs.FS.
type files interface {
	// walk calls emit for everything under the roots, stopping early when
	// emit returns false.
	walk(emit func(found) bool)
	// read returns the contents and modification time of a file found by
	// walk, failing for files over max bytes. The contents are a buffer
	// of their own, the caller's: a report's text may be that buffer.
	read(path string, max int64) ([]byte, time.Time, error)
	// stat returns the size and modification time of a regular file
	// found by walk; the time is zero where there is none.
	stat(path string) (int64, time.Time, error)
}

// Load walks roots (folders walked recursively, or files) and streams
// events; the channel closes when all files are decided or ctx is
// cancelled.
//
// In folders, files with a report extension (.txt, .html, .htm, .md) are
// loaded and other files are Skipped; a file named as a root is loaded
// whatever its extension. Folders named .gitui (gitui's own data) are not
// entered. Symbolic links are followed; a link that leads back to a folder
// it is in, or to a folder that another link already led to, becomes a
// Problem.
func Load(ctx context.Context, roots []string, opt Options) <-chan Event {
	return load(ctx, osFiles{roots: roots}, opt)
}

// LoadFS is Load over an fs.FS (the embedded samples: samples.FS()): every
// report file in fsys is loaded.
func LoadFS(ctx context.Context, fsys fs.FS, opt Options) <-chan Event {
	return load(ctx, fsFiles{fsys}, opt)
}

// LoadAll loads roots completely. Its error is only for a cancelled ctx or
// a root that does not exist or cannot be read; problems with single files
// are in the Corpus.
func LoadAll(ctx context.Context, roots []string, opt Options) (*Corpus, error) {
	for _, root := range roots {
		if _, err := os.Stat(root); err != nil {
			return nil, fmt.Errorf("load %s: %w", root, err)
		}
	}
	return collect(ctx, Load(ctx, roots, opt))
}

// LoadAllFS loads every report file of fsys.
func LoadAllFS(ctx context.Context, fsys fs.FS, opt Options) (*Corpus, error) {
	return collect(ctx, LoadFS(ctx, fsys, opt))
}

func collect(ctx context.Context, events <-chan Event) (*Corpus, error) {
	c := &Corpus{}
	for ev := range events {
		switch {
		case ev.Report != nil:
			c.Reports = append(c.Reports, ev.Report)
		case ev.Problem != nil:
			c.Problems = append(c.Problems, ev.Problem)
		case ev.Skipped != "":
			c.Skipped = append(c.Skipped, ev.Skipped)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sort.Slice(c.Reports, func(i, j int) bool { return c.Reports[i].Path < c.Reports[j].Path })
	sort.SliceStable(c.Problems, func(i, j int) bool { return c.Problems[i].Path < c.Problems[j].Path })
	sort.Strings(c.Skipped)
	return c, nil
}

// load runs one load: a walker goroutine finds files, workers read and
// parse them, and a collector goroutine owns the counts and sends every
// event, so Done and Total only grow.
func load(ctx context.Context, src files, opt Options) <-chan Event {
	opt = opt.withDefaults()
	// Files go to workers and come back in batches: a file the cache
	// knows takes a few microseconds, less than handing it from one
	// goroutine to another.
	out := make(chan Event, batchMax)
	foundc := make(chan found, batchMax)
	jobs := make(chan []job)
	results := make(chan []Event)

	go func() {
		defer close(foundc)
		src.walk(func(f found) bool {
			select {
			case foundc <- f:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	// The cache's index is read while the walk starts and workers stat
	// the first files.
	var (
		c          *cache
		cacheReady = make(chan struct{})
	)
	go func() {
		defer close(cacheReady)
		if opt.CacheDir != "" {
			c = newCache(opt.CacheDir, opt.version)
		}
	}()
	opt.cache = func() *cache {
		<-cacheReady
		return c
	}
	for range opt.Workers {
		go func() {
			ex := newExtractor(opt)
			defer ex.stop()
			for batch := range jobs {
				// Results go back when the batch is done, or sooner
				// when it is slow, so that progress keeps moving.
				var evs []Event
				last := time.Now()
				for i, j := range batch {
					if ctx.Err() != nil {
						return
					}
					ev := loadOne(ctx, src, j.path, opt, ex)
					ev.Seq = j.seq
					evs = append(evs, ev)
					if i < len(batch)-1 && time.Since(last) < batchLatency {
						continue
					}
					select {
					case results <- evs:
					case <-ctx.Done():
						return
					}
					evs, last = nil, time.Now()
				}
			}
		}()
	}
	go func() {
		defer close(out)
		defer close(jobs)
		var (
			pending  []job
			inflight int
			done     int
			total    int
			walked   bool
		)
		send := func(ev Event) bool {
			ev.Done, ev.Total, ev.Walked = done, total, walked
			select {
			case out <- ev:
				return true
			case <-ctx.Done():
				return false
			}
		}
		var loaded []*Report // for the cache's index
		in := foundc
		for in != nil || len(pending) > 0 || inflight > 0 {
			var next []job
			var jobc chan<- []job
			if len(pending) > 0 {
				// Batches shrink as the pending files run out, so that
				// the last ones are shared among the workers.
				n := min(len(pending), max(1, len(pending)/(2*opt.Workers)), batchMax)
				next, jobc = pending[:n:n], jobs
			}
			select {
			case <-ctx.Done():
				return
			case f, ok := <-in:
				if !ok {
					in, walked = nil, true
					if !send(Event{}) {
						return
					}
					continue
				}
				total++
				ev := Event{Seq: total - 1}
				switch {
				case f.problem != nil:
					ev.Problem = f.problem
				case f.skipped:
					ev.Skipped = f.path
				default:
					pending = append(pending, job{f.path, total - 1})
					if total%100 == 0 && !send(Event{}) {
						return
					}
					continue
				}
				done++
				if !send(ev) {
					return
				}
			case jobc <- next:
				pending = pending[len(next):]
				inflight += len(next)
			case evs := <-results:
				for _, ev := range evs {
					inflight--
					done++
					// Files without a time (an fs.FS) are never
					// cached: nothing would tell a changed one.
					if ev.Report != nil && opt.CacheDir != "" && !ev.Report.ModTime.IsZero() && ev.Report.unpacked == nil {
						loaded = append(loaded, ev.Report)
					}
					if !send(ev) {
						return
					}
				}
			}
		}
		if c := opt.cache(); c != nil {
			// A cache that cannot be written costs time on the next
			// load, never a report: the error is dropped.
			_ = c.update(ctx, loaded)
		}
	}()
	return out
}

// loadOne reads and parses one file, taking its Result from the cache
// when the cache has it, and extracting with ex, within the time budget,
// otherwise.
func loadOne(ctx context.Context, src files, path string, opt Options, ex *extractor) Event {
	var c *cache
	if opt.CacheDir != "" {
		size, mtime, err := src.stat(path)
		c = opt.cache()
		if err == nil && !mtime.IsZero() {
			if e := c.lookup(path, size, mtime); e != nil && !e.racy() {
				return Event{Report: e.hit(path, e.readAt)}
			}
		}
	}
	readAt := time.Now()
	raw, mtime, err := src.read(path, opt.MaxSize)
	if err != nil {
		return Event{Problem: &Problem{Path: path, Step: "read", Err: err}}
	}
	// raw was read for this report alone: its text may be raw itself.
	rep, err := decodeReport(path, raw, true)
	if err != nil {
		return Event{Problem: asProblem(path, err)}
	}
	rep.ModTime, rep.readAt = mtime, readAt
	raw = nil // only Source is kept
	if mtime.IsZero() {
		c = nil // nothing to tell a changed file by
	}
	if c != nil {
		// An entry whose file may have changed unseen is used only if the
		// file still has its content.
		if e := c.lookup(path, rep.Size, mtime); e != nil && e.rep.SHA256 == rep.SHA256 && e.rep.Encoding == rep.Encoding {
			return Event{Report: e.hit(path, readAt.UnixNano())}
		}
	}
	budget := opt.Budget + time.Duration(len(rep.Text)>>20)*time.Second
	if err := ex.run(ctx, rep, budget); err != nil {
		return Event{Problem: asProblem(path, err)}
	}
	return Event{Report: rep}
}

// extractor extracts the reports of one worker of a load on a goroutine of
// its own, so that an extraction over its budget (a pure function, which
// cannot be interrupted) is left to run on while the worker goes on. The
// goroutine serves report after report: one started per report grew and
// copied its stack each time, and took a timer and a channel.
type extractor struct {
	extract  func(string) extract.Result
	unpacked bool
	jobs     chan *Report // to the goroutine
	done     chan error   // its result for the last report sent
	timer    *time.Timer
}

func newExtractor(opt Options) *extractor {
	ex := &extractor{extract: opt.extractor, unpacked: opt.Unpacked, timer: time.NewTimer(time.Hour)}
	ex.timer.Stop()
	ex.start()
	return ex
}

// start starts a goroutine with channels of its own: one abandoned keeps
// its done, where its late result goes unread.
func (ex *extractor) start() {
	jobs, done := make(chan *Report), make(chan error, 1)
	ex.jobs, ex.done = jobs, done
	extract, unpacked := ex.extract, ex.unpacked
	go func() {
		for rep := range jobs {
			done <- rep.extract(extract, unpacked)
		}
	}()
}

// run extracts rep, and fails if that takes longer than budget or ctx
// ends first, leaving the extraction to finish unseen.
func (ex *extractor) run(ctx context.Context, rep *Report, budget time.Duration) error {
	ex.jobs <- rep
	ex.timer.Reset(budget)
	defer ex.timer.Stop()
	select {
	case err := <-ex.done:
		return err
	case <-ex.timer.C:
		ex.abandon()
		return &Problem{Path: rep.Path, Step: "extract", Err: fmt.Errorf("took longer than %v; abandoned", budget)}
	case <-ctx.Done():
		ex.abandon()
		return &Problem{Path: rep.Path, Step: "extract", Err: ctx.Err()}
	}
}

// abandon leaves the goroutine to its extraction, to end after it, and
// starts another for the reports to come.
func (ex *extractor) abandon() {
	close(ex.jobs)
	ex.start()
}

// stop ends the goroutine once its extraction, if any, is done.
func (ex *extractor) stop() { close(ex.jobs) }

func asProblem(path string, err error) *Problem {
	var prob *Problem
	if !errors.As(err, &prob) {
		prob = &Problem{Path: path, Step: "parse", Err: err}
	}
	return prob
}

// ErrTooLarge is the error of a Problem for a file over Options.MaxSize.
var ErrTooLarge = errors.New("file too large")

// readLimited reads all of f, failing if it has more than max bytes.
func readLimited(f io.Reader, size, max int64) ([]byte, error) {
	if size > max {
		return nil, fmt.Errorf("%w: %d bytes, over the limit of %d", ErrTooLarge, size, max)
	}
	// Read into a buffer of the size stat gave, one byte over so that a
	// file that grew since is seen to; io.ReadAll would grow its buffer
	// from 512 bytes, copying as it goes.
	if size < 0 {
		size = 0
	}
	raw := make([]byte, 0, size+1)
	for {
		n, err := f.Read(raw[len(raw):cap(raw)])
		raw = raw[:len(raw)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if int64(len(raw)) > max {
			break
		}
		if len(raw) == cap(raw) {
			raw = append(raw, 0)[:len(raw)] // grown since stat
		}
	}
	if int64(len(raw)) > max {
		return nil, fmt.Errorf("%w: over the limit of %d bytes", ErrTooLarge, max)
	}
	return raw, nil
}

// osFiles are files of the operating system.
type osFiles struct{ roots []string }

func (o osFiles) read(path string, max int64) ([]byte, time.Time, error) {
	return readRegular(path, max)
}

// readFile reads the regular file at path, of max bytes at most, and
// returns its modification time. readRegular is readFile, or the same by
// system calls of its own where an os.File costs more than reading a
// report (see read_linux.go).
func readFile(path string, max int64) ([]byte, time.Time, error) {
	f, info, err := openRegular(path, 0)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	raw, err := readLimited(f, info.Size(), max)
	return raw, info.ModTime(), err
}

// openRegular opens the regular file at path for reading, with flags
// added (syscall.O_NOFOLLOW, say), and returns its FileInfo. It opens
// without blocking and checks the kind before any read: opening a named
// pipe no one writes to would otherwise block forever, and a device such
// as /dev/zero would never end. Regular files ignore O_NONBLOCK.
func openRegular(path string, flags int) (*os.File, os.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|flags, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = fmt.Errorf("%s: not a regular file (%v)", path, info.Mode().Type())
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

func (o osFiles) stat(path string) (int64, time.Time, error) {
	info, err := os.Stat(path)
	if err != nil {
		return 0, time.Time{}, err
	}
	if !info.Mode().IsRegular() {
		return 0, time.Time{}, fmt.Errorf("not a regular file (%v)", info.Mode().Type())
	}
	return info.Size(), info.ModTime(), nil
}

func (o osFiles) walk(emit func(found) bool) {
	w := &osWalk{emit: emit}
	for _, root := range o.roots {
		info, err := os.Stat(root)
		if err != nil {
			if !emit(found{path: root, problem: statProblem(root, err)}) {
				return
			}
			continue
		}
		if !info.IsDir() {
			if !emit(found{path: root}) {
				return
			}
			continue
		}
		if !w.dir(root, []os.FileInfo{info}) {
			return
		}
	}
}

// osWalk is one walk of the operating system's files.
type osWalk struct {
	emit func(found) bool
	// linked are the folders entered through a symbolic link, and their
	// paths: a folder that links reach twice is walked once, or links to
	// links could multiply the walk without end.
	linked      []os.FileInfo
	linkedPaths []string
}

// dir walks the folder dir, whose chain of folders from the root is
// ancestors, and returns false when emit asks to stop.
func (w *osWalk) dir(dir string, ancestors []os.FileInfo) bool {
	entries, err := os.ReadDir(dir)
	if err != nil && !w.emit(found{path: dir, problem: &Problem{Path: dir, Step: "walk", Err: err}}) {
		return false
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		typ := e.Type()
		link := typ&fs.ModeSymlink != 0
		var info os.FileInfo
		if link {
			if info, err = os.Stat(p); err != nil {
				if !w.emit(found{path: p, problem: statProblem(p, err)}) {
					return false
				}
				continue
			}
			typ = info.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if e.Name() == ".gitui" {
				continue
			}
			if info == nil {
				if info, err = os.Stat(p); err != nil {
					if !w.emit(found{path: p, problem: statProblem(p, err)}) {
						return false
					}
					continue
				}
			}
			if loopsTo(info, ancestors) >= 0 {
				prob := &Problem{Path: p, Step: "walk", Err: errors.New("symlink loop: leads back to an enclosing folder")}
				if !w.emit(found{path: p, problem: prob}) {
					return false
				}
				continue
			}
			if link {
				if i := loopsTo(info, w.linked); i >= 0 {
					prob := &Problem{Path: p, Step: "walk", Err: fmt.Errorf("symlink to a folder already walked as %s", w.linkedPaths[i])}
					if !w.emit(found{path: p, problem: prob}) {
						return false
					}
					continue
				}
				w.linked, w.linkedPaths = append(w.linked, info), append(w.linkedPaths, p)
			}
			if !w.dir(p, append(ancestors[:len(ancestors):len(ancestors)], info)) {
				return false
			}
		case !IsReportName(p):
			if !w.emit(found{path: p, skipped: true}) {
				return false
			}
		case !typ.IsRegular():
			prob := &Problem{Path: p, Step: "read", Err: fmt.Errorf("not a regular file (%v)", typ)}
			if !w.emit(found{path: p, problem: prob}) {
				return false
			}
		default:
			if !w.emit(found{path: p}) {
				return false
			}
		}
	}
	return true
}

// loopsTo returns the index of the ancestor that info is, or -1.
func loopsTo(info os.FileInfo, ancestors []os.FileInfo) int {
	for i, a := range ancestors {
		if os.SameFile(info, a) {
			return i
		}
	}
	return -1
}

// statProblem explains a failed stat, naming symlink loops and dangling
// links, which the bare errors do not make obvious.
func statProblem(path string, err error) *Problem {
	switch {
	case errors.Is(err, syscall.ELOOP):
		err = fmt.Errorf("symlink loop: %w", err)
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := os.Lstat(path); lerr == nil {
			err = fmt.Errorf("broken symlink: %w", err)
		}
	}
	return &Problem{Path: path, Step: "stat", Err: err}
}

// fsFiles are the files of an fs.FS.
type fsFiles struct{ fsys fs.FS }

func (f fsFiles) read(path string, max int64) ([]byte, time.Time, error) {
	file, err := f.fsys.Open(path)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	raw, err := readLimited(file, info.Size(), max)
	return raw, info.ModTime(), err
}

func (f fsFiles) stat(path string) (int64, time.Time, error) {
	info, err := fs.Stat(f.fsys, path)
	if err != nil {
		return 0, time.Time{}, err
	}
	return info.Size(), info.ModTime(), nil
}

func (f fsFiles) walk(emit func(found) bool) {
	stop := errors.New("stop")
	fs.WalkDir(f.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !emit(found{path: p, problem: &Problem{Path: p, Step: "walk", Err: err}}) {
				return stop
			}
			return nil
		}
		var ok bool
		switch {
		case d.IsDir() && d.Name() == ".gitui":
			return fs.SkipDir
		case d.IsDir():
			return nil
		case IsReportName(p) && d.Type().IsRegular():
			ok = emit(found{path: p})
		default:
			ok = emit(found{path: p, skipped: true})
		}
		if !ok {
			return stop
		}
		return nil
	})
}
