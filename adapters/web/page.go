package web

import "strings"

// The page and the fragment are written by hand, as html/template would
// write them from the templates in page_test.go: every value escaped for
// where it stands (attribute values, element text and <title> alike by
// AppendEscaped; links in href and src also vetted and normalised by
// appendURL), and the CSS, JSON-LD and HTML values, typed as safe, as
// they are. A template executes by reflection and an escaper call per
// value, which cost more than the page itself.

// appendHTML appends the page.
func (p *pageData) appendHTML(b []byte) []byte {
	b = append(b, "<!DOCTYPE html>\n<html"...)
	b = langDir(b, p.Lang, p.Dir)
	b = append(b, ">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"...)
	b = AppendEscaped(b, p.Title)
	b = append(b, "</title>\n<meta name=\"description\" content=\""...)
	b = AppendEscaped(b, p.Description)
	b = append(b, `">`...)
	if p.URL != "" {
		b = append(b, "\n<link rel=\"canonical\" href=\""...)
		b = appendURL(b, p.URL)
		b = append(b, `">`...)
	}
	for _, a := range p.Alternates {
		b = append(b, "\n<link rel=\"alternate\" hreflang=\""...)
		b = AppendEscaped(b, a.Lang)
		b = append(b, `" href="`...)
		b = appendURL(b, a.URL)
		b = append(b, `">`...)
	}
	b = meta(b, "property", "og:type", p.OGType)
	b = meta(b, "property", "og:title", p.Title)
	b = meta(b, "property", "og:description", p.Description)
	if p.URL != "" {
		b = meta(b, "property", "og:url", p.URL)
	}
	if p.OGLocale != "" {
		b = meta(b, "property", "og:locale", p.OGLocale)
	}
	if p.SiteName != "" {
		b = meta(b, "property", "og:site_name", p.SiteName)
	}
	if p.Image.URL != "" {
		b = meta(b, "property", "og:image", p.Image.URL)
		b = meta(b, "property", "og:image:alt", p.Image.Alt)
		b = append(b, "\n<meta name=\"twitter:card\" content=\"summary_large_image\">"...)
	} else {
		b = append(b, "\n<meta name=\"twitter:card\" content=\"summary\">"...)
	}
	b = meta(b, "name", "twitter:title", p.Title)
	b = meta(b, "name", "twitter:description", p.Description)
	if p.Image.URL != "" {
		b = meta(b, "name", "twitter:image", p.Image.URL)
		b = meta(b, "name", "twitter:image:alt", p.Image.Alt)
	}
	b = append(b, "\n<style>\n"...)
	b = append(b, p.CSS...)
	b = append(b, pageStyle...)
	b = append(b, "</style>\n<script type=\"application/ld+json\">"...)
	b = append(b, p.JSONLD...)
	b = append(b, "</script>\n</head>\n<body>\n"...)
	b = append(b, p.Fragment...)
	return append(b, "\n</body>\n</html>\n"...)
}

// pageStyle is the page's fixed stylesheet, after the palette's
// properties.
const pageStyle = `
body{margin:0;background:var(--paper);color:var(--ink);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif}
article{max-width:42rem;margin:0 auto;padding:2rem 1.25rem}
h1{font-size:2.25rem;line-height:1.2;margin:0 0 .75rem}
.summary{font-size:1.25rem;margin:0 0 1.5rem}
figure{margin:0 0 1.5rem}
figure img{display:block;width:100%;height:auto}
.offer,.event{border-inline-start:.3rem solid var(--accent);padding:.5rem 1rem;margin:0 0 1.5rem}
.offer p,.event p{margin:.25rem 0}
.price{font-size:2rem;font-weight:700}
.was{text-decoration:line-through;color:var(--muted)}
.code strong{letter-spacing:.05em}
.body img{max-width:100%;height:auto}
.cta a{display:inline-block;background:var(--accent);color:var(--paper);padding:.75rem 1.5rem;border-radius:.375rem;text-decoration:none;font-weight:700}
`

// meta appends a line <meta attr="name" content="value">.
func meta(b []byte, attr, name, value string) []byte {
	b = append(b, "\n<meta "...)
	b = append(b, attr...)
	b = append(b, `="`...)
	b = append(b, name...)
	b = append(b, `" content="`...)
	b = AppendEscaped(b, value)
	return append(b, `">`...)
}

// langDir appends an element's lang and dir attributes.
func langDir(b []byte, lang, dir string) []byte {
	b = append(b, ` lang="`...)
	b = AppendEscaped(b, lang)
	b = append(b, `" dir="`...)
	b = AppendEscaped(b, dir)
	return append(b, '"')
}

// appendHTML appends the <article> fragment.
func (f *fragmentData) appendHTML(b []byte) []byte {
	b = append(b, `<article class="item `...)
	b = AppendEscaped(b, f.Type)
	b = append(b, '"')
	b = langDir(b, f.Lang, f.Dir)
	b = append(b, ">\n<h1>"...)
	b = AppendEscaped(b, f.Title)
	b = append(b, "</h1>"...)
	b = element(b, `<p class="summary">`, f.Summary, "</p>")
	if f.Image.Src != "" {
		b = append(b, "\n<figure><img src=\""...)
		b = appendURL(b, f.Image.Src)
		b = append(b, `" alt="`...)
		b = AppendEscaped(b, f.Image.Alt)
		b = append(b, `"></figure>`...)
	}
	d := &f.D
	if d.When != "" {
		b = element(b, "<section class=\"event\">\n<p class=\"when\">", d.When, "</p>")
		b = element(b, `<p class="venue">`, d.Venue, "</p>")
		b = append(b, "\n</section>"...)
	}
	if d.Price != "" || d.CodeLine != "" || d.EndsLine != "" {
		b = append(b, "\n<section class=\"offer\">"...)
		if d.Price != "" {
			b = append(b, "\n<p class=\"price\">"...)
			b = AppendEscaped(b, d.Price)
			if d.WasLine != "" {
				b = append(b, ` <span class="was">`...)
				b = AppendEscaped(b, d.WasLine)
				b = append(b, "</span>"...)
			}
			b = append(b, "</p>"...)
		}
		b = element(b, `<p class="code">`, d.CodeLine, "</p>")
		b = element(b, `<p class="ends">`, d.EndsLine, "</p>")
		b = append(b, "\n</section>"...)
	}
	if f.Body != "" {
		b = append(b, "\n<div class=\"body\">\n"...)
		b = append(b, f.Body...)
		b = append(b, "\n</div>"...)
	}
	if d.CTALink != "" {
		b = append(b, "\n<p class=\"cta\"><a href=\""...)
		b = appendURL(b, d.CTALink)
		b = append(b, `">`...)
		b = AppendEscaped(b, d.CTALabel)
		b = append(b, "</a></p>"...)
	}
	for _, t := range f.Terms {
		b = append(b, "\n<p class=\"terms\"><small>"...)
		b = AppendEscaped(b, t)
		b = append(b, "</small></p>"...)
	}
	return append(b, "\n</article>"...)
}

// element appends a line open, text escaped, close; nothing when text is
// empty.
func element(b []byte, open, text, close string) []byte {
	if text == "" {
		return b
	}
	b = append(b, '\n')
	b = append(b, open...)
	b = AppendEscaped(b, text)
	return append(b, close...)
}

// escapeHTML appends s as html/template escapes a string in element text,
// in <title> and in a quoted attribute value: NUL as U+FFFD, and '"', '&',
// '\”, '+', '<' and '>' as character references.
func AppendEscaped(b []byte, s string) []byte {
	done := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		b = append(b, s[done:i]...)
		b = append(b, r...)
		done = i + 1
	}
	return append(b, s[done:]...)
}

// appendURL appends a link as html/template writes one into an href or
// src value: a link with a scheme other than http, https and mailto as
// "#ZgotmplZ"; every byte that is not a letter, a digit, one of
// "-._~!#$&*+,/:;=?@[]" or the '%' of a valid escape percent-encoded; then
// escaped as an attribute value.
func appendURL(b []byte, u string) []byte {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		u = "#ZgotmplZ"
	}
	const hex = "0123456789abcdef"
	done := 0
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			continue
		default:
			b = AppendEscaped(b, u[done:i])
			b = append(b, '%', hex[c>>4], hex[c&0xF])
			done = i + 1
		}
	}
	return AppendEscaped(b, u[done:])
}

func isHex(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
