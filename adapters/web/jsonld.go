package web

import (
	"strings"
	"time"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

// jsonLD describes the item in schema.org terms: a Product with an Offer
// for promotions and products, an Event for events, a FAQPage for FAQs
// whose body is headed questions, and an Article otherwise. The JSON is
// encoded with HTML-safe escaping ('<', '>' and '&' as \u003c, ...), so no
// value can close the <script> element it sits in.
func jsonLD(in *adapters.Input, title, desc string, d Details, img Image) string {
	it := in.Item
	url := CanonicalURL(in.Config, it)
	doc := map[string]any{"@context": "https://schema.org"}
	set := func(m map[string]any, k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	set(doc, "name", title)
	set(doc, "description", desc)
	set(doc, "url", url)
	set(doc, "image", img.URL)
	set(doc, "inLanguage", it.Locale)

	switch it.Type {
	case "promotion", "product":
		doc["@type"] = "Product"
		if o := offerLD(it, d, url); o != nil {
			doc["offers"] = o
		}
	case "event":
		doc["@type"] = "Event"
		if e := it.Event; e != nil {
			set(doc, "startDate", stampLocal(e.Starts))
			set(doc, "endDate", stampLocal(e.Ends))
			if e.Venue != "" {
				doc["location"] = map[string]any{"@type": "Place", "name": e.Venue}
			}
		}
		if o := offerLD(it, d, url); o != nil {
			doc["offers"] = o
		}
	default:
		if qs := faq(it); it.Type == "faq" && len(qs) > 0 {
			doc["@type"] = "FAQPage"
			doc["mainEntity"] = qs
			break
		}
		doc["@type"] = "Article"
		delete(doc, "name")
		set(doc, "headline", title)
		set(doc, "datePublished", stampLocal(it.Publish))
		set(doc, "mainEntityOfPage", url)
		if b := Brand(in.Config); b != "" {
			pub := map[string]any{"@type": "Organization", "name": b}
			if base, ok := baseURL(baseOf(in.Config)); ok {
				pub["url"] = base + "/"
			}
			doc["publisher"] = pub
		}
	}
	out, err := adapters.AppendJSON(make([]byte, 0, 1024), doc)
	if err != nil {
		return "{}"
	}
	return string(out)
}

// offerLD is the schema.org Offer for the item's offer, or nil.
func offerLD(it *content.Item, d Details, pageURL string) map[string]any {
	o := it.Offer
	if o == nil || d.Price == "" {
		return nil
	}
	m := map[string]any{
		"@type":         "Offer",
		"price":         o.Price,
		"priceCurrency": o.Currency,
		"availability":  "https://schema.org/InStock",
	}
	if d.EndsLine != "" && o.Ends != nil {
		m["priceValidUntil"] = o.Ends.Format("2006-01-02")
	}
	switch {
	case d.CTALink != "":
		m["url"] = d.CTALink
	case pageURL != "":
		m["url"] = pageURL
	}
	return m
}

// faq reads question and answer pairs from the body: each heading is a
// question, the paragraphs up to the next heading its answer.
func faq(it *content.Item) []any {
	var qs []any
	var q string
	var a []string
	flush := func() {
		if q != "" && len(a) > 0 {
			qs = append(qs, map[string]any{
				"@type":          "Question",
				"name":           q,
				"acceptedAnswer": map[string]any{"@type": "Answer", "text": strings.Join(a, "\n\n")},
			})
		}
		q, a = "", nil
	}
	for _, p := range it.Prose {
		if p.Field != "body" {
			continue
		}
		if p.Kind == content.Heading {
			flush()
			q = p.Text
			continue
		}
		if q != "" {
			a = append(a, p.Text)
		}
	}
	flush()
	return qs
}

// stampLocal writes a time as RFC 3339 in the offset it was written with.
func stampLocal(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339)
}
