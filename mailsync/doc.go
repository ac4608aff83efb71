// Package mailsync connects Casebook to the agency's own mailbox. It owns
// IMAP intake (per-folder UIDVALIDITY and last-UID high-water marks, committed
// in the same transaction as the imported batch; deduplication by Message-ID
// or a content hash; the server's mail left untouched by default), MIME
// parsing of Chinese mail (GBK/GB2312/GB18030/Big5 bodies, encoded-word
// headers, RFC 2231 file names, HTML-only bodies converted to text), threading
// of messages onto cases (our own Message-IDs, then In-Reply-To and
// References, then a case marker in the body, then a subject tag from a known
// sender), recognition of automatic mail and bounces, and the outbox: queued
// replies sent over SMTP when the server is reachable, retried with backoff,
// with every attempt recorded on the case.
//
// It stores everything through package data and reports progress as plain Go
// events; it never imports Fyne.
package mailsync
