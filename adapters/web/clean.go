package web

import (
	"html"
	"regexp"
	"strings"
	"sync"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

// bodyTags are the elements Markdown (CommonMark and GFM) renders to.
var bodyTags = map[string]bool{
	"a": true, "blockquote": true, "br": true, "code": true, "del": true, "em": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "hr": true,
	"img": true, "input": true, "li": true, "ol": true, "p": true, "pre": true,
	"strong": true, "table": true, "tbody": true, "td": true, "th": true, "thead": true,
	"tr": true, "ul": true, "sup": true, "section": true, "div": true, "span": true,
}

// bodyAttrs are the attributes Markdown renders; every other attribute,
// on* handlers and style included, is dropped.
var bodyAttrs = map[string]bool{
	"href": true, "src": true, "alt": true, "title": true, "id": true, "class": true,
	"start": true, "align": true, "type": true, "checked": true, "disabled": true,
}

// BodyHTML is the item's body as the HTML outputs embed it: rendered
// (Item.HTML), made safe and resolved against base (CleanBody), and
// trimmed. The web, email and app channels each embed the same body, so
// the rendering is remembered per body text and the result per body text
// and base; a body is a fixed parse of the item's Markdown, so equal
// texts give equal HTML.
func BodyHTML(it *content.Item, base string) string {
	if it == nil {
		return ""
	}
	src := it.Body()
	if len(src) == 0 {
		return strings.TrimSpace(CleanBody(it.HTML(), base))
	}
	bodies.Lock()
	h, ok := bodies.clean[base][string(src)]
	raw, rendered := bodies.raw[string(src)]
	bodies.Unlock()
	if ok {
		return h
	}
	if !rendered {
		raw = it.HTML()
	}
	h = strings.TrimSpace(CleanBody(raw, base))
	bodies.Lock()
	if bodies.raw == nil || bodies.n >= maxBodies {
		bodies.raw, bodies.clean, bodies.n = map[string]string{}, map[string]map[string]string{}, 0
	}
	if bodies.clean[base] == nil {
		bodies.clean[base] = map[string]string{}
	}
	bodies.raw[string(src)] = raw
	bodies.clean[base][string(src)] = h
	bodies.n++
	bodies.Unlock()
	return h
}

// PlainBody is the item's body as plain text (Item.PlainText) with
// anything tag-shaped removed (StripTags), as the web, email and app
// channels show it and check it for claims. Each item's is made once.
func PlainBody(it *content.Item) string {
	if it == nil {
		return ""
	}
	return plainBodies.Get(it, func(it *content.Item) string { return StripTags(it.PlainText()) })
}

var plainBodies adapters.PerItem[string]

// bodies remembers BodyHTML's renderings by body text and its results by
// base and body text, for up to maxBodies calls that missed; past that it
// starts over.
var bodies struct {
	sync.Mutex
	raw   map[string]string
	clean map[string]map[string]string
	n     int
}

const maxBodies = 512

// CleanBody makes the body HTML rendered by content (Item.HTML) safe to
// embed in any HTML output. That HTML already has raw HTML omitted and
// script URLs dropped; CleanBody is a second, stricter pass that holds
// whatever Markdown extensions are switched on: only the elements and
// attributes Markdown produces survive, anything else that looks like
// markup is escaped as text; an href survives only when it is http, https,
// mailto, tel or relative, a src only when it is http, https or relative
// (no data: images). goldmark's "raw HTML omitted" comments are dropped.
// When base is an http or https URL, relative links and sources are
// resolved against it, for outputs read away from the brand's site.
func CleanBody(s, base string) string {
	s = strings.ReplaceAll(s, "<!-- raw HTML omitted -->", "")
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		n, closing, name, attrs := scanTag(s)
		if n == 0 || !bodyTags[strings.ToLower(name)] {
			b.WriteString("&lt;")
			s = s[1:]
			continue
		}
		s = s[n:]
		name = strings.ToLower(name)
		if closing {
			b.WriteString("</")
			b.WriteString(name)
			b.WriteByte('>')
			continue
		}
		b.WriteByte('<')
		b.WriteString(name)
		for attrs != "" {
			var key, val string
			key, val, attrs = nextAttr(attrs)
			key, val = strings.ToLower(key), html.UnescapeString(val)
			if !bodyAttrs[key] || !attrAllowed(name, key, val) {
				continue
			}
			if key == "href" || key == "src" {
				val = absolute(base, val)
			}
			b.WriteByte(' ')
			b.WriteString(key)
			b.WriteString(`="`)
			b.WriteString(html.EscapeString(val))
			b.WriteByte('"')
		}
		b.WriteByte('>')
	}
}

// scanTag reads the start or end tag that s starts with, in the shape
// goldmark writes: '<', an optional '/', a name, attributes that are
// bare or have a double-quoted value without '"', '<' or '>', white
// space, an optional self-closing '/', and '>'. It returns the tag's
// length (0 when s does not start with such a tag), whether it is an end
// tag, its name as written, and its run of attributes for nextAttr. Each
// part has only one way to match, so one pass without backtracking finds
// the tag the regular expression
//
//	^<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)\s*/?>
//
// finds.
func scanTag(s string) (n int, closing bool, name, attrs string) {
	i := 1
	if i < len(s) && s[i] == '/' {
		closing = true
		i++
	}
	start := i
	if i >= len(s) || !isLetter(s[i]) {
		return 0, false, "", ""
	}
	for i++; i < len(s) && (isLetter(s[i]) || isDigit(s[i])); i++ {
	}
	name = s[start:i]
	runStart, runEnd := i, i
	for {
		j := i
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j == i || j >= len(s) || !isAttrStart(s[j]) {
			break
		}
		for j++; j < len(s) && isAttrChar(s[j]); j++ {
		}
		if strings.HasPrefix(s[j:], `="`) {
			end := strings.IndexAny(s[j+2:], `"<>`)
			if end < 0 || s[j+2+end] != '"' {
				return 0, false, "", ""
			}
			j += 2 + end + 1
		}
		i, runEnd = j, j
	}
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '/' {
		i++
	}
	if i >= len(s) || s[i] != '>' {
		return 0, false, "", ""
	}
	return i + 1, closing, name, s[runStart:runEnd]
}

// nextAttr reads the first attribute of a run scanTag returned: its
// name, its value without the quotes ("" when it has none) and the rest
// of the run.
func nextAttr(run string) (key, val, rest string) {
	i := 0
	for i < len(run) && isSpace(run[i]) {
		i++
	}
	start := i
	for i < len(run) && isAttrChar(run[i]) {
		i++
	}
	key = run[start:i]
	if strings.HasPrefix(run[i:], `="`) {
		end := i + 2 + strings.IndexByte(run[i+2:], '"')
		val, i = run[i+2:end], end+1
	}
	return key, val, run[i:]
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isSpace is the \s class of Go regular expressions.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func isAttrStart(c byte) bool { return isLetter(c) || c == '_' || c == ':' }

func isAttrChar(c byte) bool { return isAttrStart(c) || isDigit(c) || c == '-' || c == '.' }

// attrAllowed vets an attribute value: links and sources must be safe
// URLs, and an input may only be a task-list checkbox.
func attrAllowed(tag, key, val string) bool {
	switch key {
	case "href":
		_, ok := SafeURL(val)
		return ok || mailOrTel(val)
	case "src":
		_, ok := SafeURL(val)
		return ok
	case "type":
		return tag == "input" && val == "checkbox"
	}
	return true
}

// mailOrTel accepts mailto: and tel: links without whitespace or control
// characters.
func mailOrTel(u string) bool {
	l := strings.ToLower(u)
	if !strings.HasPrefix(l, "mailto:") && !strings.HasPrefix(l, "tel:") {
		return false
	}
	for i := 0; i < len(u); i++ {
		if c := u[i]; c <= ' ' || c == 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

// tagLike matches anything shaped like an HTML tag or comment. It is
// compiled the first time a text has a '<'.
var tagLike = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`<!--.*?-->|<!--|</?[a-zA-Z][^<>]*>`)
})

// StripTags removes anything shaped like an HTML tag or comment from a
// front-matter text. Front-matter fields are plain text: no channel can
// show markup in them as meant, and a consumer that puts a JSON text field
// into a page unescaped must not get a working tag from one. Removal
// repeats until nothing tag-shaped is left, so nested fragments cannot
// reassemble into a tag. Other text, "<3" and "a < b" included, is kept.
func StripTags(s string) string {
	for i := 0; i < 100 && strings.Contains(s, "<"); i++ {
		t := tagLike().ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	return strings.TrimSpace(s)
}

// absolute resolves a relative reference against base, leaving it as it
// is when there is no usable base or it is already absolute.
func absolute(base, u string) string {
	if base == "" || strings.HasPrefix(u, "#") {
		return u
	}
	if abs, ok := AbsoluteURL(base, u); ok {
		return abs
	}
	return u
}
