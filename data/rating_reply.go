package data

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Satisfaction by reply, not by link: the closure and follow-up mails ask the
// customer to answer with one digit, 1 to 5, or a word. A link would be
// clicked by mail scanners; a reply is the customer's own.

// ratingWords are the words a reply may rate with, longest first so that
// 非常满意 is read before 满意 and unsatisfied before satisfied.
var ratingWords = []struct {
	word   string
	rating int
}{
	{"非常不满意", 1}, {"非常不滿意", 1}, {"very unsatisfied", 1}, {"very dissatisfied", 1},
	{"非常满意", 5}, {"非常滿意", 5}, {"very satisfied", 5},
	{"不满意", 2}, {"不滿意", 2}, {"unsatisfied", 2}, {"dissatisfied", 2},
	{"满意", 4}, {"滿意", 4}, {"satisfied", 4},
	{"一般", 3}, {"neutral", 3}, {"average", 3},
}

// RatingReading is what a reply says about a rating.
type RatingReading struct {
	Rating  int    // 1–5 when the reply clearly rates, else 0
	Maybe   bool   // it may rate, but not clearly: staff confirm
	Guess   int    // Maybe: the rating it seems to give (0 when several or none)
	Line    string // the first unquoted line
	Remarks string // the rest of that line and of the unquoted reply
}

// quoteStart matches the line a mail client puts above a quoted earlier mail.
var quoteStart = regexp.MustCompile(`(?i)^(.*\swrote:|.*(写道|寫道)\s*[:：]?|-{2,}\s*(原始邮件|原始郵件|original message)\s*-{2,}|(发件人|寄件者|from)\s*[:：].*)$`)

// UnquotedLines are the lines of a reply above the quoted earlier mail,
// without lines quoted with ">"; blank lines are dropped.
func UnquotedLines(text string) []string {
	var out []string
	all := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, l := range all {
		l = strings.TrimSpace(l)
		if quoteStart.MatchString(l) {
			break
		}
		// "On Mon, 1 Dec 2026 at 10:00, Agency <a@b>\nwrote:": the header wrapped.
		if i+1 < len(all) && strings.HasPrefix(strings.ToLower(l), "on ") &&
			strings.HasSuffix(strings.ToLower(strings.TrimSpace(all[i+1])), "wrote:") {
			break
		}
		if l == "" || strings.HasPrefix(l, ">") || strings.HasPrefix(l, "＞") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// ReadRating reads a rating from a reply's text: its first unquoted line
// must begin with a digit 1–5 or a rating word, and nothing else in the
// unquoted reply may give another rating. "5 非常满意，谢谢" → 5; "等了5天"
// or "不太满意" → maybe (staff confirm); a 5 only in the quoted mail → nothing.
func ReadRating(text string) RatingReading {
	lines := UnquotedLines(text)
	if len(lines) == 0 {
		return RatingReading{}
	}
	first := lines[0]
	rest := strings.Join(lines[1:], "\n")
	r := RatingReading{Line: Clip("note", lines[0])}
	lead, after := leadingRating(first)
	all := ratingsIn(halfWidth(strings.Join(lines, "\n")))
	if lead == 0 {
		if len(all) > 0 {
			r.Maybe = true
			r.Guess = single(all)
			r.Remarks = strings.TrimSpace(strings.Join(lines, "\n"))
		}
		return r
	}
	// Every other rating in the reply must agree with the leading one.
	for _, x := range ratingsIn(halfWidth(after + "\n" + rest)) {
		if x != lead {
			r.Maybe, r.Guess = true, 0
			r.Remarks = strings.TrimSpace(strings.Join(lines, "\n"))
			return r
		}
	}
	r.Rating = lead
	r.Remarks = strings.TrimSpace(strings.TrimLeftFunc(after, isSep) + "\n" + rest)
	return r
}

// leadingRating is the rating the line begins with and the text after it.
func leadingRating(line string) (int, string) {
	s := strings.TrimLeftFunc(line, isSep)
	if s == "" {
		return 0, ""
	}
	first, n := utf8.DecodeRuneInString(s)
	if d := []rune(halfWidth(string(first)))[0]; d >= '1' && d <= '5' { // ５ typed full-width counts
		after := s[n:]
		next, m := utf8.DecodeRuneInString(after)
		next = []rune(halfWidth(string(next)) + " ")[0]
		if unicode.IsDigit(next) || next == '.' && digitAt(halfWidth(after[m:]), 0) {
			return 0, "" // 50, 5.5: a number, not a rating
		}
		// 5分, 5星, "5/5": the unit goes with it.
		for _, unit := range []string{"分", "星", "/5", "／5", "／５"} {
			after = strings.TrimPrefix(after, unit)
		}
		return int(d - '0'), after
	}
	low := strings.ToLower(s)
	for _, w := range ratingWords {
		if strings.HasPrefix(low, w.word) && wordEnds(low, len(w.word)) {
			return w.rating, s[len(w.word):]
		}
	}
	return 0, ""
}

// ratingsIn finds every rating word and every lone digit 1–5 in s.
func ratingsIn(s string) []int {
	low := strings.ToLower(s)
	var out []int
	for i := 0; i < len(low); {
		if c := low[i]; c >= '1' && c <= '5' && !digitAt(low, i-1) && !digitAt(low, i+1) {
			out = append(out, int(c-'0'))
			i++
			continue
		}
		matched := false
		if wordStarts(low, i) {
			for _, w := range ratingWords {
				if strings.HasPrefix(low[i:], w.word) && wordEnds(low, i+len(w.word)) {
					out = append(out, w.rating)
					i += len(w.word)
					matched = true
					break
				}
			}
		}
		if !matched {
			_, n := utf8.DecodeRuneInString(low[i:])
			i += n
		}
	}
	return out
}

func digitAt(s string, i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }

// wordStarts and wordEnds keep English words whole ("satisfied" is not in
// "unsatisfied"); Chinese has no spaces, so a Chinese word is whole anywhere.
func wordStarts(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !isLatinLetter(r)
}

func wordEnds(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isLatinLetter(r)
}

func isLatinLetter(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }

// isSep is what may stand between a rating and the remark.
func isSep(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || strings.ContainsRune("，。、；：！？~～-—", r)
}

// single is the one rating all of xs agree on, else 0.
func single(xs []int) int {
	for _, x := range xs[1:] {
		if x != xs[0] {
			return 0
		}
	}
	return xs[0]
}

// RatingOutcome says what reading a reply did to the case.
type RatingOutcome int

const (
	RatingNone     RatingOutcome = iota // not a rating (or not the case's customer, or not its stage)
	RatingRecorded                      // recorded as a follow-up by e-mail
	RatingToCheck                       // listed for staff to confirm
)

// TakeRatingReply reads a reply threaded on the case: from the case's
// customer, on a resolved or closed case, a clear rating is recorded as a
// follow-up by e-mail and an unclear one listed for staff to confirm. The
// same message read again changes nothing.
func (c *Case) TakeRatingReply(st Settings, m Message, now time.Time) RatingOutcome {
	if !c.followUpStage() || m.Automatic || m.Direction != DirectionIn || m.ID == 0 ||
		NormalizeEmail(c.Customer.Email) == "" || NormalizeEmail(m.FromAddress) != NormalizeEmail(c.Customer.Email) ||
		c.FollowUp.HasMessage(m.ID) {
		return RatingNone
	}
	r := ReadRating(m.Text)
	at := m.Date
	if at.IsZero() || at.After(now) {
		at = now
	}
	switch {
	case r.Rating > 0:
		v := FollowUp{At: at, Channel: FollowUpEmail, Reached: true, Rating: r.Rating, Remarks: Clip("note", r.Remarks), MessageID: m.ID}
		if RatingNeedsReason(r.Rating) {
			v.Reason = Clip("reason", r.Remarks) // may be empty: the customer's reply is what there is
		}
		if c.RecordFollowUp(st, v, m.FromAddress, now) == nil {
			return RatingRecorded
		}
	case r.Maybe:
		k := RatingCheck{MessageID: m.ID, At: at, Line: r.Line, Guess: r.Guess, Remarks: Clip("note", r.Remarks)}
		c.FollowUp.Checks = append(c.FollowUp.Checks, k)
		args := map[string]string{ArgMessage: strconv.FormatUint(m.ID, 10)}
		if r.Guess > 0 {
			args[ArgRating] = strconv.Itoa(r.Guess)
		}
		c.Timeline = append(c.Timeline, Event{At: now, By: m.FromAddress, Type: EventRatingCheck, Args: args})
		return RatingToCheck
	}
	return RatingNone
}
