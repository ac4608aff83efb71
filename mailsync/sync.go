package mailsync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"
	"unicode"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"casebook/data"
)

// Store is what mail work needs from the database; *store.Store has it.
type Store interface {
	Settings() data.Settings
	Now() time.Time
	Folder(ctx context.Context, name string) (data.FolderState, error)
	ImportMail(ctx context.Context, folder string, state data.FolderState, items []data.IncomingMail,
		decide func(data.MailLookup, *data.IncomingMail) (data.Decision, error),
		ack func(c data.Case, in *data.IncomingMail) (*data.Message, error)) (data.ImportResult, error)
	DueOutgoing(ctx context.Context, now time.Time) ([]data.Message, error)
	RecordSend(ctx context.Context, id uint64, sendErr error, permanent bool, raw []byte) (data.Message, error)
	MarkSending(ctx context.Context, id uint64) (data.Message, error)
	RecordUncertain(ctx context.Context, id uint64, sendErr error) (data.Message, error)
	RecoverSending(ctx context.Context) ([]data.Message, error)
	UncertainOutgoing(ctx context.Context) ([]data.Message, error)
	SettleUncertain(ctx context.Context, id uint64, how data.Settlement) (data.Message, error)
	Blob(ctx context.Context, sha string) ([]byte, error)
	MessageIDKey(ctx context.Context) ([]byte, error)
}

// Summary counts what one sync did.
type Summary struct {
	data.SyncCounts

	sentRaw      [][]byte // what went out, for the Sent folder
	uncertainIDs []uint64 // the messages this round left uncertain
}

// Progress reports a long import: done of total messages in this sync.
type Progress func(done, total int)

// batchSize is how many messages are fetched and committed together.
const batchSize = 100

// Fetch imports the new mail of the account's folder. Each batch and the
// folder's high-water mark commit together, so an interrupted sync resumes
// where it stopped and never imports a message twice.
func Fetch(ctx context.Context, st Store, cfg IMAPConfig, progress Progress) (Summary, error) {
	var sum Summary
	settings := st.Settings()
	folder := settings.Mail.Folder
	if folder == "" {
		folder = "INBOX"
	}
	ic, err := dialIMAP(ctx, cfg)
	if err != nil {
		return sum, err
	}
	defer ic.logout(ctx)

	var sel *imap.SelectData
	if err := ic.watch(ctx, "open "+folder, func() error {
		var err error
		sel, err = ic.c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait() // EXAMINE: flags stay
		return err
	}); err != nil {
		return sum, err
	}
	state, err := st.Folder(ctx, folder)
	if err != nil {
		return sum, err
	}
	if state.UIDValidity != sel.UIDValidity {
		// A new mailbox generation: read it again; duplicates are recognised.
		if state.UIDValidity != 0 {
			slog.Info("mail folder renumbered by the server: reading it again", "old_uidvalidity", state.UIDValidity, "uidvalidity", sel.UIDValidity)
		}
		state = data.FolderState{UIDValidity: sel.UIDValidity}
	}
	key, err := st.MessageIDKey(ctx)
	if err != nil {
		return sum, err
	}
	uids, err := newUIDs(ctx, ic, state, settings.Mail.InitialDays, st.Now())
	if err != nil {
		return sum, err
	}
	slog.Debug("mail to fetch", "new", len(uids), "last_uid", state.LastUID, "uidvalidity", sel.UIDValidity)
	for start := 0; start < len(uids); start += batchSize {
		batch := uids[start:min(start+batchSize, len(uids))]
		items, err := fetchBatch(ctx, ic, batch, folder, sel.UIDValidity, settings, st.Now())
		if err != nil {
			return sum, err
		}
		res, err := st.ImportMail(ctx, folder, state, items, Decide, ackFor(settings, key, st.Now()))
		if err != nil {
			return sum, err
		}
		for i, it := range items {
			if it.Message.UID > state.LastUID {
				state.LastUID = it.Message.UID
			}
			if i < len(res.Outcomes) && res.Outcomes[i] == data.OutcomeParked && i < len(res.Messages) {
				// Not the reason: it may quote the message.
				slog.Warn("mail parked: it could not be read", "message", res.Messages[i].ID, "uid", it.Message.UID)
			}
		}
		slog.Debug("mail batch imported", "messages", len(items), "last_uid", state.LastUID)
		sum.Fetched += len(items)
		for _, o := range res.Outcomes {
			switch o {
			case data.OutcomeNewCase:
				sum.NewCases++
			case data.OutcomeThreaded:
				sum.Threaded++
			case data.OutcomeAutomatic:
				sum.Automatic++
			case data.OutcomeDuplicate:
				sum.Duplicates++
			case data.OutcomeParked:
				sum.Parked++
			}
		}
		if progress != nil {
			progress(start+len(batch), len(uids))
		}
	}
	return sum, nil
}

// newUIDs lists the UIDs above the high-water mark; the first sync reaches
// back initialDays (0: everything).
func newUIDs(ctx context.Context, ic *imapConn, state data.FolderState, initialDays int, now time.Time) ([]imap.UID, error) {
	criteria := &imap.SearchCriteria{}
	if state.LastUID > 0 {
		var set imap.UIDSet
		set.AddRange(imap.UID(state.LastUID+1), 0) // n:* — the server always includes the highest UID
		criteria.UID = []imap.UIDSet{set}
	} else if initialDays > 0 {
		criteria.Since = now.AddDate(0, 0, -initialDays)
	}
	var found *imap.SearchData
	if err := ic.watch(ctx, "search for new mail", func() error {
		var err error
		found, err = ic.c.UIDSearch(criteria, nil).Wait()
		return err
	}); err != nil {
		return nil, err
	}
	var out []imap.UID
	for _, uid := range found.AllUIDs() {
		if uint32(uid) > state.LastUID {
			out = append(out, uid)
		}
	}
	return out, nil
}

// fetchBatch downloads whole messages without setting \Seen (BODY.PEEK[]).
func fetchBatch(ctx context.Context, ic *imapConn, uids []imap.UID, folder string, validity uint32,
	st data.Settings, now time.Time) ([]data.IncomingMail, error) {
	set := imap.UIDSetNum(uids...)
	section := &imap.FetchItemBodySection{Peek: true}
	opts := &imap.FetchOptions{UID: true, InternalDate: true, BodySection: []*imap.FetchItemBodySection{section}}
	var msgs []*imapclientBuffer
	if err := ic.watch(ctx, "fetch mail", func() error {
		var err error
		msgs, err = readFetch(ic, ic.c.Fetch(set, opts))
		return err
	}); err != nil {
		return nil, err
	}
	items := make([]data.IncomingMail, 0, len(msgs))
	for _, m := range msgs {
		items = append(items, Incoming(m.raw, folder, validity, m.uid, m.date, st, now))
	}
	return items, nil
}

// readFetch reads the messages of a FETCH by hand rather than with Collect: after
// a connection error go-imap's Collect reads the dead literal again while its
// reader goroutine has moved on (a data race). On an error the connection is
// dropped without touching the command again.
func readFetch(ic *imapConn, cmd *imapclient.FetchCommand) ([]*imapclientBuffer, error) {
	var out []*imapclientBuffer
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		buf := &imapclientBuffer{}
		for item := msg.Next(); item != nil; item = msg.Next() {
			switch it := item.(type) {
			case imapclient.FetchItemDataUID:
				buf.uid = uint32(it.UID)
			case imapclient.FetchItemDataInternalDate:
				buf.date = it.Time
			case imapclient.FetchItemDataBodySection:
				if it.Literal == nil {
					continue
				}
				b, err := io.ReadAll(it.Literal)
				if err == nil && int64(len(b)) < it.Literal.Size() {
					err = io.ErrUnexpectedEOF // a cut connection reads as a short literal
				}
				if err != nil {
					ic.close()
					return nil, fmt.Errorf("message UID %d: %w", buf.uid, err)
				}
				buf.raw = b
			}
		}
		out = append(out, buf)
	}
	return out, cmd.Close()
}

type imapclientBuffer struct {
	uid  uint32
	date time.Time
	raw  []byte
}

// OwnAddressReason is the AutoReason of mail from one of the agency's own addresses.
const OwnAddressReason = "sender is our own address"

// Incoming reads one raw message into what the store keeps. A message that
// cannot be parsed is kept whole and parked, with the reason.
func Incoming(raw []byte, folder string, validity, uid uint32, internalDate time.Time, st data.Settings, now time.Time) data.IncomingMail {
	in := data.IncomingMail{Raw: raw}
	m := &in.Message
	m.Folder, m.UIDValidity, m.UID = folder, validity, uid
	m.ContentSHA256 = data.MailContentHash(raw)
	p, err := Parse(raw)
	if err != nil {
		m.ParseError = err.Error()
		m.Date = internalDate
		return in
	}
	m.MessageID, m.InReplyTo, m.References = p.MessageID, p.InReplyTo, p.References
	m.From, m.FromAddress = p.From.String(), strings.ToLower(p.From.Address)
	for _, a := range p.To {
		m.To = append(m.To, a.String())
	}
	for _, a := range p.Cc {
		m.Cc = append(m.Cc, a.String())
	}
	m.Subject, m.Text, m.HTML = p.Subject, p.Text, p.HTML
	m.Date = p.Date
	if m.Date.IsZero() || m.Date.After(now.Add(24*time.Hour)) {
		m.Date = internalDate
	}
	m.Automatic, m.AutoReason = p.Automatic, p.AutoReason
	if st.Mail.IsOwn(m.FromAddress) {
		// Our own mail (a copy, a Bcc, a loop through a forwarder) never opens
		// a case and is never answered.
		m.Automatic, m.AutoReason = true, OwnAddressReason
	}
	m.Warnings = p.Warnings
	if len(p.Attachments) > 0 {
		in.Attachments = map[string][]byte{}
	}
	for _, a := range p.Attachments {
		sum := sha256.Sum256(a.Data)
		sha := hex.EncodeToString(sum[:])
		in.Attachments[sha] = a.Data
		m.Attachments = append(m.Attachments, data.Attachment{Name: a.Name, ContentType: a.ContentType,
			Size: int64(len(a.Data)), SHA256: sha, Inline: a.Inline, ContentID: a.ContentID})
	}
	if p.Bounce != nil {
		in.BounceOf, in.BounceError = p.Bounce.OriginalMessageID, p.Bounce.Reason
	}
	in.NewCase = newCaseFrom(p, m.Date, st, now)
	return in
}

// newCaseFrom is the case a mail from a person opens.
func newCaseFrom(p *Parsed, date time.Time, st data.Settings, now time.Time) *data.NewCase {
	kind, category, severity := data.Suggest(st.MailRules, p.Subject, p.Text)
	if _, ok := st.Category(category); !ok {
		category = "other"
	}
	subject := strings.TrimSpace(p.Subject)
	if subject == "" {
		subject = firstLine(p.Text)
	}
	if subject == "" {
		subject = "(no subject)"
	}
	if r := []rune(subject); len(r) > 200 {
		subject = string(r[:200])
	}
	name := strings.TrimSpace(p.From.Name)
	if name == "" {
		name, _, _ = strings.Cut(p.From.Address, "@")
	}
	received := date
	if received.IsZero() || received.After(now) {
		received = now
	}
	nc := &data.NewCase{Kind: kind, Category: category, Severity: severity, Channel: data.ChannelEmail,
		Subject: subject, Description: p.Text, Customer: data.Customer{Name: name, Email: p.From.Address},
		ReceivedAt: received, By: "e-mail", Language: guessLanguage(p.Subject + "\n" + p.Text)}
	nc.Fit(now) // the same limits as typed intake: clipped and cleaned, never parked for them
	return nc
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}

// traditionalOnly are common characters written differently in Simplified Chinese.
const traditionalOnly = "們這個會於與說為後來對時點還應該麼體國際車費團導遊請謝們問題處理關"

// guessLanguage picks the language to answer in: Chinese if the mail has Han
// characters (Traditional if typical Traditional forms appear), else English.
func guessLanguage(s string) string {
	han, trad := 0, 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			han++
			if strings.ContainsRune(traditionalOnly, r) {
				trad++
			}
		}
	}
	switch {
	case han == 0:
		return "en"
	case trad*20 >= han && trad >= 2:
		return "zh-Hant"
	}
	return "zh-Hans"
}

// RetryParked reads the parked messages again and imports those that now read.
func RetryParked(ctx context.Context, st interface {
	Store
	RetryParked(ctx context.Context, reparse func(raw []byte, old data.Message) data.IncomingMail,
		decide func(data.MailLookup, *data.IncomingMail) (data.Decision, error),
		ack func(c data.Case, in *data.IncomingMail) (*data.Message, error)) (int, int, error)
}) (retried, stillParked int, err error) {
	settings := st.Settings()
	now := st.Now()
	key, err := st.MessageIDKey(ctx)
	if err != nil {
		return 0, 0, err
	}
	return st.RetryParked(ctx, func(raw []byte, old data.Message) data.IncomingMail {
		return Incoming(raw, old.Folder, old.UIDValidity, old.UID, old.Date, settings, now)
	}, Decide, ackFor(settings, key, now))
}
