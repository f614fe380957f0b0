package corpus

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// The index file of the extraction cache is
//
//	a header line, padded with spaces to headerSize bytes:
//	  gitui-index 2 "<extract.Version>" <schema fingerprint> <reports> <texts bytes> <records bytes> <crc32c of sums>
//	texts: the bytes every string of every report is a slice of
//	records: one per report (see appendRecord): the file's key, size,
//	  modification time and when it was read, then the length of the
//	  rest, which holds offsets into texts
//	sums: the CRC-32C of each indexBlock bytes of texts and records,
//	  little-endian uint32s, so that blocks can be read and checked in
//	  parallel
//
// A reader keeps texts as one string for as long as its reports live, and
// every Source, Text, packed figure list and agency is a slice of it, so
// that opening reads the file once and copies nothing.
//
// Opening does not wait for texts. It reads the records (a few per cent
// of the file, at its end) and knows every file's key, size and time;
// the blocks of texts are read and checked in the background, in order,
// and a report is decoded, and its offsets checked, when its file is
// looked up, after the blocks it uses. A load walks files in the order
// the index was written, so the first reports wait only for the first
// blocks rather than for the whole index.

const (
	indexMagic = "gitui-index 2"
	headerSize = 256
	indexBlock = 16 << 20
)

var crc32c = crc32.MakeTable(crc32.Castagnoli)

var errCorrupt = errors.New("corrupt cache index")

// ref is a string of texts: its offset and length.
type ref struct{ off, n uint64 }

// indexWriter writes an index: texts go to the file as they come, records
// are kept until the texts end.
type indexWriter struct {
	w       *bufio.Writer
	size    uint64         // of texts so far
	records []byte         // finished records
	body    []byte         // of the record being written
	shared  map[string]ref // strings written once for many reports
}

func (w *indexWriter) text(s string) ref {
	w.w.WriteString(s)
	r := ref{w.size, uint64(len(s))}
	w.size += uint64(len(s))
	return r
}

// share writes s once for the index: check IDs, numbers, field lists,
// encodings and formats repeat across reports.
func (w *indexWriter) share(s string) ref {
	if r, ok := w.shared[s]; ok {
		return r
	}
	r := w.text(s)
	w.shared[s] = r
	return r
}

func (w *indexWriter) uvarint(v uint64) { w.body = binary.AppendUvarint(w.body, v) }

func (w *indexWriter) ref(r ref) {
	w.uvarint(r.off)
	w.uvarint(r.n)
}

// list writes a count for a list of n, or 0 for a nil list, so that what
// reads back is what was written.
func (w *indexWriter) list(n int, isNil bool) {
	if isNil {
		w.uvarint(0)
		return
	}
	w.uvarint(uint64(n) + 1)
}

// appendRecord writes the record of rep, keyed by key, and its strings.
// What a lookup needs comes first, in the record itself; the rest is read
// when the report is used.
func (w *indexWriter) appendRecord(key string, rep *Report) {
	w.records = binary.AppendUvarint(w.records, uint64(len(key)))
	w.records = append(w.records, key...)
	w.records = binary.AppendVarint(w.records, rep.Size)
	w.records = binary.AppendVarint(w.records, rep.ModTime.UnixNano())
	w.records = binary.AppendVarint(w.records, rep.readAt.UnixNano())

	w.body = w.body[:0]
	w.ref(w.text(rep.SHA256))
	w.ref(w.share(rep.Encoding))
	w.ref(w.text(rep.Agency))
	w.body = binary.AppendVarint(w.body, int64(rep.Year))
	w.ref(w.share(string(rep.Format)))
	w.ref(w.text(rep.Published))
	w.list(len(rep.Problems), rep.Problems == nil)
	for _, p := range rep.Problems {
		w.ref(w.text(p))
	}
	w.ref(w.text(rep.Source))
	if !rep.Rendered() {
		w.uvarint(0)
	} else {
		w.uvarint(1)
		w.ref(w.text(rep.Text))
		w.ref(w.text(rep.toSource.runs))
	}
	w.ref(w.text(rep.figures))
	w.ref(w.text(rep.values))
	// A check's name and field list are numbers of this process's tables:
	// the index holds them spelled out.
	w.uvarint(uint64(rep.NumChecks()))
	for i := range rep.NumChecks() {
		c := rep.check(i)
		w.ref(w.share(checkNames.at(c.name)))
		if fields := checkLists.at(c.list); fields == nil {
			w.uvarint(0)
		} else {
			w.uvarint(1)
			w.ref(w.share(strings.Join(fields, "\x00")))
		}
		w.uvarint(uint64(c.eoff))
		w.uvarint(uint64(c.elen))
		w.uvarint(uint64(c.aoff))
		w.uvarint(uint64(c.alen))
		if c.ok {
			w.uvarint(1)
		} else {
			w.uvarint(0)
		}
	}
	w.records = binary.AppendUvarint(w.records, uint64(len(w.body)))
	w.records = append(w.records, w.body...)
}

// writeIndex writes the index of reports to path, atomically.
// It stops, writing nothing, when ctx is cancelled.
func writeIndex(ctx context.Context, path, version, schemaFP string, keys []string, reports []*Report) (err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("cache index %s: %w", path, err)
	}
	removeStaleTemps(filepath.Dir(path))
	f, err := os.CreateTemp(filepath.Dir(path), indexTemp)
	if err != nil {
		return fmt.Errorf("cache index %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(make([]byte, headerSize)); err != nil {
		return fmt.Errorf("cache index %s: %w", path, err)
	}
	sums := &blockSums{w: f}
	w := &indexWriter{w: bufio.NewWriterSize(sums, 1<<20), shared: make(map[string]ref)}
	for i, rep := range reports {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		w.appendRecord(keys[i], rep)
	}
	texts := w.size
	w.w.Write(w.records)
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("cache index %s: %w", path, err)
	}
	trailer := sums.trailer()
	if _, err := f.Write(trailer); err != nil {
		return fmt.Errorf("cache index %s: %w", path, err)
	}
	crc := crc32.Checksum(trailer, crc32c)
	head := fmt.Sprintf("%s %s %s %d %d %d %08x", indexMagic, strconv.Quote(version), schemaFP,
		len(reports), texts, len(w.records), crc)
	if len(head) >= headerSize {
		return fmt.Errorf("cache index %s: header too long", path)
	}
	head += strings.Repeat(" ", headerSize-1-len(head)) + "\n"
	if _, err := f.WriteAt([]byte(head), 0); err != nil {
		return fmt.Errorf("cache index %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cache index %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("cache index %s: %w", path, err)
	}
	return nil
}

// indexTemp names the temporary files of writeIndex.
const indexTemp = ".index-*"

// removeStaleTemps removes the temporary files of writes that a process
// ended before they were renamed, leaving those of writes that may still
// be going on in another process.
func removeStaleTemps(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, indexTemp))
	for _, name := range names {
		if fi, err := os.Lstat(name); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > time.Hour {
			os.Remove(name)
		}
	}
}

// readIndex reads the index at path, made by this extractor version over
// this schema, into entries by key. A missing, foreign or damaged index
// is an error, and no entry of it is used. It returns once the records
// are read and checked: the texts are read on in the background, and an
// entry's report is checked when it is first used (indexEntry.report).
func readIndex(path, version, schemaFP string) (map[string]*indexEntry, error) {
	// A tampered cache could hold a named pipe or a link to a device.
	f, fi, err := openRegular(path, 0)
	if err != nil {
		return nil, err
	}
	closeFile := true
	defer func() {
		if closeFile {
			f.Close()
		}
	}()
	head := make([]byte, headerSize)
	if _, err := io.ReadFull(f, head); err != nil {
		return nil, errCorrupt
	}
	var (
		magic1, magic2, quoted, fp string
		n, textsLen, recordsLen    int64
		crc                        uint32
	)
	if _, err := fmt.Sscanf(string(head), "%s %s %s %s %d %d %d %x", &magic1, &magic2, &quoted, &fp,
		&n, &textsLen, &recordsLen, &crc); err != nil {
		return nil, errCorrupt
	}
	if magic1+" "+magic2 != indexMagic || quoted != strconv.Quote(version) || fp != schemaFP {
		return nil, errors.New("cache index of another version")
	}
	if n < 0 || textsLen < 0 || recordsLen < 0 || n > recordsLen || textsLen+recordsLen > fi.Size() {
		return nil, errCorrupt
	}
	body := textsLen + recordsLen
	blocks := (body + indexBlock - 1) / indexBlock
	if headerSize+body+4*blocks != fi.Size() {
		return nil, errCorrupt
	}
	sums := make([]byte, 4*blocks)
	if _, err := f.ReadAt(sums, headerSize+body); err != nil || crc32.Checksum(sums, crc32c) != crc {
		return nil, errCorrupt
	}
	t := &indexTexts{f: f, buf: make([]byte, body), sums: sums, blocks: make([]indexBlockState, blocks)}
	for k := range t.blocks {
		t.blocks[k].done = make(chan struct{})
	}
	// The blocks holding records are read first, and must all be sound.
	first := int(textsLen / indexBlock)
	t.read(first, int(blocks))
	for k := first; k < int(blocks); k++ {
		if t.blocks[k].state.Load() != blockSound {
			return nil, errCorrupt
		}
	}
	// Every report's strings are slices of texts, which is the buffer
	// read rather than a copy of it: at 100,000 reports the copy took a
	// tenth of a second and as much memory again. The background read
	// below still writes blocks of it, but no byte of a block is read
	// before the block is marked sound (indexTexts.ready), after it was
	// written; nothing writes to a block after that.
	t.texts = unsafe.String(unsafe.SliceData(t.buf), textsLen)
	entries, err := scanRecords(t.buf[textsLen:], n, t)
	if err != nil {
		return nil, err
	}
	t.pool.New = func() any { return &recordReader{names: make(map[ref]uint16), lists: make(map[ref]uint16)} }
	closeFile = false
	go func() {
		defer f.Close()
		t.read(0, first)
	}()
	return entries, nil
}

// indexTexts is the body of one index being read: the texts, and the
// blocks of them read and checked so far.
type indexTexts struct {
	f      *os.File
	buf    []byte // texts and records, as in the file after its header
	texts  string // buf's texts
	sums   []byte
	blocks []indexBlockState
	pool   sync.Pool // of *recordReader, whose names and lists hold refs of this index
}

// indexBlockState says whether one block of an index was read and matched
// its sum; done is closed once state is set.
type indexBlockState struct {
	state atomic.Int32
	done  chan struct{}
}

const (
	blockPending = iota
	blockSound
	blockBad
)

// read reads blocks [from, to) of t, a block to a core, in order, marking
// each sound or bad.
func (t *indexTexts) read(from, to int) {
	var next atomic.Int64
	next.Store(int64(from))
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(to-from, 0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= to {
					return
				}
				b := t.buf[k*indexBlock : min((k+1)*indexBlock, len(t.buf))]
				st := int32(blockSound)
				if _, err := t.f.ReadAt(b, headerSize+int64(k)*indexBlock); err != nil ||
					crc32.Checksum(b, crc32c) != binary.LittleEndian.Uint32(t.sums[4*k:]) {
					st = blockBad
				}
				t.blocks[k].state.Store(st)
				close(t.blocks[k].done)
			}
		}()
	}
	wg.Wait()
}

// ready waits until the blocks holding texts[off:off+n] are read, and
// reports whether they are sound.
func (t *indexTexts) ready(off, n uint64) bool {
	if n == 0 {
		return true
	}
	for k := off / indexBlock; k <= (off+n-1)/indexBlock; k++ {
		b := &t.blocks[k]
		st := b.state.Load()
		if st == blockPending {
			<-b.done
			st = b.state.Load()
		}
		if st != blockSound {
			return false
		}
	}
	return true
}

// decode reads the report of e from its record, or returns nil if the
// record does not hold one.
func (t *indexTexts) decode(e *indexEntry) *Report {
	r := t.pool.Get().(*recordReader)
	defer t.pool.Put(r)
	r.b, r.texts, r.ready, r.err = e.body, t.texts, t.ready, nil
	rep := r.report(e)
	if r.err != nil || len(r.b) != 0 {
		return nil
	}
	return rep
}

// blockSums passes writes on to w, summing each indexBlock bytes.
type blockSums struct {
	w    io.Writer
	n    int // bytes of the current block so far
	cur  uint32
	sums []byte
}

func (b *blockSums) Write(p []byte) (int, error) {
	for q := p; len(q) > 0; {
		k := min(len(q), indexBlock-b.n)
		b.cur = crc32.Update(b.cur, crc32c, q[:k])
		b.n += k
		q = q[k:]
		if b.n == indexBlock {
			b.sums = binary.LittleEndian.AppendUint32(b.sums, b.cur)
			b.cur, b.n = 0, 0
		}
	}
	return b.w.Write(p)
}

// trailer returns the sums, the last block's included.
func (b *blockSums) trailer() []byte {
	if b.n > 0 {
		b.sums = binary.LittleEndian.AppendUint32(b.sums, b.cur)
		b.cur, b.n = 0, 0
	}
	return b.sums
}

// scanRecords reads the heads of the n records of records: each file's
// key, size and times, and where the rest of its record lies.
func scanRecords(records []byte, n int64, t *indexTexts) (map[string]*indexEntry, error) {
	// Sized by what the records hold rather than by n alone: a forged
	// count would otherwise allocate before any record is read.
	entries := make(map[string]*indexEntry, min(n, 1<<17))
	r := &recordReader{b: records}
	var batch []indexEntry // entries are allocated a batch at a time
	for range n {
		if len(batch) == cap(batch) {
			batch = make([]indexEntry, 0, 1024)
		}
		batch = batch[:len(batch)+1]
		e := &batch[len(batch)-1]
		key, body := r.head(e)
		if r.err != nil {
			return nil, r.err
		}
		e.body, e.texts = body, t
		entries[key] = e
	}
	if len(r.b) != 0 {
		return nil, errCorrupt
	}
	return entries, nil
}

// recordReader reads records, remembering the first error.
type recordReader struct {
	b     []byte
	texts string
	// ready waits for texts[off:off+n] to be read, reporting whether it
	// is sound; nil when all of texts is.
	ready func(off, n uint64) bool
	err   error
	names map[ref]uint16 // of checks, as numbered in this process
	lists map[ref]uint16 // field lists of checks, likewise
	// lastNames and lastLists are what the last records' checks had, by
	// position (see remember).
	lastNames, lastLists []refNumber
	seen                 []uint16 // values checked, by offset (see checkValues)
}

func (r *recordReader) fail() { r.err, r.b = errCorrupt, nil }

func (r *recordReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *recordReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// bytes reads a length and that many bytes.
func (r *recordReader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	b := r.b[:n:n]
	r.b = r.b[n:]
	return b
}

func (r *recordReader) ref() ref {
	x := ref{r.uvarint(), r.uvarint()}
	if x.off > uint64(len(r.texts)) || x.n > uint64(len(r.texts))-x.off ||
		r.ready != nil && !r.ready(x.off, x.n) {
		r.fail()
		return ref{}
	}
	return x
}

func (r *recordReader) string() string {
	x := r.ref()
	return r.texts[x.off : x.off+x.n]
}

// count reads a list count written by indexWriter.list: -1 for nil. Each
// element takes at least two bytes of the record, which bounds what a
// forged count can make the reader allocate.
func (r *recordReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b))/2+1 {
		r.fail()
		return -1
	}
	return int(n) - 1
}

// number reads where a check's number lies in values, which must hold
// one as Number.String prints it there.
func (r *recordReader) number(values string) (uint32, uint8) {
	off, n := r.uvarint(), r.uvarint()
	if off > uint64(len(values)) || n > math.MaxUint8 || n > uint64(len(values))-off {
		r.fail()
		return 0, 0
	}
	// A number checked already, as a figure's value or another check's,
	// is not checked again (seen: see checkValues, which runs first).
	if s := values[off : off+n]; s != "" && r.seen[off] != uint16(n)+1 {
		if !extract.IsCanonical(s) {
			r.fail()
		}
		r.seen[off] = uint16(n) + 1
	}
	return uint32(off), uint8(n)
}

// name reads the name of check i of a record, as numbered in this
// process. A name that is refused is not remembered: the reader goes on
// to other records.
func (r *recordReader) name(i int) uint16 {
	x := r.ref()
	if r.err != nil {
		return 0
	}
	if i < len(r.lastNames) && r.lastNames[i].ok && r.lastNames[i].x == x {
		return r.lastNames[i].n
	}
	n, ok := r.names[x]
	if !ok {
		var err error
		if n, err = nameNumber(r.texts[x.off : x.off+x.n]); err != nil {
			r.fail()
			return 0
		}
		r.names[x] = n
	}
	r.lastNames = remember(r.lastNames, i, x, n)
	return n
}

// refNumber is the number read for the string at x; ok is false for a
// position not read yet.
type refNumber struct {
	x  ref
	n  uint16
	ok bool
}

// remember records in last that check i had the string at x, numbered n:
// reports of one shape list the same checks in the same order, so the
// next record's check i most often has it too, and needs no map lookup.
func remember(last []refNumber, i int, x ref, n uint16) []refNumber {
	for len(last) <= i {
		last = append(last, refNumber{})
	}
	last[i] = refNumber{x, n, true}
	return last
}

// checkValues checks that every figure of rep lies in its text and
// values, and that its value reads as a Number, each distinct one once:
// Field takes them for granted.
func (r *recordReader) checkValues(rep *Report) {
	if len(rep.figures)%figureSize != 0 {
		r.fail()
		return
	}
	// seen[off] is 1 + the length of the value checked at off (a length
	// is a uint8: one more needs more).
	r.seen = append(r.seen[:0], make([]uint16, len(rep.values)+1)...)
	for i := 0; r.err == nil && i < rep.NumFields(); i++ {
		p := rep.figure(i)
		if !p.inBounds(rep.Source, rep.values) {
			r.fail()
			return
		}
		if p.vlen == 0 || r.seen[p.off] == uint16(p.vlen)+1 {
			continue
		}
		v := rep.values[p.off : p.off+uint32(p.vlen)]
		if !extract.IsCanonical(v) {
			r.fail()
			return
		}
		r.seen[p.off] = uint16(p.vlen) + 1
	}
}

// head reads the head of a record into e, returning the file's key and
// the rest of the record. The key is a slice of r.b, with no copy.
func (r *recordReader) head(e *indexEntry) (string, []byte) {
	key := r.bytes()
	e.size, e.mtime, e.readAt = r.varint(), r.varint(), r.varint()
	body := r.bytes()
	if r.err != nil {
		return "", nil
	}
	return unsafe.String(unsafe.SliceData(key), len(key)), body
}

// report reads the rest of e's record, in r.b, into a report. Every offset
// is checked against the strings it indexes; a record that does not fit
// is corrupt.
func (r *recordReader) report(e *indexEntry) *Report {
	rep := &Report{SHA256: r.string(), Encoding: r.string(), Size: e.size}
	rep.ModTime = time.Unix(0, e.mtime)
	rep.readAt = time.Unix(0, e.readAt)
	rep.Agency = r.string()
	rep.Year = int(r.varint())
	rep.Format = schema.Format(r.string())
	rep.Published = r.string()
	if n := r.count(); n >= 0 {
		rep.Problems = make([]string, n)
		for i := range rep.Problems {
			rep.Problems[i] = r.string()
		}
	}
	rep.Source = r.string()
	rep.Text = rep.Source
	switch r.uvarint() {
	case 0:
	case 1:
		rep.Text = r.string()
		rep.toSource = offsetMap{runs: r.string(), n: len(rep.Text) + 1}
		if !rep.toSource.valid(len(rep.Text), len(rep.Source)) {
			r.fail()
		}
	default:
		r.fail()
	}
	rep.figures = r.string()
	rep.values = r.string()
	r.checkValues(rep)
	// A check takes at least eight bytes of the record.
	if n := r.uvarint(); n > uint64(len(r.b))/8 {
		r.fail()
	} else if n > 0 {
		checks := make([]byte, 0, n*checkSize)
		for i := range int(n) {
			c := check{name: r.name(i)}
			switch r.uvarint() {
			case 0:
				c.list = nilList
			case 1:
				c.list = r.list(i)
			default:
				r.fail()
			}
			c.eoff, c.elen = r.number(rep.values)
			c.aoff, c.alen = r.number(rep.values)
			switch r.uvarint() {
			case 0:
			case 1:
				c.ok = true
			default:
				r.fail()
			}
			checks = c.append(checks)
		}
		// checks is not written to again: the string shares its bytes.
		rep.checks = unsafe.String(unsafe.SliceData(checks), len(checks))
	}
	if r.err != nil {
		return nil
	}
	return rep
}

// list reads the field list of check i of a record, as numbered in this
// process; like name, a refused list is not remembered.
func (r *recordReader) list(i int) uint16 {
	x := r.ref()
	if r.err != nil {
		return 0
	}
	if i < len(r.lastLists) && r.lastLists[i].ok && r.lastLists[i].x == x {
		return r.lastLists[i].n
	}
	n, ok := r.lists[x]
	if !ok {
		l := []string{}
		if s := r.texts[x.off : x.off+x.n]; s != "" {
			// No list is longer than the schema (listNumber holds it to
			// the schema's IDs): a longer one is refused before it is
			// split.
			if strings.Count(s, "\x00") >= len(schema.All()) {
				r.fail()
				return 0
			}
			l = strings.Split(s, "\x00")
		}
		var err error
		if n, err = listNumber(l); err != nil {
			r.fail()
			return 0
		}
		r.lists[x] = n
	}
	r.lastLists = remember(r.lastLists, i, x, n)
	return n
}
