package store

import (
	"encoding/json"
	"testing"

	"casebook/data"
)

func TestRecordCodec(t *testing.T) {
	in := data.Customer{ID: 7, Name: "王小明", Phone: "13800138000"}
	b, err := encodeRecord(in)
	if err != nil || b[0] != markerDeflate {
		t.Fatalf("encode: %v %x", err, b[:1])
	}
	var out data.Customer
	if err := decodeRecord(b, &out); err != nil || out != in {
		t.Fatalf("round trip: %v %+v", err, out)
	}
	plain, _ := json.Marshal(in) // records written before compression still read
	out = data.Customer{}
	if err := decodeRecord(plain, &out); err != nil || out != in {
		t.Fatalf("plain JSON: %v %+v", err, out)
	}
	for _, bad := range [][]byte{nil, {0x7f, 1}, {markerDeflate, 0xff, 0xff}} {
		if err := decodeRecord(bad, &out); err == nil {
			t.Errorf("decoded garbage %x", bad)
		}
	}
}

func TestCompressedBlobsStayRaw(t *testing.T) {
	for _, raw := range [][]byte{[]byte("%PDF-1.4 letter"), {0xff, 0xd8, 0xff, 0xe0, 1, 2}, []byte("plain text, compressible text, text")} {
		enc, err := encodeBlob(raw)
		if err != nil {
			t.Fatal(err)
		}
		wantRaw := raw[0] == '%' || raw[0] == 0xff
		if (enc[0] == markerRaw) != wantRaw {
			t.Errorf("%q stored with marker %x", raw[:4], enc[0])
		}
		dec, err := decodeBlob(enc)
		if err != nil || string(dec) != string(raw) {
			t.Errorf("round trip of %q: %q %v", raw[:4], dec, err)
		}
	}
}
