package app_test

import (
	"encoding/json"
	"flag"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/app"
	"github.com/chorus-dev/chorus/adapters/web/webtest"
	"github.com/chorus-dev/chorus/content"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func render(t *testing.T, in *adapters.Input) (*adapters.Variant, app.Doc) {
	t.Helper()
	v, err := app.New().Render(in)
	if err != nil {
		t.Fatal(err)
	}
	var d app.Doc
	dec := json.NewDecoder(strings.NewReader(v.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("body is not an app document: %v", err)
	}
	return v, d
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

func TestPromotion(t *testing.T) {
	v, d := render(t, webtest.Input(t, "spring-sale.md"))
	o := d.Offer
	if o == nil || o.Price != "79.99" || o.Currency != "USD" || o.Was != "99.99" || o.Code != "SPRING20" ||
		o.Ends != "2025-05-01T06:59:00Z" || o.PriceDisplay == "" || o.EndsDisplay == "" {
		t.Fatalf("offer = %+v", o)
	}
	if d.Event != nil || d.CTA == nil || d.Image == nil || d.Image.URL != "https://acme.example/images/stormshell.jpg" {
		t.Errorf("doc = %+v", d)
	}
	if !strings.Contains(d.HTML, `<a href="https://acme.example/care">`) || !strings.Contains(d.Text, "Fully taped seams") {
		t.Errorf("html/text = %q / %q", d.HTML, d.Text)
	}
	if v.Facts != (content.Facts{Price: "79.99", Currency: "USD", Was: "99.99", Code: "SPRING20",
		Ends: "2025-05-01T06:59:00Z", URL: "https://acme.example/sale/spring"}) {
		t.Errorf("facts = %+v", v.Facts)
	}
}

func TestEvent(t *testing.T) {
	v, d := render(t, webtest.Input(t, "trail-run.md"))
	e := d.Event
	if e == nil || e.Starts != "2025-05-17T14:00:00Z" || e.Ends != "2025-05-17T18:00:00Z" || e.Venue != "Ridge Trailhead, Boulder" || e.WhenDisplay == "" {
		t.Fatalf("event = %+v", e)
	}
	if d.Offer != nil || v.Facts.Starts != e.Starts || v.Facts.Ends != e.Ends {
		t.Errorf("doc = %+v, facts %+v", d, v.Facts)
	}
}

func TestHostile(t *testing.T) {
	for _, in := range []*adapters.Input{webtest.Hostile(t, "app"), webtest.Hostile(t, "none")} {
		v, d := render(t, in)
		for _, s := range append([]string{v.Body, d.HTML, d.Text, d.Title, d.Summary}, d.Tags...) {
			if x := webtest.Dangers(s); len(x) > 0 {
				t.Errorf("dangerous output %v in %q", x, s)
			}
		}
		for _, s := range []string{d.Title, d.Summary, d.Text} {
			if strings.Contains(s, "<") {
				t.Errorf("tag-shaped text survived: %q", s)
			}
		}
		if d.CTA != nil || d.Image != nil || v.Facts.URL != "" {
			t.Errorf("refused URLs still in the document: %+v %+v", d.CTA, d.Image)
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
	for _, it := range []*content.Item{{}, {Offer: &content.Offer{Code: "X"}, Event: &content.Event{}, CTA: &content.CTA{}, Image: &content.Image{Src: "/a.jpg"}}} {
		_, d := render(t, &adapters.Input{Item: it})
		if d.Tags == nil {
			t.Error("tags should be an empty list, not null")
		}
	}
}

func TestContract(t *testing.T) { adapterstest.Run(t, app.New()) }
