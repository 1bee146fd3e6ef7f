// Package bluesky renders items as Bluesky posts: hook, facts, call to
// action with its link and up to two hashtags, within 300 graphemes, with
// the rich-text facets that make the link and the hashtags live.
package bluesky

import (
	"sort"
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
)

// MaxLength is Bluesky's ceiling on a post's text, in graphemes. A link's
// text counts in full: the facet only makes it clickable.
const MaxLength = 300

// Adapter renders the bluesky channel.
type Adapter struct{}

var _ adapters.Adapter = (*Adapter)(nil)
var _ adapters.Describer = (*Adapter)(nil)

// New returns the bluesky adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "bluesky".
func (*Adapter) ID() string { return "bluesky" }

// Describe says what the channel renders.
func (*Adapter) Describe() string {
	return "Bluesky post: text within 300 graphemes with link and hashtag facets"
}

// Limits lists Bluesky's hard limit: the text length in graphemes.
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{{Metric: "length", Max: MaxLength, Unit: "graphemes"}}
}

// Facet marks a byte range of a post's text as a link or a hashtag
// (app.bsky.richtext.facet). Offsets count UTF-8 bytes, end exclusive.
type Facet struct {
	Index    ByteSlice `json:"index"`
	Features []Feature `json:"features"`
}

// ByteSlice is a facet's byte range.
type ByteSlice struct {
	ByteStart int `json:"byteStart"`
	ByteEnd   int `json:"byteEnd"`
}

// Feature is what a facet makes of its range: a link (URI set) or a
// hashtag (Tag set, without '#').
type Feature struct {
	Type string `json:"$type"`
	URI  string `json:"uri,omitempty"`
	Tag  string `json:"tag,omitempty"`
}

// Render builds the post. The hook is the override overrides.bluesky.text,
// else the title and summary, cut to fit. Fields are the record's text,
// facets and langs (app.bsky.feed.post); the poster adds createdAt.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if err := compose.Check(in); err != nil {
		return nil, err
	}
	p := compose.Social(in, compose.Options{Channel: a.ID(), Max: MaxLength, Count: adapters.Graphemes, MaxTags: 2})
	fields := map[string]any{"text": p.Text}
	if fs := facets(p.Text, p.Link); len(fs) > 0 {
		fields["facets"] = fs
	}
	if loc := in.Item.Locale; loc != "" {
		fields["langs"] = []string{loc}
	}
	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "text/plain; charset=utf-8",
		Ext:       ".txt",
		Body:      p.Text,
		Fields:    fields,
		Metrics:   map[string]any{"length": adapters.Graphemes(p.Text)},
		Facts:     p.Facts,
		Texts:     []adapters.Text{{Field: "text", Text: p.Text, Override: p.Override}},
	}
	return adapters.Finish(in, v), nil
}

// facets marks the link (its last occurrence, where the call to action
// puts it) and every hashtag outside it.
func facets(text, link string) []Facet {
	var out []Facet
	ls, le := -1, -1
	if link != "" {
		if i := strings.LastIndex(text, link); i >= 0 {
			ls, le = i, i+len(link)
			out = append(out, Facet{Index: ByteSlice{ls, le}, Features: []Feature{{Type: "app.bsky.richtext.facet#link", URI: link}}})
		}
	}
	for _, sp := range compose.HashtagSpans(text) {
		if sp[0] < le && sp[1] > ls {
			continue
		}
		out = append(out, Facet{Index: ByteSlice{sp[0], sp[1]}, Features: []Feature{{Type: "app.bsky.richtext.facet#tag", Tag: text[sp[0]+1 : sp[1]]}}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Index.ByteStart < out[j].Index.ByteStart })
	return out
}
