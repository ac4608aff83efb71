package store

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"os"

	"casebook/data"
)

// The checks made before a database file is trusted. bbolt maps the file
// into memory and follows page numbers without bounds checks: a page number
// past the end of a truncated file is a SIGBUS (a crash no recover can
// catch) or one of bbolt's own panics, and opening a file for writing reads
// its freelist before anything can be checked. So the file is read here
// first with plain reads, which can only fail: the meta pages, the file's
// length against the highest page they name and, when something looks
// wrong, every page reachable from the root. Only a file that passes is
// handed to bbolt (whose own consistency check then runs safely).
//
// The layout is bbolt's file format (unchanged since bolt 1.0; version 2),
// little-endian as on every platform Casebook is built for.

const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	elemSize       = 16 // branch and leaf elements are both 16 bytes
	flagBranch     = 0x01
	flagLeaf       = 0x02
	flagMeta       = 0x04
	flagFreelist   = 0x10
	bucketLeafFlag = 0x01
	noFreelist     = 0xffffffffffffffff
	maxDepth       = 64 // deeper than any real tree: a loop
)

// fileMeta is what a meta page says about the file.
type fileMeta struct {
	pageSize int
	root     uint64 // root bucket's page
	freelist uint64
	pgid     uint64 // high-water mark: pages 0 … pgid-1 are in use or free
	txid     uint64
}

// fileInfo is the result of the quick check.
type fileInfo struct {
	size     int64
	meta     fileMeta
	tornMeta bool // one meta page is not valid (bbolt uses the other)
}

// odd is set when the file looks as if it may be damaged although its meta
// pages and length are consistent: the deep check should run.
func (fi fileInfo) odd() bool { return fi.tornMeta || fi.size%int64(fi.meta.pageSize) != 0 }

func damaged(path, reason, format string, args ...any) *data.DamagedError {
	return &data.DamagedError{Path: path, Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// quickCheck reads the two meta pages and checks the file is as long as the
// newer valid one says. It reads at most two pages.
func quickCheck(path string, f *os.File) (fileInfo, error) {
	st, err := f.Stat()
	if err != nil {
		return fileInfo{}, err
	}
	size := st.Size()
	read := func(off int64, n int) []byte {
		b := make([]byte, n)
		k, _ := f.ReadAt(b, off) // a short read fails parseMeta
		return b[:k]
	}
	m0, err0 := parseMeta(read(0, 4096))
	// bbolt writes the two meta pages in turn: one torn by a crash is
	// allowed when the other is sound. The second's offset is the page
	// size, from the first, else each size bbolt can use.
	sizes := []int{m0.pageSize}
	if err0 != nil {
		sizes = []int{1024, 2048, 4096, 8192, 16384, 32768, 65536}
	}
	var m1 fileMeta
	err1 := err0
	for _, ps := range sizes {
		if m1, err1 = parseMeta(read(int64(ps), ps)); err1 == nil && m1.pageSize == ps {
			break
		}
		if err1 == nil {
			err1 = fmt.Errorf("page size %d at offset %d", m1.pageSize, ps)
		}
	}
	var m fileMeta
	switch {
	case err0 != nil && err1 != nil:
		return fileInfo{}, damaged(path, data.DamageUnreadable, "meta pages: %v; %v", err0, err1)
	case err0 != nil:
		m = m1
	case err1 != nil || m0.txid >= m1.txid:
		m = m0
	default:
		m = m1
	}
	ps := m.pageSize
	if m.pgid < 2 || (m.root >= m.pgid) || (m.freelist != noFreelist && m.freelist >= m.pgid) || m.root < 2 {
		return fileInfo{}, damaged(path, data.DamageInconsistent, "meta page: root %d, freelist %d, high-water mark %d", m.root, m.freelist, m.pgid)
	}
	if need := int64(m.pgid) * int64(ps); size < need {
		return fileInfo{}, damaged(path, data.DamageTruncated, "the file has %d bytes, its pages reach %d", size, need)
	}
	return fileInfo{size: size, meta: m, tornMeta: err0 != nil || err1 != nil}, nil
}

func parseMeta(p []byte) (fileMeta, error) {
	if len(p) < pageHeaderSize+64 {
		return fileMeta{}, fmt.Errorf("too short (%d bytes)", len(p))
	}
	if flags := binary.LittleEndian.Uint16(p[8:]); flags&flagMeta == 0 {
		return fileMeta{}, fmt.Errorf("not a meta page (flags %#x)", flags)
	}
	m := p[pageHeaderSize:]
	if magic := binary.LittleEndian.Uint32(m[0:]); magic != boltMagic {
		return fileMeta{}, fmt.Errorf("not a bbolt file (magic %#x)", magic)
	}
	if v := binary.LittleEndian.Uint32(m[4:]); v != boltVersion {
		return fileMeta{}, fmt.Errorf("bbolt format version %d", v)
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if sum := binary.LittleEndian.Uint64(m[56:]); sum != h.Sum64() {
		return fileMeta{}, fmt.Errorf("checksum mismatch")
	}
	ps := int(binary.LittleEndian.Uint32(m[8:]))
	if ps < 1024 || ps > 1<<16 || ps&(ps-1) != 0 {
		return fileMeta{}, fmt.Errorf("page size %d", ps)
	}
	return fileMeta{
		pageSize: ps,
		root:     binary.LittleEndian.Uint64(m[16:]),
		freelist: binary.LittleEndian.Uint64(m[32:]),
		pgid:     binary.LittleEndian.Uint64(m[40:]),
		txid:     binary.LittleEndian.Uint64(m[48:]),
	}, nil
}

// walker reads pages with plain reads and checks every page reachable from
// the root: in bounds, of the right type, its elements inside it, each page
// referenced once.
type walker struct {
	path string
	f    *os.File
	m    fileMeta
	seen map[uint64]bool
}

// deepCheck walks every page reachable from the root bucket and the
// freelist, reading at most the file's in-use pages once each.
func deepCheck(path string, f *os.File, fi fileInfo) error {
	w := &walker{path: path, f: f, m: fi.meta, seen: map[uint64]bool{0: true, 1: true}}
	if fi.meta.freelist != noFreelist {
		p, err := w.page(fi.meta.freelist, flagFreelist)
		if err != nil {
			return err
		}
		if err := w.freelist(p); err != nil {
			return err
		}
	}
	return w.tree(fi.meta.root, 0)
}

func (w *walker) bad(format string, args ...any) error {
	return damaged(w.path, data.DamageInconsistent, format, args...)
}

// page reads page id with its overflow pages and checks its header.
func (w *walker) page(id uint64, want uint16) ([]byte, error) {
	ps := uint64(w.m.pageSize)
	if id < 2 || id >= w.m.pgid {
		return nil, w.bad("page %d is out of bounds (high-water mark %d)", id, w.m.pgid)
	}
	p := make([]byte, ps) // kept while the children are read
	if _, err := w.f.ReadAt(p, int64(id*ps)); err != nil {
		return nil, w.bad("page %d: %v", id, err)
	}
	if got := binary.LittleEndian.Uint64(p); got != id {
		return nil, w.bad("page %d says it is page %d", id, got)
	}
	flags := binary.LittleEndian.Uint16(p[8:])
	if flags&want == 0 {
		return nil, w.bad("page %d has type %#x, expected %#x", id, flags, want)
	}
	overflow := uint64(binary.LittleEndian.Uint32(p[12:]))
	if id+overflow >= w.m.pgid {
		return nil, w.bad("page %d runs past the high-water mark (%d overflow pages)", id, overflow)
	}
	for i := id; i <= id+overflow; i++ {
		if w.seen[i] {
			return nil, w.bad("page %d is referenced twice", i)
		}
		w.seen[i] = true
	}
	if overflow > 0 {
		p = append(p, make([]byte, overflow*ps)...)
		if _, err := w.f.ReadAt(p[ps:], int64((id+1)*ps)); err != nil {
			return nil, w.bad("page %d: %v", id, err)
		}
	}
	return p, nil
}

func (w *walker) freelist(p []byte) error {
	count := uint64(binary.LittleEndian.Uint16(p[10:]))
	start := uint64(pageHeaderSize)
	if count == 0xffff {
		count = binary.LittleEndian.Uint64(p[start:])
		start += 8
	}
	if start+count*8 > uint64(len(p)) {
		return w.bad("freelist of %d pages does not fit its page", count)
	}
	for i := uint64(0); i < count; i++ {
		id := binary.LittleEndian.Uint64(p[start+8*i:])
		if id < 2 || id >= w.m.pgid {
			return w.bad("freelist names page %d, out of bounds", id)
		}
	}
	return nil
}

// tree checks a bucket's B+tree rooted at page id.
func (w *walker) tree(id uint64, depth int) error {
	if depth > maxDepth {
		return w.bad("page %d: the tree is deeper than %d levels", id, maxDepth)
	}
	p, err := w.page(id, flagBranch|flagLeaf)
	if err != nil {
		return err
	}
	return w.nodes(p, id, depth)
}

// nodes checks the elements of a branch or leaf page p (id 0: an inline bucket).
func (w *walker) nodes(p []byte, id uint64, depth int) error {
	flags := binary.LittleEndian.Uint16(p[8:])
	count := uint64(binary.LittleEndian.Uint16(p[10:]))
	if pageHeaderSize+count*elemSize > uint64(len(p)) {
		return w.bad("page %d: %d elements do not fit", id, count)
	}
	for i := uint64(0); i < count; i++ {
		at := pageHeaderSize + i*elemSize
		e := p[at : at+elemSize]
		switch {
		case flags&flagBranch != 0:
			pos, ksize := uint64(binary.LittleEndian.Uint32(e[0:])), uint64(binary.LittleEndian.Uint32(e[4:]))
			if at+pos+ksize > uint64(len(p)) {
				return w.bad("page %d: key %d lies outside the page", id, i)
			}
			if err := w.tree(binary.LittleEndian.Uint64(e[8:]), depth+1); err != nil {
				return err
			}
		case flags&flagLeaf != 0:
			eflags := binary.LittleEndian.Uint32(e[0:])
			pos, ksize, vsize := uint64(binary.LittleEndian.Uint32(e[4:])), uint64(binary.LittleEndian.Uint32(e[8:])), uint64(binary.LittleEndian.Uint32(e[12:]))
			if at+pos+ksize+vsize > uint64(len(p)) {
				return w.bad("page %d: entry %d lies outside the page", id, i)
			}
			if eflags&bucketLeafFlag == 0 {
				continue
			}
			v := p[at+pos+ksize : at+pos+ksize+vsize]
			if len(v) < 16 {
				return w.bad("page %d: bucket %d has a short header", id, i)
			}
			if root := binary.LittleEndian.Uint64(v); root != 0 {
				if err := w.tree(root, depth+1); err != nil {
					return err
				}
				continue
			}
			inline := v[16:]
			if len(inline) < pageHeaderSize {
				return w.bad("page %d: inline bucket %d is too short", id, i)
			}
			if f := binary.LittleEndian.Uint16(inline[8:]); f&flagLeaf == 0 {
				return w.bad("page %d: inline bucket %d is not a leaf", id, i)
			}
			if err := w.nodes(inline, id, depth+1); err != nil {
				return err
			}
		default:
			return w.bad("page %d has type %#x", id, flags)
		}
	}
	return nil
}
