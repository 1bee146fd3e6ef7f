package site

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/chorus-dev/chorus/examples"
)

// findChromium returns the path of a Chromium or Chrome binary, or "".
func findChromium() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts a headless Chromium for the test, or skips the test when
// there is none (fails instead when CHORUS_REQUIRE_BROWSER=1).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := findChromium()
	if path == "" {
		if os.Getenv("CHORUS_REQUIRE_BROWSER") == "1" {
			t.Fatal("no chromium binary found, and CHORUS_REQUIRE_BROWSER=1 asks for the browser tests")
		}
		t.Skip("no chromium binary found (install chromium, or set CHORUS_REQUIRE_BROWSER=1 to make this a failure)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first action starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// demoWorkspace copies the embedded demo workspace into a temp folder.
func demoWorkspace(t *testing.T) string {
	t.Helper()
	sub, err := fs.Sub(examples.FS, "acme-outdoor")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, sub); err != nil {
		t.Fatal(err)
	}
	return dir
}

// step runs browser actions with a deadline.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript predicate in the page for up to 10 s.
func waitFor(t *testing.T, ctx context.Context, what, predicate string) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	_, err := chromedp.Run(sctx, chromedp.Poll[chromedp.Void](predicate,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

func TestPreviewInBrowser(t *testing.T) {
	ctx := browser(t)
	dir := demoWorkspace(t)
	ts := startServer(t, dir, nil)
	ts.clock.Set(time.Date(2026, 3, 25, 12, 0, 0, 0, time.UTC))
	snap := ts.Snapshot()

	// The list: every item, filterable as you type.
	step(t, ctx, "opening the list", chromedp.Navigate(ts.url+"/"), chromedp.WaitVisible(chromedp.CSS("table.items")))
	if n := eval[int](t, ctx, `document.querySelectorAll("table.items tbody tr").length`); n != len(snap.Entries) {
		t.Errorf("list shows %d rows, want %d", n, len(snap.Entries))
	}
	waitFor(t, ctx, "the event stream to open", `document.body.getAttribute("data-live-events") === "open"`)
	step(t, ctx, "typing a filter", chromedp.SendKeys(chromedp.CSS("#q"), "spring-pack"))
	waitFor(t, ctx, "the filter", `document.querySelectorAll("table.items tbody tr:not([hidden])").length === 3`)
	if got := eval[string](t, ctx, `document.getElementById("count").textContent`); got != "3 of 81 items" {
		t.Errorf("count = %q", got)
	}
	// The state and findings selects filter the rows in place too.
	scheduled := 0
	for _, e := range snap.Entries {
		if e.Item.Publish != nil && e.Item.Publish.After(time.Date(2026, 3, 25, 12, 0, 0, 0, time.UTC)) {
			scheduled++
		}
	}
	choose := func(id, value, event string) {
		t.Helper()
		js := fmt.Sprintf(`(function () { var el = document.getElementById(%q); el.value = %q; return el.dispatchEvent(new Event(%q)); })()`, id, value, event)
		if !eval[bool](t, ctx, js) {
			t.Fatalf("setting #%s", id)
		}
	}
	choose("q", "", "input")
	choose("state", "scheduled", "change")
	waitFor(t, ctx, "the state filter", fmt.Sprintf(`document.querySelectorAll("table.items tbody tr:not([hidden])").length === %d && Array.from(document.querySelectorAll("table.items tbody tr:not([hidden])")).every(r => r.getAttribute("data-state") === "scheduled")`, scheduled))
	if scheduled == 0 {
		t.Error("the demo has no item scheduled after the test's clock; the state filter is not exercised")
	}
	choose("state", "", "change")
	waitFor(t, ctx, "every row back", fmt.Sprintf(`document.querySelectorAll("table.items tbody tr:not([hidden])").length === %d`, len(snap.Entries)))

	// An item: every channel it has a variant on, side by side.
	step(t, ctx, "opening an item",
		chromedp.Click(chromedp.CSS(`a[href="/items/spring-pack-sale?locale=en-US"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-channel="web"]`)))
	e := snap.Entry("spring-pack-sale", "en-US")
	var want []string
	for _, ch := range snap.Channels {
		if e.Variants[ch] != nil {
			want = append(want, ch)
		}
	}
	raw := eval[string](t, ctx, `JSON.stringify(Array.from(document.querySelectorAll("[data-channel]"), f => f.getAttribute("data-channel")))`)
	var got []string
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	if len(want) != 15 || !slices.Equal(got, want) {
		t.Errorf("frames = %v, want %v", got, want)
	}
	for _, check := range []struct{ what, expr string }{
		{"sandboxed web frame", `document.querySelector('[data-channel="web"] iframe').getAttribute("sandbox") === ""`},
		{"sandboxed email frame", `document.querySelector('[data-channel="email"] iframe').getAttribute("sandbox") === ""`},
		{"signage image", `document.querySelector('[data-channel="signage"] img').naturalWidth > 0`},
		{"sms segments", `/\d+ segments? · (GSM-7|UCS-2)/.test(document.querySelector('[data-channel="sms"] .sms-meta').textContent)`},
		{"x metric against its limit", `/\d+ \/ 280 weighted/.test(document.querySelector('[data-channel="x"] .metrics').textContent)`},
		{"voice SSML", `document.querySelector('[data-channel="voice"] pre').textContent.includes("<speak")`},
		{"email subject and preheader", `document.querySelector('[data-channel="email"] .subject').textContent.trim() !== "" && document.querySelector('[data-channel="email"] .preheader').textContent.trim() !== ""`},
		{"x post text", `document.querySelector('[data-channel="x"] .text').textContent.includes("$")`},
		{"instagram caption", `document.querySelector('[data-channel="instagram"] figcaption').textContent.length > 20`},
		{"push on a lock screen", `document.querySelector('[data-channel="push"] .n-title').textContent.trim() !== ""`},
		{"chat card with replies", `document.querySelectorAll('[data-channel="chat"] .replies li').length > 0`},
		{"one h1", `document.querySelectorAll("h1").length === 1`},
		{"labelled controls", `Array.from(document.querySelectorAll("input,select")).every(c => c.labels && c.labels.length > 0)`},
	} {
		waitFor(t, ctx, check.what, check.expr)
	}

	if path := os.Getenv("CHORUS_SCREENSHOT"); path != "" {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Keyboard focus on a link of the item survives the live updates.
	focusJS := `(function () {
		var el = document.querySelector('#item a[href]');
		el.focus();
		window.focusedHTML = el.outerHTML;
		return document.activeElement === el;
	})()`
	if !eval[bool](t, ctx, focusJS) {
		t.Fatal("could not focus a link of the item")
	}

	// An edit shows up without a reload of the page.
	file := filepath.Join(dir, filepath.FromSlash(e.Item.File))
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(string(src), "title: Spring pack sale, now live")
	if edited == string(src) {
		t.Fatalf("title line not found in %s", e.Item.File)
	}
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the edited title", `document.querySelector("h1").textContent === "Spring pack sale, now live"`)
	waitFor(t, ctx, "the edited web title", `document.querySelector('[data-channel="web"] .web-title').textContent.includes("Spring pack sale, now live")`)
	waitFor(t, ctx, "the focus to stay on the link", `document.activeElement !== document.body && document.activeElement.outerHTML === window.focusedHTML`)

	// A broken edit: the banner says so, the last good version stays.
	if err := os.WriteFile(file, []byte(strings.Replace(edited, "type: promotion", "type: [promotion", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the reload-error banner", `(document.querySelector('#banner [role="alert"]') || {textContent: ""}).textContent.includes("`+e.Item.File+`:")`)
	waitFor(t, ctx, "the pending errors", `document.querySelector("section.pending") !== null && document.querySelector("h1").textContent === "Spring pack sale, now live"`)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the banner to clear", `document.querySelector('#banner [role="alert"]') === null`)

	// A banned claim keeps the snapshot as it was; the banner still comes
	// and goes as the writer breaks and fixes the text.
	claim := strings.Replace(edited, "title: Spring pack sale, now live", "title: Spring pack sale, act now", 1)
	if err := os.WriteFile(file, []byte(claim), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the banner for a banned claim", `(document.querySelector('#banner [role="alert"]') || {textContent: ""}).textContent.includes("`+e.Item.File+`")`)
	if got := eval[string](t, ctx, `document.querySelector("h1").textContent`); got != "Spring pack sale, now live" {
		t.Errorf("with a banned claim the page shows %q, want the last good title", got)
	}
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the banner to clear after the claim is gone", `document.querySelector('#banner [role="alert"]') === null`)
}
