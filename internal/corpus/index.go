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
	"time"
	"unsafe"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// The index file of the extraction cache is
//
//	a header line, padded with spaces to headerSize bytes:
//	  gitui-index 1 "<extract.Version>" <schema fingerprint> <reports> <texts bytes> <records bytes> <crc32c of sums>
//	texts: the bytes every string of every report is a slice of
//	records: one per report (see appendRecord), in chunks of up to
//	  chunkRecords, each a uvarint count and byte length, so that
//	  chunks can be read in parallel
//	sums: the CRC-32C of each indexBlock bytes of texts and records,
//	  little-endian uint32s, so that blocks can be read and checked in
//	  parallel
//
// A reader keeps texts as one string
// for as long as its reports live, and every Source, Text, packed figure
// list and agency is a slice of it, so that opening reads the file once
// and copies nothing: records hold offsets into texts and few numbers.

const (
	indexMagic   = "gitui-index 1"
	headerSize   = 256
	chunkRecords = 1024
	indexBlock   = 16 << 20
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
	records []byte         // of the chunk being written
	count   int            // records in it
	chunks  []byte         // finished chunks
	shared  map[string]ref // strings written once for many reports
}

// endChunk finishes the chunk being written.
func (w *indexWriter) endChunk() {
	if w.count == 0 {
		return
	}
	w.chunks = binary.AppendUvarint(w.chunks, uint64(w.count))
	w.chunks = binary.AppendUvarint(w.chunks, uint64(len(w.records)))
	w.chunks = append(w.chunks, w.records...)
	w.records, w.count = w.records[:0], 0
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

func (w *indexWriter) uvarint(v uint64) { w.records = binary.AppendUvarint(w.records, v) }
func (w *indexWriter) varint(v int64)   { w.records = binary.AppendVarint(w.records, v) }

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
func (w *indexWriter) appendRecord(key string, rep *Report) {
	w.ref(w.text(key))
	w.ref(w.text(rep.SHA256))
	w.ref(w.share(rep.Encoding))
	w.varint(rep.Size)
	w.varint(rep.ModTime.UnixNano())
	w.varint(rep.readAt.UnixNano())
	w.ref(w.text(rep.Agency))
	w.varint(int64(rep.Year))
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
		if i%chunkRecords == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		w.appendRecord(keys[i], rep)
		if w.count++; w.count == chunkRecords {
			w.endChunk()
		}
	}
	w.endChunk()
	texts := w.size
	w.w.Write(w.chunks)
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("cache index %s: %w", path, err)
	}
	trailer := sums.trailer()
	if _, err := f.Write(trailer); err != nil {
		return fmt.Errorf("cache index %s: %w", path, err)
	}
	crc := crc32.Checksum(trailer, crc32c)
	head := fmt.Sprintf("%s %s %s %d %d %d %08x", indexMagic, strconv.Quote(version), schemaFP,
		len(reports), texts, len(w.chunks), crc)
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
// is an error, and no entry of it is used.
func readIndex(path, version, schemaFP string) (map[string]*indexEntry, error) {
	// A tampered cache could hold a named pipe or a link to a device.
	f, fi, err := openRegular(path, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
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
	buf := make([]byte, body)
	if err := readBlocks(f, buf, sums); err != nil {
		return nil, err
	}
	// Every report's strings are slices of texts, which is the buffer
	// read rather than a copy of it: at 100,000 reports the copy took a
	// tenth of a second and as much memory again. Nothing writes to buf
	// after this point. The records at its end stay with it (a few per
	// cent of the index).
	texts := unsafe.String(unsafe.SliceData(buf), textsLen)
	return readChunks(buf[textsLen:], texts, n)
}

// readBlocks reads buf from f after the header, a block to a core, and
// checks each block against its sum.
func readBlocks(f *os.File, buf []byte, sums []byte) error {
	blocks := make(chan int)
	errs := make(chan error, len(sums)/4)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range blocks {
				b := buf[k*indexBlock : min((k+1)*indexBlock, len(buf))]
				if _, err := f.ReadAt(b, headerSize+int64(k)*indexBlock); err != nil ||
					crc32.Checksum(b, crc32c) != binary.LittleEndian.Uint32(sums[4*k:]) {
					errs <- errCorrupt
				}
			}
		}()
	}
	for k := range len(sums) / 4 {
		blocks <- k
	}
	close(blocks)
	wg.Wait()
	close(errs)
	return <-errs // nil when none failed
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

// readChunks reads the n records of chunks, strings in texts, a chunk to
// a core.
func readChunks(chunks []byte, texts string, n int64) (map[string]*indexEntry, error) {
	type chunk struct {
		count   int
		records []byte
		keys    []string
		entries []*indexEntry
		err     error
	}
	var all []*chunk
	var total int64
	for len(chunks) > 0 {
		count, k := binary.Uvarint(chunks)
		if k <= 0 || count == 0 || count > chunkRecords {
			return nil, errCorrupt
		}
		chunks = chunks[k:]
		size, k := binary.Uvarint(chunks)
		if k <= 0 || size > uint64(len(chunks)-k) {
			return nil, errCorrupt
		}
		all = append(all, &chunk{count: int(count), records: chunks[k : k+int(size)]})
		chunks = chunks[k+int(size):]
		total += int64(count)
	}
	if total != n {
		return nil, errCorrupt
	}
	next := make(chan *chunk)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(all)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				r := &recordReader{b: c.records, texts: texts,
					names: make(map[ref]uint16), lists: make(map[ref]uint16)}
				for range c.count {
					key, e := r.record()
					if r.err != nil {
						c.err = r.err
						break
					}
					c.keys, c.entries = append(c.keys, key), append(c.entries, e)
				}
				if c.err == nil && len(r.b) != 0 {
					c.err = errCorrupt
				}
			}
		}()
	}
	for _, c := range all {
		next <- c
	}
	close(next)
	wg.Wait()
	entries := make(map[string]*indexEntry, n)
	for _, c := range all {
		if c.err != nil {
			return nil, c.err
		}
		for i, key := range c.keys {
			entries[key] = c.entries[i]
		}
	}
	return entries, nil
}

// recordReader reads records, remembering the first error.
type recordReader struct {
	b     []byte
	texts string
	err   error
	names map[ref]uint16 // of checks, as numbered in this process
	lists map[ref]uint16 // field lists of checks, likewise
	seen  []uint8        // scratch of checkValues
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

func (r *recordReader) ref() ref {
	x := ref{r.uvarint(), r.uvarint()}
	if x.off > uint64(len(r.texts)) || x.n > uint64(len(r.texts))-x.off {
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
	if s := values[off : off+n]; s != "" {
		if !extract.IsCanonical(s) {
			r.fail()
		}
	}
	return uint32(off), uint8(n)
}

// name reads a check's name, as numbered in this process.
func (r *recordReader) name() uint16 {
	x := r.ref()
	if n, ok := r.names[x]; ok || r.err != nil {
		return n
	}
	n, err := nameNumber(r.texts[x.off : x.off+x.n])
	if err != nil {
		r.fail()
	}
	r.names[x] = n
	return n
}

// checkValues checks that every figure of rep lies in its text and
// values, and that its value reads as a Number, each distinct one once:
// Field takes them for granted.
func (r *recordReader) checkValues(rep *Report) {
	if len(rep.figures)%figureSize != 0 {
		r.fail()
		return
	}
	// seen[off] is 1 + the length of the value checked at off.
	r.seen = append(r.seen[:0], make([]uint8, len(rep.values)+1)...)
	for i := 0; r.err == nil && i < rep.NumFields(); i++ {
		p := rep.figure(i)
		if !p.inBounds(rep.Source, rep.values) {
			r.fail()
			return
		}
		if p.vlen == 0 || r.seen[p.off] == p.vlen+1 {
			continue
		}
		v := rep.values[p.off : p.off+uint32(p.vlen)]
		if !extract.IsCanonical(v) {
			r.fail()
			return
		}
		r.seen[p.off] = p.vlen + 1
	}
}

// record reads one record: its key and entry. Every offset is checked
// against the strings it indexes; a record that does not fit is corrupt.
func (r *recordReader) record() (string, *indexEntry) {
	key := r.string()
	rep := &Report{SHA256: r.string(), Encoding: r.string()}
	rep.Size = r.varint()
	e := &indexEntry{rep: rep, mtime: r.varint(), readAt: r.varint()}
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
		for range n {
			c := check{name: r.name()}
			switch r.uvarint() {
			case 0:
				c.list = nilList
			case 1:
				c.list = r.list()
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
		rep.checks = string(checks)
	}
	if r.err != nil {
		return "", nil
	}
	return key, e
}

// list reads a check's field list, as numbered in this process.
func (r *recordReader) list() uint16 {
	x := r.ref()
	if n, ok := r.lists[x]; ok || r.err != nil {
		return n
	}
	l := []string{}
	if s := r.texts[x.off : x.off+x.n]; s != "" {
		// No list is longer than the schema (listNumber holds it to the
		// schema's IDs): a longer one is refused before it is split.
		if strings.Count(s, "\x00") >= len(schema.All()) {
			r.fail()
			return 0
		}
		l = strings.Split(s, "\x00")
	}
	n, err := listNumber(l)
	if err != nil {
		r.fail()
	}
	r.lists[x] = n
	return n
}
