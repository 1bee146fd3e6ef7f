// Package signage renders items for in-store screens: a 1080×1920
// portrait SVG with the headline, the price or event date, the promo code
// and a QR code of the call-to-action link.
package signage

import (
	"errors"
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/rivo/uniseg"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/web"
	"github.com/chorus-dev/chorus/content"
)

// Adapter renders the signage channel.
type Adapter struct{}

var (
	_ adapters.Adapter   = (*Adapter)(nil)
	_ adapters.Describer = (*Adapter)(nil)
)

// New returns the signage adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "signage".
func (*Adapter) ID() string { return "signage" }

// Describe says what the channel produces.
func (*Adapter) Describe() string {
	return "1080×1920 portrait screen (SVG, with an HTML wrapper): headline, price or date, code, QR code of the link"
}

// Screen size in pixels, portrait.
const (
	Width  = 1080
	Height = 1920
)

// HeadlineMax is the longest headline the layout is sure to fit above the
// facts: four lines at the smallest headline size, even in wide scripts.
const HeadlineMax = 60

// Limits lists the channel's limits. A screen cannot scroll, so a headline
// that may not fit is an error.
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{
		{Metric: "headline_chars", Max: HeadlineMax, Unit: "characters", Severity: content.Error},
	}
}

// Render builds the screen. Body is the SVG; Fields["html"] is a page
// that shows it full screen. The headline is overrides.signage.headline as
// written, else the title fitted to HeadlineMax.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if in == nil || in.Item == nil {
		return nil, errors.New("signage: no item to render")
	}
	it := in.Item
	head := web.Pick(in, a.ID(), "headline", it.Title)
	head.Text = strings.Join(strings.Fields(head.Text), " ")
	if head.Override == "" {
		head.Text = adapters.Fit(head.Text, HeadlineMax, adapters.Graphemes)
	}
	d := web.NewDetails(in, a.ID())
	brand := ""
	if in.Config != nil {
		brand = web.Brand(in.Config)
	}
	s := screen{lang: it.Locale, brand: brand, headline: head.Text, d: d, c: web.Palette(in.Guide)}
	svg := s.render()

	page := string(appendPage(make([]byte, 0, len(svg)+2*len(head.Text)+512), langTag(it.Locale), head.Text, svg))

	texts := []adapters.Text{head}
	texts = append(texts, d.Texts()...)
	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "image/svg+xml",
		Ext:       ".svg",
		Body:      svg,
		Fields: map[string]any{
			"headline": head.Text,
			"html":     page,
			"cta":      d.CTALabel,
			"url":      d.CTALink,
		},
		Metrics: map[string]any{
			"headline_chars": adapters.Graphemes(head.Text),
			"headline_lines": len(s.lines),
			"qr_modules":     s.modules,
			"svg_bytes":      len(svg),
		},
		Facts: d.Facts,
		Texts: texts,
	}
	return adapters.Finish(in, v), nil
}

// screen lays out one SVG.
type screen struct {
	lang, brand, headline string
	d                     web.Details
	c                     web.Colors

	lines   []string // the headline, wrapped
	modules int      // QR size in modules, quiet zone included
}

const (
	margin   = 60
	textW    = Width - 2*margin
	qrSize   = 560
	qrTop    = 1180
	fontList = `system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', sans-serif`
)

// headSizes are the headline font sizes tried in turn, largest first,
// until the headline fits in four lines.
var headSizes = []int{96, 80, 68}

// em is the average advance of one terminal-width unit (half the width of
// a CJK character) as a share of the font size.
const em = 0.55

// emBold is the same for the widest text set on one line, bold digits
// and capitals, so that a single line never runs off the screen.
const emBold = 0.64

func (s *screen) render() string {
	var b strings.Builder
	w := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	n := strconv.Itoa
	w(`<svg xmlns="http://www.w3.org/2000/svg" width="`, n(Width), `" height="`, n(Height), `" viewBox="0 0 `, n(Width), " ", n(Height), `" lang="`, xmlText(langTag(s.lang)), `" direction="`, web.Dir(s.lang), `" font-family="`, fontList, `">`, "\n")
	w("<title>", xmlText(s.headline), "</title>\n")
	// Lines start at the left margin, or at the right one in a
	// right-to-left script, where text-anchor "start" is the right edge.
	x0 := margin
	if web.Dir(s.lang) == "rtl" {
		x0 = Width - margin
	}
	w(`<rect width="`, n(Width), `" height="`, n(Height), `" fill="`, s.c.Paper, `"/>`, "\n")
	w(`<rect width="`, n(Width), `" height="140" fill="`, s.c.Accent, `"/>`, "\n")
	if s.brand != "" {
		w(text(x0, 92, 48, "bold", s.c.Paper, "", s.brand))
	}

	size := headSizes[len(headSizes)-1]
	for _, sz := range headSizes {
		s.lines = wrap(s.headline, int(float64(textW)/(float64(sz)*em)))
		size = sz
		if len(s.lines) <= 4 {
			break
		}
	}
	y := 140 + 40
	for _, l := range s.lines {
		y += size * 115 / 100
		w(text(x0, y, size, "bold", s.c.Ink, "", l))
	}
	y += 30

	d := s.d
	if d.When != "" {
		y += 84
		w(text(x0, y, fitSize(d.When, 64), "bold", s.c.Accent, "", d.When))
		if d.Venue != "" {
			y += 66
			w(text(x0, y, fitSize(d.Venue, 48), "normal", s.c.Ink, "", d.Venue))
		}
		y += 20
	}
	if d.Price != "" {
		sz := fitSize(d.Price, 180)
		y += sz
		w(text(x0, y, sz, "bold", s.c.Accent, "", d.Price))
	}
	if d.WasLine != "" {
		y += 66
		w(text(x0, y, fitSize(d.WasLine, 52), "normal", s.c.Muted, "line-through", d.WasLine))
	}
	if d.CodeLine != "" {
		y += 84
		w(text(x0, y, fitSize(d.CodeLine, 60), "bold", s.c.Ink, "", d.CodeLine))
	}
	if d.EndsLine != "" {
		y += 66
		w(text(x0, y, fitSize(d.EndsLine, 48), "normal", s.c.Ink, "", d.EndsLine))
	}

	if modules, path := qrDrawing(d.CTALink); path != "" {
		s.modules = modules
		x := (Width - qrSize) / 2
		w(`<svg x="`, n(x), `" y="`, n(qrTop), `" width="`, n(qrSize), `" height="`, n(qrSize), `" viewBox="0 0 `, n(s.modules), " ", n(s.modules), `" shape-rendering="crispEdges">`, "\n")
		w(`<rect width="`, n(s.modules), `" height="`, n(s.modules), `" fill="#FFFFFF"/>`, "\n")
		w(`<path fill="#000000" d="`, path, `"/>`, "\n</svg>\n")
		if d.CTALabel != "" {
			w(text(Width/2, qrTop+qrSize+84, fitSize(d.CTALabel, 52), "bold", s.c.Ink, "middle", d.CTALabel))
		}
		if short := shortLink(d.CTALink); short != "" {
			w(text(Width/2, qrTop+qrSize+140, fitSize(short, 36), "normal", s.c.Muted, "middle", short))
		}
	}
	w("</svg>\n")
	return b.String()
}

// shortLink is the link as people type it, host and path without the
// scheme or the tracking query, for readers who cannot scan.
func shortLink(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Host + strings.TrimRight(u.EscapedPath(), "/")
}

// qrPath draws the dark modules row by row, one "M x yhWv1h-Wz" run per
// stretch of dark modules, in module units.
func qrPath(bm [][]bool) string {
	var b strings.Builder
	for y, row := range bm {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			w := strconv.Itoa(x - start)
			b.WriteString("M" + strconv.Itoa(start) + " " + strconv.Itoa(y) + "h" + w + "v1h-" + w + "z")
		}
	}
	return b.String()
}

// text writes one <text> element. deco is a text-decoration, or "middle"
// to centre the text on x.
func text(x, y, size int, weight, fill, deco, s string) string {
	attrs := ""
	switch deco {
	case "middle":
		attrs = ` text-anchor="middle"`
	case "":
	default:
		attrs = ` text-decoration="` + deco + `"`
	}
	return `<text x="` + strconv.Itoa(x) + `" y="` + strconv.Itoa(y) + `" font-size="` + strconv.Itoa(size) +
		`" font-weight="` + weight + `" fill="` + fill + `"` + attrs + ">" + xmlText(s) + "</text>\n"
}

// fitSize shrinks a font size until one line of s fits the text width.
func fitSize(s string, size int) int {
	units := uniseg.StringWidth(s)
	if units == 0 {
		return size
	}
	if fit := int(float64(textW) / (float64(units) * emBold)); fit < size {
		size = fit
	}
	return max(size, 24)
}

// wrap breaks s into lines of at most max terminal-width units at the
// line-break opportunities of Unicode UAX #14 (spaces in most scripts,
// between characters in Chinese and Japanese), splitting a longer word
// between grapheme clusters.
func wrap(s string, max int) []string {
	if max < 1 {
		max = 1
	}
	var lines []string
	line := ""
	flush := func() {
		if l := strings.TrimRight(line, " "); l != "" {
			lines = append(lines, l)
		}
		line = ""
	}
	state := -1
	for rest := s; rest != ""; {
		var seg string
		var must bool
		seg, rest, must, state = uniseg.FirstLineSegmentInString(rest, state)
		if line != "" && uniseg.StringWidth(strings.TrimRight(line+seg, " ")) > max {
			flush()
		}
		line += seg
		for uniseg.StringWidth(strings.TrimRight(line, " ")) > max {
			head, tail := cut(line, max)
			line = head
			flush()
			line = tail
		}
		if must {
			flush()
		}
	}
	flush()
	return lines
}

// cut splits s after the grapheme clusters that fit in max units (at
// least one).
func cut(s string, max int) (string, string) {
	g := uniseg.NewGraphemes(s)
	w, end := 0, 0
	for g.Next() {
		gw := g.Width()
		if w+gw > max && end > 0 {
			break
		}
		_, end = g.Positions()
		w += gw
	}
	return s[:end], s[end:]
}

// xmlText escapes s for XML text and attributes, and drops the control
// characters XML 1.0 cannot hold at all.
func xmlText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
	return html.EscapeString(s)
}

func langTag(loc string) string {
	if loc == "" || strings.Trim(loc, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return "und"
	}
	return loc
}

// appendPage appends the HTML page that shows the SVG full screen,
// scaled to the display: the language and the title escaped as
// html/template escapes an attribute value and <title> (the template in
// page_internal_test.go), the SVG as it is.
func appendPage(b []byte, lang, title, svg string) []byte {
	b = append(b, "<!DOCTYPE html>\n<html lang=\""...)
	b = web.AppendEscaped(b, lang)
	b = append(b, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"...)
	b = web.AppendEscaped(b, title)
	b = append(b, "</title>\n<style>html,body{margin:0;height:100%;background:#000}svg{display:block;width:100vw;height:100vh}</style>\n</head>\n<body>\n"...)
	b = append(b, svg...)
	return append(b, "</body>\n</html>\n"...)
}
