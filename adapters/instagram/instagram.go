// Package instagram renders items as Instagram captions: title, summary
// and the body's first paragraph, facts, where to find the link, and the
// style guide's number of hashtags, within 2,200 characters.
package instagram

import (
	"net/url"
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
)

// Instagram's hard limits on a caption.
const (
	MaxLength   = 2200 // characters
	MaxHashtags = 30   // hashtags Instagram accepts in one caption
)

// DefaultHashtags is how many hashtags a caption carries when the style
// guide does not say (styleguide ChannelRules.MaxHashtags).
const DefaultHashtags = 5

// Adapter renders the instagram channel.
type Adapter struct{}

var _ adapters.Adapter = (*Adapter)(nil)
var _ adapters.Describer = (*Adapter)(nil)

// New returns the instagram adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "instagram".
func (*Adapter) ID() string { return "instagram" }

// Describe says what the channel renders.
func (*Adapter) Describe() string {
	return "Instagram caption: text within 2,200 characters, link named not linked, hashtags per the style guide (default 5)"
}

// Limits lists Instagram's hard limits: the caption length in characters
// (Unicode code points) and the 30 hashtags it accepts. The style guide's
// lower hashtag count is applied when rendering.
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{
		{Metric: "length", Max: MaxLength, Unit: "characters"},
		{Metric: "hashtags", Max: MaxHashtags, Unit: "hashtags"},
	}
}

// Render builds the caption. The hook is the override
// overrides.instagram.text, else the title, summary and the body's first
// paragraph, cut to fit. Links in captions cannot be clicked, so the call
// to action names the page as host and path ("Shop the sale:
// acme.example/sale"), without scheme or tracking parameters; since no
// link is stated, the variant's facts carry no URL. The caption holds at
// most the style guide's number of hashtags: the writer's own count
// first, and a writer's hashtag past the count loses its '#'. The
// disclaimers the caption's claims need follow the call to action.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if err := compose.Check(in); err != nil {
		return nil, err
	}
	max := compose.Rules(in, a.ID()).MaxHashtags
	if max <= 0 {
		max = DefaultHashtags
	}
	if max > MaxHashtags {
		max = MaxHashtags
	}
	p := compose.Social(in, compose.Options{Channel: a.ID(), Max: MaxLength, Count: compose.Runes, MaxTags: max, CapTags: true, Body: true, Bare: true, Terms: true})
	text := compose.KeepHashtags(p.Text, max)
	fields := map[string]any{"caption": text}
	if img := image(in); img != nil {
		fields["image"] = img
	}
	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "text/plain; charset=utf-8",
		Ext:       ".txt",
		Body:      text,
		Fields:    fields,
		Metrics:   map[string]any{"length": compose.Runes(text), "hashtags": compose.CountHashtags(text)},
		Facts:     p.Facts,
		Texts:     []adapters.Text{{Field: "caption", Text: text, Override: p.Override}},
	}
	if it := in.Item; it.Image != nil {
		if alt := compose.Clean(it.Image.Alt); alt != "" {
			v.Texts = append(v.Texts, adapters.Text{Field: "image.alt", Text: alt})
		}
	}
	return adapters.Finish(in, v), nil
}

// image returns the post's image: its absolute URL (a relative src is
// resolved against the workspace's base URL) and alt text; nil when the
// item has no image or its src is not a safe http or https URL.
func image(in *adapters.Input) map[string]string {
	it := in.Item
	if it.Image == nil || it.Image.Src == "" {
		return nil
	}
	src := strings.TrimSpace(it.Image.Src)
	ref, err := url.Parse(src)
	if err != nil {
		return nil
	}
	if !ref.IsAbs() && ref.Scheme == "" && in.Config != nil {
		base, err := url.Parse(strings.TrimRight(in.Config.BaseURL, "/") + "/")
		if err != nil || compose.SafeLink(base.String()) == "" {
			return nil
		}
		src = base.ResolveReference(ref).String()
	}
	if compose.SafeLink(src) == "" {
		return nil
	}
	return map[string]string{"url": src, "alt": compose.Clean(it.Image.Alt)}
}
