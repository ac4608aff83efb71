package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// CustomerMessages lists the messages of a customer's cases (by case id) and
// the unfiled ones (on no case) sent from their e-mail address, oldest first.
func (s *Store) CustomerMessages(ctx context.Context, customerID uint64) (byCase map[uint64][]data.Message, unfiled []data.Message, err error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	byCase = map[uint64][]data.Message{}
	err = s.db.View(func(tx *bolt.Tx) error {
		cust, err := customerTx(tx, customerID)
		if err != nil {
			return err
		}
		for _, cid := range customerCaseIDs(tx, customerID) {
			ms, err := caseMessagesTx(tx, cid)
			if err != nil {
				return err
			}
			byCase[cid] = ms
		}
		prof, err := profileTx(tx, customerID)
		if err != nil {
			return err
		}
		unfiled, err = unfiledFromAllTx(tx, customerAddresses(cust, prof))
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("customer messages: %w", err)
	}
	return byCase, unfiled, nil
}

func customerCaseIDs(tx *bolt.Tx, customerID uint64) []uint64 {
	var ids []uint64
	prefix := u64(customerID)
	cur := tx.Bucket(bucketIdxCustomer).Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		ids = append(ids, binary.BigEndian.Uint64(k[8:]))
	}
	slices.Sort(ids)
	return ids
}

func caseMessagesTx(tx *bolt.Tx, caseID uint64) ([]data.Message, error) {
	var out []data.Message
	prefix := u64(caseID)
	cur := tx.Bucket(bucketCaseMsgs).Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		m, err := getMessageTx(tx, k[8:16])
		if err != nil {
			return nil, err
		}
		if m.CaseID == caseID {
			out = append(out, m)
		}
	}
	return out, nil
}

// unfiledFromTx is the incoming mail on no case sent from addr.
func unfiledFromTx(tx *bolt.Tx, addr string) ([]data.Message, error) {
	addr = data.NormalizeEmail(addr)
	from := tx.Bucket(bucketFromIdx)
	if addr == "" || from == nil {
		return nil, nil
	}
	var out []data.Message
	prefix := append([]byte(addr), 0)
	cur := from.Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		m, err := getMessageTx(tx, k[len(k)-8:])
		if err != nil {
			return nil, err
		}
		if m.CaseID == 0 {
			out = append(out, m)
		}
	}
	return out, nil
}

// AnonymiseCustomers erases the personal data of each customer in one
// transaction (PIPL art. 47): their record (name → data.AnonymisedName,
// contacts gone, no longer found by phone or e-mail), every case of theirs
// (data.AnonymiseCase), every message on those cases and their unfiled mail
// (data.AnonymiseMessage), the stored files only they referenced (raw mail,
// attachments, letters' PDFs, evidence), and the salts of the audit entries
// that recorded their personal data, so its digests can no longer confirm a
// guess. What names them on other customers' cases goes too
// (data.EraseCaseTraces, data.EraseMessageTraces): the corrections of a case
// moved away from them, their address on events and mail, their mail there
// and its raw message, their phone and e-mail in free texts (their name too
// on a case linked to them); every phone and e-mail they were known by
// leaves the contact indexes. Each changed case, theirs or not, gets an
// AuditAnonymised entry (one per customer erased from it) and then an
// EventAnonymised on its timeline; nothing else of the chain changes, and
// AuditVerify accepts the earlier personal digests of that case no longer
// matching. A customer with nothing personal left is reported Already, and
// nothing is written for them. Open cases and mail still waiting to be sent
// refuse the whole call with a *data.AnonymiseRefusedError.
//
// The erased bytes stay in the file's free pages until it is compacted (see
// Compact): the caller compacts, or asks for it at the next start.
func (s *Store) AnonymiseCustomers(ctx context.Context, ids []uint64, by string) ([]data.AnonymiseResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := s.Settings()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var results []data.AnonymiseResult
	var rows []*data.Row
	err := s.db.Update(func(tx *bolt.Tx) error {
		results, rows = nil, nil
		now := s.now()
		type work struct {
			cust   data.Customer
			cases  []data.Case
			msgs   map[uint64][]data.Message // by case id; 0: unfiled
			traces data.CustomerTraces       // what names them on other customers' records
			others []data.Message            // mail from or to them on other customers' cases
		}
		var todo []work
		mine := map[uint64]bool{} // case ids being anonymised
		myMsgs := map[uint64]bool{}
		candidates := map[string]uint64{} // blobs they reference → whose
		for _, id := range ids {
			raw := tx.Bucket(bucketCustomers).Get(u64(id))
			if raw == nil {
				return fmt.Errorf("customer %s: %w", data.CustomerRef(id), data.ErrNotFound)
			}
			var cust data.Customer
			if err := json.Unmarshal(raw, &cust); err != nil {
				return fmt.Errorf("customer %s: %w", data.CustomerRef(id), err)
			}
			w := work{cust: cust, msgs: map[uint64][]data.Message{}}
			for _, cid := range customerCaseIDs(tx, id) {
				c, err := getCaseByIDTx(tx, u64(cid))
				if err != nil {
					return err
				}
				if c.Status.Open() {
					return &data.AnonymiseRefusedError{Customer: id, Reason: data.AnonymiseOpenCase, Number: c.Number}
				}
				ms, err := caseMessagesTx(tx, cid)
				if err != nil {
					return err
				}
				for _, m := range ms {
					if m.Direction == data.DirectionOut && (m.Status == data.MessageQueued || m.Status == data.MessageSending || m.Status == data.MessageUncertain) {
						return &data.AnonymiseRefusedError{Customer: id, Reason: data.AnonymiseMailWaiting, Number: c.Number}
					}
				}
				mine[cid] = true
				w.cases = append(w.cases, c)
				w.msgs[cid] = ms
				for _, l := range c.Letters {
					candidates[l.SHA256] = id
				}
				for _, e := range c.Evidence {
					candidates[e.SHA256] = id
				}
			}
			prof, err := profileTx(tx, id)
			if err != nil {
				return err
			}
			unf, err := unfiledFromAllTx(tx, customerAddresses(cust, prof))
			if err != nil {
				return err
			}
			w.msgs[0] = unf
			w.traces = data.TracesWithHistory(cust, w.cases, prof.History)
			for _, ms := range w.msgs {
				for _, m := range ms {
					myMsgs[m.ID] = true
					candidates[m.RawSHA256] = id
					for _, a := range m.Attachments {
						candidates[a.SHA256] = id
					}
				}
			}
			todo = append(todo, w)
		}
		// Mail from or to them on other customers' cases (or on none, sent
		// to them): erased with them, their raw messages and attachments too.
		var inf inflater
		keep := map[string]bool{}
		err := tx.Bucket(bucketMessages).ForEach(func(k, v []byte) error {
			if myMsgs[binary.BigEndian.Uint64(k)] {
				return nil
			}
			raw, err := inf.json(v)
			if err != nil {
				return fmt.Errorf("message #%d: %w", binary.BigEndian.Uint64(k), err)
			}
			if !slices.ContainsFunc(todo, func(w work) bool { return w.traces.MayName(raw) }) {
				return nil // decoding every message is what would take the time
			}
			var m data.Message
			if err := json.Unmarshal(raw, &m); err != nil {
				return fmt.Errorf("message #%d: %w", binary.BigEndian.Uint64(k), err)
			}
			for i := range todo {
				names, theirs := todo[i].traces.MessageOf(&m)
				if mine[m.CaseID] && m.CaseID != 0 || !names {
					continue
				}
				if m.Direction == data.DirectionOut && (m.Status == data.MessageQueued || m.Status == data.MessageSending || m.Status == data.MessageUncertain) {
					number := ""
					if m.CaseID != 0 {
						if c, err := getCaseByIDTx(tx, u64(m.CaseID)); err == nil {
							number = c.Number
						}
					}
					return &data.AnonymiseRefusedError{Customer: todo[i].cust.ID, Reason: data.AnonymiseMailWaiting, Number: number}
				}
				todo[i].others = append(todo[i].others, m)
				myMsgs[m.ID] = true
				candidates[m.RawSHA256] = todo[i].cust.ID // its headers name them
				for _, a := range m.Attachments {
					if theirs {
						candidates[a.SHA256] = todo[i].cust.ID
					} else {
						keep[a.SHA256] = true // someone else's mail, copied to them
					}
				}
				break
			}
			return nil
		})
		if err != nil {
			return err
		}
		for sha := range keep {
			delete(candidates, sha)
		}
		delete(candidates, "")
		gone, err := unsharedBlobs(tx, candidates, mine, myMsgs, st)
		if err != nil {
			return err
		}
		before, _, _ := auditHead(tx) // entries this call appends come after
		changedCases, changedMsgs := map[uint64]bool{}, map[uint64]bool{}
		// Per customer: the subjects of their mail erased on other
		// customers' cases, and how many, by case id.
		subjects := make([]map[uint64]map[string]bool, len(todo))
		erasedOn := make([]map[uint64]int, len(todo))
		custChanged := make([]bool, len(todo))
		for wi, w := range todo {
			res := data.AnonymiseResult{Customer: w.cust.ID}
			anon := data.AnonymiseCustomer(w.cust)
			custChanged[wi] = anon != w.cust
			// Notes, tags and the contact history go too (customer_records.go).
			if erased, err := anonymiseProfile(tx, w.cust.ID); err != nil {
				return err
			} else if erased {
				custChanged[wi] = true
			}
			if custChanged[wi] {
				if err := forgetContacts(tx, w.cust, w.traces); err != nil {
					return err
				}
				if err := putCustomer(tx, anon); err != nil {
					return err
				}
			}
			erased := map[uint64]int{}
			cids := slices.Sorted(maps.Keys(w.msgs)) // entries in a stable order
			for _, cid := range cids {
				for _, m := range w.msgs[cid] {
					old := m
					if !data.AnonymiseMessage(&m, w.cust.ID, st.Mail.Address) {
						continue
					}
					if err := reindexFrom(tx, &old, &m); err != nil {
						return err
					}
					if err := putMessage(tx, &m); err != nil {
						return err
					}
					erased[cid]++
					res.Messages++
					changedMsgs[m.ID] = true
				}
			}
			for _, c := range w.cases {
				old := c
				changed := data.AnonymiseCase(&c)
				if !changed && erased[c.ID] == 0 {
					continue
				}
				if err := appendAudit(tx, anonymisedEntry(&c, by)); err != nil {
					return err
				}
				c.Timeline = append(c.Timeline, data.Event{At: now, By: by, Type: data.EventAnonymised,
					Args: map[string]string{data.ArgCount: strconv.Itoa(erased[c.ID])}})
				if err := putCase(tx, &c, &old); err != nil {
					return err
				}
				res.Cases = append(res.Cases, c.Number)
				rows = append(rows, data.RowOf(&c))
				changedCases[c.ID] = true
			}
			// What names them on other customers' cases: their mail there,
			// the corrections of a case moved away from them, their address
			// as an event's author, sender or recipient.
			subjects[wi], erasedOn[wi] = map[uint64]map[string]bool{}, map[uint64]int{}
			for _, m := range w.others {
				old := m
				if !data.EraseMessageTraces(&m, w.traces) {
					continue
				}
				if err := reindexFrom(tx, &old, &m); err != nil {
					return err
				}
				if err := putMessage(tx, &m); err != nil {
					return err
				}
				if subjects[wi][m.CaseID] == nil {
					subjects[wi][m.CaseID] = map[string]bool{}
				}
				if old.Subject != "" && m.Subject != old.Subject {
					subjects[wi][m.CaseID][old.Subject] = true
				}
				erasedOn[wi][m.CaseID]++
				res.Messages++
				changedMsgs[m.ID] = true
			}
			if ack := tx.Bucket(bucketAckSent); ack != nil {
				for e := range w.traces.Emails {
					if err := ack.Delete([]byte(e)); err != nil {
						return err
					}
				}
			}
			for sha := range gone {
				if gone[sha] == w.cust.ID {
					res.Blobs++
				}
			}
			results = append(results, res)
		}
		// Other customers' cases, read once for all of them: each customer
		// whose traces one held gets an AuditAnonymised entry on it, then
		// the case its EventAnonymised.
		type caseWrite struct {
			c, old data.Case
			events []data.Event
		}
		var others []caseWrite
		if slices.ContainsFunc(todo, func(w work) bool { return !w.traces.Empty() }) {
			err := tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
				id := binary.BigEndian.Uint64(k)
				if mine[id] {
					return nil
				}
				raw, err := inf.json(v)
				if err != nil {
					return fmt.Errorf("case #%d: %w", id, err)
				}
				may := false
				for wi, w := range todo {
					may = may || erasedOn[wi][id] > 0 || w.traces.MayName(raw)
				}
				if !may {
					return nil
				}
				var c data.Case
				if err := json.Unmarshal(raw, &c); err != nil {
					return fmt.Errorf("case #%d: %w", id, err)
				}
				old := c
				var events []data.Event
				for wi, w := range todo {
					if !data.EraseCaseTraces(&c, w.traces, subjects[wi][id], erasedOn[wi][id] > 0) && erasedOn[wi][id] == 0 {
						continue
					}
					if err := appendAudit(tx, anonymisedEntryOf(&c, w.cust.ID, by)); err != nil {
						return err
					}
					events = append(events, data.Event{At: now, By: by, Type: data.EventAnonymised,
						Args: map[string]string{data.ArgCount: strconv.Itoa(erasedOn[wi][id])}})
					results[wi].Cases = append(results[wi].Cases, c.Number)
				}
				if len(events) == 0 {
					return nil
				}
				others = append(others, caseWrite{c: c, old: old, events: events})
				return nil
			})
			if err != nil {
				return err
			}
			for _, o := range others { // not while iterating the bucket
				o.c.Timeline = append(o.c.Timeline, o.events...)
				if err := putCase(tx, &o.c, &o.old); err != nil {
					return err
				}
				rows = append(rows, data.RowOf(&o.c))
				changedCases[o.c.ID] = true
			}
		}
		for wi := range results {
			res := &results[wi]
			res.Already = !custChanged[wi] && len(res.Cases) == 0 && res.Messages == 0 && res.Blobs == 0
			if res.Already {
				res.Cases = nil
			}
		}
		if err := eraseSalts(tx, changedCases, changedMsgs, before); err != nil {
			return err
		}
		for sha := range gone {
			if err := tx.Bucket(bucketBlobs).Delete([]byte(sha)); err != nil {
				return err
			}
			if src := tx.Bucket(bucketBlobSrc); src != nil {
				if err := src.Delete([]byte(sha)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("anonymise: %w", err)
	}
	s.indexPut(rows...)
	return results, nil
}

func anonymisedEntry(c *data.Case, by string) *data.AuditEntry {
	return anonymisedEntryOf(c, c.CustomerID, by)
}

// anonymisedEntryOf is the AuditAnonymised entry of case c for the erasure
// of customer id (the case's own, or one named on another customer's case).
func anonymisedEntryOf(c *data.Case, id uint64, by string) *data.AuditEntry {
	e := data.AuditEntry{Kind: data.AuditAnonymised, By: data.AuditBy(by), What: data.CustomerRef(id), CaseID: c.ID, Number: c.Number}
	e.Content = data.Digest(e.Canonical())
	return &e
}

// reindexFrom moves an incoming message in the sent-from index when
// anonymising changed its sender.
func reindexFrom(tx *bolt.Tx, old, m *data.Message) error {
	if old.Direction != data.DirectionIn || old.FromAddress == "" || old.FromAddress == m.FromAddress {
		return nil
	}
	fb := tx.Bucket(bucketFromIdx)
	if fb == nil {
		return nil
	}
	if err := fb.Delete(fromKey(old)); err != nil {
		return err
	}
	return fb.Put(fromKey(m), nil)
}

// forgetContacts removes the customer's phones and e-mails (their record's
// and every one they were known by) from the contact indexes, where they
// point to this customer.
func forgetContacts(tx *bolt.Tx, c data.Customer, t data.CustomerTraces) error {
	phones := map[string]bool{data.NormalizePhone(c.Phone): true}
	emails := map[string]bool{data.NormalizeEmail(c.Email): true}
	maps.Copy(phones, t.Phones)
	maps.Copy(emails, t.Emails)
	for _, ix := range []struct {
		bucket []byte
		keys   map[string]bool
	}{{bucketCustPhone, phones}, {bucketCustEmail, emails}} {
		b := tx.Bucket(ix.bucket)
		for _, key := range slices.Sorted(maps.Keys(ix.keys)) {
			if key == "" {
				continue
			}
			if v := b.Get([]byte(key)); v != nil && binary.BigEndian.Uint64(v) == c.ID {
				if err := b.Delete([]byte(key)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// unsharedBlobs is the stored files among candidates that exist and that no
// other case, message or the agency's letterhead references, each with
// the customer whose data it was.
func unsharedBlobs(tx *bolt.Tx, candidates map[string]uint64, cases, msgs map[uint64]bool, st data.Settings) (map[string]uint64, error) {
	gone := map[string]uint64{}
	if len(candidates) == 0 {
		return gone, nil
	}
	used := map[string]bool{st.Agency.LogoSHA256: true, st.Agency.SealSHA256: true}
	var inf inflater
	err := tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		if cases[binary.BigEndian.Uint64(k)] {
			return nil
		}
		raw, err := inf.json(v)
		if err != nil {
			return fmt.Errorf("case #%d: %w", binary.BigEndian.Uint64(k), err)
		}
		var c struct {
			Letters  []data.Letter   `json:"letters"`
			Evidence []data.Evidence `json:"evidence_files"`
		}
		if err := json.Unmarshal(raw, &c); err != nil {
			return fmt.Errorf("case #%d: %w", binary.BigEndian.Uint64(k), err)
		}
		for _, l := range c.Letters {
			used[l.SHA256] = true
		}
		for _, e := range c.Evidence {
			used[e.SHA256] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = tx.Bucket(bucketMessages).ForEach(func(k, v []byte) error {
		if msgs[binary.BigEndian.Uint64(k)] {
			return nil
		}
		raw, err := inf.json(v)
		if err != nil {
			return fmt.Errorf("message #%d: %w", binary.BigEndian.Uint64(k), err)
		}
		var m struct {
			Raw         string            `json:"raw_sha256"`
			Attachments []data.Attachment `json:"attachments"`
		}
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("message #%d: %w", binary.BigEndian.Uint64(k), err)
		}
		used[m.Raw] = true
		for _, a := range m.Attachments {
			used[a.SHA256] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	src := tx.Bucket(bucketBlobSrc)
	for sha, who := range candidates {
		if used[sha] {
			continue
		}
		if tx.Bucket(bucketBlobs).Get([]byte(sha)) != nil || (src != nil && src.Get([]byte(sha)) != nil) {
			gone[sha] = who
		}
	}
	return gone, nil
}

// eraseSalts drops the salt of every audit entry up to seq upTo of the cases
// and messages just anonymised: without it the entries' personal digests can
// no longer confirm a guess of what was erased. The entries' hashes do not
// cover their salts; AuditVerify accepts a case's personal digests not
// matching only for entries before its AuditAnonymised entry, which comes
// after upTo.
func eraseSalts(tx *bolt.Tx, cases, msgs map[uint64]bool, upTo uint64) error {
	ab := tx.Bucket(bucketAudit)
	if ab == nil {
		return nil
	}
	type put struct{ k, v []byte }
	var puts []put
	if len(cases) == 0 && len(msgs) == 0 {
		return nil
	}
	err := ab.ForEach(func(k, v []byte) error {
		if binary.BigEndian.Uint64(k) > upTo {
			return nil
		}
		if len(v) < 33 || v[32] == 0 || len(v) < 33+int(v[32]) {
			return nil
		}
		canon := v[33+int(v[32]):]
		var e struct {
			CaseID uint64 `json:"case_id"`
			Ref    uint64 `json:"ref"`
		}
		if err := json.Unmarshal(canon, &e); err != nil {
			return fmt.Errorf("audit entry %d: %w", binary.BigEndian.Uint64(k), err)
		}
		if (e.CaseID != 0 && cases[e.CaseID]) || (e.Ref != 0 && msgs[e.Ref]) {
			nv := append(append(append([]byte(nil), v[:32]...), 0), canon...)
			puts = append(puts, put{append([]byte(nil), k...), nv})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range puts {
		if err := ab.Put(p.k, p.v); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
	return nil
}

// AuditTail is the chain's last n entries, oldest first.
func (s *Store) AuditTail(ctx context.Context, n int) ([]data.AuditEntry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []data.AuditEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		ab := tx.Bucket(bucketAudit)
		if ab == nil {
			return nil
		}
		cur := ab.Cursor()
		var raws [][]byte
		for k, v := cur.Last(); k != nil && len(raws) < n; k, v = cur.Prev() {
			raws = append(raws, append([]byte(nil), v...))
		}
		for i := len(raws) - 1; i >= 0; i-- {
			prev := ""
			if i+1 < len(raws) && len(raws[i+1]) >= 32 {
				prev = hex.EncodeToString(raws[i+1][:32])
			}
			e, err := decodeAuditEntry(raws[i], prev)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return out, nil
}

// RetentionCases reads, in one transaction, every case of each customer who
// has a case that ended before cutoff: what data.Retention sorts into due
// and kept.
func (s *Store) RetentionCases(ctx context.Context, cutoff time.Time) ([]*data.Case, error) {
	var out []*data.Case
	err := s.db.View(func(tx *bolt.Tx) error {
		seen := map[uint64]bool{}
		var custs []uint64
		for _, st := range []data.Status{data.StatusClosed, data.StatusDeclined, data.StatusResolved} {
			prefix := append([]byte(st), 0)
			cur := tx.Bucket(bucketIdxStatus).Cursor()
			for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
				if err := ctx.Err(); err != nil {
					return err
				}
				c, err := getCaseByIDTx(tx, k[len(k)-8:])
				if err != nil {
					return err
				}
				if at, ok := data.CaseEnded(&c); ok && at.Before(cutoff) && c.CustomerID != 0 && !seen[c.CustomerID] {
					seen[c.CustomerID] = true
					custs = append(custs, c.CustomerID)
				}
			}
		}
		slices.Sort(custs)
		for _, id := range custs {
			for _, cid := range customerCaseIDs(tx, id) {
				c, err := getCaseByIDTx(tx, u64(cid))
				if err != nil {
					return err
				}
				out = append(out, &c)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("retention: %w", err)
	}
	return out, nil
}
