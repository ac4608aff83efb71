package mailsync

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"strings"
)

// Signed Message-IDs. Every Message-ID Casebook sends for a case carries a
// tag that only this database can make:
//
//	case-A-2026-0001.<16 random>.<16 tag>@<domain of From>
//
// where tag is HMAC-SHA-256 over the case number and the random part, with
// the database's secret (data/store keeps it in its meta bucket and never
// exports it), truncated to 80 bits and written in lower-case base32. A reply
// whose In-Reply-To or References holds such an id finds its case even when
// the id was never remembered (a restored backup); an id that merely looks
// like ours — the right shape, the wrong tag — counts for nothing.

// msgIDTagLen is the length of the tag: 10 bytes of HMAC in base32.
const msgIDTagLen = 16

// SignedMessageID makes a Message-ID (without brackets) for a message of the
// case, tagged with key. Without a key or a case number it is NewMessageID's.
func SignedMessageID(key []byte, caseNumber, fromAddress string) string {
	if len(key) == 0 || caseNumber == "" {
		return NewMessageID(caseNumber, fromAddress)
	}
	var b [10]byte
	_, _ = rand.Read(b[:])
	random := msgIDRandomEncoding.EncodeToString(b[:])
	return msgIDCasePrefix + outEncodeCase(caseNumber) + "." + random + "." + msgIDTag(key, caseNumber, random) +
		"@" + outMsgIDDomain(fromAddress)
}

// msgIDTag is the tag of a case number and random part under key.
func msgIDTag(key []byte, caseNumber, random string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("casebook message-id\x00" + caseNumber + "\x00" + random))
	return msgIDRandomEncoding.EncodeToString(mac.Sum(nil)[:10])
}

// splitOurID reads an id of our shape: the case number it names and whether
// its tag verifies under key. An id of another shape names no case.
// Both the signed form and the older unsigned one
// (case-<number>.<random>@domain, which only the remembered ids vouch for)
// are read; the unsigned one never verifies.
func splitOurID(key []byte, id string) (number string, verified bool) {
	id = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">")
	at := strings.LastIndexByte(id, '@')
	if at < 0 {
		return "", false
	}
	left, ok := strings.CutPrefix(id[:at], msgIDCasePrefix)
	if !ok {
		return "", false
	}
	parts := strings.Split(left, ".")
	if len(parts) != 2 && len(parts) != 3 {
		return "", false
	}
	number, ok = outDecodeCase(parts[0])
	if !ok || number == "" {
		return "", false
	}
	random := parts[1]
	if len(random) != msgIDRandomLen {
		return "", false
	}
	if _, err := msgIDRandomEncoding.DecodeString(random); err != nil {
		return "", false
	}
	if len(parts) == 2 || len(key) == 0 {
		return number, false
	}
	tag := parts[2]
	if len(tag) != msgIDTagLen {
		return number, false
	}
	return number, hmac.Equal([]byte(tag), []byte(msgIDTag(key, number, random)))
}
