// Package app renders items as structured JSON for native apps: typed
// offer and event blocks with both raw and display values, the call to
// action, the image, sanitised body HTML and plain text.
package app

import (
	"errors"
	"html"
	"strings"
	"time"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/web"
)

// Adapter renders the app channel.
type Adapter struct{}

var (
	_ adapters.Adapter   = (*Adapter)(nil)
	_ adapters.Describer = (*Adapter)(nil)
)

// New returns the app adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "app".
func (*Adapter) ID() string { return "app" }

// Describe says what the channel produces.
func (*Adapter) Describe() string {
	return "structured JSON for native apps: offer and event with raw and display values, CTA, image, sanitised HTML and plain text"
}

// Limits lists the channel's limits: none, an app lays out what it gets.
func (*Adapter) Limits() []adapters.Limit { return nil }

// Doc is the JSON body of an app variant. Raw values (prices as decimal
// strings, times as RFC 3339 in UTC) are for logic; *_display values are
// formatted for the item's locale. Text fields are plain text with
// anything tag-shaped removed; HTML is the sanitised body; every URL is
// absolute http or https.
type Doc struct {
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Locale  string   `json:"locale"`
	Title   string   `json:"title"`
	Summary string   `json:"summary"`
	Offer   *Offer   `json:"offer,omitempty"`
	Event   *Event   `json:"event,omitempty"`
	CTA     *CTA     `json:"cta,omitempty"`
	Image   *Image   `json:"image,omitempty"`
	Tags    []string `json:"tags"`
	Publish string   `json:"publish,omitempty"`
	Expire  string   `json:"expire,omitempty"`
	HTML    string   `json:"html"`
	Text    string   `json:"text"`
	// Disclaimers are the small print the item's claims need that its
	// body does not state; HTML and Text end with them too.
	Disclaimers []string `json:"disclaimers,omitempty"`
}

// Offer is the price and its terms.
type Offer struct {
	Price        string `json:"price,omitempty"`
	Currency     string `json:"currency,omitempty"`
	Was          string `json:"was,omitempty"`
	Code         string `json:"code,omitempty"`
	Ends         string `json:"ends,omitempty"`
	PriceDisplay string `json:"price_display,omitempty"`
	WasDisplay   string `json:"was_display,omitempty"`
	CodeDisplay  string `json:"code_display,omitempty"`
	EndsDisplay  string `json:"ends_display,omitempty"`
}

// Event is the when and where.
type Event struct {
	Starts      string `json:"starts"`
	Ends        string `json:"ends,omitempty"`
	Venue       string `json:"venue,omitempty"`
	WhenDisplay string `json:"when_display"`
}

// CTA is the call to action; URL carries UTM parameters.
type CTA struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}

// Image is the lead image.
type Image struct {
	URL string `json:"url"`
	Alt string `json:"alt"`
}

// Render builds the document. Title and summary may be overridden with
// overrides.app.title and overrides.app.summary.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if in == nil || in.Item == nil {
		return nil, errors.New("app: no item to render")
	}
	it := in.Item
	title := web.Pick(in, a.ID(), "title", it.Title)
	summary := web.Pick(in, a.ID(), "summary", it.Summary)
	d := web.NewDetails(in, a.ID())
	base := ""
	if in.Config != nil {
		base = in.Config.BaseURL
	}
	doc := Doc{
		ID:      it.ID,
		Type:    it.Type,
		Locale:  it.Locale,
		Title:   title.Text,
		Summary: summary.Text,
		Tags:    []string{},
		Publish: utc(it.Publish),
		Expire:  utc(it.Expire),
		HTML:    web.BodyHTML(it, base),
		Text:    web.PlainBody(it),
	}
	f := d.Facts
	if d.Price != "" || d.Code != "" || d.EndsLine != "" {
		doc.Offer = &Offer{
			Price: f.Price, Currency: f.Currency, Was: f.Was, Code: f.Code,
			PriceDisplay: d.Price, WasDisplay: d.WasLine, CodeDisplay: d.CodeLine, EndsDisplay: d.EndsLine,
		}
		if d.EndsLine != "" {
			doc.Offer.Ends = f.Ends
		}
	}
	if d.When != "" {
		doc.Event = &Event{Starts: f.Starts, Venue: d.Venue, WhenDisplay: d.When}
		if d.EndsLine == "" {
			doc.Event.Ends = f.Ends
		}
	}
	if d.CTALink != "" {
		doc.CTA = &CTA{Label: d.CTALabel, URL: d.CTALink}
	}
	texts := []adapters.Text{title, summary}
	if img := web.NewImage(in); img.URL != "" {
		doc.Image = &Image{URL: img.URL, Alt: img.Alt}
		if img.Alt != "" {
			texts = append(texts, adapters.Text{Field: "image.alt", Text: img.Alt})
		}
	}
	for _, t := range it.Tags {
		if t = web.StripTags(t); t != "" {
			doc.Tags = append(doc.Tags, t)
		}
	}
	texts = append(texts, d.Texts()...)
	terms := adapters.NeedTerms(in, a.ID(), d.CTALink != "", web.TextsOf(texts), doc.Text)
	if t, ok := terms.Text(); ok {
		texts = append(texts, t)
	}
	if len(terms.Add) > 0 {
		doc.Disclaimers = terms.Add
		var h strings.Builder
		h.WriteString(doc.HTML)
		for _, t := range terms.Add {
			if h.Len() > 0 {
				h.WriteString("\n")
			}
			h.WriteString(`<p class="terms"><small>` + html.EscapeString(t) + `</small></p>`)
		}
		doc.HTML = h.String()
		doc.Text = strings.TrimSpace(doc.Text + "\n\n" + strings.Join(terms.Add, "\n\n"))
	}

	// HTML escaping makes the encoded strings a little longer.
	b := appendDoc(make([]byte, 0, len(doc.HTML)*3/2+len(doc.Text)+1024), &doc)
	body := string(append(b, '\n'))
	fields := map[string]any{
		"title":   doc.Title,
		"summary": doc.Summary,
		"html":    doc.HTML,
		"text":    doc.Text,
	}
	if len(doc.Disclaimers) > 0 {
		fields["disclaimers"] = doc.Disclaimers
	}
	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "application/json",
		Ext:       ".json",
		Body:      body,
		Fields:    fields,
		Metrics:   map[string]any{"json_bytes": len(body)},
		Facts:     f,
		Texts:     texts,
	}
	return adapters.Finish(in, v), nil
}

func utc(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
