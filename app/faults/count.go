package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net/textproto"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// The counting: pure functions over what the commands printed and what the
// mailboxes hold, each tested on its own.

var progressRE = regexp.MustCompile(`(\d+)/(\d+)`)

// lastProgress is the last "done/total" a command wrote to stderr ("\r12/30"
// lines), or 0 when it wrote none. Casebook writes it after each committed
// batch, so it is what was reported done.
func lastProgress(stderr string) int {
	m := progressRE.FindAllStringSubmatch(stderr, -1)
	if len(m) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(m[len(m)-1][1])
	return n
}

// diffCounts compares how often each key occurs in got against want: lost
// are occurrences missing, duplicated occurrences too many.
func diffCounts(want, got map[string]int) (lost, duplicated int) {
	for k, w := range want {
		if g := got[k]; g < w {
			lost += w - g
		}
	}
	for k, g := range got {
		if w := want[k]; g > w {
			duplicated += g - w
		}
	}
	return lost, duplicated
}

// extraCopies counts occurrences beyond the first of each key.
func extraCopies(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		if c > 1 {
			n += c - 1
		}
	}
	return n
}

// normID is a Message-ID without angle brackets and surrounding space.
func normID(id string) string {
	id = strings.TrimSpace(id)
	id = strings.TrimPrefix(id, "<")
	id = strings.TrimSuffix(id, ">")
	return strings.TrimSpace(id)
}

// messageID reads the Message-ID header of a raw message ("" when none).
func messageID(raw []byte) string {
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw)))
	h, err := r.ReadMIMEHeader()
	if err != nil && len(h) == 0 {
		return ""
	}
	return normID(h.Get("Message-Id"))
}

// maildirIDs counts the messages in a Maildir (new/ and cur/) by
// Message-ID: how often each one was delivered. It remembers the files it
// has read; a file moved from new/ to cur/ (its flags added after ':') is the
// same delivery.
type maildirIDs struct {
	dir  string
	seen map[string]string // unique name (before ':') -> Message-ID
}

func newMaildirIDs(dir string) *maildirIDs {
	return &maildirIDs{dir: dir, seen: map[string]string{}}
}

// counts rescans the Maildir and returns deliveries per Message-ID.
func (m *maildirIDs) counts() (map[string]int, error) {
	out := map[string]int{}
	present := map[string]bool{}
	for _, sub := range []string{"new", "cur"} {
		entries, err := os.ReadDir(filepath.Join(m.dir, sub))
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			key, _, _ := strings.Cut(e.Name(), ":")
			if present[key] {
				continue // caught between new/ and cur/ while listing
			}
			present[key] = true
			id, ok := m.seen[key]
			if !ok {
				raw, err := os.ReadFile(filepath.Join(m.dir, sub, e.Name()))
				if err != nil {
					if os.IsNotExist(err) {
						continue // moved meanwhile; the next scan finds it
					}
					return nil, err
				}
				id = messageID(raw)
				m.seen[key] = id
			}
			out[id]++
		}
	}
	return out, nil
}

// crashed tells a Go panic or a fatal signal from an ordinary refusal: the
// runtime prints "goroutine N [running]" (and "panic:" or "fatal error:" or
// "SIGSEGV") and exits 2; a killed-by-signal process has rc < 0.
func crashed(rc int, stderr string) bool {
	if rc < 0 {
		return true
	}
	for _, s := range []string{"goroutine ", "panic:", "fatal error:", "SIGSEGV", "SIGBUS", "runtime error:"} {
		if strings.Contains(stderr, s) {
			return true
		}
	}
	return false
}

// pdfComplete reports whether b looks like a whole PDF: the header and a
// trailer's %%EOF near the end.
func pdfComplete(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return false
	}
	tail := b[max(0, len(b)-1024):]
	return bytes.Contains(tail, []byte("%%EOF"))
}

// counter is a suite's named counts in the order they are printed; bad
// counts make the suite fail unless a rule says otherwise.
type counter struct {
	names []string
	vals  map[string]int
}

func newCounter(names ...string) *counter {
	c := &counter{vals: map[string]int{}}
	for _, n := range names {
		c.names = append(c.names, n)
		c.vals[n] = 0
	}
	return c
}

func (c *counter) add(name string, n int) {
	if _, ok := c.vals[name]; !ok {
		c.names = append(c.names, name)
	}
	c.vals[name] += n
}

func (c *counter) get(name string) int { return c.vals[name] }

// Result is one suite's line.
type Result struct {
	Suite  string
	Counts *counter
	Pass   bool
	Why    string   // why it failed, briefly
	Notes  []string // details printed under the summary (first few)

	MaxNotes int // how many notes to keep (0: 8)
}

// line is the suite's summary line: "suite  rounds=… corrupt=… …  PASS".
func (r Result) line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s", r.Suite)
	for _, n := range r.Counts.names {
		fmt.Fprintf(&b, " %s=%d", n, r.Counts.vals[n])
	}
	if r.Pass {
		b.WriteString("  PASS")
	} else {
		b.WriteString("  FAIL")
		if r.Why != "" {
			b.WriteString(" (" + r.Why + ")")
		}
	}
	return b.String()
}

// judge sets Pass: every name in bad must be 0, and for outbound suites the
// uncertain messages must not outnumber the allowance (cuts after DATA, or
// kills while sending).
func (r *Result) judge(bad []string, uncertainAllowed int, checkUncertain bool) {
	var why []string
	for _, n := range bad {
		if v := r.Counts.get(n); v != 0 {
			why = append(why, fmt.Sprintf("%s %d", n, v))
		}
	}
	if checkUncertain {
		if u := r.Counts.get("uncertain"); u > uncertainAllowed {
			why = append(why, fmt.Sprintf("uncertain %d > %d allowed", u, uncertainAllowed))
		}
	}
	r.Pass = len(why) == 0
	r.Why = strings.Join(why, ", ")
}

// summary is the closing line.
func summary(results []Result) string {
	passed := 0
	for _, r := range results {
		if r.Pass {
			passed++
		}
	}
	return fmt.Sprintf("%d passed, %d failed", passed, len(results)-passed)
}
