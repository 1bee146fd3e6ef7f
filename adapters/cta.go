package adapters

import (
	"maps"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/styleguide"
)

// SourceText picks the text for a channel field: the writer's override
// (overrides.<channel>.<field>), else the summary, else the title. override
// is the front-matter path of the override used, or "".
func SourceText(in *Input, channel, field string) (text, override string) {
	if in == nil || in.Item == nil {
		return "", ""
	}
	if o, ok := in.Item.Overrides[channel][field]; ok && o != "" {
		return o, "overrides." + channel + "." + field
	}
	if in.Item.Summary != "" {
		return in.Item.Summary, ""
	}
	return in.Item.Title, ""
}

// utmMedium is the utm_medium of each channel; a channel not listed uses
// its own id.
var utmMedium = map[string]string{
	"x": "social", "mastodon": "social", "bluesky": "social", "threads": "social",
	"instagram": "social", "facebook": "social", "linkedin": "social",
	"email": "email", "sms": "sms", "push": "push", "voice": "voice",
	"signage": "signage", "chat": "chat", "app": "app", "web": "web",
}

// Call-to-action verbs by the phrase they make with a label. A verb in
// neither list is followed by "to": "Tap to shop the sale".
var (
	// quoteVerbs ask the reader to say or send the label: Say "shop the sale".
	quoteVerbs = map[string]bool{"say": true, "reply": true, "text": true, "type": true, "ask": true}
	// objectVerbs take a place, not an action, so the label stands alone.
	objectVerbs = map[string]bool{"visit": true, "go": true, "see": true, "open": true, "call": true}
)

// CTA returns the channel's call to action.
//
// label joins the style guide's verb for the channel (its defaults when
// in.Guide is nil) to the item's cta.label, for English items only:
// "Tap" + "Shop the sale" gives "Tap to shop the sale"; "Say" gives
// `Say "shop the sale"`; "Visit" and other verbs that take a place leave
// the label as written, as does a label that already starts with the verb.
// The label's first letter is lowered only when its first word is plainly
// capitalised ("Shop", not "RSVP" or "iPhone"). Items in other languages
// get their label unchanged: a verb is never machine-translated. The
// item's locale, else the workspace default, decides; none means English.
//
// link is cta.url, or Config.BaseURL when the item has no cta, with
// utm_source=<channel>, utm_medium=<social|email|sms|...> and
// utm_campaign=<item id> added. Existing query parameters are kept (a
// writer's own utm_* wins), parameters are encoded sorted by key and the
// fragment is kept. A relative URL is resolved against BaseURL. Links that
// are not http(s) get no parameters (mailto:, tel:), and script URLs
// (javascript:, data:, vbscript:) give "".
func CTA(in *Input, channel string) (label, link string) {
	if in == nil || in.Item == nil {
		return "", ""
	}
	it := in.Item
	base := ""
	if in.Config != nil {
		base = in.Config.BaseURL
	}
	raw := base
	if it.CTA != nil {
		raw = it.CTA.URL
		label = strings.TrimSpace(it.CTA.Label)
		locale := it.Locale
		if locale == "" && in.Config != nil {
			locale = in.Config.DefaultLocale
		}
		if label != "" && isEnglish(locale) {
			label = joinVerb(ctaVerb(in.Guide, channel), label)
		}
	}
	return label, tagLink(raw, base, channel, it.ID)
}

// ctaVerb is the style guide's verb for channel; Guide.Channel fills in
// the defaults, also for a nil guide.
func ctaVerb(g *styleguide.Guide, channel string) string {
	return strings.TrimSpace(g.Channel(channel).CTA)
}

func isEnglish(locale string) bool {
	if strings.TrimSpace(locale) == "" {
		return true
	}
	base, _ := parseLocale(locale).Base()
	return base.String() == "en"
}

// joinVerb makes the English call to action from a verb and a label.
func joinVerb(verb, label string) string {
	v := strings.ToLower(verb)
	first, _, _ := strings.Cut(label, " ")
	switch {
	case verb == "", objectVerbs[v], strings.EqualFold(first, verb):
		return label
	case quoteVerbs[v]:
		return verb + ` "` + lowerFirst(label) + `"`
	}
	return verb + " to " + lowerFirst(label)
}

// lowerFirst lowers the first letter of s when its first word is
// capitalised in the ordinary way: an upper-case letter, then lower case.
func lowerFirst(s string) string {
	first, _, _ := strings.Cut(s, " ")
	r, n := utf8.DecodeRuneInString(first)
	if !unicode.IsUpper(r) {
		return s
	}
	for _, c := range first[n:] {
		if unicode.IsUpper(c) || unicode.IsDigit(c) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// tagLink adds the UTM parameters to raw.
func tagLink(raw, base, channel, id string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	key := raw + "\x00" + base
	l, ok := links.get(key)
	if !ok {
		l = parseLink(raw, base)
		links.put(key, l)
	}
	if l.query == nil {
		return l.final
	}
	q := maps.Clone(l.query) // Set replaces a key's values, never changes them
	medium := utmMedium[channel]
	if medium == "" {
		medium = channel
	}
	for k, v := range map[string]string{"utm_source": channel, "utm_medium": medium, "utm_campaign": id} {
		if v != "" && q.Get(k) == "" {
			q.Set(k, v)
		}
	}
	u := l.url
	u.RawQuery = q.Encode()
	return u.String()
}

// parsedLink is a call to action's URL, resolved and vetted: an http or
// https URL with its query, to tag for each channel, or the final link.
type parsedLink struct {
	url   url.URL
	query url.Values // nil when final is the link
	final string
}

// links remembers parseLink's answers: every channel of an item tags the
// same link.
var links = memo[parsedLink]{max: 1024}

func parseLink(raw, base string) parsedLink {
	u, err := url.Parse(raw)
	if err != nil {
		return parsedLink{}
	}
	if !u.IsAbs() && base != "" {
		if b, err := url.Parse(base); err == nil && b.IsAbs() {
			u = b.ResolveReference(u)
		}
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "javascript", "data", "vbscript", "file":
		return parsedLink{}
	default:
		return parsedLink{final: u.String()}
	}
	return parsedLink{url: *u, query: u.Query()}
}
