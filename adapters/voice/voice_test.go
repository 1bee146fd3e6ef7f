package voice_test

import (
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/voice"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, voice.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, voice.New(), *update) }

// wellFormed parses ssml with encoding/xml and returns the root element's
// name.
func wellFormed(t *testing.T, ssml string) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(ssml))
	d.Strict = true
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return root
		}
		if err != nil {
			t.Fatalf("SSML is not well-formed: %v\n%s", err, ssml)
		}
		if s, ok := tok.(xml.StartElement); ok && root == "" {
			root = s.Name.Local
		}
	}
}

func TestWellFormed(t *testing.T) {
	for _, s := range adapterstest.Samples() {
		v := adapterstest.Render(t, voice.New(), s.In)
		if root := wellFormed(t, v.Body); root != "speak" {
			t.Errorf("%s: root element %q, want speak", s.Name, root)
		}
		if strings.Contains(v.Body, "http") || strings.Contains(v.Body, "://") {
			t.Errorf("%s: a URL is read aloud:\n%s", s.Name, v.Body)
		}
	}
}

func TestMarkup(t *testing.T) {
	v := adapterstest.Render(t, voice.New(), adapterstest.SampleInput("promotion-en-US"))
	for _, want := range []string{
		`<say-as interpret-as="spell-out">SPRING20</say-as>`,
		`<say-as interpret-as="date" format="ymd">2026-04-30</say-as>`,
		`<break time="500ms"/>`,
		`Say &quot;open Acme Outdoor&quot;.`,
	} {
		if !strings.Contains(v.Body, want) {
			t.Errorf("SSML lacks %s:\n%s", want, v.Body)
		}
	}
	if v.Facts.URL != "" {
		t.Errorf("facts.url = %q, want none: no link is spoken", v.Facts.URL)
	}
	ev := adapterstest.Render(t, voice.New(), adapterstest.SampleInput("event-en-US"))
	if !strings.Contains(ev.Body, `<say-as interpret-as="date" format="ymd">2026-05-16</say-as>`) {
		t.Errorf("event start not marked up:\n%s", ev.Body)
	}
}

func TestEscapingAndURLs(t *testing.T) {
	in := adapterstest.SampleInput("article-en-US")
	in.Item.Title = `Tents & "Tarps" <3 'em`
	in.Item.Summary = "See https://acme.example/guides/layering?a=1&b=2 or www.acme.example for more."
	v := adapterstest.Render(t, voice.New(), in)
	wellFormed(t, v.Body)
	if !strings.Contains(v.Body, "<p>Tents &amp; &quot;Tarps&quot; &lt;3 &apos;em</p>") {
		t.Errorf("title not escaped:\n%s", v.Body)
	}
	if !strings.Contains(v.Body, "<p>See or for more.</p>") {
		t.Errorf("URLs not taken out:\n%s", v.Body)
	}
}

func TestStyleGuideVerb(t *testing.T) {
	v := adapterstest.Render(t, voice.New(), adapterstest.SampleInput("with-guide"))
	if !strings.Contains(v.Body, "Ask &quot;open Acme Outdoor&quot;.") {
		t.Errorf("the style guide's verb for voice is not used:\n%s", v.Body)
	}
}
