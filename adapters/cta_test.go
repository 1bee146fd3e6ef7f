package adapters

import (
	"testing"

	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
)

func ctaInput(locale, label, link string) *Input {
	it := &content.Item{ID: "spring-sale", Type: "promotion", Locale: locale}
	if label != "" || link != "" {
		it.CTA = &content.CTA{Label: label, URL: link}
	}
	return &Input{Item: it, Config: &content.Config{BaseURL: "https://acme.example", DefaultLocale: "en-US"}}
}

func TestCTA(t *testing.T) {
	guide, findings := styleguide.Compile([]*content.Source{content.NewSource("styleguide/brand.yaml",
		[]byte("channels:\n  x: {cta: Tap}\n  web: {cta: Shop}\n"))})
	if len(findings) != 0 {
		t.Fatalf("style guide: %v", findings)
	}
	tests := []struct {
		name      string
		in        *Input
		guide     *styleguide.Guide
		channel   string
		wantLabel string
		wantLink  string
	}{
		{"tap", ctaInput("en-US", "Shop the sale", "https://acme.example/sale"), nil, "push",
			"Tap to shop the sale", "https://acme.example/sale?utm_campaign=spring-sale&utm_medium=push&utm_source=push"},
		{"click", ctaInput("en", "Shop the sale", "https://acme.example/sale"), nil, "email",
			"Click to shop the sale", "https://acme.example/sale?utm_campaign=spring-sale&utm_medium=email&utm_source=email"},
		{"say quotes the label", ctaInput("en-US", "Shop the sale", "https://acme.example/sale"), nil, "voice",
			`Say "shop the sale"`, "https://acme.example/sale?utm_campaign=spring-sale&utm_medium=voice&utm_source=voice"},
		{"scan", ctaInput("en-GB", "See the boots", "https://acme.example/boots"), nil, "signage",
			"Scan to see the boots", "https://acme.example/boots?utm_campaign=spring-sale&utm_medium=signage&utm_source=signage"},
		{"visit leaves the label", ctaInput("en-US", "Shop the sale", "https://acme.example/sale"), nil, "mastodon",
			"Shop the sale", "https://acme.example/sale?utm_campaign=spring-sale&utm_medium=social&utm_source=mastodon"},
		{"guide verb", ctaInput("en-US", "Shop the sale", "https://acme.example/sale"), guide, "x",
			"Tap to shop the sale", "https://acme.example/sale?utm_campaign=spring-sale&utm_medium=social&utm_source=x"},
		{"label starting with the verb", ctaInput("en-US", "Shop the spring sale", "https://acme.example/sale"), guide, "web",
			"Shop the spring sale", "https://acme.example/sale?utm_campaign=spring-sale&utm_medium=web&utm_source=web"},
		{"acronym kept", ctaInput("en-US", "RSVP now", "https://acme.example/rsvp"), nil, "app",
			"Tap to RSVP now", "https://acme.example/rsvp?utm_campaign=spring-sale&utm_medium=app&utm_source=app"},
		{"brand name kept", ctaInput("en-US", "iPhone deals", "https://acme.example/d"), nil, "app",
			"Tap to iPhone deals", "https://acme.example/d?utm_campaign=spring-sale&utm_medium=app&utm_source=app"},
		{"Chinese label as written", ctaInput("zh-CN", "立即选购", "https://acme.example/zh/sale"), nil, "push",
			"立即选购", "https://acme.example/zh/sale?utm_campaign=spring-sale&utm_medium=push&utm_source=push"},
		{"Greek label as written", ctaInput("el-GR", "Δείτε τις προσφορές", "https://acme.example/el/sale"), nil, "email",
			"Δείτε τις προσφορές", "https://acme.example/el/sale?utm_campaign=spring-sale&utm_medium=email&utm_source=email"},
		{"Arabic label as written", ctaInput("ar", "تسوق الآن", "https://acme.example/ar/sale"), nil, "sms",
			"تسوق الآن", "https://acme.example/ar/sale?utm_campaign=spring-sale&utm_medium=sms&utm_source=sms"},
		{"existing query and fragment kept", ctaInput("en-US", "Shop", "https://acme.example/sale?size=m&color=red#tents"), nil, "x",
			"Shop", "https://acme.example/sale?color=red&size=m&utm_campaign=spring-sale&utm_medium=social&utm_source=x#tents"},
		{"writer's utm wins", ctaInput("en-US", "Shop", "https://acme.example/sale?utm_campaign=spring26"), nil, "sms",
			`Reply "shop"`, "https://acme.example/sale?utm_campaign=spring26&utm_medium=sms&utm_source=sms"},
		{"relative link resolved", ctaInput("en-US", "Shop", "/sale"), nil, "web",
			"Click to shop", "https://acme.example/sale?utm_campaign=spring-sale&utm_medium=web&utm_source=web"},
		{"mailto untouched", ctaInput("en-US", "Write to us", "mailto:help@acme.example"), nil, "web",
			"Click to write to us", "mailto:help@acme.example"},
		{"script link dropped", ctaInput("en-US", "Go", "javascript:alert(1)"), nil, "web",
			"Click to go", ""},
		{"no cta links the site", ctaInput("en-US", "", ""), nil, "chat",
			"", "https://acme.example?utm_campaign=spring-sale&utm_medium=chat&utm_source=chat"},
		{"unknown channel", ctaInput("en-US", "Shop the sale", "https://acme.example/sale"), nil, "tiktok",
			"Shop the sale", "https://acme.example/sale?utm_campaign=spring-sale&utm_medium=tiktok&utm_source=tiktok"},
		{"nil input", nil, nil, "web", "", ""},
		{"nil item", &Input{}, nil, "web", "", ""},
	}
	for _, tt := range tests {
		if tt.in != nil {
			tt.in.Guide = tt.guide
		}
		label, link := CTA(tt.in, tt.channel)
		if label != tt.wantLabel || link != tt.wantLink {
			t.Errorf("%s: CTA = %q, %q\nwant %q, %q", tt.name, label, link, tt.wantLabel, tt.wantLink)
		}
	}
	// An item without a locale follows the workspace default.
	in := ctaInput("", "Shop", "https://acme.example/s")
	in.Config.DefaultLocale = "zh-CN"
	if label, _ := CTA(in, "push"); label != "Shop" {
		t.Errorf("default zh-CN locale: label %q, want %q", label, "Shop")
	}
}

func TestSourceText(t *testing.T) {
	it := &content.Item{Title: "Title", Summary: "Summary", Overrides: map[string]content.Overrides{"x": {"text": "Override"}}}
	tests := []struct {
		in                     *Input
		channel, field         string
		wantText, wantOverride string
	}{
		{&Input{Item: it}, "x", "text", "Override", "overrides.x.text"},
		{&Input{Item: it}, "sms", "text", "Summary", ""},
		{&Input{Item: &content.Item{Title: "Title"}}, "sms", "text", "Title", ""},
		{&Input{}, "sms", "text", "", ""},
		{nil, "sms", "text", "", ""},
	}
	for _, tt := range tests {
		text, override := SourceText(tt.in, tt.channel, tt.field)
		if text != tt.wantText || override != tt.wantOverride {
			t.Errorf("SourceText(%s.%s) = %q, %q; want %q, %q", tt.channel, tt.field, text, override, tt.wantText, tt.wantOverride)
		}
	}
}
