// Package adapterstest is the contract suite every channel adapter must
// pass, with the sample inputs it runs on and a golden-file helper.
package adapterstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

// Run checks adapter a against the contract on every sample: it renders
// without panic or error, deterministically and safely for concurrent
// use; the envelope is filled in; every limit's metric is an int within
// its maximum; the facts are the item's and are stated in the texts; no
// markup or script URL from the item leaks into the body or fields; the
// version follows the content.
func Run(t *testing.T, a adapters.Adapter) {
	t.Run("limits", func(t *testing.T) { checkLimitList(t, a) })
	t.Run("describe", func(t *testing.T) {
		if d, ok := a.(adapters.Describer); ok {
			if s := d.Describe(); strings.TrimSpace(s) == "" || strings.ContainsAny(s, "\r\n") {
				t.Errorf("Describe() = %q, want one non-empty line", s)
			}
		}
	})
	t.Run("no-item", func(t *testing.T) {
		for _, in := range []*adapters.Input{{}, {Config: Config()}} {
			if _, p, err := try(a, in); p != "" {
				t.Fatalf("Render without an item panicked: %s", p)
			} else if err == nil {
				t.Errorf("Render without an item returned no error")
			}
		}
	})
	for _, s := range Samples() {
		t.Run(s.Name, func(t *testing.T) {
			v := Render(t, a, s.In)
			CheckVariant(t, a, s.In, v)
			again := Render(t, a, SampleInput(s.Name))
			if d := diff(v, again); d != "" {
				t.Errorf("rendering twice differs: %s", d)
			}
		})
	}
	t.Run("concurrent", func(t *testing.T) { checkConcurrent(t, a) })
	t.Run("version", func(t *testing.T) { checkVersion(t, a) })
}

// Render renders in with a, failing the test on a panic (with its stack)
// or an error.
func Render(t testing.TB, a adapters.Adapter, in *adapters.Input) *adapters.Variant {
	t.Helper()
	v, p, err := try(a, in)
	if p != "" {
		t.Fatalf("%s: Render panicked: %s", a.ID(), p)
	}
	if err != nil {
		t.Fatalf("%s: Render: %v", a.ID(), err)
	}
	if v == nil {
		t.Fatalf("%s: Render returned neither a variant nor an error", a.ID())
	}
	return v
}

// try renders, turning a panic into its message and stack.
func try(a adapters.Adapter, in *adapters.Input) (v *adapters.Variant, panicked string, err error) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprintf("%v\n%s", r, debug.Stack())
		}
	}()
	v, err = a.Render(in)
	return v, "", err
}

// TryRender renders in with a without failing: panicked holds the panic's
// message and stack when Render panicked. Fuzz targets use it where an
// error is acceptable and a panic is not.
func TryRender(a adapters.Adapter, in *adapters.Input) (v *adapters.Variant, panicked string, err error) {
	return try(a, in)
}

// CheckVariant checks one rendered variant against the contract: the
// envelope, the limits, the facts and the absence of leaked markup.
func CheckVariant(t testing.TB, a adapters.Adapter, in *adapters.Input, v *adapters.Variant) {
	t.Helper()
	checkEnvelope(t, a, in, v)
	CheckLimits(t, a, v)
	checkFacts(t, in, v)
	checkTexts(t, a, in, v)
	checkClaims(t, a, in, v)
	checkLeaks(t, v)
}

// checkClaims checks, under a style guide, that every claim in the
// variant's texts has its disclaimer: in the variant, or on the landing
// page when the guide says so for the channel and the variant links there.
func checkClaims(t testing.TB, a adapters.Adapter, in *adapters.Input, v *adapters.Variant) {
	t.Helper()
	if in.Guide == nil {
		return
	}
	prose := make([]content.Prose, len(v.Texts))
	for i, x := range v.Texts {
		prose[i] = content.NewProse(nil, x.Field, content.FieldText, 0, x.Text, nil)
	}
	for _, f := range in.Guide.CheckVariantText(in.Item, a.ID(), prose, v.Facts.URL != "") {
		if strings.HasPrefix(f.Rule, "claims.") {
			t.Errorf("%s: %s", f.Rule, f.Message)
		}
	}
}

func checkEnvelope(t testing.TB, a adapters.Adapter, in *adapters.Input, v *adapters.Variant) {
	t.Helper()
	it := in.Item
	locale := it.Locale
	if locale == "" && in.Config != nil {
		locale = in.Config.DefaultLocale
	}
	for _, c := range []struct{ name, got, want string }{
		{"id", v.ID, it.ID},
		{"type", v.Type, it.Type},
		{"locale", v.Locale, locale},
		{"channel", v.Channel, a.ID()},
	} {
		if c.got != c.want {
			t.Errorf("envelope %s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if v.MediaType == "" {
		t.Errorf("envelope media_type is empty")
	}
	if v.Version == "" {
		t.Errorf("envelope version is empty")
	}
	if !strings.HasPrefix(v.Ext, ".") {
		t.Errorf("Ext = %q, want a file extension such as \".txt\"", v.Ext)
	}
	if !sameTime(v.Publish, it.Publish) || !sameTime(v.Expire, it.Expire) {
		t.Errorf("publish/expire = %v/%v, want the item's %v/%v", v.Publish, v.Expire, it.Publish, it.Expire)
	}
	if _, err := json.Marshal(v); err != nil {
		t.Errorf("the envelope does not marshal: %v", err)
	}
}

func checkLimitList(t *testing.T, a adapters.Adapter) {
	seen := map[string]bool{}
	for _, l := range a.Limits() {
		if l.Metric == "" || l.Max <= 0 || l.Unit == "" {
			t.Errorf("limit %+v: want a metric, a positive max and a unit", l)
		}
		if seen[l.Metric] {
			t.Errorf("limit on %q listed twice", l.Metric)
		}
		seen[l.Metric] = true
	}
}

// CheckLimits checks that every limit of a has its metric in v.Metrics as
// an int within the limit's maximum.
func CheckLimits(t testing.TB, a adapters.Adapter, v *adapters.Variant) {
	t.Helper()
	for _, l := range a.Limits() {
		m, ok := v.Metrics[l.Metric]
		if !ok {
			t.Errorf("metric %q of limit missing from %v", l.Metric, v.Metrics)
			continue
		}
		n, ok := m.(int)
		if !ok {
			t.Errorf("metric %q = %#v (%T), want an int", l.Metric, m, m)
			continue
		}
		if n > l.Max {
			t.Errorf("metric %q = %d, over the limit %d %s", l.Metric, n, l.Max, l.Unit)
		}
	}
}

// checkFacts checks that the variant states the item's facts and invents
// none: every fact it records is the item's and its texts state it, and
// no text states a price, code, percentage or date the item does not have
// (adapters.CheckFacts).
func checkFacts(t testing.TB, in *adapters.Input, v *adapters.Variant) {
	t.Helper()
	it := in.Item
	want := it.Facts()
	got := v.Facts
	for _, f := range []struct{ name, got, want string }{
		{"price", got.Price, want.Price},
		{"currency", got.Currency, want.Currency},
		{"was", got.Was, want.Was},
		{"code", got.Code, want.Code},
		{"starts", got.Starts, want.Starts},
		{"ends", got.Ends, want.Ends},
		{"url", got.URL, want.URL},
	} {
		if f.got != "" && f.got != f.want {
			t.Errorf("facts.%s = %q, but the item says %q", f.name, f.got, f.want)
		}
	}
	texts := make([]string, len(v.Texts))
	for i, x := range v.Texts {
		texts[i] = x.Text
	}
	stated := func(what, s string) {
		t.Helper()
		n := normSpace(s)
		for _, x := range texts {
			if strings.Contains(normSpace(x), n) {
				return
			}
		}
		t.Errorf("facts.%s is set but no text states %q; texts: %q", what, s, texts)
	}
	loc := it.Locale
	if o := it.Offer; o != nil && o.Price != "" {
		if got.Price != o.Price || got.Currency != o.Currency {
			t.Errorf("facts price = %q %q, want the item's %q %q", got.Price, got.Currency, o.Price, o.Currency)
		}
		if o.Code != "" && got.Code != o.Code {
			t.Errorf("facts.code = %q, want the item's %q", got.Code, o.Code)
		}
	}
	if got.Price != "" {
		stated("price", adapters.FormatPrice(loc, got.Price, got.Currency))
	}
	if got.Was != "" {
		stated("was", adapters.FormatPrice(loc, got.Was, got.Currency))
	}
	if got.Code != "" {
		stated("code", got.Code)
	}
	if e := it.Event; e != nil && e.Starts != nil {
		if got.Starts != want.Starts {
			t.Errorf("facts.starts = %q, want the event's start %q", got.Starts, want.Starts)
		}
		if got.Starts != "" {
			stated("starts", adapters.FormatDate(loc, *e.Starts))
		}
	}
	if got.Ends != "" {
		if end := endTime(it); end != nil {
			stated("ends", adapters.FormatDate(loc, *end))
		}
	}
	for _, x := range v.Texts {
		for _, m := range adapters.CheckFacts(want, x.Text, loc) {
			t.Errorf("text %q states %s %q, but the item says %s", x.Field, m.Kind, m.Stated, m.Want)
		}
	}
	if got.URL != "" {
		if u, err := url.Parse(got.URL); err == nil {
			hp := u.Host + strings.TrimRight(u.Path, "/")
			if !strings.Contains(v.Body, hp) {
				t.Errorf("facts.url = %q but the body does not link to %s", got.URL, hp)
			}
		}
	}
}

// sameTime reports whether a and b are both absent or the same instant.
func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// endTime is the time behind Item.Facts().Ends: the event's end, else the
// offer's.
func endTime(it *content.Item) *time.Time {
	if e := it.Event; e != nil && e.Ends != nil {
		return e.Ends
	}
	if o := it.Offer; o != nil {
		return o.Ends
	}
	return nil
}

// normSpace maps every kind of space (no-break, narrow no-break, ...) to
// an ASCII space, so a channel that must use plain spaces still states a
// price formatted with no-break ones.
func normSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
}

func checkTexts(t testing.TB, a adapters.Adapter, in *adapters.Input, v *adapters.Variant) {
	t.Helper()
	if len(v.Texts) == 0 {
		t.Errorf("no texts: the style guide and the fact check have nothing to read")
	}
	for _, x := range v.Texts {
		if x.Field == "" {
			t.Errorf("text %q has no field name", x.Text)
		}
		if x.Override == "" {
			continue
		}
		parts := strings.SplitN(x.Override, ".", 3)
		if len(parts) != 3 || parts[0] != "overrides" || parts[1] != a.ID() {
			t.Errorf("text %q: override %q is not overrides.%s.<field>", x.Field, x.Override, a.ID())
			continue
		}
		if strings.TrimSpace(in.Item.Overrides[parts[1]][parts[2]]) == "" {
			t.Errorf("text %q names override %q, which the item does not have", x.Field, x.Override)
		}
	}
}

var (
	scriptTag = regexp.MustCompile(`(?i)<script`)
	jsonLD    = regexp.MustCompile(`(?i)<script type="application/ld\+json">`)
)

// Leaks lists what in s could run script where a consumer shows it: a
// <script> element other than one JSON-LD block, "onerror=" or a
// javascript: URL.
func Leaks(s string) []string {
	var out []string
	if n, ld := len(scriptTag.FindAllString(s, -1)), len(jsonLD.FindAllString(s, -1)); n > ld || ld > 1 {
		out = append(out, "<script")
	}
	l := strings.ToLower(s)
	for _, bad := range []string{"onerror=", "javascript:"} {
		if strings.Contains(l, bad) {
			out = append(out, bad)
		}
	}
	return out
}

// checkLeaks checks the body and every string in the fields, at any depth
// (JSON fields are decoded first).
func checkLeaks(t testing.TB, v *adapters.Variant) {
	t.Helper()
	if l := Leaks(v.Body); len(l) > 0 {
		t.Errorf("body leaks %v", l)
	}
	raw, err := json.Marshal(v.Fields)
	if err != nil {
		t.Errorf("fields do not marshal: %v", err)
		return
	}
	var fields any
	if err := json.Unmarshal(raw, &fields); err != nil {
		t.Errorf("fields do not unmarshal: %v", err)
		return
	}
	walkStrings(fields, "fields", func(path, s string) {
		if l := Leaks(s); len(l) > 0 {
			t.Errorf("%s leaks %v: %q", path, l, s)
		}
	})
}

func walkStrings(v any, path string, f func(path, s string)) {
	switch x := v.(type) {
	case string:
		f(path, x)
	case []any:
		for i, e := range x {
			walkStrings(e, fmt.Sprintf("%s[%d]", path, i), f)
		}
	case map[string]any:
		for k, e := range x {
			walkStrings(e, path+"."+k, f)
		}
	}
}

// diff describes how two renderings differ, "" when they are identical.
func diff(a, b *adapters.Variant) string {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	switch {
	case !bytes.Equal(ja, jb):
		return fmt.Sprintf("envelopes differ:\n%s\n%s", ja, jb)
	case a.Version != b.Version:
		return fmt.Sprintf("versions %q and %q", a.Version, b.Version)
	case a.Ext != b.Ext:
		return fmt.Sprintf("extensions %q and %q", a.Ext, b.Ext)
	case !reflect.DeepEqual(a.Texts, b.Texts):
		return fmt.Sprintf("texts %q and %q", a.Texts, b.Texts)
	}
	return ""
}

// checkConcurrent renders every sample from several goroutines at once and
// expects what a lone rendering gives; with -race it also catches shared
// state.
func checkConcurrent(t *testing.T, a adapters.Adapter) {
	samples := Samples()
	want := make([]*adapters.Variant, len(samples))
	for i, s := range samples {
		want[i] = Render(t, a, s.In)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var problems []string
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, s := range samples {
				v, p, err := try(a, s.In)
				msg := p
				if msg == "" && err != nil {
					msg = err.Error()
				}
				if msg == "" {
					msg = diff(want[i], v)
				}
				if msg != "" {
					mu.Lock()
					problems = append(problems, s.Name+": "+msg)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for _, p := range problems {
		t.Error(p)
	}
}

// checkVersion checks that the version follows the content: a new title
// or a new price gives a new version, and the facts follow the price.
func checkVersion(t *testing.T, a adapters.Adapter) {
	base := Render(t, a, SampleInput("promotion-en-US"))

	in := SampleInput("promotion-en-US")
	in.Item.Title = "Spring Sale Extended"
	in.Item.Prose[0] = content.NewProse(nil, "title", content.FieldText, 0, in.Item.Title, nil)
	if v := Render(t, a, in); v.Version == base.Version {
		t.Errorf("a new title kept version %q", v.Version)
	}

	in = SampleInput("promotion-en-US")
	in.Item.Offer.Price = "69.99"
	v := Render(t, a, in)
	if v.Version == base.Version {
		t.Errorf("a new price kept version %q", v.Version)
	}
	if v.Facts.Price != "69.99" {
		t.Errorf("after a price change facts.price = %q, want \"69.99\"", v.Facts.Price)
	}
}
