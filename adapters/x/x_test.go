package x_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
	"github.com/chorus-dev/chorus/adapters/x"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, x.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, x.New(), *update) }

func TestPost(t *testing.T) {
	v := adapterstest.Render(t, x.New(), adapterstest.SampleInput("promotion-en-US"))
	if got, want := v.Metrics["weighted_length"], adapters.TwitterWeight(v.Body); got != want {
		t.Errorf("weighted_length = %v, want %d", got, want)
	}
	if n := compose.CountHashtags(v.Body); n < 1 || n > 2 {
		t.Errorf("%d hashtags, want 1 or 2:\n%s", n, v.Body)
	}
	if !strings.Contains(v.Body, "https://acme.example/sale") || !strings.Contains(v.Body, "SPRING20") {
		t.Errorf("post lacks the link or the code:\n%s", v.Body)
	}
	if v.Fields["text"] != v.Body {
		t.Errorf("fields.text differs from the body")
	}
}

func TestOverride(t *testing.T) {
	in := adapterstest.SampleInput("overrides-en-US")
	v := adapterstest.Render(t, x.New(), in)
	if !strings.HasPrefix(v.Body, in.Item.Overrides["x"]["text"]) {
		t.Errorf("post does not open with the override:\n%s", v.Body)
	}
	if v.Texts[0].Override != "overrides.x.text" {
		t.Errorf("texts[0].override = %q", v.Texts[0].Override)
	}
}

func TestRefusedLink(t *testing.T) {
	v := adapterstest.Render(t, x.New(), adapterstest.SampleInput("hostile"))
	if v.Facts.URL != "" || strings.Contains(v.Body, "http") {
		t.Errorf("a javascript: call to action produced a link: %q\n%s", v.Facts.URL, v.Body)
	}
	if v.Facts.Price != "79.99" || v.Facts.Code != "SPRING20" {
		t.Errorf("facts = %+v, want the price and code", v.Facts)
	}
}

func TestStyleGuideHashtags(t *testing.T) {
	v := adapterstest.Render(t, x.New(), adapterstest.SampleInput("with-guide"))
	if n := compose.CountHashtags(v.Body); n != 1 {
		t.Errorf("%d hashtags, want the style guide's 1:\n%s", n, v.Body)
	}
}
