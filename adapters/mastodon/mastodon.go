// Package mastodon renders items as Mastodon statuses: hook, facts, call
// to action with its link and up to three hashtags, within 500 characters
// with every link counted as 23.
package mastodon

import (
	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
)

// MaxLength is the default ceiling of a Mastodon server on a status.
const MaxLength = 500

// Adapter renders the mastodon channel.
type Adapter struct{}

var _ adapters.Adapter = (*Adapter)(nil)
var _ adapters.Describer = (*Adapter)(nil)

// New returns the mastodon adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "mastodon".
func (*Adapter) ID() string { return "mastodon" }

// Describe says what the channel renders.
func (*Adapter) Describe() string {
	return "Mastodon status: plain text within 500 characters (links count 23), up to 3 hashtags"
}

// Limits lists Mastodon's hard limit: the status length.
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{{Metric: "length", Max: MaxLength, Unit: "characters"}}
}

// Render builds the status. The hook is the override
// overrides.mastodon.text, else the title and summary, cut to fit. Fields
// are the status text and its ISO 639 language, as the statuses API takes
// them. The disclaimers the status's claims need follow the call to
// action.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if err := compose.Check(in); err != nil {
		return nil, err
	}
	p := compose.Social(in, compose.Options{Channel: a.ID(), Max: MaxLength, Count: adapters.MastodonLength, MaxTags: 3, Terms: true})
	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "text/plain; charset=utf-8",
		Ext:       ".txt",
		Body:      p.Text,
		Fields:    map[string]any{"text": p.Text, "language": compose.Lang(in.Item.Locale)},
		Metrics:   map[string]any{"length": adapters.MastodonLength(p.Text)},
		Facts:     p.Facts,
		Texts:     []adapters.Text{{Field: "text", Text: p.Text, Override: p.Override}},
	}
	return adapters.Finish(in, v), nil
}
