package chat_test

import (
	"encoding/json"
	"flag"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/chat"
	"github.com/chorus-dev/chorus/adapters/web/webtest"
	"github.com/chorus-dev/chorus/content"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func render(t *testing.T, in *adapters.Input) (*adapters.Variant, chat.Card) {
	t.Helper()
	v, err := chat.New().Render(in)
	if err != nil {
		t.Fatal(err)
	}
	var c chat.Card
	if err := json.Unmarshal([]byte(v.Body), &c); err != nil {
		t.Fatalf("body is not a card: %v", err)
	}
	return v, c
}

func TestGolden(t *testing.T) {
	for _, c := range webtest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			v, _ := render(t, webtest.Input(t, c.File))
			webtest.Golden(t, c.Name+".json", []byte(v.Body), *update)
			webtest.Golden(t, c.Name+".variant.json", adapterstest.Envelope(t, v), *update)
		})
	}
}

func TestCard(t *testing.T) {
	v, c := render(t, webtest.Input(t, "spring-sale.md"))
	if c.Text != "Spring Sale is on: the StormShell jacket is 20% off." || v.Texts[1].Override != "overrides.chat.text" {
		t.Errorf("text = %q (%+v), want the override", c.Text, v.Texts[1])
	}
	if c.Image == nil || c.Image.URL != "https://acme.example/images/stormshell.jpg" || c.Image.Alt == "" {
		t.Errorf("image = %+v", c.Image)
	}
	if len(c.QuickReplies) != 1 || !strings.HasPrefix(c.QuickReplies[0].URL, "https://acme.example/sale/spring") {
		t.Fatalf("quick replies = %+v", c.QuickReplies)
	}
	for _, s := range []string{"79.99", "99.99", "SPRING20"} {
		if !strings.Contains(c.Facts, s) {
			t.Errorf("facts line %q lacks %s", c.Facts, s)
		}
	}
	want := content.Facts{Price: "79.99", Currency: "USD", Was: "99.99", Code: "SPRING20",
		Ends: "2025-05-01T06:59:00Z", URL: "https://acme.example/sale/spring"}
	if v.Facts != want {
		t.Errorf("facts = %+v, want %+v", v.Facts, want)
	}
}

func TestFitting(t *testing.T) {
	in := webtest.Input(t, "trail-run.md")
	in.Item.Summary = strings.Repeat("A long morning run along the ridge. ", 20)
	in.Item.CTA.Label = "Register for the Ridge Trail Run today"
	v, c := render(t, in)
	if n := v.Metrics["text_length"].(int); n > chat.TextMax || n == 0 {
		t.Errorf("text_length = %d", n)
	}
	if n := v.Metrics["label_length"].(int); n > chat.LabelMax || n == 0 || c.QuickReplies[0].Label == "" {
		t.Errorf("label_length = %d (%q)", n, c.QuickReplies[0].Label)
	}
	in.Item.Overrides = map[string]content.Overrides{"chat": {"text": in.Item.Summary}}
	if v, _ := render(t, in); v.Metrics["text_length"].(int) <= chat.TextMax {
		t.Error("override text was cut; it should be kept and flagged by the limit")
	}
}

func TestHostile(t *testing.T) {
	for _, in := range []*adapters.Input{webtest.Hostile(t, "chat"), webtest.Hostile(t, "none")} {
		v, c := render(t, in)
		for _, s := range []string{v.Body, c.Title, c.Text, c.Facts} {
			if d := webtest.Dangers(s); len(d) > 0 || strings.Contains(s, "<") {
				t.Errorf("dangerous output %v in %q", d, s)
			}
		}
		if c.Image != nil || len(c.QuickReplies) != 0 || v.Facts.URL != "" {
			t.Errorf("refused URLs still in the card: %+v", c)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, c := range webtest.Cases {
		a, _ := render(t, webtest.Input(t, c.File))
		b, _ := render(t, webtest.Input(t, c.File))
		if a.Body != b.Body {
			t.Errorf("%s: two renders differ", c.Name)
		}
	}
}

func TestOddItems(t *testing.T) {
	for _, it := range []*content.Item{{}, {Title: "t", CTA: &content.CTA{}, Image: &content.Image{}, Offer: &content.Offer{}}} {
		_, c := render(t, &adapters.Input{Item: it})
		if c.QuickReplies == nil {
			t.Error("quick_replies should be an empty list, not null")
		}
	}
}

func TestContract(t *testing.T) { adapterstest.Run(t, chat.New()) }
