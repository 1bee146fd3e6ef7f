package site

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/adapters"
)

// The test workspace: two locales, five channels, three items. Every file
// is free of errors, so that a broken edit has a last good version.
const (
	srvConfig = `brand: Acme
base_url: https://acme.example
default_locale: en-US
locales:
  - code: en-US
  - code: zh-CN
    fallback: [en-US]
channels: [web, email, x, sms, app]
sms:
  prefix: "Acme:"
  opt_out: Reply stop to opt out
email:
  from: news@acme.example
`
	srvStyle = `terms:
  - use: email
    avoid: [e-mail]
`
	srvGuide = `---
id: trail-guide
type: article
title: Trail guide for beginners
summary: Ten short tips for your first long hike.
publish: 2025-01-01T00:00:00Z
tags: [guides]
cta:
  label: Read the guide
  url: https://acme.example/guide
---
# Trail guide

Walk early, carry water and tell a friend your route.
`
	srvGuideZH = `---
id: trail-guide
type: article
title: 新手徒步指南
summary: 第一次长途徒步的十条建议。
publish: 2025-01-01T00:00:00Z
tags: [guides]
cta:
  label: 阅读指南
  url: https://acme.example/guide
---
# 徒步指南

早点出发，带上水，告诉朋友你的路线。
`
	srvSale = `---
id: spring-sale
type: promotion
title: Spring sale on rain jackets
summary: Our rain jackets cost less this spring.
publish: 2025-03-01T09:00:00Z
expire: 2025-04-01T00:00:00Z
tags: [sale]
offer:
  price: "79.99"
  currency: USD
  code: SPRING20
cta:
  label: Shop the sale
  url: https://acme.example/sale
---
Rain jackets for every trail.
`
)

// Instants around the sale's publishing window.
var (
	beforeSale = time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	saleOpen   = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	saleEnd    = time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
)

func writeTestFile(t testing.TB, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// srvWorkspace writes the test workspace, with extra appended to
// chorus.yaml.
func srvWorkspace(t testing.TB, extraConfig string) string {
	t.Helper()
	dir := t.TempDir()
	writeTestFile(t, dir, "chorus.yaml", srvConfig+extraConfig)
	writeTestFile(t, dir, "styleguide/terms.yaml", srvStyle)
	writeTestFile(t, dir, "content/trail-guide.md", srvGuide)
	writeTestFile(t, dir, "content/trail-guide.zh-CN.md", srvGuideZH)
	writeTestFile(t, dir, "content/promotions/spring-sale.md", srvSale)
	return dir
}

// clock is a settable clock for publishing windows.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// testServer is a Server running on a loopback port.
type testServer struct {
	*Server
	t     testing.TB
	dir   string
	url   string
	clock *clock
}

// startServer serves dir on 127.0.0.1:0 with a watcher and a settable
// clock, and waits until it is ready.
func startServer(t testing.TB, dir string, tweak func(*ServerOptions)) *testServer {
	t.Helper()
	c := &clock{t: beforeSale}
	opts := ServerOptions{
		Dir: dir, Now: c.Now, Watch: true, Debounce: 50 * time.Millisecond,
		WebhookBackoff: 10 * time.Millisecond,
		Commit:         func(context.Context, string) string { return "" },
	}
	if tweak != nil {
		tweak(&opts)
	}
	srv, err := NewServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	ts := &testServer{Server: srv, t: t, dir: dir, url: "http://" + ln.Addr().String(), clock: c}
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("Serve did not return after cancel")
		}
	})
	eventually(t, func() (bool, string) {
		r := ts.get("/readyz", nil)
		return r.status == 200, fmt.Sprintf("/readyz = %d %s", r.status, r.body)
	})
	return ts
}

// eventually polls cond until it holds, for up to 30 s (a loaded CI machine under -race is slow).
func eventually(t testing.TB, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, why := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within 30 s: %s", why)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type answer struct {
	status int
	header http.Header
	body   string
}

var plainClient = &http.Client{
	Timeout:   10 * time.Second,
	Transport: &http.Transport{DisableCompression: true},
}

func (ts *testServer) get(path string, header map[string]string) answer {
	ts.t.Helper()
	return do(ts.t, "GET", ts.url+path, header)
}

func do(t testing.TB, method, url string, header map[string]string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := plainClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, string(b)}
}

// want checks an answer's status and exact body.
func (a answer) want(t testing.TB, status int, body string) {
	t.Helper()
	if a.status != status || a.body != body {
		t.Errorf("got %d %q\nwant %d %q", a.status, a.body, status, body)
	}
}

func (a answer) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(a.body), v); err != nil {
		t.Fatalf("decoding %q: %v", a.body, err)
	}
}

func errBody(status int, msg string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(apiError{Error: msg, Status: status})
	return b.String()
}

func TestEndpoints(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	snap := ts.Snapshot()

	ts.get("/healthz", nil).want(t, 200, `{"status":"ok"}`+"\n")
	ts.get("/readyz", nil).want(t, 200, `{"status":"ready","version":"`+snap.Version+`"}`+"\n")

	var chans struct {
		Channels []struct {
			ID     string           `json:"id"`
			Limits []adapters.Limit `json:"limits"`
		} `json:"channels"`
	}
	a := ts.get("/v1/channels", nil)
	a.json(t, &chans)
	var ids []string
	for _, c := range chans.Channels {
		ids = append(ids, c.ID)
		if c.ID == "x" && (len(c.Limits) == 0 || c.Limits[0].Max != 280) {
			t.Errorf("x limits = %+v", c.Limits)
		}
	}
	if want := []string{"web", "email", "x", "sms", "app"}; !slices.Equal(ids, want) {
		t.Errorf("channels = %v, want %v", ids, want)
	}

	// The list: only what is published now (the sale is scheduled).
	var list struct {
		Channel  string              `json:"channel"`
		Locale   string              `json:"locale"`
		Count    int                 `json:"count"`
		Variants []*adapters.Variant `json:"variants"`
	}
	a = ts.get("/v1/channels/x/variants", nil)
	a.json(t, &list)
	if a.status != 200 || list.Channel != "x" || list.Locale != "en-US" || list.Count != 1 || len(list.Variants) != 1 || list.Variants[0].ID != "trail-guide" {
		t.Errorf("list = %d %+v", a.status, list)
	}
	a = ts.get("/v1/channels/x/variants?type=promotion", nil)
	a.json(t, &list)
	if list.Count != 0 {
		t.Errorf("type=promotion before the sale: %s", a.body)
	}
	a = ts.get("/v1/channels/x/variants?tag=guides&locale=zh-CN", nil)
	a.json(t, &list)
	if list.Count != 1 || list.Variants[0].Locale != "zh-CN" || a.header.Get("Content-Language") != "zh-CN" {
		t.Errorf("tag=guides zh-CN: %s", a.body)
	}

	// One envelope: the same bytes chorus build writes.
	v, _, _ := snap.Resolve("x", "trail-guide", "en-US")
	env, _ := adapters.MarshalVariant(v)
	a = ts.get("/v1/channels/x/variants/trail-guide", nil)
	a.want(t, 200, string(env))
	for k, want := range map[string]string{
		"ETag":             `"` + v.Version + `"`,
		"Content-Language": "en-US",
		"Content-Type":     "application/json; charset=utf-8",
		"Cache-Control":    "public, max-age=60, stale-while-revalidate=300",
	} {
		if got := a.header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	a = ts.get("/v1/channels/x/variants/trail-guide/raw", nil)
	a.want(t, 200, v.Body)
	if ct := a.header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("raw Content-Type = %q", ct)
	}
	web, _, _ := snap.Resolve("web", "trail-guide", "en-US")
	a = ts.get("/v1/channels/web/variants/trail-guide/raw", nil)
	a.want(t, 200, web.Body)
	if ct, csp := a.header.Get("Content-Type"), a.header.Get("Content-Security-Policy"); ct != "text/html; charset=utf-8" || !strings.HasPrefix(csp, "sandbox") {
		t.Errorf("raw web: Content-Type %q, CSP %q", ct, csp)
	}

	// The canonical item with its variants and findings.
	var item itemAnswerJSON
	a = ts.get("/v1/items/trail-guide?locale=zh-CN", nil)
	a.json(t, &item)
	if a.status != 200 || item.ID != "trail-guide" || item.Locale != "zh-CN" || item.File != "content/trail-guide.zh-CN.md" ||
		item.State != "live" || item.Fields["title"] != "新手徒步指南" || len(item.Variants) != 5 ||
		!slices.Equal(item.Translations, []string{"en-US", "zh-CN"}) || item.Findings == nil {
		t.Errorf("item = %d %s", a.status, a.body)
	}
	if cta, _ := item.Fields["cta"].(map[string]any); cta["url"] != "https://acme.example/guide" {
		t.Errorf("item fields = %v", item.Fields)
	}

	var st statusJSON
	a = ts.get("/v1/status", nil)
	a.json(t, &st)
	if st.Version != snap.Version || st.Counts.Items != 3 || st.Counts.Variants != 15 || st.Counts.Findings["error"] != 0 ||
		st.Reload.Error != nil || st.NextChange == nil || !st.NextChange.Equal(saleOpen) || st.Commit != "" {
		t.Errorf("status = %s", a.body)
	}

	a = ts.get("/feeds/x/en-US.rss", nil)
	if a.status != 200 || a.header.Get("Content-Type") != "application/rss+xml; charset=utf-8" || !strings.Contains(a.body, "Trail guide for beginners") || strings.Contains(a.body, "Spring sale") {
		t.Errorf("rss = %d %s", a.status, a.body)
	}
	a = ts.get("/feeds/web/zh-CN.json", nil)
	if a.status != 200 || a.header.Get("Content-Type") != "application/feed+json; charset=utf-8" || !strings.Contains(a.body, "新手徒步指南") {
		t.Errorf("json feed = %d %s", a.status, a.body)
	}
	ts.get("/feeds/x/en-US.txt", nil).want(t, 404, errBody(404, `unknown feed format "txt" (known: atom, json, rss)`))
	// A locale without feeds of its own is sent along its chain, as the
	// variants are: zh-Hans-CN to zh-CN, fr-FR to the default.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for path, want := range map[string]string{"/feeds/x/fr-FR.rss": "/feeds/x/en-US.rss", "/feeds/web/zh-Hans-CN.json": "/feeds/web/zh-CN.json"} {
		resp, err := noFollow.Get(ts.url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 307 || resp.Header.Get("Location") != want {
			t.Errorf("%s: %d to %q, want 307 to %s", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	if a := ts.get("/feeds/x/fr-FR.rss", nil); a.status != 200 || a.header.Get("Content-Language") != "en-US" {
		t.Errorf("following the fr-FR feed: %d %q", a.status, a.header.Get("Content-Language"))
	}

	a = ts.get("/metrics", nil)
	for _, want := range []string{
		`chorus_http_requests_total{code="200",route="GET /healthz"} 1`,
		`chorus_http_requests_total{code="200",route="GET /v1/channels/{channel}/variants/{id}"} 1`,
		"chorus_reloads_total 1",
		"chorus_snapshot_items 3",
		"chorus_snapshot_variants 15",
		"# TYPE chorus_reload_duration_seconds histogram",
		`chorus_webhook_deliveries_total{result="failed"} 0`,
	} {
		if !strings.Contains(a.body, want+"\n") {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// itemAnswerJSON and statusJSON decode the answers in tests.
type itemAnswerJSON struct {
	ID           string                       `json:"id"`
	Locale       string                       `json:"locale"`
	File         string                       `json:"file"`
	State        string                       `json:"state"`
	Translations []string                     `json:"translations"`
	Fields       map[string]any               `json:"fields"`
	Variants     map[string]*adapters.Variant `json:"variants"`
	Findings     []map[string]any             `json:"findings"`
	Pending      []map[string]any             `json:"pending"`
}

type statusJSON struct {
	Version string `json:"version"`
	Commit  string `json:"commit"`
	Counts  struct {
		Items    int            `json:"items"`
		Variants int            `json:"variants"`
		Findings map[string]int `json:"findings"`
	} `json:"counts"`
	Reload struct {
		Count int64 `json:"count"`
		Error *struct {
			Message  string `json:"message"`
			Findings []struct {
				Where    string `json:"where"`
				File     string `json:"file"`
				Line     int    `json:"line"`
				Column   int    `json:"column"`
				Severity string `json:"severity"`
				Rule     string `json:"rule"`
			} `json:"findings"`
		} `json:"error"`
	} `json:"reload"`
	NextChange *time.Time      `json:"next_change"`
	Webhooks   []WebhookStatus `json:"webhooks"`
}

func TestNotReadyBeforeLoad(t *testing.T) {
	srv, err := NewServer(ServerOptions{Dir: srvWorkspace(t, "")})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	for path, want := range map[string]string{
		"/readyz":      errBody(503, "the workspace is still loading"),
		"/v1/channels": errBody(503, "the workspace is still loading"),
		"/":            errBody(503, "the workspace is still loading"),
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 503 || rec.Body.String() != want {
			t.Errorf("%s = %d %q", path, rec.Code, rec.Body.String())
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != 200 {
		t.Errorf("/healthz = %d", rec.Code)
	}
	if err := srv.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	if rec.Code != 200 {
		t.Errorf("/readyz after load = %d", rec.Code)
	}
}

func TestLocales(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	ts.clock.Set(saleOpen)
	// No zh-CN translation of the sale: served in the fallback locale.
	a := ts.get("/v1/channels/sms/variants/spring-sale?locale=zh-CN", nil)
	if a.status != 200 || a.header.Get("Content-Language") != "en-US" {
		t.Errorf("fallback: %d %q", a.status, a.header.Get("Content-Language"))
	}
	a = ts.get("/v1/channels/sms/variants/trail-guide?locale=zh-cn", nil)
	if a.status != 200 || a.header.Get("Content-Language") != "zh-CN" {
		t.Errorf("zh-cn: %d %q", a.status, a.header.Get("Content-Language"))
	}
	ts.get("/v1/channels/sms/variants/trail-guide?locale=en_US!", nil).
		want(t, 400, errBody(400, `locale "en_US!" is not a BCP 47 locale like en-US or zh-CN`))
	ts.get("/v1/channels/sms/variants?locale=xx-notalocale-!", nil).
		want(t, 400, errBody(400, `locale "xx-notalocale-!" is not a BCP 47 locale like en-US or zh-CN`))
	ts.get("/feeds/sms/en_US!.rss", nil).
		want(t, 400, errBody(400, `locale "en_US!" is not a BCP 47 locale like en-US or zh-CN`))
	ts.get("/v1/items/spring-sale?locale=zh-CN", nil).want(t, 200, ts.get("/v1/items/spring-sale", nil).body)
	ts.get("/v1/items/nothing-here", nil).want(t, 404, errBody(404, `no item "nothing-here"`))
}

func TestConditionalRequests(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	for _, path := range []string{
		"/v1/channels/email/variants/trail-guide",
		"/v1/channels/email/variants/trail-guide/raw",
		"/v1/channels/email/variants",
		"/feeds/email/en-US.atom",
	} {
		a := ts.get(path, nil)
		etag := a.header.Get("ETag")
		if a.status != 200 || !strings.HasPrefix(etag, `"`) {
			t.Fatalf("%s: %d ETag %q", path, a.status, etag)
		}
		for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
			b := ts.get(path, map[string]string{"If-None-Match": inm})
			if b.status != 304 || b.body != "" || b.header.Get("ETag") != etag {
				t.Errorf("%s If-None-Match %s: %d %q", path, inm, b.status, b.body)
			}
		}
		if b := ts.get(path, map[string]string{"If-None-Match": `"stale"`}); b.status != 200 || b.body != a.body {
			t.Errorf("%s stale tag: %d", path, b.status)
		}
	}
}

func TestGzip(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	plain := ts.get("/v1/channels/web/variants", nil)
	if plain.header.Get("Content-Encoding") != "" || plain.header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("plain: encoding %q vary %q", plain.header.Get("Content-Encoding"), plain.header.Get("Vary"))
	}
	for _, ae := range []string{"gzip", "deflate, gzip;q=0.8", "br, GZIP"} {
		z := ts.get("/v1/channels/web/variants", map[string]string{"Accept-Encoding": ae})
		if z.header.Get("Content-Encoding") != "gzip" || z.header.Get("Vary") != "Accept-Encoding" {
			t.Fatalf("%s: encoding %q vary %q", ae, z.header.Get("Content-Encoding"), z.header.Get("Vary"))
		}
		zr, err := gzip.NewReader(strings.NewReader(z.body))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil || string(b) != plain.body {
			t.Errorf("%s: gunzipped body differs (%v)", ae, err)
		}
	}
	if z := ts.get("/v1/channels/web/variants", map[string]string{"Accept-Encoding": "gzip;q=0"}); z.header.Get("Content-Encoding") != "" {
		t.Errorf("gzip;q=0 got gzip")
	}
	// The compressed answer's validator is weak and still revalidates.
	z0 := ts.get("/v1/channels/web/variants/trail-guide", map[string]string{"Accept-Encoding": "gzip"})
	strong := plain.header.Get("ETag")
	if et := z0.header.Get("ETag"); !strings.HasPrefix(et, `W/"`) || strings.HasPrefix(strong, "W/") {
		t.Errorf("ETags: gzip %q, identity %q", et, strong)
	}
	if a := ts.get("/v1/channels/web/variants/trail-guide", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": z0.header.Get("ETag")}); a.status != 304 {
		t.Errorf("revalidating the gzip answer: %d", a.status)
	}
	// Errors are compressed too and stay JSON.
	z := ts.get("/v1/channels/tiktok/variants", map[string]string{"Accept-Encoding": "gzip"})
	zr, err := gzip.NewReader(strings.NewReader(z.body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	if z.status != 404 || !strings.HasPrefix(string(b), `{"error":"unknown channel \"tiktok\"`) {
		t.Errorf("gzip error: %d %s", z.status, b)
	}
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func TestAuth(t *testing.T) {
	tokens := fmt.Sprintf(`server:
  tokens:
    - name: everything
      sha256: %s
    - name: x-only
      sha256: %s
      channels: [x]
`, sha("open-sesame"), sha("x-secret"))
	ts := startServer(t, srvWorkspace(t, tokens), nil)
	bearer := func(s string) map[string]string { return map[string]string{"Authorization": "Bearer " + s} }

	a := ts.get("/v1/channels/web/variants/trail-guide", nil)
	a.want(t, 401, errBody(401, "this endpoint needs an Authorization: Bearer <token> header"))
	if got := a.header.Get("WWW-Authenticate"); got != `Bearer realm="chorus"` {
		t.Errorf("WWW-Authenticate = %q", got)
	}
	a = ts.get("/v1/channels/web/variants/trail-guide", bearer("wrong"))
	a.want(t, 401, errBody(401, "the bearer token is not valid"))
	if got := a.header.Get("WWW-Authenticate"); got != `Bearer realm="chorus", error="invalid_token"` {
		t.Errorf("WWW-Authenticate = %q", got)
	}
	ts.get("/v1/channels/web/variants/trail-guide", map[string]string{"Authorization": "Basic b3Blbi1zZXNhbWU="}).
		want(t, 401, errBody(401, "this endpoint needs an Authorization: Bearer <token> header"))

	a = ts.get("/v1/channels/web/variants/trail-guide", bearer("open-sesame"))
	if a.status != 200 || a.header.Get("Cache-Control") != "private, max-age=60, stale-while-revalidate=300" {
		t.Errorf("right token: %d %q", a.status, a.header.Get("Cache-Control"))
	}
	ts.get("/v1/channels/web/variants/trail-guide", bearer("x-secret")).
		want(t, 403, errBody(403, "this token may not read the web channel"))
	ts.get("/feeds/web/en-US.rss", bearer("x-secret")).want(t, 403, errBody(403, "this token may not read the web channel"))
	if a := ts.get("/v1/channels/x/variants/trail-guide", map[string]string{"Authorization": "bearer x-secret"}); a.status != 200 {
		t.Errorf("x-only on x: %d %s", a.status, a.body)
	}
	if a := ts.get("/feeds/x/en-US.rss", bearer("x-secret")); a.status != 200 {
		t.Errorf("x-only feed: %d", a.status)
	}
	var chans struct {
		Channels []struct{ ID string } `json:"channels"`
	}
	ts.get("/v1/channels", bearer("x-secret")).json(t, &chans)
	if len(chans.Channels) != 1 || chans.Channels[0].ID != "x" {
		t.Errorf("x-only channels = %+v", chans)
	}
	var item itemAnswerJSON
	ts.get("/v1/items/trail-guide", bearer("x-secret")).json(t, &item)
	if len(item.Variants) != 1 || item.Variants["x"] == nil {
		t.Errorf("x-only item variants = %v", item.Variants)
	}
	ts.get("/v1/status", nil).want(t, 401, errBody(401, "this endpoint needs an Authorization: Bearer <token> header"))
	ts.get("/v1/events", nil).want(t, 401, errBody(401, "this endpoint needs an Authorization: Bearer <token> header"))

	// A token limited to some channels sees no webhook receivers.
	var limited map[string]json.RawMessage
	ts.get("/v1/status", bearer("x-secret")).json(t, &limited)
	if string(limited["webhooks"]) != "[]" {
		t.Errorf("x-only status webhooks = %s", limited["webhooks"])
	}

	// Open: health, readiness, metrics and the preview's assets.
	for _, p := range []string{"/healthz", "/readyz", "/metrics", "/assets/preview.css"} {
		if a := ts.get(p, nil); a.status != 200 {
			t.Errorf("%s without a token: %d", p, a.status)
		}
	}
	// The preview shows every channel: it needs a token that reads them
	// all, as a header or as the cookie that ?token= sets.
	for _, p := range []string{"/", "/items/trail-guide", "/preview/events"} {
		ts.get(p, nil).want(t, 401, errBody(401, "the preview needs a token that may read every channel: open this page once with ?token=<secret>"))
		ts.get(p, bearer("x-secret")).want(t, 403, errBody(403, "the preview shows every channel; this token may read only some"))
	}
	if a := ts.get("/items/trail-guide", bearer("open-sesame")); a.status != 200 {
		t.Errorf("preview with the bearer token: %d", a.status)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(ts.url + "/items/trail-guide?locale=en-US&token=open-sesame")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/items/trail-guide?locale=en-US" || len(cookies) != 1 ||
		!cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode || cookies[0].Value != "open-sesame" {
		t.Errorf("?token=: %d %q %+v", resp.StatusCode, resp.Header.Get("Location"), cookies)
	}
	cookie := map[string]string{"Cookie": previewCookie + "=open-sesame"}
	if a := ts.get("/", cookie); a.status != 200 || !strings.Contains(a.body, `data-events="/preview/events"`) {
		t.Errorf("preview with the cookie: %d", a.status)
	}
	if a := ts.get("/?token=x-secret", nil); a.status != 401 {
		t.Errorf("?token= with a limited token: %d", a.status)
	}
}

func TestScheduling(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), nil)
	path := "/v1/channels/x/variants/spring-sale"
	count := func() int {
		var l struct{ Count int }
		ts.get("/v1/channels/x/variants", nil).json(t, &l)
		return l.Count
	}
	next := func() string {
		var st statusJSON
		ts.get("/v1/status", nil).json(t, &st)
		if st.NextChange == nil {
			return "none"
		}
		return st.NextChange.UTC().Format(time.RFC3339)
	}

	ts.get(path, nil).want(t, 404, errBody(404, `item "spring-sale" is not published on x now`))
	if n, nc := count(), next(); n != 1 || nc != "2025-03-01T09:00:00Z" {
		t.Errorf("before: %d variants, next %s", n, nc)
	}
	if a := ts.get("/feeds/x/en-US.rss", nil); strings.Contains(a.body, "Spring sale") {
		t.Error("feed shows the sale before it opens")
	}

	ts.clock.Set(saleOpen)
	if a := ts.get(path, nil); a.status != 200 {
		t.Errorf("at publish: %d %s", a.status, a.body)
	}
	if n, nc := count(), next(); n != 2 || nc != "2025-04-01T00:00:00Z" {
		t.Errorf("open: %d variants, next %s", n, nc)
	}
	if a := ts.get("/feeds/x/en-US.rss", nil); !strings.Contains(a.body, "Spring sale") {
		t.Error("feed lacks the open sale")
	}

	ts.clock.Set(saleEnd)
	ts.get(path, nil).want(t, 404, errBody(404, `item "spring-sale" is not published on x now`))
	if n, nc := count(), next(); n != 1 || nc != "none" {
		t.Errorf("after: %d variants, next %s", n, nc)
	}
	var item itemAnswerJSON
	ts.get("/v1/items/spring-sale", nil).json(t, &item)
	if item.State != "expired" {
		t.Errorf("item state after expire = %q", item.State)
	}
}

func TestHostileRequests(t *testing.T) {
	ts := startServer(t, srvWorkspace(t, ""), func(o *ServerOptions) { o.ReadHeaderTimeout = 300 * time.Millisecond })
	known := `unknown channel "tiktok" (known: app, email, sms, web, x)`
	knownBody, _ := json.Marshal(apiError{Error: known, Status: 404, Known: []string{"app", "email", "sms", "web", "x"}})
	cases := []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/v1/channels/x/variants/..%2f..%2fetc%2fpasswd", 400, errBody(400, `"../../etc/passwd" is not an item id (lowercase letters, digits and single hyphens)`)},
		{"GET", "/v1/channels/x/variants/%2e%2e", 400, errBody(400, `".." is not an item id (lowercase letters, digits and single hyphens)`)},
		{"GET", "/v1/items/..%2fchorus.yaml", 400, errBody(400, `"../chorus.yaml" is not an item id (lowercase letters, digits and single hyphens)`)},
		{"GET", "/feeds/x/..%2f..%2fchorus.yaml", 400, errBody(400, `locale "../../chorus" is not a BCP 47 locale like en-US or zh-CN`)},
		{"GET", "/v1/channels/tiktok/variants", 404, string(knownBody) + "\n"},
		{"GET", "/v1/channels/tiktok/variants/trail-guide", 404, string(knownBody) + "\n"},
		{"GET", "/v1/channels/x/variants?locale=%zz", 400, errBody(400, `the query string is malformed: invalid URL escape "%zz"`)},
		{"GET", "/v1/channels/x/variants?type=tweet", 400, `{"error":"unknown type \"tweet\" (known: announcement, article, event, faq, product, promotion)","status":400,"known":["announcement","article","event","faq","product","promotion"]}` + "\n"},
		{"GET", "/v1/channels/x/variants/Trail-Guide", 400, errBody(400, `"Trail-Guide" is not an item id (lowercase letters, digits and single hyphens)`)},
		{"GET", "/v1/channels/x/variants/no-such-item", 404, errBody(404, `no x variant of item "no-such-item" for locale en-US`)},
		{"GET", "/v1/events?last_event_id=abc", 400, errBody(400, `Last-Event-ID "abc" is not an event id (a whole number)`)},
		{"POST", "/v1/channels", 405, errBody(405, "method POST is not allowed here (allowed: GET, HEAD)")},
		{"DELETE", "/v1/items/trail-guide", 405, errBody(405, "method DELETE is not allowed here (allowed: GET, HEAD)")},
		{"GET", "/v2/anything", 404, errBody(404, "no such endpoint: /v2/anything")},
		{"GET", "/assets/..%2fserver.go", 404, errBody(404, `no asset "../server.go"`)},
		{"GET", "/items/..%2f..%2fetc", 400, errBody(400, `"../../etc" is not an item id (lowercase letters, digits and single hyphens)`)},
		// The router cleans dot segments and redirects; the client
		// follows to a JSON 404.
		{"GET", "/feeds/../../x", 404, errBody(404, "no such endpoint: /x")},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, ts.url+c.path, nil)
		resp, err := plainClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", c.method, c.path, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || string(b) != c.body {
			t.Errorf("%s %s = %d %s\nwant %d %s", c.method, c.path, resp.StatusCode, b, c.status, c.body)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%s %s: Content-Type %q", c.method, c.path, ct)
		}
	}

	// 64 KiB of headers: refused before any handler runs.
	req, _ := http.NewRequest("GET", ts.url+"/v1/channels", nil)
	req.Header.Set("X-Big", strings.Repeat("a", 64<<10))
	resp, err := plainClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("64 KiB headers: %d, want 431", resp.StatusCode)
	}

	// A client that never finishes its headers is cut off.
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	if _, err := io.WriteString(conn, "GET /v1/channels HTTP/1.1\r\nHost: x\r\nX-Slow: "); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	got, err := io.ReadAll(conn)
	if err != nil {
		t.Errorf("slow client: the server did not close the connection: %v", err)
	}
	if len(got) > 0 && !bytes.HasPrefix(got, []byte("HTTP/1.1 408")) {
		t.Errorf("slow client got %q", got)
	}
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("slow client cut off after %v", d)
	}

	// Still serving, and nothing above was a 5xx.
	if a := ts.get("/v1/channels", nil); a.status != 200 {
		t.Errorf("after hostile requests: %d", a.status)
	}
	for _, line := range strings.Split(ts.get("/metrics", nil).body, "\n") {
		// /readyz answers 503 while the first snapshot loads.
		if strings.Contains(line, `code="5`) && !strings.Contains(line, `route="GET /readyz"`) {
			t.Errorf("a hostile request got a 5xx: %s", line)
		}
	}
}

func TestPanicBecomes500(t *testing.T) {
	srv, err := NewServer(ServerOptions{Dir: srvWorkspace(t, "")})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	srv.log = slogTo(&logs)
	h := srv.observe(gzipResponses(jsonErrors(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom")
	}))))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/v1/channels", nil))
	if rec.Code != 500 || rec.Body.String() != errBody(500, "internal error") {
		t.Errorf("panic: %d %q", rec.Code, rec.Body.String())
	}
	if !strings.Contains(logs.String(), "panic=boom") {
		t.Errorf("panic not logged: %s", logs.String())
	}
}

// readEvents reads Server-Sent Events from r and sends them on a channel
// until the stream ends.
type sseEvent struct{ id, name, data string }

func readEvents(r io.Reader) <-chan sseEvent {
	ch := make(chan sseEvent, 64)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ch <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "id: "):
				ev.id = line[4:]
			case strings.HasPrefix(line, "event: "):
				ev.name = line[7:]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[6:]
			}
		}
	}()
	return ch
}

// openEvents opens /v1/events with optional headers.
func (ts *testServer) openEvents(header map[string]string) (<-chan sseEvent, func()) {
	ts.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.url+"/v1/events", nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := (&http.Client{}).Do(req)
	if err != nil {
		cancel()
		ts.t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		cancel()
		ts.t.Fatalf("/v1/events: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return readEvents(resp.Body), func() { cancel(); resp.Body.Close() }
}

func nextEvent(t testing.TB, ch <-chan sseEvent) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("event stream ended")
		}
		return ev
	case <-time.After(30 * time.Second):
		t.Fatal("no event within 30 s")
	}
	return sseEvent{}
}

func TestBrokenConfigWithTokensStaysClosed(t *testing.T) {
	dir := srvWorkspace(t, "server:\n  tokens:\n    - name: app\n      sha256: ["+sha("s")+"\n")
	ts := startServer(t, dir, nil)
	ts.get("/v1/channels", nil).want(t, 503, errBody(503, "chorus.yaml has errors and declares tokens: this endpoint stays closed until it is fixed"))
	ts.get("/feeds/x/en-US.rss", map[string]string{"Authorization": "Bearer s"}).
		want(t, 503, errBody(503, "chorus.yaml has errors and declares tokens: this endpoint stays closed until it is fixed"))
	if a := ts.get("/healthz", nil); a.status != 200 {
		t.Errorf("/healthz = %d", a.status)
	}
	// Fixed: the token guards as usual.
	ts.write("chorus.yaml", srvConfig+"server:\n  tokens:\n    - name: app\n      sha256: "+sha("s")+"\n")
	ts.waitStatus("/v1/channels", 401)
	if a := ts.get("/v1/channels", map[string]string{"Authorization": "Bearer s"}); a.status != 200 {
		t.Errorf("with the token: %d %s", a.status, a.body)
	}
}
