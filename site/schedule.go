package site

import (
	"context"
	"time"
)

// maxScheduleWait caps how long the scheduler sleeps before it reads the
// clock again: a sleep until the next publishing instant is only a guess
// when the clock can be stepped (or, in tests, set).
const maxScheduleWait = time.Second

// runSchedule sends a schedule change event whenever a publishing window
// of the live snapshot opens or closes, so that channels following
// /v1/events or a webhook learn that an item went live or was withdrawn
// without polling. Requests never wait for it: they evaluate windows
// themselves.
func (s *Server) runSchedule(ctx context.Context) {
	last := s.now()
	for {
		wait := maxScheduleWait
		if snap := s.Snapshot(); snap != nil {
			if next, ok := snap.NextChange(last); ok {
				wait = min(wait, max(next.Sub(s.now()), time.Millisecond))
			}
		}
		if !sleep(ctx, wait) {
			return
		}
		now := s.now()
		if now.After(last) {
			s.announceWindows(last, now)
		}
		last = now
	}
}

// sleep waits for d, or less when ctx is cancelled; it reports whether
// the whole wait passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// announceWindows publishes the windows of the live snapshot that opened
// or closed in (from, to].
func (s *Server) announceWindows(from, to time.Time) {
	snap := s.Snapshot()
	if snap == nil {
		return
	}
	if next, ok := snap.NextChange(from); !ok || next.After(to) {
		return
	}
	changes := snap.windowChanges(from, to)
	if len(changes) == 0 {
		return
	}
	ev := s.events.publish(EventSchedule, snap.Version, changes)
	s.hooks.notify(ev)
	s.log.Info("publishing windows changed", "event_id", ev.Seq, "opened", len(ev.Changed), "closed", len(ev.Removed))
}

// windowChanges lists the variants whose item's window opened ("added")
// or closed ("removed") in (from, to]. An item whose window both opened
// and closed in it was never live and is left out.
func (s *Snapshot) windowChanges(from, to time.Time) Changes {
	in := func(t *time.Time) bool { return t != nil && t.After(from) && !t.After(to) }
	var c Changes
	for _, e := range s.Entries {
		opened, closed := in(e.Item.Publish), in(e.Item.Expire)
		if opened == closed {
			continue
		}
		kind := "added"
		if closed {
			kind = "removed"
		}
		for _, ch := range sortedKeys(e.Variants) {
			ch := Change{Channel: ch, ID: e.Item.ID, Locale: e.Item.Locale, Kind: kind}
			if kind == "added" {
				ch.Version = e.Variants[ch.Channel].Version
			}
			c = append(c, ch)
		}
	}
	return c
}
