// Package email renders items as complete MIME messages (.eml): a
// multipart/alternative with a plain-text part and a table-based HTML part
// styled inline, ready for any sending tool.
package email

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html/template"
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/web"
	"github.com/chorus-dev/chorus/content"
)

// Adapter renders the email channel.
type Adapter struct{}

var (
	_ adapters.Adapter   = (*Adapter)(nil)
	_ adapters.Describer = (*Adapter)(nil)
)

// New returns the email adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "email".
func (*Adapter) ID() string { return "email" }

// Describe says what the channel produces.
func (*Adapter) Describe() string {
	return "MIME message (.eml): plain-text and inline-styled HTML parts, RFC 2047 subject, one-click unsubscribe"
}

const (
	// SubjectMax is the subject length used when the style guide sets
	// none; inboxes cut subjects beyond about 60 characters.
	SubjectMax = 60
	// PreheaderMax is the preheader length; inboxes show less.
	PreheaderMax = 100
	// ClipBytes is where Gmail clips an HTML part and hides the rest
	// behind "View entire message".
	ClipBytes = 102 * 1024
)

// Limits lists the channel's limits. Both are warnings: a long subject or a
// clipped message still arrives.
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{
		{Metric: "subject_length", Max: SubjectMax, Unit: "characters", Severity: content.Warning},
		{Metric: "html_bytes", Max: ClipBytes, Unit: "bytes (Gmail clips larger messages)", Severity: content.Warning},
	}
}

// Render builds the message. Body is the whole .eml with CRLF line
// endings; Fields hold subject, preheader, from, html and text.
//
// The subject is the writer's overrides.email.subject, used as written so
// that the subject_length limit can warn about it, or else the title,
// fitted to the style guide's subject_max (default 60). The preheader is
// overrides.email.preheader or the summary, fitted to 100 characters.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if in == nil || in.Item == nil {
		return nil, errors.New("email: no item to render")
	}
	it := in.Item
	subjectMax := SubjectMax
	if in.Guide != nil {
		if m := in.Guide.Channel(a.ID()).SubjectMax; m > 0 {
			subjectMax = m
		}
	}
	subject := web.Pick(in, a.ID(), "subject", it.Title)
	subject.Text = oneLine(subject.Text)
	if subject.Override == "" {
		subject.Text = adapters.Fit(subject.Text, subjectMax, adapters.Graphemes)
	}
	pre := web.Pick(in, a.ID(), "preheader", it.Summary)
	pre.Text = adapters.Fit(oneLine(pre.Text), PreheaderMax, adapters.Graphemes)
	title := web.Pick(in, a.ID(), "title", it.Title)
	summary := adapters.Text{Field: "summary", Text: web.StripTags(it.Summary)}

	d := web.NewDetails(in, a.ID())
	img := web.NewImage(in)
	cfg := in.Config
	if cfg == nil {
		cfg = &content.Config{}
	}
	unsub := unsubscribeURL(cfg)
	brand := web.Brand(cfg)
	why := ""
	if brand != "" {
		why = web.Phrase(it.Locale, "why", brand)
	}
	m := message{
		Lang:        langTag(it.Locale),
		Dir:         web.Dir(it.Locale),
		Subject:     subject.Text,
		Preheader:   pre.Text,
		Title:       title.Text,
		Summary:     summary.Text,
		Brand:       brand,
		Why:         why,
		Image:       img,
		D:           d,
		Unsubscribe: unsub,
		UnsubLabel:  web.Phrase(it.Locale, "unsubscribe", ""),
		C:           web.Palette(in.Guide),
	}
	m.Body = template.HTML(styleBody(web.BodyHTML(it, cfg.BaseURL), m.C))
	body := web.PlainBody(it)

	texts := []adapters.Text{subject, pre, title, summary}
	if img.URL != "" && img.Alt != "" {
		texts = append(texts, adapters.Text{Field: "image.alt", Text: img.Alt})
	}
	texts = append(texts, d.Texts()...)
	terms := adapters.NeedTerms(in, a.ID(), d.CTALink != "", web.TextsOf(texts), body)
	if t, ok := terms.Text(); ok {
		texts = append(texts, t)
	}
	m.Terms = terms.Add

	var hb bytes.Buffer
	// The template's own markup is about 6 kB.
	hb.Grow(len(m.Body) + 8192)
	if err := htmlTmpl().Execute(&hb, m); err != nil {
		return nil, err
	}
	if over := hb.Len() - ClipBytes; over > 0 && m.Body != "" {
		// Gmail clips a longer message where it likes: cut the body at a
		// block boundary instead, and send the reader on to the rest.
		more := ""
		if d.CTALink != "" {
			more = `<p style="margin:16px 0 0"><a href="` + template.HTMLEscapeString(d.CTALink) + `" style="color:` +
				template.HTMLEscapeString(m.C.Accent) + `">` + template.HTMLEscapeString(web.Phrase(it.Locale, "more", "")) + "</a></p>"
		}
		m.Body = template.HTML(cutBlocks(string(m.Body), len(m.Body)-over-len(more)-cutMargin) + more)
		hb.Reset()
		if err := htmlTmpl().Execute(&hb, m); err != nil {
			return nil, err
		}
	}
	htmlPart := hb.String()
	textPart := plainText(m, body)
	eml := buildMessage(in, cfg, subject.Text, textPart, htmlPart)
	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "message/rfc822",
		Ext:       ".eml",
		Body:      eml,
		Fields: map[string]any{
			"subject":   subject.Text,
			"preheader": pre.Text,
			"from":      fromHeader(cfg),
			"html":      htmlPart,
			"text":      textPart,
		},
		Metrics: map[string]any{
			"subject_length":   adapters.Graphemes(subject.Text),
			"preheader_length": adapters.Graphemes(pre.Text),
			"html_bytes":       len(htmlPart),
			"eml_bytes":        len(eml),
		},
		Facts: d.Facts,
		Texts: texts,
	}
	return adapters.Finish(in, v), nil
}

// cutMargin is room left under ClipBytes when a body is cut, for the
// escaping and line breaks the template adds around it.
const cutMargin = 512

// cutBlocks returns the longest start of the HTML fragment s, at most max
// bytes, that ends after a whole top-level element, so that nothing is
// left open. The fragment is CleanBody's output: every tag well formed,
// void elements written as such.
func cutBlocks(s string, max int) string {
	depth, cut := 0, 0
	for i := 0; i < len(s) && i <= max; {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		gt := strings.IndexByte(s[i:], '>')
		if gt < 0 {
			break
		}
		tag := s[i+1 : i+gt]
		i += gt + 1
		switch name := strings.ToLower(strings.TrimLeft(strings.Fields(tag + " ")[0], "/")); {
		case strings.HasPrefix(tag, "/"):
			depth--
		case voidElements[strings.TrimSuffix(name, "/")] || strings.HasSuffix(tag, "/"):
		default:
			depth++
		}
		if depth == 0 && i <= max {
			cut = i
		}
	}
	return s[:cut]
}

// voidElements have no closing tag.
var voidElements = map[string]bool{"br": true, "hr": true, "img": true, "input": true, "wbr": true, "col": true, "source": true}

// unsubscribeURL is the configured one-click unsubscribe endpoint when it
// is https (RFC 8058 requires it), else "".
func unsubscribeURL(cfg *content.Config) string {
	u, ok := web.SafeURL(cfg.Email.ListUnsubscribe)
	if !ok || !strings.HasPrefix(strings.ToLower(u), "https://") {
		return ""
	}
	return u
}

// oneLine folds every run of white space, line breaks included, into one
// space: headers and preheaders are single lines.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func langTag(loc string) string {
	if loc == "" || strings.Trim(loc, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return "und"
	}
	return loc
}

// hash is a short, stable hex digest of parts, each followed by a zero
// byte. The parts are copied into a scratch buffer and hashed at once:
// writing a string to a hash.Hash would copy it into a fresh []byte.
func hash(n int, parts ...string) string {
	buf := getScratch()
	for _, p := range parts {
		buf = append(append(buf, p...), 0)
	}
	sum := sha256.Sum256(buf)
	putScratch(buf)
	return hex.EncodeToString(sum[:])[:n]
}

// styledTags are the elements of the sanitised body that get inline
// styles, by the tag name as CleanBody writes it; h4 to h6 look like h3.
var styledTags = []string{"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "ul", "ol", "li", "img", "blockquote", "pre", "code", "table", "th", "td", "hr"}

// styleBody adds the inline styles mail clients need: many ignore <style>
// elements, so each element carries its own. The body comes from
// web.CleanBody, which writes every tag itself, never a style attribute,
// and escapes every '<' in text, so a start tag is '<', one of
// styledTags, then ' ' or '>', and adding an attribute after the name is
// safe.
func styleBody(s string, c web.Colors) string {
	font := "font-family:Arial,Helvetica,sans-serif;"
	h3 := "margin:20px 0 10px;" + font + "font-size:18px;line-height:24px;color:" + c.Ink + ";"
	styles := map[string]string{
		"p":          "margin:0 0 16px;" + font + "font-size:16px;line-height:24px;color:" + c.Ink + ";",
		"h1":         "margin:24px 0 12px;" + font + "font-size:24px;line-height:30px;color:" + c.Ink + ";",
		"h2":         "margin:24px 0 12px;" + font + "font-size:20px;line-height:26px;color:" + c.Ink + ";",
		"h3":         h3,
		"h4":         h3,
		"h5":         h3,
		"h6":         h3,
		"a":          "color:" + c.Accent + ";text-decoration:underline;",
		"ul":         "margin:0 0 16px;padding:0 0 0 24px;",
		"ol":         "margin:0 0 16px;padding:0 0 0 24px;",
		"li":         "margin:0 0 6px;" + font + "font-size:16px;line-height:24px;color:" + c.Ink + ";",
		"img":        "display:block;max-width:100%;height:auto;border:0;",
		"blockquote": "margin:0 0 16px;padding:0 0 0 16px;border-left:4px solid " + c.Accent + ";",
		"pre":        "margin:0 0 16px;padding:12px;white-space:pre-wrap;font-family:Consolas,Menlo,monospace;font-size:14px;",
		"code":       "font-family:Consolas,Menlo,monospace;font-size:14px;",
		"table":      "border-collapse:collapse;margin:0 0 16px;",
		"th":         "border:1px solid #D0D0D0;padding:6px 10px;" + font + "font-size:15px;text-align:left;",
		"td":         "border:1px solid #D0D0D0;padding:6px 10px;" + font + "font-size:15px;",
		"hr":         "border:0;border-top:1px solid #D0D0D0;margin:24px 0;",
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	done := 0
	for i := strings.IndexByte(s, '<'); i >= 0; {
		name := styledTag(s[i+1:])
		if name == "" {
			i = nextByte(s, i+1, '<')
			continue
		}
		end := i + 1 + len(name)
		b.WriteString(s[done:end])
		b.WriteString(` style="`)
		b.WriteString(styles[name])
		b.WriteByte('"')
		done = end
		i = nextByte(s, end+1, '<')
	}
	b.WriteString(s[done:])
	return b.String()
}

// styledTag returns the name of styledTags that rest starts with,
// followed by ' ' or '>', or "".
func styledTag(rest string) string {
	for _, name := range styledTags {
		if len(rest) > len(name) && rest[:len(name)] == name && (rest[len(name)] == ' ' || rest[len(name)] == '>') {
			return name
		}
	}
	return ""
}

// nextByte is the index of the first c in s at or after from, or -1.
func nextByte(s string, from int, c byte) int {
	if from >= len(s) {
		return -1
	}
	if j := strings.IndexByte(s[from:], c); j >= 0 {
		return from + j
	}
	return -1
}

type message struct {
	Lang, Dir, Subject, Preheader, Title, Summary string
	Brand, Why, Unsubscribe, UnsubLabel           string
	Image                                         web.Image
	D                                             web.Details
	C                                             web.Colors
	Body                                          template.HTML
	Terms                                         []string // small print: disclaimers the body does not state
}

// plainText is the text/plain part: the same facts and link as the HTML
// part, in reading order. Links stand on lines of their own, where mail
// clients find them and quoted-printable does not break them up.
func plainText(m message, body string) string {
	var b strings.Builder
	para := func(lines ...string) {
		var ls []string
		for _, l := range lines {
			if l = strings.TrimSpace(l); l != "" {
				ls = append(ls, l)
			}
		}
		if len(ls) == 0 {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(strings.Join(ls, "\n"))
	}
	para(m.Title)
	para(m.Summary)
	para(m.D.EventLines()...)
	para(m.D.OfferLines()...)
	para(body)
	if m.D.CTALink != "" {
		para(m.D.CTALabel+":", m.D.CTALink)
	}
	// Small print stays above the signature delimiter, which mail
	// clients may fold away.
	para(m.Terms...)
	foot := nonEmpty(m.Brand, m.Why)
	if m.Unsubscribe != "" {
		foot = append(foot, m.UnsubLabel+": "+m.Unsubscribe)
	}
	if len(foot) > 0 {
		b.WriteString("\n\n-- \n" + strings.Join(foot, "\n"))
	}
	b.WriteString("\n")
	return b.String()
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
