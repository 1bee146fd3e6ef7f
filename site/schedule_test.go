package site

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestScheduleEvents moves the clock across the sale's window: opening
// and closing it each send one schedule event, with no snapshot behind
// them.
func TestScheduleEvents(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	events, done := ts.openEvents(nil)
	defer done()
	version := ts.Snapshot().Version
	all := `"channels":["app","email","sms","web","x"]`

	ts.clock.Set(saleOpen)
	ev := nextEvent(t, events)
	want := fmt.Sprintf(`{"version":"%s","changed":[{"id":"spring-sale","locale":"en-US",%s}],"removed":[]}`, version, all)
	if ev.name != EventSchedule || ev.id != ts.eventID(1) || ev.data != want {
		t.Errorf("at the opening: %+v\nwant data %s", ev, want)
	}

	ts.clock.Set(saleEnd)
	ev = nextEvent(t, events)
	want = fmt.Sprintf(`{"version":"%s","changed":[],"removed":[{"id":"spring-sale","locale":"en-US",%s}]}`, version, all)
	if ev.name != EventSchedule || ev.id != ts.eventID(2) || ev.data != want {
		t.Errorf("at the close: %+v\nwant data %s", ev, want)
	}
	if ts.Snapshot().Version != version {
		t.Error("a schedule event rebuilt the snapshot")
	}
}

// TestWindowChanges covers a window that opens and closes between two
// looks (never live: no change) and instants on the edges.
func TestWindowChanges(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	snap := ts.Snapshot()
	for _, tt := range []struct {
		name     string
		from, to string
		want     string
	}{
		{"before", "2025-01-15T00:00:00Z", "2025-02-01T00:00:00Z", ""},
		{"the guide opens", "2024-12-31T00:00:00Z", "2025-01-01T00:00:00Z", "added trail-guide en-US; added trail-guide zh-CN"},
		{"the sale opens at to", "2025-02-01T00:00:00Z", "2025-03-01T09:00:00Z", "added spring-sale en-US"},
		{"the sale opened at from", "2025-03-01T09:00:00Z", "2025-03-02T00:00:00Z", ""},
		{"open and closed between", "2025-02-01T00:00:00Z", "2025-05-01T00:00:00Z", ""},
		{"the sale closes", "2025-03-15T00:00:00Z", "2025-04-01T00:00:00Z", "removed spring-sale en-US"},
	} {
		from, err1 := time.Parse(time.RFC3339, tt.from)
		to, err2 := time.Parse(time.RFC3339, tt.to)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		var got []string
		for _, c := range snap.windowChanges(from, to) {
			k := c.Kind + " " + c.ID + " " + c.Locale
			if !slices.Contains(got, k) {
				got = append(got, k)
			}
		}
		if s := strings.Join(got, "; "); s != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, s, tt.want)
		}
	}
}
