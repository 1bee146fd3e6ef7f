package adapters

import (
	"slices"
	"strings"

	"github.com/chorus-dev/chorus/styleguide"
)

// TermsField is the field of the variant text that holds the disclaimers
// a variant carries, for the style guide's claim check.
const TermsField = "terms"

// Terms are the disclaimers a variant carries for the claims it makes,
// as the style guide's claims and disclaimers require them.
type Terms struct {
	// All are every disclaimer the variant carries: the ones its claims
	// need, whether it states them already or they are in Add.
	All []string
	// Add are the ones it does not state yet: its small print, to append.
	Add []string
}

// NeedTerms returns the disclaimers that the claims in a variant's texts
// need on channel (styleguide.Guide.Disclaimers). shown is other text the
// variant shows, such as a page's body: a disclaimer it states is not
// added again, and a claim it makes needs one too. No disclaimer is
// needed when the style guide puts the channel's disclaimers on the
// landing page (channels.<id>.disclaimers: link) and the variant is
// linked to it, nor without a style guide.
func NeedTerms(in *Input, channel string, linked bool, texts []string, shown ...string) Terms {
	if in == nil || in.Guide == nil || in.Item == nil {
		return Terms{}
	}
	if linked && in.Guide.Channel(channel).Disclaimers == styleguide.DisclaimersLink {
		return Terms{}
	}
	need := in.Guide.Disclaimers(in.Item, channel, strings.Join(texts, "\n\n"))
	add := need
	if len(shown) > 0 {
		add = in.Guide.Disclaimers(in.Item, channel, strings.Join(append(slices.Clone(texts), shown...), "\n\n"))
	}
	all := slices.Clone(need)
	for _, d := range add {
		if !slices.Contains(all, d) {
			all = append(all, d)
		}
	}
	return Terms{All: all, Add: add}
}

// Text returns the variant text that stands for the disclaimers the
// variant carries, for the style guide to see them; ok is false when it
// carries none.
func (t Terms) Text() (text Text, ok bool) {
	if len(t.All) == 0 {
		return Text{}, false
	}
	return Text{Field: TermsField, Text: strings.Join(t.All, "\n")}, true
}
