package compose

import (
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

// Options describe one social network's post.
type Options struct {
	Channel string           // channel id, for overrides and the call to action
	Max     int              // the ceiling on Count of the whole post
	Count   adapters.Counter // the network's length counter
	MaxTags int              // most hashtags to add from the item's tags; the style guide's max_hashtags lowers it
	// CapTags makes MaxTags a ceiling on every hashtag in the post: the
	// writer's own count first, and theirs past the ceiling lose the '#'.
	CapTags bool
	// Body adds the body's first paragraph to the hook, for networks where
	// long posts read well.
	Body bool
	// Bare states the link as host and path ("acme.example/sale"), for
	// networks where a link in a post cannot be clicked. A bare link is a
	// pointer to type, not the link itself: the post's facts carry no URL.
	Bare bool
	// Terms appends the disclaimers the post's claims need
	// (adapters.NeedTerms) as small print after the call to action, for
	// networks with room for them; the hook is cut to make room.
	Terms bool
}

// Post is a social network's post, fitted.
type Post struct {
	Text     string
	Override string        // front-matter path of the override used, or ""
	Facts    content.Facts // exactly the facts Text states
	Link     string        // the clickable link in Text, "" when none
	Tags     []string      // the hashtags added from the item's tags
	Fits     bool          // false when the facts and link alone are too long
}

// Social composes the post of a social network: the hook (the override
// overrides.<channel>.text, else title and summary), a blank line, the
// facts, the call to action and its link, then the small print when
// Options.Terms asks for it, and hashtags. The hook is cut to fit; the
// facts, the link and the small print never are.
func Social(in *adapters.Input, o Options) Post {
	it := in.Item
	w := WordsFor(it.Locale)
	hook, override := Hook(in, o.Channel, "text", "\n", o.Body)
	label, link := Link(in, o.Channel)
	shown := link
	if o.Bare {
		shown = BareLink(link)
	}
	maxTags := o.MaxTags
	if in.Guide != nil {
		// The style guide may allow fewer hashtags on the channel.
		maxTags = min(maxTags, in.Guide.Channel(o.Channel).MaxHashtags)
	}
	if o.CapTags {
		hook = KeepHashtags(hook, o.MaxTags)
		maxTags -= CountHashtags(hook)
	}
	stmts := Statements(it)
	spec := Spec{Max: o.Max, Count: o.Count, Layout: SocialLayout(w), Sep: w.Sep, MaxTags: maxTags}
	if o.Terms {
		line, _ := Line(stmts, w.Sep, false)
		terms := adapters.NeedTerms(in, o.Channel, !o.Bare && link != "", []string{hook, line, label})
		spec.Terms = strings.Join(terms.Add, "\n")
	}
	r := Fit(spec, hook, stmts, label, shown, Hashtags(it.Tags, in.Guide))
	p := Post{Text: r.Text, Facts: r.Facts, Tags: r.Parts.Tags, Fits: r.Fits}
	if r.Parts.Hook != "" {
		p.Override = override
	}
	if !o.Bare && r.Parts.Link != "" {
		p.Link = r.Parts.Link
		p.Facts.URL = it.Facts().URL
	}
	return p
}

// SocialLayout lays a post out the way social networks show one: the
// hook, a blank line, the facts, the call to action on its own line, then
// after blank lines the small print and the hashtags.
func SocialLayout(w Words) func(Parts) string {
	return func(p Parts) string {
		var blocks []string
		if p.Hook != "" {
			blocks = append(blocks, p.Hook)
		}
		var mid []string
		if p.Facts != "" {
			mid = append(mid, p.Facts)
		}
		if c := CTALine(w, p.Label, p.Link); c != "" {
			mid = append(mid, c)
		}
		if len(mid) > 0 {
			blocks = append(blocks, strings.Join(mid, "\n"))
		}
		if p.Terms != "" {
			blocks = append(blocks, p.Terms)
		}
		if len(p.Tags) > 0 {
			blocks = append(blocks, strings.Join(p.Tags, " "))
		}
		return strings.Join(blocks, "\n\n")
	}
}

// CTALine joins a call to action's label and link ("Shop the sale:
// https://..."); a label without a link says nothing and is dropped.
func CTALine(w Words, label, link string) string {
	switch {
	case link == "":
		return ""
	case label == "":
		return link
	}
	return label + w.Colon + link
}
