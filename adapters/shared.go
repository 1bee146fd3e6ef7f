package adapters

import (
	"time"

	"github.com/chorus-dev/chorus/content"
)

// This file holds the shared helpers' signatures. Their first bodies are
// deliberately plain; count.go, fit.go, format.go and scan.go replace them.

// SourceText picks the text for a channel field: the writer's override
// (overrides.<channel>.<field>), else the summary, else the title. override
// is the front-matter path of the override used, or "".
func SourceText(in *Input, channel, field string) (text, override string) {
	if o, ok := in.Item.Overrides[channel][field]; ok && o != "" {
		return o, "overrides." + channel + "." + field
	}
	if in.Item.Summary != "" {
		return in.Item.Summary, ""
	}
	return in.Item.Title, ""
}

// CTA returns the channel's call to action: the label with the style
// guide's verb for the channel, and the link tagged with UTM parameters.
func CTA(in *Input, channel string) (label, link string) {
	if in.Item.CTA == nil {
		return "", ""
	}
	return in.Item.CTA.Label, in.Item.CTA.URL
}

// FormatPrice formats a decimal amount in a currency for a locale
// ("$79.99", "US$79.99", "79,99 $").
func FormatPrice(locale, amount, currency string) string { return currency + " " + amount }

// FormatDate formats a date for a locale, long form without time.
func FormatDate(locale string, t time.Time) string { return t.Format("2006-01-02") }

// Finish fills in the envelope fields every variant shares (id, type,
// locale, channel, publish, expire, facts) and computes Version.
func Finish(in *Input, v *Variant) *Variant {
	it := in.Item
	v.ID, v.Type, v.Locale = it.ID, it.Type, it.Locale
	v.Publish, v.Expire = it.Publish, it.Expire
	if v.Metrics == nil {
		v.Metrics = map[string]any{}
	}
	if v.Fields == nil {
		v.Fields = map[string]any{}
	}
	var _ content.Facts = v.Facts
	return v
}
