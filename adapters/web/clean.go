package web

import (
	"html"
	"regexp"
	"strings"
	"sync"

	"github.com/chorus-dev/chorus/content"
)

// tagRE matches one start or end tag as goldmark writes them: a name, then
// attributes that are bare or double-quoted (goldmark escapes '"' inside
// values), then an optional self-closing slash.
var tagRE = regexp.MustCompile(`^<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)\s*/?>`)

// attrRE matches one attribute inside tagRE's attribute run.
var attrRE = regexp.MustCompile(`([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?`)

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
		m := tagRE.FindStringSubmatch(s)
		if m == nil || !bodyTags[strings.ToLower(m[2])] {
			b.WriteString("&lt;")
			s = s[1:]
			continue
		}
		s = s[len(m[0]):]
		name := strings.ToLower(m[2])
		if m[1] == "/" {
			b.WriteString("</" + name + ">")
			continue
		}
		b.WriteString("<" + name)
		for _, a := range attrRE.FindAllStringSubmatch(m[3], -1) {
			key, val := strings.ToLower(a[1]), html.UnescapeString(a[2])
			if !bodyAttrs[key] || !attrAllowed(name, key, val) {
				continue
			}
			if key == "href" || key == "src" {
				val = absolute(base, val)
			}
			b.WriteString(" " + key + `="` + html.EscapeString(val) + `"`)
		}
		b.WriteString(">")
	}
}

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

// tagLike matches anything shaped like an HTML tag or comment.
var tagLike = regexp.MustCompile(`<!--.*?-->|<!--|</?[a-zA-Z][^<>]*>`)

// StripTags removes anything shaped like an HTML tag or comment from a
// front-matter text. Front-matter fields are plain text: no channel can
// show markup in them as meant, and a consumer that puts a JSON text field
// into a page unescaped must not get a working tag from one. Removal
// repeats until nothing tag-shaped is left, so nested fragments cannot
// reassemble into a tag. Other text, "<3" and "a < b" included, is kept.
func StripTags(s string) string {
	for i := 0; i < 100 && strings.Contains(s, "<"); i++ {
		t := tagLike.ReplaceAllString(s, "")
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
