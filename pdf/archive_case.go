package pdf

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"casebook/data"
)

// CaseArchive renders the whole dossier of one case.
func CaseArchive(ctx context.Context, c data.Case, src Source, opt Options) (_ []byte, err error) {
	defer recoverRender(&err)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if c, opt, err = printableInputs(c, opt); err != nil {
		return nil, err
	}
	if src != nil {
		src = printableSource{src}
	}
	opt.fullFont = true // mail can bring any script
	t, err := catalog(opt.Lang)
	if err != nil {
		return nil, err
	}
	d, err := newDoc(opt, t.get("archive.title")+" "+c.Number)
	if err != nil {
		return nil, err
	}
	a := newArchiver(d, src, 0)
	if err := a.writeCase(ctx, c); err != nil {
		return nil, err
	}
	a.finish()
	if err := d.err(); err != nil {
		return nil, fmt.Errorf("case archive %s: %w", c.Number, err)
	}
	return d.bytes()
}

// writeCase writes one case's dossier from the current position, which is
// the top of a page.
func (a *archiver) writeCase(ctx context.Context, c data.Case) error {
	a.head(c)
	a.caseFields(c)
	a.deadlines(c)
	a.findings(c)
	a.satisfaction(c)
	a.timeline(c)
	if err := a.evidence(ctx, c); err != nil {
		return err
	}
	if err := a.mail(ctx, c); err != nil {
		return err
	}
	if err := a.letters(ctx, c); err != nil {
		return err
	}
	return a.d.err()
}

// when formats a moment in the document's time zone.
func (a *archiver) when(tm time.Time) string {
	if tm.IsZero() {
		return ""
	}
	return a.t.dateTime(tm.In(a.d.opt.Loc))
}

func (a *archiver) fl(key, value string) field {
	return field{label: a.t.get("archive.f." + key), value: value}
}

func (a *archiver) head(c data.Case) {
	d, f, t := a.d, a.d.f, a.t
	d.title(t.get("archive.title"))
	d.bold(func() {
		f.SetFont(fontFamily, "", 13)
		f.CellFormat(d.width, 7, c.Number, "", 1, "C", false, 0, "")
	})
	f.SetFont(fontFamily, "", bodySize)
	printed := t.fill("archive.printed_anon", "date", a.when(d.opt.Now))
	if strings.TrimSpace(d.opt.By) != "" {
		printed = t.fill("archive.printed", "date", a.when(d.opt.Now), "by", d.opt.By)
	}
	f.SetTextColor(70, 70, 70)
	f.SetFont(fontFamily, "", smallSize)
	for _, l := range wrapText(printed, d.width, runeWidth(f)) {
		f.CellFormat(d.width, d.lineHeight(smallSize), l, "", 1, "C", false, 0, "")
	}
	f.SetTextColor(0, 0, 0)
	f.SetFont(fontFamily, "", bodySize)
	d.gap(1)
}

func (a *archiver) categoryName(slug string) string {
	if cat, ok := a.d.opt.Settings.Category(slug); ok {
		return cat.Name(a.t.lang)
	}
	return slug
}

func (a *archiver) languageName(lang string) string {
	if lang == "" {
		return ""
	}
	if s := a.t.get("archive.lang." + lang); s != "archive.lang."+lang {
		return s
	}
	return lang
}

func orNone(s, none string) string {
	if strings.TrimSpace(s) == "" {
		return none
	}
	return s
}

func (a *archiver) caseFields(c data.Case) {
	t := a.t
	a.part(t.get("archive.part.case"), keepLines)
	a.d.fields([]field{
		a.fl("number", c.Number),
		a.fl("status", t.enum("status", string(c.Status))),
		a.fl("kind", t.enum("kind", string(c.Kind))),
		a.fl("category", a.categoryName(c.Category)),
		a.fl("severity", t.enum("severity", string(c.Severity))),
		a.fl("channel", t.enum("channel", string(c.Channel))),
		a.fl("received", a.when(c.ReceivedAt)),
		a.fl("owner", orNone(c.Owner, t.get("archive.owner.none"))),
		a.fl("escalation", t.enum("escalation", string(c.Escalation))),
		a.fl("waiting", t.enum("waiting", string(c.Waiting))),
		a.fl("closed", a.when(c.ClosedAt)),
		a.fl("language", a.languageName(c.LetterLanguage(a.d.opt.Settings))),
	})

	a.part(t.get("archive.part.request"), keepLines)
	amount := ""
	if c.Amount != 0 {
		amount = t.money(c.Amount, c.Currency)
	}
	a.d.fields([]field{
		a.fl("subject", c.Subject),
		a.fl("description", c.Description),
		a.fl("demand", c.Demand),
		a.fl("amount", amount),
		a.fl("currency", c.Currency),
	})

	cu := c.Customer
	a.part(t.get("archive.part.customer"), keepLines)
	a.d.fields([]field{
		a.fl("customer", orNone(cu.Name, t.get("none"))),
		a.fl("phone", cu.Phone),
		a.fl("email", cu.Email),
		a.fl("wechat", cu.WeChat),
	})

	b := c.Booking
	if b != (data.Booking{}) {
		a.part(t.get("archive.part.booking"), keepLines)
		a.d.fields([]field{
			a.fl("booking_ref", b.Ref),
			a.fl("product", b.Product),
			a.fl("departure", t.dayString(b.Departure)),
			a.fl("destination", b.Destination),
			a.fl("guide", b.Guide),
			a.fl("supplier", b.Supplier),
			a.fl("fee", a.feeText(c)),
			a.fl("trip_end", t.dayString(b.TripEnd)),
		})
		if days, late := c.LateForRegulator(a.d.opt.Loc); late {
			a.d.fields([]field{a.fl("late", t.p.LateComplaint(days))})
		}
	}
	if r := c.Referral; r.Recorded() {
		a.d.fields([]field{
			a.fl("referral", strings.Join(nonEmptyStrings(t.enum("referral_source", string(r.Source)), r.Number, t.dayString(r.Notice)), " · ")),
		})
	}
}

// duration writes 9 h 30 min, or 7 d for whole calendar days.
func (a *archiver) duration(dur time.Duration, days bool) string {
	t := a.t
	if dur < 0 {
		return t.fill("archive.dur.over", "d", a.duration(-dur, days))
	}
	dur = dur.Round(time.Minute)
	if days && dur >= 24*time.Hour && dur%(24*time.Hour) == 0 {
		return t.fill("archive.dur.days", "n", strconv.Itoa(int(dur/(24*time.Hour))))
	}
	h, m := int(dur/time.Hour), int(dur%time.Hour/time.Minute)
	var parts []string
	if h > 0 {
		parts = append(parts, t.fill("archive.dur.hours", "n", strconv.Itoa(h)))
	}
	if m > 0 || h == 0 {
		parts = append(parts, t.fill("archive.dur.minutes", "n", strconv.Itoa(m)))
	}
	return strings.Join(parts, " ")
}

func (a *archiver) clockRow(name string, cl data.Clock) []string {
	t := a.t
	if cl.Target <= 0 {
		return []string{name, t.get("archive.clock.none"), "", "", ""}
	}
	target := t.fill("archive.clock.business", "d", a.duration(cl.Target, false))
	if cl.CalendarTime {
		target = t.fill("archive.clock.calendar", "d", a.duration(cl.Target, true))
	}
	due := a.when(cl.Due)
	if !cl.PausedAt.IsZero() {
		due = t.fill("archive.clock.paused_left", "date", a.when(cl.PausedAt), "d", a.duration(cl.Remaining, cl.CalendarTime))
	}
	met := orNone(a.when(cl.MetAt), t.get("none"))
	return []string{name, target, due, met, t.get("archive.clock." + cl.State(a.d.opt.Now).String())}
}

func (a *archiver) deadlines(c data.Case) {
	t := a.t
	a.part(t.get("archive.part.deadlines"), keepTable)
	a.d.table([]column{
		{t.get("archive.clock.col_clock"), 0.16, "L"},
		{t.get("archive.clock.col_target"), 0.22, "L"},
		{t.get("archive.clock.col_due"), 0.24, "L"},
		{t.get("archive.clock.col_met"), 0.22, "L"},
		{t.get("archive.clock.col_state"), 0.16, "L"},
	}, append([][]string{
		a.clockRow(t.get("archive.clock.first_response"), c.FirstResponse),
		a.clockRow(t.get("archive.clock.resolution"), c.Resolution),
	}, a.referralClockRows(c)...))
}

func (a *archiver) findings(c data.Case) {
	t := a.t
	fd := c.Findings()
	if fd.Investigation == "" && fd.Facts == "" && fd.Responsibility == "" && fd.RootCause == "" &&
		fd.Decision == "" && len(fd.Remedies) == 0 && fd.PaymentMethod == "" && fd.PaymentDue == "" &&
		fd.Preventive == "" && fd.EvidenceNeeded == "" {
		return
	}
	a.part(t.get("archive.part.findings"), keepLines)
	a.d.fields([]field{
		a.fl("investigation", fd.Investigation),
		a.fl("facts", fd.Facts),
		a.fl("responsibility", t.enum("responsibility", string(fd.Responsibility))),
		a.fl("root_cause", fd.RootCause),
		a.fl("decision", fd.Decision),
	})
	if len(fd.Remedies) > 0 {
		a.d.gap(1.5)
		var rows [][]string
		var recovered data.Money
		for _, r := range fd.Remedies {
			amount, rec := "", ""
			if r.Amount != 0 {
				amount = t.money(r.Amount, c.Currency)
			}
			if r.Recovered != 0 {
				rec = t.money(r.Recovered, c.Currency)
			}
			recovered += r.Recovered
			rows = append(rows, []string{t.enum("remedy", r.Kind), amount, rec, a.remedyNote(r)})
		}
		total := []string{t.get("archive.remedy.total"), t.money(fd.Total(), c.Currency), "", ""}
		if recovered != 0 {
			total[2] = t.money(recovered, c.Currency)
		}
		rows = append(rows, total)
		a.d.table([]column{
			{t.get("archive.remedy.col_kind"), 0.2, "L"},
			{t.get("archive.remedy.col_amount"), 0.2, "R"},
			{t.get("archive.remedy.col_recovered"), 0.2, "R"},
			{t.get("archive.remedy.col_note"), 0.4, "L"},
		}, rows)
		a.d.gap(1.5)
	}
	a.d.fields([]field{
		a.fl("payment_method", fd.PaymentMethod),
		a.fl("payment_due", t.dayString(fd.PaymentDue)),
		a.fl("preventive", fd.Preventive),
		a.fl("evidence", fd.EvidenceNeeded),
	})
}

func (a *archiver) satisfaction(c data.Case) {
	t := a.t
	a.part(t.get("archive.part.satisfaction"), keepLines)
	rating := t.get("archive.rating.none")
	if c.Satisfaction.Rating > 0 {
		rating = t.fill("archive.rating", "rating", strconv.Itoa(c.Satisfaction.Rating))
	}
	a.d.fields([]field{a.fl("rating", rating), a.fl("reason", c.Satisfaction.Reason)})
	a.followUps(c) // archive_followup.go
}

func (a *archiver) timeline(c data.Case) {
	t := a.t
	a.part(t.get("archive.part.timeline"), keepTable)
	rows := make([][]string, 0, len(c.Timeline))
	for _, e := range c.Timeline {
		rows = append(rows, []string{a.when(e.At), orNone(e.By, t.get("archive.tl.system")), a.eventText(e)})
	}
	a.d.table([]column{
		{t.get("archive.tl.col_time"), 0.22, "L"},
		{t.get("archive.tl.col_by"), 0.16, "L"},
		{t.get("archive.tl.col_what"), 0.62, "L"},
	}, rows)
}

// eventText describes a timeline entry in the document's language.
func (a *archiver) eventText(e data.Event) string { return a.t.p.Event(e, a.d.opt.Settings) }

// mail writes every message of the case with its attachments, loading them
// from the source now, so a bulk archive holds one case's mail at a time.
func (a *archiver) mail(ctx context.Context, c data.Case) error {
	t := a.t
	var msgs []data.Message
	if a.src != nil {
		var err error
		if msgs, err = a.src.CaseMessages(ctx, c.ID); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("case %s: read its mail: %w", c.Number, err)
		}
	}
	a.part(t.fill("archive.part.mail", "n", strconv.Itoa(len(msgs))), keepMail)
	if len(msgs) == 0 {
		a.d.para(t.get("archive.mail.none"))
		return nil
	}
	for i, m := range msgs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := a.message(ctx, i+1, m); err != nil {
			return err
		}
	}
	return nil
}

func (a *archiver) message(ctx context.Context, n int, m data.Message) error {
	t, d := a.t, a.d
	dir := t.get("archive.mail.in")
	if m.Direction == data.DirectionOut {
		dir = t.get("archive.mail.out")
	}
	a.band(t.fill("archive.mail.heading", "n", strconv.Itoa(n), "direction", dir, "date", a.when(m.Date)))
	fs := []field{
		{t.get("archive.m.from"), m.From},
		{t.get("archive.m.to"), strings.Join(m.To, ", ")},
		{t.get("archive.m.cc"), strings.Join(m.Cc, ", ")},
		{t.get("archive.m.subject"), m.Subject},
		{t.get("archive.m.status"), t.enum("message", string(m.Status))},
	}
	if m.Automatic {
		reason := m.AutoReason // the header or sender that gave it away: technical English, left out of Chinese archives
		if t.lang != "en" {
			reason = ""
		}
		fs = append(fs, field{t.get("archive.m.automatic"), joinNonEmpty(" · ", t.get("archive.m.automatic_yes"), reason)})
	}
	if m.Direction == data.DirectionOut {
		fs = append(fs, field{t.get("archive.m.sent_at"), a.when(m.SentAt)})
		var tries []string
		for i, at := range m.Attempts {
			if at.Error == "" {
				tries = append(tries, t.fill("archive.m.attempt_ok", "n", strconv.Itoa(i+1), "date", a.when(at.At)))
				continue
			}
			s := t.fill("archive.m.attempt_failed", "n", strconv.Itoa(i+1), "date", a.when(at.At), "error", at.Error)
			if at.Permanent {
				s += t.get("archive.m.permanent")
			}
			tries = append(tries, s)
		}
		fs = append(fs, field{t.get("archive.m.attempts"), strings.Join(tries, "\n")})
	}
	fs = append(fs, field{t.get("archive.m.error"), m.Error}, field{t.get("archive.m.parse_error"), m.ParseError})
	d.fields(fs)
	d.gap(2)
	text := strings.TrimRight(m.Text, " \t\r\n")
	if strings.TrimSpace(text) == "" {
		d.small(t.get("archive.m.no_text"))
	} else {
		d.para(text)
	}
	if len(m.Attachments) == 0 {
		return nil
	}
	return a.attachmentsOf(ctx, m)
}

// attachmentsOf lists a message's files and shows its pictures; a picture
// that cannot be read is listed with a note.
func (a *archiver) attachmentsOf(ctx context.Context, m data.Message) error {
	t, d := a.t, a.d
	type shown struct {
		p    picture
		name string
	}
	var pics []shown
	rows := make([][]string, 0, len(m.Attachments))
	for _, at := range m.Attachments {
		if err := ctx.Err(); err != nil {
			return err
		}
		note := ""
		var blob []byte
		// Only what may be a picture is read: a declared image, or a file whose
		// type says nothing, which may be a photo all the same.
		if isPictureType(at.ContentType) || vagueType(at.ContentType) {
			p, known := a.pictures[at.SHA256]
			if !known && a.src != nil && at.SHA256 != "" {
				var err error
				if blob, err = a.src.Blob(ctx, at.SHA256); err != nil {
					if ctx.Err() != nil {
						return ctx.Err()
					}
					if !errors.Is(err, data.ErrNotFound) {
						// One unreadable file must not cost the whole archive; it is listed as missing.
						slog.Warn("archive: attachment unreadable", "message", m.ID, "sha256", at.SHA256, "err", err) // not its name: it may name the customer
					}
					blob = nil
				}
			}
			if !known && blob != nil && (isPictureType(at.ContentType) || sniffPicture(blob)) {
				p, known = a.prepare(at.SHA256, blob), true
			}
			switch {
			case !known && blob == nil:
				note = t.get("archive.att.missing")
			case !known: // not a picture after all
			case p.broken:
				note = t.get("archive.att.broken")
			case p.overflow:
				note = t.get("archive.att.overflow")
			case p.w < minPictureSide && p.h < minPictureSide:
			default:
				note = t.get("archive.att.shown")
				pics = append(pics, shown{p, at.Name})
			}
		}
		size := at.Size
		if size == 0 {
			size = int64(len(blob))
		}
		rows = append(rows, []string{at.Name, at.ContentType, humanSize(size), note})
	}
	d.gap(2)
	d.small(t.fill("archive.m.attachments", "n", strconv.Itoa(len(m.Attachments))))
	d.table([]column{
		{t.get("archive.att.col_name"), 0.42, "L"},
		{t.get("archive.att.col_type"), 0.2, "L"},
		{t.get("archive.att.col_size"), 0.12, "R"},
		{t.get("archive.att.col_note"), 0.26, "L"},
	}, rows)
	d.gap(2)
	for _, s := range pics {
		a.place(s.p, t.fill("archive.att.picture", "name", s.name))
	}
	return nil
}

// letters lists the letters issued and embeds their PDFs as attachments.
func (a *archiver) letters(ctx context.Context, c data.Case) error {
	t, d := a.t, a.d
	a.part(t.fill("archive.part.letters", "n", strconv.Itoa(len(c.Letters))), keepLines)
	if len(c.Letters) == 0 {
		d.para(t.get("archive.letters.none"))
		return nil
	}
	for i, l := range c.Letters {
		if err := ctx.Err(); err != nil {
			return err
		}
		copyNote := t.get("archive.l.missing")
		if a.src != nil && l.SHA256 != "" {
			b, err := a.src.Blob(ctx, l.SHA256)
			switch {
			case err == nil:
				sum := sha256.Sum256(b)
				if !strings.EqualFold(hex.EncodeToString(sum[:]), l.SHA256) {
					copyNote = t.get("archive.l.mismatch")
					break
				}
				if a.letterBudget >= 0 && int64(len(b)) > a.letterBudget {
					copyNote = t.get("archive.l.not_embedded")
					break
				}
				if a.letterBudget >= 0 {
					a.letterBudget -= int64(len(b))
				}
				name := l.Name
				if name == "" {
					name = LetterTitle(l.Type, l.Language) + ".pdf"
				}
				if !strings.Contains(name, c.Number) {
					name = c.Number + " " + name
				}
				// Letters of one type and language share a name; the issue time tells them apart.
				ext := filepath.Ext(name)
				name = strings.TrimSuffix(name, ext) + " " + l.IssuedAt.In(a.d.opt.Loc).Format("20060102-1504") + ext
				a.attachments = append(a.attachments, gofpdf.Attachment{Content: b, Filename: name,
					Description: c.Number + " " + LetterTitle(l.Type, l.Language)})
				copyNote = t.get("archive.l.attached")
			case ctx.Err() != nil:
				return ctx.Err()
			case !errors.Is(err, data.ErrNotFound):
				slog.Warn("archive: letter unreadable", "case", c.Number, "name", l.Name, "err", err)
			}
		}
		if i > 0 {
			d.gap(2)
		}
		d.fields([]field{
			{t.get("archive.l.type"), LetterTitle(l.Type, t.lang)},
			{t.get("archive.l.language"), a.languageName(l.Language)},
			{t.get("archive.l.issued"), a.when(l.IssuedAt)},
			{t.get("archive.l.by"), l.By},
			{t.get("archive.l.file"), l.Name},
			{t.get("archive.l.sha"), l.SHA256},
			{t.get("archive.l.copy"), copyNote},
		})
	}
	return nil
}
