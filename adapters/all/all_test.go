package all_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/all"
)

// TestContract runs the shared contract suite over every registered
// adapter.
func TestContract(t *testing.T) {
	for _, a := range all.Adapters() {
		t.Run(a.ID(), func(t *testing.T) { adapterstest.Run(t, a) })
	}
}

func TestRegistry(t *testing.T) {
	ids := all.IDs()
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("channel %q registered twice", id)
		}
		seen[id] = true
		if id == "" || strings.ToLower(id) != id || strings.ContainsAny(id, " .") {
			t.Errorf("channel id %q: want a stable lowercase id", id)
		}
		a, err := all.Lookup(id)
		if err != nil || a.ID() != id {
			t.Errorf("Lookup(%q) = %v, %v", id, a, err)
		}
		if _, ok := a.(adapters.Describer); !ok {
			t.Errorf("channel %q has no Describe", id)
		}
	}

	_, err := all.Lookup("tiktok")
	want := `unknown channel "tiktok" (known: app, bluesky, chat, email, facebook, instagram, linkedin, mastodon, push, signage, sms, threads, voice, web, x)`
	if err == nil || err.Error() != want {
		t.Errorf("Lookup(tiktok) error = %v, want %s", err, want)
	}
}

// FuzzRender renders a promotion with any title and summary through every
// adapter: no panic, no error for a usable item, and every limit met.
func FuzzRender(f *testing.F) {
	for _, s := range adapterstest.Samples() {
		if it := s.In.Item; len(it.Title)+len(it.Summary) < 2000 {
			f.Add(it.Title, it.Summary)
		}
	}
	f.Add("", "")
	f.Add("\xff\xfe", "a\x00b")
	f.Add("https://acme.example/"+strings.Repeat("a", 300), "#a #b #c #d #e #f #g")
	f.Fuzz(func(t *testing.T, title, summary string) {
		usable := utf8.ValidString(title) && utf8.ValidString(summary) && strings.TrimSpace(title) != ""
		for _, a := range all.Adapters() {
			v, p, err := adapterstest.TryRender(a, adapterstest.Promotion(title, summary))
			if p != "" {
				t.Fatalf("%s: Render panicked on title %q, summary %q: %s", a.ID(), title, summary, p)
			}
			if err != nil {
				if usable {
					t.Errorf("%s: Render: %v", a.ID(), err)
				}
				continue
			}
			adapterstest.CheckLimits(t, a, v)
		}
	})
}
