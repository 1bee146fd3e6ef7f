// Package styleguide owns the brand style guide: its YAML schema, the rule
// kinds, the compiled matcher, and the checks run on source and rendered
// text.
package styleguide

import "github.com/chorus-dev/chorus/content"

// Guide is a compiled style guide. It is immutable and safe for concurrent
// use.
type Guide struct{}

// ChannelRules are the style guide's per-channel settings.
type ChannelRules struct {
	CTA         string // the call-to-action verb: "Click", "Tap", "Say", "Reply", "Scan"
	Emoji       bool   // emoji allowed on this channel
	MaxHashtags int    // instagram: default 5
	SubjectMax  int    // email: default 60
}

// Compile parses and merges the style guide files into one Guide.
func Compile(files []*content.Source) (*Guide, []content.Finding) { return &Guide{}, nil }

// CheckItem runs every rule over an item's source prose and links.
func (g *Guide) CheckItem(it *content.Item) []content.Finding { return nil }

// CheckText runs the rules that apply to channel over rendered text.
func (g *Guide) CheckText(it *content.Item, channel string, texts []content.Prose) []content.Finding {
	return nil
}

// Channel returns the rules for one channel, defaults filled in.
func (g *Guide) Channel(id string) ChannelRules { return ChannelRules{} }
