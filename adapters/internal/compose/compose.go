// Package compose builds the texts of the short-form channels (social
// networks, SMS, push, voice) from an item: a hook of free text, the facts
// in the item's locale, a call to action and hashtags, fitted to a
// channel's counter so that the facts and the link are never cut.
package compose

import (
	"errors"
	"strings"
	"unicode"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
	"github.com/rivo/uniseg"
)

// Check reports an input no channel can render: one without an item.
func Check(in *adapters.Input) error {
	if in == nil || in.Item == nil {
		return errors.New("no item to render")
	}
	return nil
}

// Rules returns the style guide's rules for a channel, the zero rules when
// the input has no style guide.
func Rules(in *adapters.Input, channel string) styleguide.ChannelRules {
	if in.Guide == nil {
		return styleguide.ChannelRules{}
	}
	return in.Guide.Channel(channel)
}

// Override returns the writer's override overrides.<channel>.<field>,
// cleaned, and its front-matter path; "" and "" when there is none.
func Override(it *content.Item, channel, field string) (text, path string) {
	o := Clean(it.Overrides[channel][field])
	if o == "" {
		return "", ""
	}
	return o, "overrides." + channel + "." + field
}

// FirstParagraph returns the first paragraph of the item's body as plain
// text, "" when the item has no parsed body.
func FirstParagraph(it *content.Item) string {
	for _, p := range it.Prose {
		if p.Field == "body" && p.Kind == content.Paragraph {
			if t := Clean(p.Text); t != "" {
				return t
			}
		}
	}
	return ""
}

// Hook is the free text of a post: the writer's override
// overrides.<channel>.<field> when there is one, else the title and the
// summary joined by sep, and the body's first paragraph when body is set
// (after a blank line when sep is a line break). sep "" joins them as
// sentences.
func Hook(in *adapters.Input, channel, field, sep string, body bool) (text, override string) {
	it := in.Item
	if o, path := Override(it, channel, field); o != "" {
		return o, path
	}
	w := WordsFor(it.Locale)
	join := func(a, b, sep string) string {
		switch {
		case a == "":
			return b
		case b == "":
			return a
		case sep == "":
			return Sentence(w, a, b)
		}
		return a + sep + b
	}
	out := join(Clean(it.Title), Clean(it.Summary), sep)
	if body {
		// The body starts a new paragraph where lines are kept.
		psep := sep
		if sep == "\n" {
			psep = "\n\n"
		}
		out = join(out, FirstParagraph(it), psep)
	}
	return out, ""
}

// Link returns the channel's call to action from adapters.CTA, cleaned,
// with the link vetted by SafeLink. Both are "" when the item has no call
// to action or its link was refused.
func Link(in *adapters.Input, channel string) (label, link string) {
	if in.Item.CTA == nil {
		return "", ""
	}
	label, link = adapters.CTA(in, channel)
	if link = SafeLink(link); link == "" {
		return "", ""
	}
	return Clean(label), link
}

// Parts are the pieces of a post before layout.
type Parts struct {
	Hook  string   // free text, cut to fit
	Facts string   // the facts line, never cut
	Label string   // the call to action's label, dropped when room is short
	Link  string   // the link, never cut
	Terms string   // small print: disclaimers the post's claims need, never cut
	Tags  []string // hashtags, added while they fit
}

// Spec says how a channel lays out and measures a post.
type Spec struct {
	Max     int                // the ceiling on Count of the whole text
	Count   adapters.Counter   // measures the whole laid-out text
	Layout  func(Parts) string // joins the parts into the text
	Sep     string             // joins fact statements
	MaxTags int                // most hashtags to add
	// Terms is the post's small print (Parts.Terms), kept whole like the
	// facts and the link.
	Terms string
}

// Result is a fitted post.
type Result struct {
	Text  string
	Parts Parts
	// Facts are the facts the statements in the text state; the caller
	// adds the link's fact when the link is stated.
	Facts content.Facts
	// Fits is false when even the facts and the link alone exceed Max.
	Fits bool
}

// Fit builds a post that fits spec. It tries, in order: every statement
// and the label; the statements' short forms; no label. It takes the first
// that leaves room for some of the hook, cutting the hook at a sentence
// or word boundary, then adds hashtags while they fit. When nothing
// leaves room, the hook is left out; when even that is too long, the
// result says it does not fit.
func Fit(spec Spec, hook string, stmts []Statement, label, link string, tags []string) Result {
	var last Result
	for level := 0; level < 3; level++ {
		line, facts := Line(stmts, spec.Sep, level > 0)
		p := Parts{Facts: line, Label: label, Link: link, Terms: spec.Terms}
		if level == 2 {
			p.Label = ""
		}
		count := func(h string) int {
			q := p
			q.Hook = h
			return spec.Count(spec.Layout(q))
		}
		last = Result{Text: spec.Layout(p), Parts: p, Facts: facts}
		if count("") > spec.Max {
			continue
		}
		h := FitText(hook, spec.Max, count)
		if h == "" && hook != "" && level < 2 {
			continue
		}
		p.Hook = h
		for _, t := range tags {
			if len(p.Tags) >= spec.MaxTags {
				break
			}
			q := p
			q.Tags = append(append([]string(nil), p.Tags...), t)
			if spec.Count(spec.Layout(q)) <= spec.Max {
				p = q
			}
		}
		return Result{Text: spec.Layout(p), Parts: p, Facts: facts, Fits: true}
	}
	return last
}

// FitText cuts s so that count(s) <= max, through adapters.Fit (a sentence
// end if one fits, else a word boundary with an ellipsis, never inside a
// grapheme cluster). count may measure more than s, such as the whole post
// s goes into. Long texts are first narrowed to about the length that
// fits, so the cost stays near that of fitting a short text. The result
// is "" when not even an ellipsis fits.
func FitText(s string, max int, count adapters.Counter) string {
	if count(s) <= max {
		return s
	}
	ends := graphemeEnds(s)
	n := len(ends) - 1
	cut := func(k int) string { return s[:ends[k]] }
	fits := func(k int) bool { return count(cut(k)+"…") <= max }
	if n <= 0 || !fits(0) {
		return ""
	}
	// Largest k whose prefix, with an ellipsis, fits: fits(lo) holds and
	// the whole text does not.
	lo, hi := 0, n
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	// Hand adapters.Fit a prefix that does not fit yet, a little longer than
	// the part that does, so it chooses the boundary as it would in s.
	e := lo + 3
	for e < n && count(cut(e)) <= max {
		e += 2 * (e - lo)
	}
	if e > n {
		e = n
	}
	if r := adapters.Fit(cut(e), max, count); r != "" && r != cut(e) && count(r) <= max {
		return strings.TrimRightFunc(r, unicode.IsSpace)
	}
	if lo == 0 {
		return ""
	}
	return strings.TrimRightFunc(cut(lo), unicode.IsSpace) + "…"
}

// graphemeEnds returns 0 and the byte offset after each grapheme cluster.
func graphemeEnds(s string) []int {
	ends := []int{0}
	state, off := -1, 0
	rest := s
	for rest != "" {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		off += len(c)
		ends = append(ends, off)
	}
	return ends
}
