// Package chat renders items as message cards for chat channels: a short
// text, the facts line, an image and one quick reply that opens the link.
package chat

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/web"
	"github.com/chorus-dev/chorus/content"
)

// Adapter renders the chat channel.
type Adapter struct{}

var (
	_ adapters.Adapter   = (*Adapter)(nil)
	_ adapters.Describer = (*Adapter)(nil)
)

// New returns the chat adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "chat".
func (*Adapter) ID() string { return "chat" }

// Describe says what the channel produces.
func (*Adapter) Describe() string {
	return "chat message card (JSON): title, text of at most 300 characters, facts line, image, quick reply with the link"
}

// Card limits, in characters: chat clients truncate longer card text and
// button labels.
const (
	TextMax  = 300
	LabelMax = 20
)

// Limits lists the channel's limits.
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{
		{Metric: "text_length", Max: TextMax, Unit: "characters", Severity: content.Error},
		{Metric: "label_length", Max: LabelMax, Unit: "characters", Severity: content.Error},
	}
}

// Card is the JSON body of a chat variant. Every text is plain text with
// anything tag-shaped removed; clients must still escape it.
type Card struct {
	Title        string       `json:"title"`
	Text         string       `json:"text"`
	Facts        string       `json:"facts,omitempty"`
	Image        *Image       `json:"image,omitempty"`
	QuickReplies []QuickReply `json:"quick_replies"`
}

// Image is the card's picture: an absolute http or https URL and its alt
// text.
type Image struct {
	URL string `json:"url"`
	Alt string `json:"alt"`
}

// QuickReply is a button under the card that opens URL.
type QuickReply struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}

// Render builds the card. The text is overrides.chat.text as written, or
// else the summary (the title when there is none) fitted to TextMax; the
// quick reply label is the call to action fitted to LabelMax.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if in == nil || in.Item == nil {
		return nil, errors.New("chat: no item to render")
	}
	it := in.Item
	title := web.Pick(in, a.ID(), "title", it.Title)
	def := it.Summary
	if strings.TrimSpace(web.StripTags(def)) == "" {
		def = it.Title
	}
	text := web.Pick(in, a.ID(), "text", def)
	if text.Override == "" {
		text.Text = adapters.Fit(text.Text, TextMax, adapters.Graphemes)
	}
	d := web.NewDetails(in, a.ID())
	d.CTALabel = adapters.Fit(d.CTALabel, LabelMax, adapters.Graphemes)

	card := Card{
		Title:        title.Text,
		Text:         text.Text,
		Facts:        strings.Join(d.Lines(), " · "),
		QuickReplies: []QuickReply{},
	}
	texts := []adapters.Text{title, text}
	if img := web.NewImage(in); img.URL != "" {
		card.Image = &Image{URL: img.URL, Alt: img.Alt}
		if img.Alt != "" {
			texts = append(texts, adapters.Text{Field: "image.alt", Text: img.Alt})
		}
	}
	if d.CTALink != "" {
		card.QuickReplies = append(card.QuickReplies, QuickReply{Label: d.CTALabel, URL: d.CTALink})
	}
	texts = append(texts, d.Texts()...)

	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(card); err != nil {
		return nil, err
	}
	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "application/json",
		Ext:       ".json",
		Body:      b.String(),
		Fields: map[string]any{
			"title":         card.Title,
			"text":          card.Text,
			"facts":         card.Facts,
			"quick_replies": card.QuickReplies,
		},
		Metrics: map[string]any{
			"text_length":  adapters.Graphemes(card.Text),
			"label_length": adapters.Graphemes(d.CTALabel),
		},
		Facts: d.Facts,
		Texts: texts,
	}
	if card.Image != nil {
		v.Fields["image"] = card.Image
	}
	return adapters.Finish(in, v), nil
}
