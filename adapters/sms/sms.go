// Package sms renders items as text messages: the brand prefix, hook,
// facts, link and opt-out line, within the configured number of segments
// (2 by default) for the text's encoding.
package sms

import (
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
)

// DefaultSegments is the most segments a message may take when chorus.yaml
// does not set sms.max_segments.
const DefaultSegments = 2

// Adapter renders the sms channel.
type Adapter struct{}

var _ adapters.Adapter = (*Adapter)(nil)
var _ adapters.Describer = (*Adapter)(nil)

// New returns the sms adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "sms".
func (*Adapter) ID() string { return "sms" }

// Describe says what the channel renders.
func (*Adapter) Describe() string {
	return "SMS: brand prefix, text, facts, link and opt-out within 2 segments (GSM-7 kept for Latin-script locales)"
}

// Limits lists the message's limit: its segments. Limits has no
// configuration to read, so it reports the default; Render fits each
// message to the configured sms.max_segments.
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{{Metric: "segments", Max: DefaultSegments, Unit: "segments"}}
}

// Render builds the message: sms.prefix, the hook (the override
// overrides.sms.text, else the title and summary as sentences), the facts,
// the call to action's label with its UTM-tagged link, and sms.opt_out,
// joined by spaces. For
// Latin-script locales typographic punctuation is replaced with its GSM-7
// equivalent, so a stray curly quote does not force UCS-2 and halve the
// room. The hook is cut so the message fits sms.max_segments in the
// encoding it ends up in; facts, link and opt-out are never cut. When the
// UTM-tagged link leaves no room, the call to action's plain link is used.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if err := compose.Check(in); err != nil {
		return nil, err
	}
	it := in.Item
	var prefix, optOut string
	max := DefaultSegments
	if c := in.Config; c != nil {
		prefix, optOut = compose.Clean(c.SMS.Prefix), compose.Clean(c.SMS.OptOut)
		if c.SMS.MaxSegments > 0 {
			max = c.SMS.MaxSegments
		}
	}
	latin := compose.Latin(it.Locale)
	w := compose.WordsFor(it.Locale)
	sep := w.Sep
	if latin {
		// The middle dot is not in GSM-7: facts become sentences.
		sep = w.Stop + " "
	}
	final := func(s string) string {
		if latin {
			return adapters.GSMSafe(s)
		}
		return s
	}
	layout := func(p compose.Parts) string {
		var parts []string
		for _, s := range []string{prefix, p.Hook, compose.EndSentence(w, p.Facts), compose.CTALine(w, p.Label, p.Link), optOut} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, " ")
	}
	spec := compose.Spec{
		Max:    max,
		Count:  func(s string) int { return adapters.SMS(final(s)).Segments },
		Layout: layout,
		Sep:    sep,
	}
	hook, override := compose.Hook(in, a.ID(), "text", "", false)
	// The item's own label: the style guide's SMS verb ("Reply") asks for
	// an answer, which a message that carries a link does not want.
	_, link := compose.Link(in, a.ID())
	var label string
	if link != "" {
		label = compose.Clean(it.CTA.Label)
	}
	stmts := compose.Statements(it)
	r := compose.Fit(spec, hook, stmts, label, link, nil)
	if !r.Fits && link != "" {
		// The tracked link leaves no room: the plain one is shorter and
		// still the item's link.
		if raw := compose.SafeLink(it.CTA.URL); raw != link {
			if r2 := compose.Fit(spec, hook, stmts, label, raw, nil); r2.Fits {
				r = r2
			}
		}
	}
	text := final(r.Text)
	facts := r.Facts
	if r.Parts.Link != "" {
		facts.URL = it.Facts().URL
	}
	if r.Parts.Hook == "" {
		override = ""
	}
	info := adapters.SMS(text)
	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "text/plain; charset=utf-8",
		Ext:       ".txt",
		Body:      text,
		Fields:    map[string]any{"text": text},
		Metrics:   map[string]any{"encoding": info.Encoding, "units": info.Units, "segments": info.Segments},
		Facts:     facts,
		Texts:     []adapters.Text{{Field: "text", Text: text, Override: override}},
	}
	return adapters.Finish(in, v), nil
}
