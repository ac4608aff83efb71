package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"casebook/data"
)

// Customers is the customer records: the list and search, a customer's
// page, tags, the VIP flag, notes, and merging two records of one person.
// Tags, VIP and notes are everyday work (data.ActionNote); merging moves
// cases between people and is a supervisor's (data.ActionMerge).
type Customers struct{ *core }

// CustomerQuery selects customers for the list.
type CustomerQuery = data.CustomerQuery

// Resolve finds a customer id by reference ("#12" or "12") or by the
// number of one of their cases. A record merged away is a
// *data.MergedError naming the one it went to.
func (c *Customers) Resolve(ctx context.Context, ref string) (uint64, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, fmt.Errorf("customer %q: %w", ref, data.ErrNotFound)
	}
	id, err := strconv.ParseUint(strings.TrimPrefix(ref, "#"), 10, 64)
	if err != nil || id == 0 {
		if id, err = c.store.CustomerOfCase(ctx, ref); err != nil {
			return 0, err
		}
		if id == 0 {
			return 0, fmt.Errorf("case %s has no customer record: %w", ref, data.ErrNotFound)
		}
	}
	if _, _, err := c.store.CustomerProfile(ctx, id); err != nil {
		return 0, err
	}
	return id, nil
}

// List lists the customers q selects, the most recent case first.
func (c *Customers) List(ctx context.Context, q CustomerQuery) ([]data.CustomerSummary, error) {
	return c.store.Customers(ctx, q, c.store.Now())
}

// Summary is one customer's marks and case counts (for the case screen).
func (c *Customers) Summary(ctx context.Context, id uint64) (data.CustomerSummary, error) {
	return c.store.CustomerSummary(ctx, id, c.store.Now())
}

// Page is everything a customer's page shows, at the service's clock.
func (c *Customers) Page(ctx context.Context, id uint64) (data.CustomerPage, error) {
	return c.store.CustomerPage(ctx, id, c.store.Now())
}

// SetTags adds and removes tags on a customer.
func (c *Customers) SetTags(ctx context.Context, a data.Actor, id uint64, add, remove []string) (data.CustomerProfile, error) {
	if err := check(a, data.ActionNote); err != nil {
		return data.CustomerProfile{}, err
	}
	return c.store.UpdateCustomerProfile(ctx, id, a.Name, "tags", func(p *data.CustomerProfile, _ time.Time) (bool, error) {
		return p.SetTags(add, remove)
	})
}

// SetVIP sets or clears the VIP flag.
func (c *Customers) SetVIP(ctx context.Context, a data.Actor, id uint64, on bool) (data.CustomerProfile, error) {
	if err := check(a, data.ActionNote); err != nil {
		return data.CustomerProfile{}, err
	}
	return c.store.UpdateCustomerProfile(ctx, id, a.Name, "vip", func(p *data.CustomerProfile, _ time.Time) (bool, error) {
		if p.VIP == on {
			return false, nil
		}
		p.VIP = on
		return true, nil
	})
}

// AddNote adds a note about the customer, with its author and time.
func (c *Customers) AddNote(ctx context.Context, a data.Actor, id uint64, text string) (data.CustomerProfile, error) {
	if err := check(a, data.ActionNote); err != nil {
		return data.CustomerProfile{}, err
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return data.CustomerProfile{}, &data.FieldError{Field: "note", Reason: "the note is empty"}
	}
	if err := data.CheckText("note", text); err != nil {
		return data.CustomerProfile{}, err
	}
	return c.store.UpdateCustomerProfile(ctx, id, a.Name, "note", func(p *data.CustomerProfile, now time.Time) (bool, error) {
		p.Notes = append(p.Notes, data.CustomerNote{At: now, By: a.Name, Text: text})
		return true, nil
	})
}

// Merge merges the record other into keep (see store.MergeCustomers): their
// cases, mail, tags, notes and contact history move, each moved case's
// timeline and the audit chain record it, and other is gone (a pointer to
// keep remains).
func (c *Customers) Merge(ctx context.Context, a data.Actor, keep, other uint64) (data.MergeResult, error) {
	if err := check(a, data.ActionMerge); err != nil {
		return data.MergeResult{}, err
	}
	return c.store.MergeCustomers(ctx, keep, other, a.Name)
}
