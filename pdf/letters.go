package pdf

import (
	"fmt"
	"strings"
	"time"

	"casebook/data"
)

// The four letters to the customer: acknowledgement (letter_ack.go), notice
// of non-acceptance (letter_decline.go), solution confirmation, signed by both
// sides at the counter (letter_solution.go), and closure notice
// (letter_closure.go). Their words are in assets/letters/<lang>/letters.json.

// Periods the letters promise; the catalogue's {days} placeholders.
const (
	correctionDays = 5  // to tell us we misunderstood the complaint
	objectionDays  = 15 // to contest a decline or a closure
)

// Letter renders a letter of type t for case c in opt.Lang (when empty, in
// the case's letter language). It refuses a letter the case is not ready for
// with c.LetterReadiness's error (a *data.NotReadyError, data.ErrNotReady),
// and a document without the agency's name with ErrNoAgency.
func Letter(c data.Case, t data.LetterType, opt Options) (_ []byte, err error) {
	defer recoverRender(&err)
	if err := c.LetterReadiness(t); err != nil {
		return nil, err
	}
	if c, opt, err = printableInputs(c, opt); err != nil {
		return nil, err
	}
	opt.fullFont = needsFullFont(c) || needsFullFont(opt.Settings.Agency) || needsFullFont(opt.By)
	if opt.Lang == "" {
		opt.Lang = c.LetterLanguage(opt.Settings)
	}
	if t == data.LetterBureau {
		opt.Lang = "zh-Hans" // the regulator reads Simplified Chinese, whatever the customer's language
	}
	d, err := newDoc(opt, LetterTitle(t, opt.Lang))
	if err != nil {
		return nil, err
	}
	// gofpdf writes some dictionaries from maps; sorted, the same letter is the same bytes.
	d.f.SetCatalogSort(true)
	l := &letter{doc: d, c: &c, top: d.f.GetY()}
	switch t {
	case data.LetterAck:
		l.ack()
	case data.LetterDecline:
		l.decline()
	case data.LetterSolution:
		l.solution()
	case data.LetterClosure:
		l.closure()
	case data.LetterBureau:
		l.bureau()
	}
	if err := d.err(); err != nil {
		return nil, fmt.Errorf("letter %s for case %s: %w", t, c.Number, err)
	}
	return d.bytes()
}

// LetterFileName is the file name an issued letter is saved under, e.g.
// "受理确认函-A-20261008-0007.pdf" / "Acknowledgement-A-20261008-0007.pdf".
func LetterFileName(t data.LetterType, lang, number string) string {
	name := letterText(lang, "letter."+string(t)+".file", string(t))
	number = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(number))
	if number == "" {
		return name + ".pdf"
	}
	return name + "-" + number + ".pdf"
}

// LetterTitle is the letter's title in lang (受理确认函, 不予受理通知书,
// 处理方案确认书, 结案通知书; Traditional: 受理確認函, 不予受理通知書,
// 處理方案確認書, 結案通知書; English: Acknowledgement of your complaint,
// Notice of non-acceptance, Solution confirmation, Case closure notice).
func LetterTitle(t data.LetterType, lang string) string {
	return letterText(lang, "letter."+string(t)+".title", string(t))
}

// letterText looks key up in lang, falling back to Simplified Chinese for an
// unknown language and to def for an unknown key.
func letterText(lang, key, def string) string {
	tx, err := catalog(lang)
	if err != nil {
		if tx, err = catalog("zh-Hans"); err != nil {
			return def
		}
	}
	if s := tx.get(key); s != key {
		return s
	}
	return def
}

// letter is one letter being written: the document, the case and the
// numbering of its sections.
type letter struct {
	*doc
	c        *data.Case
	sections int
	top      float64 // where the text starts on a page, below the letterhead
}

// head writes the title, the reference block and the salutation.
func (l *letter) head(title string, refs ...field) {
	l.title(title)
	l.fields(refs)
	l.gap(4)
	if name := strings.TrimSpace(l.c.Customer.Name); name != "" {
		l.para(l.t.fill("letter.salutation", "name", name))
	} else {
		l.para(l.t.get("letter.salutation_anon"))
	}
	l.gap(1)
}

// section writes a numbered heading: 一、二、… in Chinese, 1. 2. … in English.
// Callers check first that the section has something to say.
func (l *letter) section(key string) {
	l.sections++
	l.heading(sectionNumber(l.t.lang, l.sections) + l.t.get(key))
	l.gap(0.5)
}

var chineseNumerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"十一", "十二", "十三", "十四", "十五"}

func sectionNumber(lang string, n int) string {
	if lang != "en" && n >= 1 && n <= len(chineseNumerals) {
		return chineseNumerals[n-1] + "、"
	}
	return fmt.Sprintf("%d. ", n)
}

// text writes a paragraph, or nothing for empty text.
func (l *letter) text(s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	l.para(s)
	l.gap(1.5)
}

// f is a field of the reference or a details block, labelled from the catalogue.
func (l *letter) fl(key, value string) field { return field{label: l.t.get(key), value: value} }

// block writes fields and a little space after them, or nothing when every
// value is empty. A short block is kept on one page.
func (l *letter) block(fs ...field) {
	n := 0
	for _, f := range fs {
		if strings.TrimSpace(f.value) != "" {
			n++
		}
	}
	if n == 0 {
		return
	}
	if n <= 4 {
		l.room(float64(n) * l.lineHeight(bodySize))
	}
	l.fields(fs)
	l.gap(1.5)
}

func anyValue(fs []field) bool {
	for _, f := range fs {
		if strings.TrimSpace(f.value) != "" {
			return true
		}
	}
	return false
}

// date and dateTime format a moment in the letter's time zone; "" for none,
// so that fields leave it out.
func (l *letter) date(tm time.Time) string {
	if tm.IsZero() {
		return ""
	}
	return l.t.date(tm.In(l.opt.Loc))
}

func (l *letter) dateTime(tm time.Time) string {
	if tm.IsZero() {
		return ""
	}
	return l.t.dateTime(tm.In(l.opt.Loc))
}

func (l *letter) day(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return l.t.dayString(s)
}

func (l *letter) money(m data.Money) string {
	if m == 0 {
		return ""
	}
	return l.t.money(m, l.c.Currency)
}

// printed is the letter's own date.
func (l *letter) printed() field { return l.fl("letter.date", l.t.date(l.opt.Now)) }

func (l *letter) number() field { return l.fl("letter.number", l.c.Number) }

// complaint is the complaint as recorded: its subject, what happened (when
// withStory), the customer's demand and the amount claimed.
func (l *letter) complaint(withStory bool) []field {
	fs := []field{l.fl("letter.subject", l.c.Subject)}
	if withStory {
		fs = append(fs, l.fl("letter.description", l.c.Description))
	}
	return append(fs, l.fl("letter.demand", l.c.Demand), l.fl("letter.amount", l.money(l.c.Amount)))
}

// booking is what the customer bought.
func (l *letter) booking() []field {
	b := l.c.Booking
	return []field{
		l.fl("letter.booking_ref", b.Ref),
		l.fl("letter.product", b.Product),
		l.fl("letter.departure", l.day(b.Departure)),
		l.fl("letter.destination", b.Destination),
		l.fl("letter.trip_end", l.day(b.TripEnd)),
		l.fl("letter.fee", l.money(b.Fee)),
	}
}

// responsibility is the finding of the investigation.
func (l *letter) responsibility() []field {
	return []field{
		l.fl("letter.responsibility", l.t.enum("responsibility", string(l.c.Responsibility))),
		l.fl("letter.root_cause", l.c.RootCause),
	}
}

// payment is how and by when compensation is paid.
func (l *letter) payment() []field {
	due := ""
	if d := l.day(l.c.PaymentDue); d != "" {
		due = l.t.fill("solution.pay_by", "date", d)
	}
	return []field{l.fl("solution.payment_method", l.c.PaymentMethod), l.fl("solution.payment_due", due)}
}

// phone is the number a customer calls with a complaint.
func (l *letter) phone() string {
	if p := strings.TrimSpace(l.ag.ComplaintPhone); p != "" {
		return p
	}
	return strings.TrimSpace(l.ag.Phone)
}

// contact is " (complaints line: …)" to follow "contact us", or "".
func (l *letter) contact() string {
	if p := l.phone(); p != "" {
		return l.t.fill("letter.contact_phone", "phone", p)
	}
	return ""
}

// recourse is where else the customer can turn: the agency's own text, or the standard one.
func (l *letter) recourse() string {
	if s := strings.TrimSpace(l.ag.Recourse[l.t.lang]); s != "" {
		return s
	}
	return l.t.get("letter.recourse")
}

// caseAndFindings writes the complaint, how it was investigated, the findings
// and the decision, each under its heading and only when there is something
// to say; fullComplaint restates the whole complaint (the closure letter).
func (l *letter) caseAndFindings(fullComplaint bool, hComplaint, hInvestigation, hFindings, hDecision string) {
	c := l.c
	if fs := l.complaint(fullComplaint); anyValue(fs) {
		l.section(hComplaint)
		l.block(fs...)
	}
	if c.Investigation != "" {
		l.section(hInvestigation)
		l.text(c.Investigation)
	}
	if fs := l.responsibility(); c.Facts != "" || anyValue(fs) {
		l.section(hFindings)
		l.text(c.Facts)
		l.block(fs...)
	}
	if c.Decision != "" {
		l.section(hDecision)
		l.text(c.Decision)
	}
}

// signatory is who signs for the agency.
func (l *letter) signatory() string {
	if s := strings.TrimSpace(l.ag.Signatory); s != "" {
		return s
	}
	return l.c.Owner
}

// agencySignature closes a letter: the closing words, then the agency's
// name, the signatory and the seal.
func (l *letter) agencySignature(closing ...string) {
	l.signOff("", closing, signer{party: l.ag.Name, name: l.signatory(), date: l.t.date(l.opt.Now), seal: true})
}

// signOff writes a section heading (if any), the closing paragraphs and the
// signatures on one page: a signature alone at the top of a page could be
// torn off and reused.
func (l *letter) signOff(headingKey string, closing []string, ss ...signer) {
	need := l.closingHeight(closing)
	if headingKey != "" {
		need += 2 + l.lineHeight(12) + 0.5
	}
	l.room(need)
	if headingKey != "" {
		l.section(headingKey)
	}
	for _, s := range closing {
		l.text(s)
	}
	l.signatures(ss...)
}

// closingGap is the space between a letter's last text and its closing.
const closingGap = 2.0

// closeWith writes the letter's last paragraph — under its section heading
// when headingKey is set — and then the closing and the agency's signature,
// kept together: the page with the closing always holds the end of that
// paragraph too. When they do not fit on this page, the section moves to the
// next page if it fits there whole with the closing; if it is longer than
// that, its last lines move over with the closing.
func (l *letter) closeWith(headingKey, last string, closing ...string) {
	f := l.f
	f.SetFont(fontFamily, "", bodySize)
	lines := wrapText(strings.TrimSpace(last), l.width, runeWidth(f))
	lh := l.lineHeight(bodySize)
	headH := 0.0
	if headingKey != "" {
		headH = 2 + l.lineHeight(12) + 0.5
	}
	closeH := closingGap + l.closingHeight(closing)
	whole := headH + float64(len(lines))*lh + 1.5 + closeH
	_, ph := f.GetPageSize()
	if bottom := ph - marginBottom; f.GetY()+whole > bottom && l.top+whole <= bottom {
		f.AddPage()
	}
	if headingKey != "" {
		l.section(headingKey)
	}
	keep := min(2, len(lines)) // the lines that go with the closing
	if head := lines[:len(lines)-keep]; len(head) > 0 {
		l.para(strings.Join(head, "\n"))
	}
	l.room(float64(keep)*lh + 1.5 + closeH)
	l.text(strings.Join(lines[len(lines)-keep:], "\n"))
	l.gap(closingGap)
	l.agencySignature(closing...)
}

// closingHeight is the room signOff needs for the closing paragraphs and
// the signatures, without a heading.
func (l *letter) closingHeight(closing []string) float64 {
	need := signatureHeight
	for _, s := range closing {
		need += l.textHeight(strings.TrimSpace(s)) + 1.5
	}
	return need
}

// remediesTotal sums the remedies' amounts.
func (l *letter) remediesTotal() data.Money {
	f := l.c.Findings()
	return f.Total()
}

func itoa(n int) string { return fmt.Sprint(n) }

// keepTable starts a new page unless a section heading and a short table
// (its header row and rows) fit on this one; a long table is left to break, with its header repeated.
func (l *letter) keepTable(cols []column, rows [][]string) {
	f := l.f
	f.SetFontSize(bodySize - 1)
	measure := runeWidth(f)
	lh := l.lineHeight(bodySize - 1)
	h := 0.0
	for _, r := range append([][]string{make([]string, len(cols))}, rows...) {
		n := 1
		for i, c := range cols {
			n = max(n, len(wrapText(at(r, i), c.share*l.width-2, measure)))
		}
		h += float64(n)*lh + 1
	}
	f.SetFontSize(bodySize)
	const most = 120.0 // mm: a longer table may break
	if h < most {
		l.room(2 + l.lineHeight(12) + 0.5 + h)
	}
}
