// Package voice renders items as Alexa speech: a well-formed SSML <speak>
// document that says the title, the summary, the facts (dates and promo
// codes marked up with say-as) and how to open the skill, within Alexa's
// 8,000 characters of SSML.
package voice

import (
	"strings"
	"time"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
	"github.com/chorus-dev/chorus/content"
)

// Limits of Alexa's output speech.
const (
	MaxSSML  = 8000 // characters of SSML, tags included
	maxTitle = 300  // characters of title, so the summary always has room
)

// pause separates the parts of the speech.
const pause = `<break time="500ms"/>`

// Adapter renders the voice channel.
type Adapter struct{}

var _ adapters.Adapter = (*Adapter)(nil)
var _ adapters.Describer = (*Adapter)(nil)

// New returns the voice adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "voice".
func (*Adapter) ID() string { return "voice" }

// Describe says what the channel renders.
func (*Adapter) Describe() string {
	return "Voice (Alexa): SSML with dates and codes marked up, no URLs read aloud, ≤ 8,000 characters"
}

// Limits lists Alexa's limit on output speech: the SSML length in
// characters (Unicode code points), tags included.
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{{Metric: "ssml_chars", Max: MaxSSML, Unit: "characters"}}
}

// spoken is one part of the speech: what a listener hears as plain text,
// the SSML that says it, and the facts it states.
type spoken struct {
	text, ssml string
	facts      content.Facts
}

// Render builds the speech: the title, the override overrides.voice.text
// (else the summary), the facts, the call to action and the disclaimers
// the speech's claims need, each a paragraph with a pause between. URLs are never read aloud: they are taken out of
// every text, and the call to action tells the listener to open the skill
// ("Say "open Acme Outdoor"", with the style guide's verb for voice).
// Prices are plain text, which Alexa reads as amounts; dates are
// <say-as interpret-as="date" format="ymd">, promo codes
// <say-as interpret-as="spell-out">. No link is stated, so the variant's
// facts carry no URL. Fields are the card title and the plain text.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if err := compose.Check(in); err != nil {
		return nil, err
	}
	it := in.Item
	w := compose.WordsFor(it.Locale)

	title := compose.FitText(compose.StripURLs(compose.Clean(it.Title)), maxTitle, compose.Runes)
	hook, override := compose.Override(it, a.ID(), "text")
	if hook == "" {
		hook = compose.Clean(it.Summary)
	}
	hook = compose.StripURLs(hook)
	facts := statements(it, w)
	cta := callToAction(in, w)
	var plainFacts []string
	for _, f := range facts {
		plainFacts = append(plainFacts, f.text)
	}
	terms := adapters.NeedTerms(in, a.ID(), false, []string{title, hook, strings.Join(plainFacts, " "), cta})
	small := strings.Join(terms.Add, " ")
	if w.Stop == "。" {
		small = strings.Join(terms.Add, "")
	}

	build := func(hook string) string {
		var b strings.Builder
		b.WriteString("<speak>\n")
		first := true
		para := func(ssml string) {
			if ssml == "" {
				return
			}
			if !first {
				b.WriteString(pause + "\n")
			}
			first = false
			b.WriteString("<p>" + ssml + "</p>\n")
		}
		para(escape(title))
		para(escape(hook))
		var ss []string
		for _, f := range facts {
			ss = append(ss, "<s>"+f.ssml+"</s>")
		}
		para(strings.Join(ss, ""))
		para(escape(cta))
		para(escape(small))
		b.WriteString("</speak>\n")
		return b.String()
	}
	hook = compose.FitText(hook, MaxSSML, func(h string) int { return compose.Runes(build(h)) })
	if hook == "" {
		override = ""
	}
	ssml := build(hook)

	var stated content.Facts
	var plain []string
	for _, f := range facts {
		plain = append(plain, compose.EndSentence(w, f.text))
		compose.Merge(&stated, f.facts)
	}
	factText := strings.Join(plain, " ")
	if w.Stop == "。" {
		factText = strings.Join(plain, "")
	}
	var texts []adapters.Text
	var all []string
	for _, t := range []adapters.Text{
		{Field: "title", Text: title},
		{Field: "text", Text: hook, Override: override},
		{Field: "facts", Text: factText},
		{Field: "cta", Text: cta},
		{Field: adapters.TermsField, Text: small},
	} {
		if t.Text != "" {
			texts = append(texts, t)
			all = append(all, t.Text)
		}
	}
	text := strings.Join(all, "\n\n")

	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "application/ssml+xml",
		Ext:       ".ssml",
		Body:      ssml,
		Fields:    map[string]any{"title": title, "text": text},
		Metrics:   map[string]any{"ssml_chars": compose.Runes(ssml)},
		Facts:     stated,
		Texts:     texts,
	}
	return adapters.Finish(in, v), nil
}

// statements returns the facts a listener hears: an event's start date and
// venue, the price and the earlier price, the promo code spelled out, and
// the offer's end date. An event's end is left out: one date is what a
// listener keeps.
func statements(it *content.Item, w compose.Words) []spoken {
	var out []spoken
	loc := it.Locale
	all := it.Facts()
	plain := func(s string) spoken { return spoken{text: s, ssml: escape(s)} }
	if e := it.Event; e != nil && e.Starts != nil {
		out = append(out, spoken{
			text:  compose.Clean(adapters.FormatDate(loc, *e.Starts)),
			ssml:  date(*e.Starts),
			facts: content.Facts{Starts: all.Starts},
		})
		if v := compose.StripURLs(compose.Clean(e.Venue)); v != "" {
			out = append(out, plain(v))
		}
	}
	if o := it.Offer; o != nil {
		if o.Price != "" && o.Currency != "" {
			p := plain(compose.Clean(adapters.FormatPrice(loc, o.Price, o.Currency)))
			p.facts = content.Facts{Price: all.Price, Currency: all.Currency}
			out = append(out, p)
			if o.Was != "" {
				was := plain(phrase(w.Was, compose.Clean(adapters.FormatPrice(loc, o.Was, o.Currency))))
				was.facts = content.Facts{Was: all.Was}
				out = append(out, was)
			}
		}
		if c := compose.Clean(o.Code); c != "" {
			out = append(out, spoken{
				text:  phrase(w.Code, c),
				ssml:  phrase(escape(w.Code), `<say-as interpret-as="spell-out">`+escape(c)+`</say-as>`),
				facts: content.Facts{Code: c},
			})
		}
		if o.Ends != nil && (it.Event == nil || it.Event.Ends == nil) {
			out = append(out, spoken{
				text:  phrase(w.Ends, compose.Clean(adapters.FormatDate(loc, *o.Ends))),
				ssml:  phrase(escape(w.Ends), date(*o.Ends)),
				facts: content.Facts{Ends: all.Ends},
			})
		}
	}
	return out
}

// callToAction tells the listener what to do: the call to action's label
// and how to open the skill, with the style guide's verb for voice ("Say"
// by default) and the brand.
func callToAction(in *adapters.Input, w compose.Words) string {
	it := in.Item
	if it.CTA == nil {
		return ""
	}
	label := compose.StripURLs(compose.Clean(it.CTA.Label))
	var brand string
	if in.Config != nil {
		brand = compose.Clean(in.Config.Brand)
	}
	if brand == "" {
		return label
	}
	verb := compose.Clean(compose.Rules(in, "voice").CTA)
	if verb == "" {
		verb = "Say"
	}
	open := strings.NewReplacer("{verb}", verb, "{brand}", brand).Replace(w.Open)
	return compose.Sentence(w, label, open)
}

// date marks a date up for Alexa, year, month and day as in FormatDate.
func date(t time.Time) string {
	return `<say-as interpret-as="date" format="ymd">` + t.Format("2006-01-02") + `</say-as>`
}

func phrase(p, v string) string { return strings.Replace(p, "%s", v, 1) }

// escape makes text safe as SSML character data and attribute values.
var escape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;").Replace
