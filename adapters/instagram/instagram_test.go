package instagram_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/instagram"
	"github.com/chorus-dev/chorus/content"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, instagram.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, instagram.New(), *update) }

func TestCaption(t *testing.T) {
	v := adapterstest.Render(t, instagram.New(), adapterstest.SampleInput("promotion-en-US"))
	if strings.Contains(v.Body, "http") || strings.Contains(v.Body, "utm_") {
		t.Errorf("caption holds a link:\n%s", v.Body)
	}
	if !strings.Contains(v.Body, "Shop the sale: acme.example/sale") {
		t.Errorf("caption does not say where to find the page:\n%s", v.Body)
	}
	if v.Facts.URL != "" {
		t.Errorf("facts.url = %q, want none: no link is stated", v.Facts.URL)
	}
	img, _ := v.Fields["image"].(map[string]string)
	if img["url"] != "https://acme.example/img/spring-sale.jpg" || img["alt"] == "" {
		t.Errorf("image = %v", img)
	}
}

func TestHashtagCap(t *testing.T) {
	in := adapterstest.SampleInput("promotion-en-US")
	in.Item.Overrides = map[string]content.Overrides{"instagram": {"text": "#one #two #three #four #five #six #seven and more"}}
	v := adapterstest.Render(t, instagram.New(), in)
	if n := v.Metrics["hashtags"]; n != instagram.DefaultHashtags {
		t.Errorf("hashtags = %v, want %d:\n%s", n, instagram.DefaultHashtags, v.Body)
	}
	if !strings.HasPrefix(v.Body, "#one #two #three #four #five six seven and more") {
		t.Errorf("the writer's first five hashtags should stay:\n%s", v.Body)
	}
}

func TestRefusedImage(t *testing.T) {
	v := adapterstest.Render(t, instagram.New(), adapterstest.SampleInput("hostile"))
	if _, ok := v.Fields["image"]; ok {
		t.Errorf("a javascript: image src was kept: %v", v.Fields["image"])
	}
}

func TestStyleGuideHashtags(t *testing.T) {
	v := adapterstest.Render(t, instagram.New(), adapterstest.SampleInput("with-guide"))
	if n := v.Metrics["hashtags"]; n != 2 {
		t.Errorf("%v hashtags, want the style guide's 2:\n%s", n, v.Body)
	}
}
