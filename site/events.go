package site

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// eventRing is how many change events the server keeps for clients that
// reconnect with Last-Event-ID.
const eventRing = 256

// subscriberBuffer is how many events may wait for a slow stream before
// the server drops it; the client reconnects and catches up from the ring.
const subscriberBuffer = 32

// ChangeEvent tells what changed for the channels: for each item (id and
// locale) the channels whose variant was added or changed, and those whose
// variant went away. A "snapshot" event is a new snapshot; a "schedule"
// event is a publishing window opening (changed: the item is now
// published on those channels) or closing (removed) in the live one. Seq
// is the event id of the stream, increasing by one per event.
type ChangeEvent struct {
	Seq     uint64        `json:"-"`
	Kind    string        `json:"-"` // EventSnapshot or EventSchedule
	Version string        `json:"version"`
	Changed []ChangedItem `json:"changed"`
	Removed []ChangedItem `json:"removed"`

	data []byte // the JSON, made once
}

// ChangedItem is one item of a ChangeEvent with the channels concerned,
// sorted.
type ChangedItem struct {
	ID       string   `json:"id"`
	Locale   string   `json:"locale"`
	Channels []string `json:"channels"`
}

// The kinds of ChangeEvent, which are also the SSE event names. A
// "status" event names no items: the last reload's problems appeared,
// changed or went away (the preview page shows them).
const (
	EventSnapshot = "snapshot"
	EventSchedule = "schedule"
	EventStatus   = "status"
)

// newChangeEvent groups changes by item.
func newChangeEvent(seq uint64, kind, version string, changes Changes) *ChangeEvent {
	ev := &ChangeEvent{Seq: seq, Kind: kind, Version: version, Changed: []ChangedItem{}, Removed: []ChangedItem{}}
	changed, removed := map[string]int{}, map[string]int{}
	for _, c := range changes {
		list, idx := &ev.Changed, changed
		if c.Kind == "removed" {
			list, idx = &ev.Removed, removed
		}
		k := key(c.ID, c.Locale)
		i, ok := idx[k]
		if !ok {
			i = len(*list)
			idx[k] = i
			*list = append(*list, ChangedItem{ID: c.ID, Locale: c.Locale})
		}
		(*list)[i].Channels = append((*list)[i].Channels, c.Channel)
	}
	for _, list := range [][]ChangedItem{ev.Changed, ev.Removed} {
		for i := range list {
			slices.Sort(list[i].Channels)
			list[i].Channels = slices.Compact(list[i].Channels)
		}
		slices.SortFunc(list, func(a, b ChangedItem) int {
			if c := strings.Compare(a.ID, b.ID); c != 0 {
				return c
			}
			return strings.Compare(a.Locale, b.Locale)
		})
	}
	ev.data, _ = json.Marshal(ev)
	return ev
}

// Filter returns the event narrowed to the channels allowed says yes to;
// items left with no channel are dropped. A nil allowed keeps everything.
func (ev *ChangeEvent) Filter(allowed func(channel string) bool) *ChangeEvent {
	if allowed == nil || ev.Kind == EventStatus {
		return ev
	}
	out := &ChangeEvent{Seq: ev.Seq, Kind: ev.Kind, Version: ev.Version, Changed: []ChangedItem{}, Removed: []ChangedItem{}}
	narrow := func(in []ChangedItem) []ChangedItem {
		res := []ChangedItem{}
		for _, it := range in {
			var chs []string
			for _, ch := range it.Channels {
				if allowed(ch) {
					chs = append(chs, ch)
				}
			}
			if len(chs) > 0 {
				res = append(res, ChangedItem{ID: it.ID, Locale: it.Locale, Channels: chs})
			}
		}
		return res
	}
	out.Changed, out.Removed = narrow(ev.Changed), narrow(ev.Removed)
	out.data, _ = json.Marshal(out)
	return out
}

// Empty reports whether the event names no item.
func (ev *ChangeEvent) Empty() bool { return len(ev.Changed) == 0 && len(ev.Removed) == 0 }

// eventHub fans change events out to the open streams and keeps the last
// eventRing of them.
type eventHub struct {
	mu   sync.Mutex
	base uint64 // the id before the first event
	seq  uint64
	ring []*ChangeEvent // oldest first
	subs map[*subscriber]struct{}
}

type subscriber struct {
	ch chan *ChangeEvent // closed when the stream fell too far behind
}

// newEventHub returns a hub whose first event id is base+1. The server
// takes base from the clock at start (in milliseconds), so the ids of a
// restarted server begin above the last ones of the one before: a client
// that resumes with an id from an earlier process gets a reset, never
// another process's events under a reused id.
func newEventHub(base uint64) *eventHub {
	return &eventHub{seq: base, base: base, subs: map[*subscriber]struct{}{}}
}

// publish records a new snapshot's changes as the next event and sends it
// to every stream. A stream whose buffer is full is dropped, never waited
// for.
func (h *eventHub) publish(kind, version string, changes Changes) *ChangeEvent {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seq++
	ev := newChangeEvent(h.seq, kind, version, changes)
	h.send(ev)
	return ev
}

// send keeps ev in the ring and hands it to every stream; h.mu is held.
func (h *eventHub) send(ev *ChangeEvent) {
	if len(h.ring) == eventRing {
		copy(h.ring, h.ring[1:])
		h.ring = h.ring[:eventRing-1]
	}
	h.ring = append(h.ring, ev)
	for sub := range h.subs {
		select {
		case sub.ch <- ev:
		default:
			close(sub.ch)
			delete(h.subs, sub)
		}
	}
}

// publishStatus sends a status event: the snapshot version and the last
// reload's problem, null once there is none.
func (h *eventHub) publishStatus(version string, re *ReloadError) *ChangeEvent {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seq++
	ev := &ChangeEvent{Seq: h.seq, Kind: EventStatus, Version: version}
	var problem any
	if re != nil {
		problem = struct {
			At      time.Time `json:"at"`
			Message string    `json:"message"`
		}{re.At, re.Message}
	}
	ev.data, _ = json.Marshal(struct {
		Version     string `json:"version"`
		ReloadError any    `json:"reload_error"`
	}{version, problem})
	h.send(ev)
	return ev
}

// subscribe opens a stream. With a last event id it also returns the
// events after it, or reset when they are no longer all in the ring (or
// the id is from the future, as after a server restart).
func (h *eventHub) subscribe(last uint64, hasLast bool) (sub *subscriber, missed []*ChangeEvent, reset bool, seq uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	sub = &subscriber{ch: make(chan *ChangeEvent, subscriberBuffer)}
	h.subs[sub] = struct{}{}
	if hasLast && last != h.seq {
		switch {
		case last > h.seq, len(h.ring) == 0, last+1 < h.ring[0].Seq:
			reset = true
		default:
			for _, ev := range h.ring {
				if ev.Seq > last {
					missed = append(missed, ev)
				}
			}
		}
	}
	return sub, missed, reset, h.seq
}

func (h *eventHub) unsubscribe(sub *subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[sub]; ok {
		delete(h.subs, sub)
		close(sub.ch)
	}
}

// handleEvents streams change events as Server-Sent Events: one
// `snapshot` event per new snapshot, a `reset` event when the client's
// Last-Event-ID is too old to catch up from, and a comment line every
// heartbeat.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	var last uint64
	raw := r.Header.Get("Last-Event-ID")
	if raw == "" {
		raw = r.URL.Query().Get("last_event_id")
	}
	hasLast := raw != ""
	if hasLast {
		n, err := strconv.ParseUint(strings.TrimSpace(raw), 10, 64)
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("Last-Event-ID %q is not an event id (a whole number)", clip(raw)))
			return
		}
		last = n
	}
	allowed := allowedChannels(r.Context())

	rc := http.NewResponseController(w)
	// The stream outlives the request read timeout; without this the
	// connection's read deadline would end it.
	_ = rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")

	sub, missed, reset, seq := s.events.subscribe(last, hasLast)
	defer s.events.unsubscribe(sub)
	s.metrics.streams.Inc()
	defer s.metrics.streams.Dec()

	send := func(chunk string) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(s.opts.WriteTimeout))
		if _, err := io.WriteString(w, chunk); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	var b strings.Builder
	b.WriteString("retry: 2000\n: chorus change events\n\n")
	if reset {
		version := ""
		if snap := s.Snapshot(); snap != nil {
			version = snap.Version
		}
		data, _ := json.Marshal(map[string]string{"version": version})
		fmt.Fprintf(&b, "id: %d\nevent: reset\ndata: %s\n\n", seq, data)
	}
	for _, ev := range missed {
		writeEvent(&b, ev.Filter(allowed))
	}
	if !send(b.String()) {
		return
	}
	tick := time.NewTicker(s.opts.Heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.stopping:
			return
		case <-tick.C:
			if !send(": heartbeat\n\n") {
				return
			}
		case ev, ok := <-sub.ch:
			if !ok {
				return // fell behind; the client reconnects with Last-Event-ID
			}
			b.Reset()
			writeEvent(&b, ev.Filter(allowed))
			if !send(b.String()) {
				return
			}
		}
	}
}

func writeEvent(b *strings.Builder, ev *ChangeEvent) {
	fmt.Fprintf(b, "id: %d\nevent: %s\ndata: %s\n\n", ev.Seq, ev.Kind, ev.data)
}
