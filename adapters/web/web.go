// Package web renders items as HTML5 pages, and holds the URL vetting,
// fact lines and palette that the other HTML-minded channels (email,
// signage, chat, app) share with it.
package web

import (
	"errors"
	"html/template"
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

// Adapter renders the web channel: a full HTML5 page with Open Graph,
// Twitter card, hreflang and JSON-LD metadata.
type Adapter struct{}

var (
	_ adapters.Adapter   = (*Adapter)(nil)
	_ adapters.Describer = (*Adapter)(nil)
)

// New returns the web adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "web".
func (*Adapter) ID() string { return "web" }

// Describe says what the channel produces.
func (*Adapter) Describe() string {
	return "HTML5 page at {base_url}/{locale}/{id}/ with Open Graph, Twitter card, hreflang and schema.org JSON-LD"
}

// Limits lists the channel's hard limits: none, a page holds what it is
// given. The metrics still report title_length and description_length,
// which search results cut beyond about 60 and 160 characters.
func (*Adapter) Limits() []adapters.Limit { return nil }

// Render builds the page. Body is the whole document; Fields["html"] is
// the <article> fragment alone, for embedding in an existing site.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if in == nil || in.Item == nil {
		return nil, errors.New("web: no item to render")
	}
	it := in.Item
	title := Pick(in, a.ID(), "title", it.Title)
	desc := Pick(in, a.ID(), "description", it.Summary)
	d := NewDetails(in, a.ID())
	img := NewImage(in)
	texts := []adapters.Text{title, desc}
	if img.Alt != "" {
		texts = append(texts, adapters.Text{Field: "image.alt", Text: img.Alt})
	}
	texts = append(texts, d.Texts()...)
	terms := adapters.NeedTerms(in, a.ID(), d.CTALink != "", TextsOf(texts), PlainBody(it))
	if t, ok := terms.Text(); ok {
		texts = append(texts, t)
	}

	frag := fragment(in, title.Text, desc.Text, d, img, terms.Add)
	page := pageData{
		Lang:        langTag(it.Locale),
		Dir:         Dir(it.Locale),
		Title:       title.Text,
		Description: desc.Text,
		URL:         CanonicalURL(in.Config, it),
		Alternates:  alternates(in),
		OGType:      ogType(it.Type),
		OGLocale:    strings.ReplaceAll(it.Locale, "-", "_"),
		SiteName:    Brand(in.Config),
		Image:       img,
		CSS:         template.CSS(paletteOf(in.Guide).css),
		JSONLD:      template.JS(jsonLD(in, title.Text, desc.Text, d, img)),
		Fragment:    template.HTML(frag),
	}
	// The page is the fragment, the metadata and a fixed head of about
	// 2.5 kB: one allocation instead of a doubling series.
	body := string(page.appendHTML(make([]byte, 0, len(frag)+len(page.JSONLD)+len(page.CSS)+4*(len(title.Text)+len(desc.Text))+4096)))

	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "text/html; charset=utf-8",
		Ext:       ".html",
		Body:      body,
		Fields: map[string]any{
			"title":       title.Text,
			"description": desc.Text,
			"html":        frag,
			"url":         page.URL,
		},
		Metrics: map[string]any{
			"title_length":       adapters.Graphemes(title.Text),
			"description_length": adapters.Graphemes(desc.Text),
			"html_bytes":         len(body),
		},
		Facts: d.Facts,
		Texts: texts,
	}
	return adapters.Finish(in, v), nil
}

// Image is the item's lead image, vetted: URL is absolute (for metadata
// and mail), Src may stay relative (for a page on the brand's own site).
// All fields are empty when the item has no usable image.
type Image struct {
	URL string
	Src string
	Alt string
}

// NewImage vets the item's image. A src that is neither http, https nor
// relative is dropped with its alt text.
func NewImage(in *adapters.Input) Image {
	im := in.Item.Image
	if im == nil {
		return Image{}
	}
	src, ok := SafeURL(im.Src)
	if !ok {
		return Image{}
	}
	abs, _ := AbsoluteURL(baseOf(in.Config), src)
	return Image{URL: abs, Src: src, Alt: StripTags(im.Alt)}
}

func baseOf(cfg *content.Config) string {
	if cfg == nil {
		return ""
	}
	return cfg.BaseURL
}

// Brand is the configured brand name as plain text, or "".
func Brand(cfg *content.Config) string {
	if cfg == nil {
		return ""
	}
	return StripTags(cfg.Brand)
}

// langTag returns the locale when it looks like a BCP 47 tag, for lang
// attributes.
func langTag(loc string) string {
	if loc == "" {
		return "und"
	}
	for _, r := range loc {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "und"
		}
	}
	return loc
}

// ogType maps an item type onto the Open Graph types: product, article or
// website (Open Graph has no event type).
func ogType(typ string) string {
	switch typ {
	case "promotion", "product":
		return "product"
	case "article", "announcement", "faq":
		return "article"
	}
	return "website"
}

type alternate struct {
	Lang string
	URL  string
}

// alternates lists the hreflang links: the item and each translation in
// locale order, then x-default, which points at the default locale's page
// (or at this one when the default locale has none).
func alternates(in *adapters.Input) []alternate {
	it := in.Item
	if in.Config == nil || CanonicalURL(in.Config, it) == "" {
		return nil
	}
	items := []*content.Item{it}
	for _, alt := range in.Alternates {
		if alt != nil && alt.Locale != it.Locale {
			items = append(items, alt)
		}
	}
	var out []alternate
	seen := map[string]bool{}
	def := CanonicalURL(in.Config, it)
	for _, x := range sortByLocale(items) {
		loc := langTag(x.Locale)
		if x.Locale == "" || loc == "und" || seen[loc] {
			continue
		}
		seen[loc] = true
		u := CanonicalURL(in.Config, &content.Item{ID: it.ID, Locale: x.Locale})
		out = append(out, alternate{Lang: loc, URL: u})
		if x.Locale == in.Config.DefaultLocale {
			def = u
		}
	}
	if len(out) == 0 {
		return nil
	}
	return append(out, alternate{Lang: "x-default", URL: def})
}

func sortByLocale(items []*content.Item) []*content.Item {
	out := append([]*content.Item(nil), items...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Locale < out[j-1].Locale; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// rootCSS writes the palette as CSS custom properties: every brand color
// as --color-<name>, then the roles the page's stylesheet uses.
func rootCSS(c Colors) string {
	var b strings.Builder
	b.WriteString(":root{")
	for _, col := range c.All {
		b.WriteString("--color-" + col.Name + ":" + col.Value + ";")
	}
	b.WriteString("--ink:" + c.Ink + ";--paper:" + c.Paper + ";--accent:" + c.Accent + ";--muted:" + c.Muted + "}")
	return b.String()
}

type pageData struct {
	Lang, Dir, Title, Description, URL string
	Alternates                         []alternate
	OGType, OGLocale, SiteName         string
	Image                              Image
	CSS                                template.CSS
	JSONLD                             template.JS
	Fragment                           template.HTML
}

type fragmentData struct {
	Type, Lang, Dir, Title, Summary string
	Image                           Image
	D                               Details
	Body                            template.HTML
	Terms                           []string
}

// fragment renders the <article> element: headline, summary, image, the
// event and offer facts, the sanitised body, the call to action and the
// small print (terms: disclaimers the page's claims need and its body
// does not state).
func fragment(in *adapters.Input, title, summary string, d Details, img Image, terms []string) string {
	body := BodyHTML(in.Item, "")
	f := fragmentData{
		Type:    in.Item.Type,
		Lang:    langTag(in.Item.Locale),
		Dir:     Dir(in.Item.Locale),
		Title:   title,
		Summary: summary,
		Image:   img,
		D:       d,
		Body:    template.HTML(body),
		Terms:   terms,
	}
	return string(f.appendHTML(make([]byte, 0, len(body)+2*(len(title)+len(summary))+1024)))
}
