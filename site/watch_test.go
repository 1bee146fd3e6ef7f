package site

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// waitText polls a variant until its body holds want.
func (ts *testServer) waitText(path, want string) {
	ts.t.Helper()
	eventually(ts.t, func() (bool, string) {
		a := ts.get(path, nil)
		return a.status == 200 && strings.Contains(a.body, want), fmt.Sprintf("%s = %d %.300s", path, a.status, a.body)
	})
}

func (ts *testServer) waitStatus(path string, status int) {
	ts.t.Helper()
	eventually(ts.t, func() (bool, string) {
		a := ts.get(path, nil)
		return a.status == status, fmt.Sprintf("%s = %d %.300s", path, a.status, a.body)
	})
}

func (ts *testServer) status() statusJSON {
	ts.t.Helper()
	var st statusJSON
	ts.get("/v1/status", nil).json(ts.t, &st)
	return st
}

func (ts *testServer) write(rel, data string) { writeTestFile(ts.t, ts.dir, rel, data) }

// eventID is the id of the server's nth event.
func (ts *testServer) eventID(n int) string { return fmt.Sprint(ts.events.base + uint64(n)) }

const guideX = "/v1/channels/x/variants/trail-guide"

func TestReloadEdit(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	ts.write("content/trail-guide.md", strings.Replace(srvGuide, "Trail guide for beginners", "Trail guide for new hikers", 1))
	ts.waitText(guideX, "Trail guide for new hikers")
	if st := ts.status(); st.Reload.Error != nil || st.Reload.Count < 2 {
		t.Errorf("status after edit: %+v", st.Reload)
	}
}

func TestReloadBrokenItemKeepsLastGood(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	good := ts.get(guideX, nil)

	// Break the front matter: an unclosed flow sequence on line 7.
	broken := strings.Replace(srvGuide, "tags: [guides]", "tags: [guides", 1)
	ts.write("content/trail-guide.md", broken)
	var st statusJSON
	eventually(t, func() (bool, string) {
		st = ts.status()
		return st.Reload.Error != nil, "no reload error yet"
	})
	re := st.Reload.Error
	if re.Message != "content/trail-guide.md has errors; 1 item keeps its last good variants" {
		t.Errorf("message = %q", re.Message)
	}
	if len(re.Findings) == 0 || re.Findings[0].File != "content/trail-guide.md" || re.Findings[0].Line == 0 ||
		re.Findings[0].Where != fmt.Sprintf("content/trail-guide.md:%d:%d", re.Findings[0].Line, re.Findings[0].Column) {
		t.Errorf("findings = %+v", re.Findings)
	}
	// Still serving the last good variant, and saying why on the item.
	ts.get(guideX, nil).want(t, 200, good.body)
	var item itemAnswerJSON
	ts.get("/v1/items/trail-guide", nil).json(t, &item)
	if len(item.Pending) == 0 || item.Pending[0]["file"] != "content/trail-guide.md" {
		t.Errorf("item pending = %v", item.Pending)
	}
	page := ts.get("/", nil).body
	if !strings.Contains(page, `role="alert"`) || !strings.Contains(page, "content/trail-guide.md:") {
		t.Errorf("preview lacks the reload banner")
	}

	// Fixed: the error clears and the new text is served.
	ts.write("content/trail-guide.md", strings.Replace(srvGuide, "Trail guide for beginners", "Fixed trail guide", 1))
	ts.waitText(guideX, "Fixed trail guide")
	if st := ts.status(); st.Reload.Error != nil {
		t.Errorf("error not cleared: %+v", st.Reload.Error)
	}
	if strings.Contains(ts.get("/", nil).body, `role="alert"`) {
		t.Error("banner still shown after the fix")
	}
}

func TestReloadBrokenConfigKeepsSnapshot(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	version := ts.Snapshot().Version
	ts.write("chorus.yaml", srvConfig+"channels: [web\n")
	var st statusJSON
	eventually(t, func() (bool, string) {
		st = ts.status()
		return st.Reload.Error != nil, "no reload error yet"
	})
	if st.Version != version || !strings.HasPrefix(st.Reload.Error.Message, "chorus.yaml has errors") ||
		st.Reload.Error.Findings[0].File != "chorus.yaml" {
		t.Errorf("status = %+v", st)
	}
	if a := ts.get(guideX, nil); a.status != 200 {
		t.Errorf("serving with a broken chorus.yaml: %d", a.status)
	}
	ts.write("chorus.yaml", srvConfig)
	eventually(t, func() (bool, string) {
		st = ts.status()
		return st.Reload.Error == nil, fmt.Sprintf("error = %+v", st.Reload.Error)
	})
}

func TestReloadDeleteAndRename(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	ts.clock.Set(saleOpen)
	sale := "/v1/channels/x/variants/spring-sale"
	if a := ts.get(sale, nil); a.status != 200 {
		t.Fatalf("sale: %d", a.status)
	}

	// Rename into a new folder: same id, new file.
	if err := os.MkdirAll(filepath.Join(ts.dir, "content", "archive", "2025"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(ts.dir, "content/promotions/spring-sale.md"), filepath.Join(ts.dir, "content/archive/2025/spring-sale.md")); err != nil {
		t.Fatal(err)
	}
	eventually(t, func() (bool, string) {
		var item itemAnswerJSON
		a := ts.get("/v1/items/spring-sale", nil)
		if a.status != 200 {
			return false, a.body
		}
		a.json(t, &item)
		return item.File == "content/archive/2025/spring-sale.md", item.File
	})
	// An edit in the new folder, which appeared after the watch began.
	ts.write("content/archive/2025/spring-sale.md", strings.Replace(srvSale, "Spring sale on rain jackets", "Archived spring sale", 1))
	ts.waitText(sale, "Archived spring sale")

	// Delete: gone from every endpoint.
	if err := os.Remove(filepath.Join(ts.dir, "content/archive/2025/spring-sale.md")); err != nil {
		t.Fatal(err)
	}
	ts.waitStatus(sale, 404)
	ts.get(sale, nil).want(t, 404, errBody(404, `no x variant of item "spring-sale" for locale en-US`))
	ts.get("/v1/items/spring-sale", nil).want(t, 404, errBody(404, `no item "spring-sale"`))

	// A whole folder removed at once.
	if err := os.RemoveAll(filepath.Join(ts.dir, "content", "archive")); err != nil {
		t.Fatal(err)
	}
	ts.write("content/trail-guide.zh-CN.md", strings.Replace(srvGuideZH, "新手徒步指南", "徒步指南二", 1))
	ts.waitText(guideX+"?locale=zh-CN", "徒步指南二")
}

func TestReloadAtomicSave(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	// The way many editors save: write a temporary file, then rename it
	// over the original. Also an editor's swap and backup files, which
	// must not matter.
	ts.write("content/.trail-guide.md.swp", "swap")
	ts.write("content/trail-guide.md~", "backup")
	ts.write("content/4913", "")
	tmp := filepath.Join(ts.dir, "content", "trail-guide.md.tmp-1234")
	if err := os.WriteFile(tmp, []byte(strings.Replace(srvGuide, "Walk early", "Start at dawn", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(ts.dir, "content", "trail-guide.md")); err != nil {
		t.Fatal(err)
	}
	ts.waitText("/v1/channels/web/variants/trail-guide", "Start at dawn")
	if st := ts.status(); st.Reload.Error != nil || st.Counts.Items != 3 {
		t.Errorf("after atomic save: %+v", st)
	}
}

func TestReloadBurst(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	// 200 writes: 50 new items, each written four times, the last time
	// with its final title.
	const n = 50
	item := func(i, round int) string {
		return fmt.Sprintf("---\nid: burst-%d\ntype: article\ntitle: Burst item %d round %d\nsummary: A short summary for item %d.\npublish: 2025-01-01T00:00:00Z\ncta:\n  label: Read more\n  url: https://acme.example/b/%d\n---\nBody of item %d.\n", i, i, round, i, i, i)
	}
	for round := 1; round <= 4; round++ {
		for i := 0; i < n; i++ {
			ts.write(fmt.Sprintf("content/burst/%02d/burst-%d.md", i%5, i), item(i, round))
		}
	}
	eventually(t, func() (bool, string) {
		st := ts.status()
		return st.Counts.Items == 3+n, fmt.Sprintf("%d items", st.Counts.Items)
	})
	for i := 0; i < n; i++ {
		ts.waitText(fmt.Sprintf("/v1/channels/x/variants/burst-%d", i), fmt.Sprintf("Burst item %d round 4", i))
	}
	if st := ts.status(); st.Reload.Error != nil {
		t.Errorf("burst left an error: %+v", st.Reload.Error)
	}
}

func TestEvents(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	events, closeStream := ts.openEvents(nil)
	defer closeStream()

	ts.write("content/trail-guide.md", strings.Replace(srvGuide, "Walk early", "Leave early", 1))
	ev := nextEvent(t, events)
	var data ChangeEvent
	if err := json.Unmarshal([]byte(ev.data), &data); err != nil {
		t.Fatal(err)
	}
	if ev.name != "snapshot" || ev.id != ts.eventID(1) || data.Version != ts.Snapshot().Version ||
		len(data.Changed) != 1 || data.Changed[0].ID != "trail-guide" || data.Changed[0].Locale != "en-US" ||
		strings.Join(data.Changed[0].Channels, ",") != "app,email,web" || len(data.Removed) != 0 {
		t.Errorf("event = %+v %s", ev, ev.data)
	}

	if err := os.Remove(filepath.Join(ts.dir, "content/promotions/spring-sale.md")); err != nil {
		t.Fatal(err)
	}
	ev = nextEvent(t, events)
	if ev.id != ts.eventID(2) || ev.data != fmt.Sprintf(`{"version":"%s","changed":[],"removed":[{"id":"spring-sale","locale":"en-US","channels":["app","email","sms","web","x"]}]}`, ts.Snapshot().Version) {
		t.Errorf("removal event = %+v", ev)
	}
	closeStream()

	// Reconnecting with the last id seen gets what was missed.
	ts.write("content/trail-guide.md", strings.Replace(srvGuide, "Walk early", "Set out early", 1))
	eventually(t, func() (bool, string) {
		ts.events.mu.Lock()
		n := len(ts.events.ring)
		ts.events.mu.Unlock()
		return n == 3, fmt.Sprintf("%d events", n)
	})
	again, closeAgain := ts.openEvents(map[string]string{"Last-Event-ID": ts.eventID(1)})
	defer closeAgain()
	if a, b := nextEvent(t, again), nextEvent(t, again); a.id != ts.eventID(2) || b.id != ts.eventID(3) || b.name != "snapshot" {
		t.Errorf("replay = %+v %+v", a, b)
	}
	// An id from before a restart (the future here) resets.
	reset, closeReset := ts.openEvents(map[string]string{"Last-Event-ID": ts.eventID(99)})
	defer closeReset()
	if ev := nextEvent(t, reset); ev.name != "reset" || ev.id != ts.eventID(3) || ev.data != `{"version":"`+ts.Snapshot().Version+`"}` {
		t.Errorf("reset = %+v", ev)
	}
}

func TestEventsRingReset(t *testing.T) {
	h := newEventHub(0)
	for i := 0; i < eventRing+10; i++ {
		h.publish(EventSnapshot, fmt.Sprint(i), nil)
	}
	_, missed, reset, seq := h.subscribe(5, true)
	if !reset || missed != nil || seq != eventRing+10 {
		t.Errorf("too old: reset %v, %d missed, seq %d", reset, len(missed), seq)
	}
	_, missed, reset, _ = h.subscribe(uint64(eventRing+7), true)
	if reset || len(missed) != 3 || missed[0].Seq != eventRing+8 {
		t.Errorf("recent: reset %v, %d missed", reset, len(missed))
	}
	_, missed, reset, _ = h.subscribe(10, true) // the oldest kept is 11
	if reset || len(missed) != eventRing {
		t.Errorf("edge: reset %v, %d missed", reset, len(missed))
	}
}

func TestEventsOutliveReadTimeout(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), func(o *ServerOptions) {
		o.ReadTimeout = 200 * time.Millisecond
		o.WriteTimeout = 300 * time.Millisecond
		o.Heartbeat = 100 * time.Millisecond
	})
	events, closeStream := ts.openEvents(nil)
	defer closeStream()
	time.Sleep(time.Second) // several read and write timeouts pass
	ts.write("content/trail-guide.md", strings.Replace(srvGuide, "Walk early", "Go early", 1))
	if ev := nextEvent(t, events); ev.name != "snapshot" {
		t.Errorf("event = %+v", ev)
	}
}

func TestWebhooks(t *testing.T) {
	var mu sync.Mutex
	type delivery struct {
		body           []byte
		sig, id, ctype string
	}
	var got []delivery
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, delivery{b, r.Header.Get("X-Chorus-Signature"), r.Header.Get("X-Chorus-Event-Id"), r.Header.Get("Content-Type")})
		n := len(got)
		mu.Unlock()
		if n <= 2 {
			http.Error(w, "try later", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer recv.Close()
	// A second receiver only for x: the edit below does not concern it.
	xRecv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the x-only webhook was called for a change it does not cover")
	}))
	defer xRecv.Close()

	hooks := fmt.Sprintf(`server:
  webhooks:
    - url: %s/hook?key=hidden
      secret: hush
      channels: [web, x]
    - url: %s/x
      secret: other
      channels: [x]
`, recv.URL, xRecv.URL)
	ts := startServer(t, srvWorkspace(t, hooks), nil)
	// Change only the web page text: the body is not in the x post.
	ts.write("content/trail-guide.md", strings.Replace(srvGuide, "Walk early", "Walk at first light", 1))

	eventually(t, func() (bool, string) {
		mu.Lock()
		defer mu.Unlock()
		return len(got) == 3, fmt.Sprintf("%d deliveries", len(got))
	})
	mu.Lock()
	defer mu.Unlock()
	want := fmt.Sprintf(`{"event_id":%s,"event":"snapshot","version":"%s","changed":[{"id":"trail-guide","locale":"en-US","channels":["web"]}],"removed":[]}`, ts.eventID(1), ts.Snapshot().Version)
	for i, d := range got {
		if string(d.body) != want || d.sig != Sign("hush", d.body) || d.id != ts.eventID(1) || d.ctype != "application/json" {
			t.Errorf("delivery %d: %s sig %s id %s", i, d.body, d.sig, d.id)
		}
	}
	// The signature a receiver computes from the documented recipe.
	if !strings.HasPrefix(got[0].sig, "sha256=") || len(got[0].sig) != len("sha256=")+64 {
		t.Errorf("signature form %q", got[0].sig)
	}

	var st statusJSON
	eventually(t, func() (bool, string) {
		st = ts.status()
		return len(st.Webhooks) == 2 && len(st.Webhooks[0].Attempts) == 3, fmt.Sprintf("%+v", st.Webhooks)
	})
	w := st.Webhooks[0]
	if w.URL != recv.URL+"/hook" || strings.Join(w.Channels, ",") != "web,x" {
		t.Errorf("webhook = %+v", w)
	}
	for i, a := range w.Attempts {
		wantStatus, wantErr := 503, "the receiver answered 503"
		if i == 2 {
			wantStatus, wantErr = 204, ""
		}
		if a.Attempt != i+1 || a.Status != wantStatus || a.Error != wantErr || fmt.Sprint(a.EventID) != ts.eventID(1) {
			t.Errorf("attempt %d = %+v", i, a)
		}
	}
	if len(st.Webhooks[1].Attempts) != 0 {
		t.Errorf("x webhook attempts = %+v", st.Webhooks[1].Attempts)
	}
	m := ts.get("/metrics", nil).body
	for _, line := range []string{`chorus_webhook_deliveries_total{result="retried"} 2`, `chorus_webhook_deliveries_total{result="delivered"} 1`} {
		if !strings.Contains(m, line+"\n") {
			t.Errorf("/metrics lacks %s", line)
		}
	}
}

func TestWebhookGivesUpAfterFiveAttempts(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		mu.Unlock()
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer recv.Close()
	ts := startServer(t, srvWorkspace(t, fmt.Sprintf("server:\n  webhooks:\n    - url: %s\n", recv.URL)), nil)
	ts.write("content/trail-guide.md", strings.Replace(srvGuide, "Walk early", "Walk later", 1))
	var st statusJSON
	eventually(t, func() (bool, string) {
		st = ts.status()
		return len(st.Webhooks) == 1 && len(st.Webhooks[0].Attempts) == 5, fmt.Sprintf("%+v", st.Webhooks)
	})
	time.Sleep(200 * time.Millisecond) // a sixth attempt would come within 160 ms
	mu.Lock()
	defer mu.Unlock()
	if calls != 5 {
		t.Errorf("%d calls, want 5", calls)
	}
	if a := st.Webhooks[0].Attempts[4]; a.Status != 429 || a.Attempt != 5 {
		t.Errorf("last attempt = %+v", a)
	}
}

// TestStatusEvents breaks and fixes the workspace in the two ways that
// keep the snapshot as it was (a style guide error in chorus.yaml, a
// banned word in an item): each break and each fix sends a status event,
// so the preview shows and clears the problem at once.
func TestStatusEvents(t *testing.T) {
	dir := srvWorkspace(t, "")
	writeTestFile(t, dir, "styleguide/banned.yaml", "banned:\n  - phrase: guaranteed\n    message: We promise nothing we cannot prove.\n")
	ts := startServer(t, dir, nil)
	events, done := ts.openEvents(nil)
	defer done()
	next := func(want string) {
		t.Helper()
		for {
			ev := nextEvent(t, events)
			if ev.name != EventStatus {
				continue // the snapshot events of the edits
			}
			var data struct {
				ReloadError *struct{ Message string } `json:"reload_error"`
			}
			if err := json.Unmarshal([]byte(ev.data), &data); err != nil {
				t.Fatal(err)
			}
			got := ""
			if data.ReloadError != nil {
				got = data.ReloadError.Message
			}
			if !strings.HasPrefix(got, want) || (want == "") != (got == "") {
				t.Errorf("status event %s, want a reload error starting %q", ev.data, want)
			}
			return
		}
	}

	ts.write("content/trail-guide.md", strings.Replace(srvGuide, "carry water", "carry guaranteed water", 1))
	next("content/trail-guide.md has errors; 1 item keeps its last good variants")
	// The banned word is not served: every channel keeps the last good
	// variant.
	for _, ch := range []string{"web", "x", "sms", "app", "email"} {
		if a := ts.get("/v1/channels/"+ch+"/variants/trail-guide", nil); a.status != 200 || strings.Contains(a.body, "guaranteed") {
			t.Errorf("%s while the item has a banned word: %d, banned word served: %v", ch, a.status, strings.Contains(a.body, "guaranteed"))
		}
	}
	ts.write("content/trail-guide.md", srvGuide)
	next("")

	ts.write("chorus.yaml", srvConfig+"channels: [web\n")
	next("chorus.yaml has errors")
	ts.write("chorus.yaml", srvConfig)
	next("")
}

// TestEventIDsAfterRestart: a client that resumes on a new server
// process with an id from the old one gets a reset, not the new process's
// events under reused ids.
func TestEventIDsAfterRestart(t *testing.T) {
	dir := srvWorkspace(t, "")
	first := startServer(t, dir, nil)
	events, done := first.openEvents(nil)
	first.write("content/trail-guide.md", strings.Replace(srvGuide, "Trail guide for beginners", "Trail guide, take two", 1))
	last := nextEvent(t, events).id
	done()
	time.Sleep(5 * time.Millisecond)
	second := startServer(t, dir, nil)
	second.write("content/trail-guide.md", srvGuide)
	second.waitText(guideX, "Trail guide for beginners")
	resumed, closeResumed := second.openEvents(map[string]string{"Last-Event-ID": last})
	defer closeResumed()
	if ev := nextEvent(t, resumed); ev.name != "reset" {
		t.Errorf("resuming with %s from the old process: %+v", last, ev)
	}
}

// TestHangingWebhookDoesNotBlock: a receiver that never answers holds
// its own delivery worker only; edits keep being served at once and the
// status answers.
func TestHangingWebhookDoesNotBlock(t *testing.T) {
	release := make(chan struct{})
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	defer func() { close(release); recv.Close() }()
	hooks := fmt.Sprintf("server:\n  webhooks:\n    - url: %s/hang\n      secret: hush\n", recv.URL)
	ts := startServer(t, srvWorkspace(t, hooks), nil)
	for i := range 5 {
		title := fmt.Sprintf("Trail guide, edit %d", i)
		start := time.Now()
		ts.write("content/trail-guide.md", strings.Replace(srvGuide, "Trail guide for beginners", title, 1))
		ts.waitText(guideX, title)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("edit %d took %s with a hanging webhook", i, d)
		}
	}
	var st statusJSON
	eventually(t, func() (bool, string) {
		st = ts.status()
		return len(st.Webhooks) == 1 && st.Webhooks[0].Queued > 0, fmt.Sprintf("webhooks %+v", st.Webhooks)
	})
}

// TestEventsForALimitedToken: a token limited to some channels sees the
// events narrowed to them, and a change elsewhere as an event that names
// no item.
func TestEventsForALimitedToken(t *testing.T) {
	tokens := fmt.Sprintf("server:\n  tokens:\n    - name: x-only\n      sha256: %s\n      channels: [x]\n", sha("x-secret"))
	ts := startServer(t, srvWorkspace(t, tokens), nil)
	events, done := ts.openEvents(map[string]string{"Authorization": "Bearer x-secret"})
	defer done()
	// The body is on the web page only, not in the x post.
	ts.write("content/trail-guide.md", strings.Replace(srvGuide, "Walk early", "Walk at first light", 1))
	ev := nextEvent(t, events)
	if ev.name != EventSnapshot || !strings.Contains(ev.data, `"changed":[]`) || strings.Contains(ev.data, `"web"`) {
		t.Errorf("x-only token, web change: %+v", ev)
	}
	ts.write("content/trail-guide.md", strings.Replace(srvGuide, "Trail guide for beginners", "Trail guide for new hikers", 1))
	ev = nextEvent(t, events)
	if !strings.Contains(ev.data, `"changed":[{"id":"trail-guide","locale":"en-US","channels":["x"]}]`) {
		t.Errorf("x-only token, title change: %+v", ev)
	}
}

// TestHead: HEAD answers like GET without a body.
func TestHead(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	get := ts.get(guideX, nil)
	head := do(t, "HEAD", ts.url+guideX, nil)
	if head.status != 200 || head.body != "" || head.header.Get("ETag") != get.header.Get("ETag") ||
		head.header.Get("Content-Type") != get.header.Get("Content-Type") {
		t.Errorf("HEAD = %d %q %v", head.status, head.body, head.header)
	}
}
