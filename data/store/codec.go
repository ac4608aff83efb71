package store

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Case records are JSON compressed with DEFLATE behind a one-byte marker: a
// typical case with its timeline shrinks from about 2 KB to a third, so several
// share a 4 KB page instead of one case taking a page of its own.
const markerDeflate = 0x01

// markerRaw stores bytes as they are: a PDF or a JPEG is compressed already,
// and deflating it again costs time and saves nothing.
const markerRaw = 0x00

var writers = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed) // only fails for a bad level
	return w
}}

func encodeRecord(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return encodeBlob(raw)
}

// encodeBlob compresses bytes behind the marker, or keeps them raw when they
// are compressed already.
func encodeBlob(raw []byte) ([]byte, error) {
	if alreadyCompressed(raw) {
		return append([]byte{markerRaw}, raw...), nil
	}
	var buf bytes.Buffer
	buf.WriteByte(markerDeflate)
	w := writers.Get().(*flate.Writer) // a new writer allocates ~1 MB of tables
	defer writers.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var errBadRecord = errors.New("unreadable record")

// decodeRecord reads encodeRecord's output, and plain JSON as well.
func decodeRecord(b []byte, v any) error {
	if len(b) == 0 {
		return errBadRecord
	}
	if b[0] == '{' {
		return json.Unmarshal(b, v)
	}
	raw, err := decodeBlob(b)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

// alreadyCompressed recognises formats that deflate cannot shrink.
func alreadyCompressed(b []byte) bool {
	for _, magic := range []string{"%PDF-", "\xff\xd8\xff", "\x89PNG", "PK\x03\x04", "\x1f\x8b"} {
		if bytes.HasPrefix(b, []byte(magic)) {
			return true
		}
	}
	return false
}

// decodeBlob reads encodeBlob's output.
func decodeBlob(b []byte) ([]byte, error) {
	if len(b) > 0 && b[0] == markerRaw {
		return b[1:], nil
	}
	if len(b) == 0 || b[0] != markerDeflate {
		return nil, fmt.Errorf("%w: unknown format", errBadRecord)
	}
	r := readers.Get().(io.ReadCloser) // a new reader allocates a 32 KB window: per case, most of an export's garbage
	defer readers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(b[1:]), nil); err != nil {
		return nil, fmt.Errorf("%w: %v", errBadRecord, err)
	}
	raw := bytes.NewBuffer(make([]byte, 0, 4*len(b))) // JSON shrinks to about a third
	if _, err := raw.ReadFrom(r); err != nil {
		return nil, fmt.Errorf("%w: %v", errBadRecord, err)
	}
	return raw.Bytes(), nil
}

var readers = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}
