package site

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

// ErrUnknown is wrapped by the errors of lookups that name a channel,
// locale or feed format the snapshot does not have; a server answers
// them with 404.
var ErrUnknown = errors.New("unknown name")

type unknownError struct{ msg string }

func (e *unknownError) Error() string { return e.msg }
func (e *unknownError) Unwrap() error { return ErrUnknown }

func unknown(what, name string, known []string) error {
	known = slices.Clone(known)
	slices.Sort(known)
	return &unknownError{fmt.Sprintf("unknown %s %q (known: %s)", what, name, strings.Join(known, ", "))}
}

// feedFormats maps a feed format, which is also its file extension, to
// its media type.
var feedFormats = map[string]string{
	"atom": "application/atom+xml; charset=utf-8",
	"json": "application/feed+json; charset=utf-8",
	"rss":  "application/rss+xml; charset=utf-8",
}

// FeedFormats lists the feed formats Feed writes, sorted: "atom", "json"
// and "rss". Each is also the feed file's extension.
func FeedFormats() []string { return sortedKeys(feedFormats) }

// FeedPath is where a feed lives, relative to the site root or the static
// bundle: feeds/<channel>/<locale>.<format>.
func FeedPath(channel, locale, format string) string {
	return "feeds/" + channel + "/" + locale + "." + format
}

// epoch stands in for the date of a feed or entry without any publish
// date, so that feeds stay byte-identical across builds.
var epoch = time.Unix(0, 0).UTC()

// feedItem is one entry of a feed, whatever the format.
type feedItem struct {
	id, title, text, html, link string
	published                   *time.Time
	tags                        []string
}

// feedData is a feed before it is put into a format.
type feedData struct {
	title, home, locale, brand string
	selfBase                   string // the feed's address without the format extension
	updated                    time.Time
	items                      []feedItem
}

// self is the feed's own address in format.
func (d *feedData) self(format string) string { return d.selfBase + "." + format }

// Feed renders the feed of channel in locale as format ("rss", "atom" or
// "json"): the items published at at, newest publish first, each with the
// channel variant's main text and link. It returns the bytes and their
// media type. Unknown names give an error wrapping ErrUnknown.
func Feed(s *Snapshot, channel, locale, format string, at time.Time) ([]byte, string, error) {
	if _, ok := feedFormats[format]; !ok {
		return nil, "", unknown("feed format", format, FeedFormats())
	}
	if s.Adapter(channel) == nil {
		return nil, "", unknown("channel", channel, s.Channels)
	}
	if !slices.Contains(s.locales, locale) {
		return nil, "", unknown("locale", locale, s.locales)
	}
	return s.feedData(channel, locale, at).render(format)
}

// render puts the feed into format, which must be known.
func (d *feedData) render(format string) ([]byte, string, error) {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	if err := d.write(w, format); err != nil {
		return nil, "", err
	}
	if err := w.Flush(); err != nil {
		return nil, "", err
	}
	return b.Bytes(), feedFormats[format], nil
}

// write writes the feed in format, which must be known, to w. Feeds are
// the largest files of a bundle, so they are written piece by piece
// rather than built in memory first.
func (d *feedData) write(w *bufio.Writer, format string) error {
	switch format {
	case "rss":
		d.rss(w)
	case "atom":
		d.atom(w)
	default:
		if err := d.json(w); err != nil {
			return fmt.Errorf("writing the json feed for %s: %w", d.locale, err)
		}
	}
	return nil
}

// feedData gathers the items of a feed, whatever its format.
func (s *Snapshot) feedData(channel, locale string, at time.Time) *feedData {
	base, brand := "", ""
	if s.Config != nil {
		base, brand = strings.TrimRight(s.Config.BaseURL, "/"), s.Config.Brand
	}
	d := &feedData{
		title:    strings.TrimSpace(fmt.Sprintf("%s %s (%s)", brand, channel, locale)),
		home:     base + "/",
		selfBase: base + "/feeds/" + channel + "/" + locale,
		locale:   locale,
		brand:    brand,
		updated:  epoch,
	}
	list := s.published(channel, locale, at, Filter{})
	d.items = make([]feedItem, 0, len(list))
	for _, e := range list {
		it, v := e.Item, e.Variants[channel]
		fi := feedItem{
			id:        entryID(base, it),
			title:     firstString(v.Fields, it.Title, "title", "subject", "headline"),
			text:      mainText(e, v),
			link:      v.Facts.URL,
			published: it.Publish,
			tags:      it.Tags,
		}
		if fi.link == "" {
			fi.link = firstString(v.Fields, d.home, "url")
		}
		if strings.HasPrefix(v.MediaType, "text/html") {
			fi.html = firstString(v.Fields, v.Body, "html")
		}
		if it.Publish != nil && it.Publish.After(d.updated) {
			d.updated = it.Publish.UTC()
		}
		d.items = append(d.items, fi)
	}
	return d
}

// firstString returns the first non-empty string field among keys, else
// def.
func firstString(fields map[string]any, def string, keys ...string) string {
	for _, k := range keys {
		if s, ok := fields[k].(string); ok && strings.TrimSpace(s) != "" {
			return s
		}
	}
	return def
}

// entryID is a stable URN for an item in a locale: a name-based (version
// 5) UUID of its canonical address, the same in every feed and build.
func entryID(base string, it *content.Item) string {
	ns := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8} // RFC 9562 URL namespace
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(base + "/" + it.Locale + "/" + it.ID))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	b := append(make([]byte, 0, 45), "urn:uuid:"...)
	for i, part := range [][]byte{u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]} {
		if i > 0 {
			b = append(b, '-')
		}
		b = hex.AppendEncode(b, part)
	}
	return string(b)
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// xmlWriter writes indented XML by hand: feeds are the bulk of a large
// bundle, and encoding/xml's reflection costs several times the escaping.
type xmlWriter struct {
	b     *bufio.Writer
	depth int
}

func (w *xmlWriter) indent() {
	w.b.WriteByte('\n')
	for range w.depth {
		w.b.WriteString("  ")
	}
}

// open writes <name attr="value"...>; attrs alternate names and values.
func (w *xmlWriter) open(name string, attrs ...string) {
	w.indent()
	w.tag(name, attrs)
	w.b.WriteByte('>')
	w.depth++
}

func (w *xmlWriter) tag(name string, attrs []string) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.b.WriteByte(' ')
		w.b.WriteString(attrs[i])
		w.b.WriteString(`="`)
		escapeXML(w.b, attrs[i+1])
		w.b.WriteByte('"')
	}
}

func (w *xmlWriter) close(name string) {
	w.depth--
	w.indent()
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

// elem writes <name attrs>text</name>.
func (w *xmlWriter) elem(name, text string, attrs ...string) {
	w.indent()
	w.tag(name, attrs)
	w.b.WriteByte('>')
	escapeXML(w.b, text)
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

// empty writes <name attrs/>.
func (w *xmlWriter) empty(name string, attrs ...string) {
	w.indent()
	w.tag(name, attrs)
	w.b.WriteString("/>")
}

func (w *xmlWriter) end() { w.b.WriteByte('\n') }

func newXML(b *bufio.Writer) *xmlWriter {
	w := &xmlWriter{b: b}
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	return w
}

// escapeXML writes s as encoding/xml's EscapeText does: the five markup
// characters and tab, newline and carriage return as character
// references, and U+FFFD for what is not a valid XML character.
func escapeXML(w *bufio.Writer, s string) {
	// Valid UTF-8 without U+FFFE and U+FFFF, nearly every string, holds
	// nothing to replace beyond ASCII: one table lookup a byte will do.
	plain := &xmlPlain
	if !utf8.ValidString(s) || strings.Contains(s, "\uFFFE") || strings.Contains(s, "\uFFFF") {
		plain = &xmlPlainASCII
	}
	last := 0
	for i := 0; i < len(s); {
		c, width := s[i], 1
		if plain[c] {
			i++
			continue
		}
		esc := xmlEscapes[c&0x7f]
		if c >= utf8.RuneSelf {
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			if (r != utf8.RuneError || width > 1) && (r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000) {
				i += width
				continue
			}
			esc = "\uFFFD"
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		i += width
		last = i
	}
	w.WriteString(s[last:])
}

// xmlPlain marks the bytes escapeXML writes as they are in valid UTF-8
// free of U+FFFE and U+FFFF, xmlPlainASCII those it writes as they are in
// any string; xmlEscapes holds what it writes for the other ASCII bytes.
var xmlPlain, xmlPlainASCII, xmlEscapes = func() (plain, ascii [256]bool, esc [utf8.RuneSelf]string) {
	refs := map[byte]string{'"': "&#34;", '\'': "&#39;", '&': "&amp;", '<': "&lt;", '>': "&gt;", '\t': "&#x9;", '\n': "&#xA;", '\r': "&#xD;"}
	for c := range 256 {
		switch ref, ok := refs[byte(c)]; {
		case ok:
			esc[c] = ref
		case c < 0x20:
			esc[c] = "\uFFFD"
		case c < utf8.RuneSelf:
			plain[c], ascii[c] = true, true
		default:
			plain[c] = true
		}
	}
	return
}()

// rss writes RSS 2.0 (https://www.rssboard.org/rss-specification).
func (d *feedData) rss(b *bufio.Writer) {
	w := newXML(b)
	w.open("rss", "version", "2.0", "xmlns:atom", "http://www.w3.org/2005/Atom")
	w.open("channel")
	w.elem("title", d.title)
	w.elem("link", d.home)
	w.elem("description", fmt.Sprintf("What %s publishes on this channel", d.brand))
	w.elem("language", strings.ToLower(d.locale))
	w.elem("lastBuildDate", d.updated.Format(time.RFC1123Z))
	w.empty("atom:link", "href", d.self("rss"), "rel", "self", "type", "application/rss+xml")
	for _, it := range d.items {
		w.open("item")
		w.elem("title", it.title)
		w.elem("link", it.link)
		w.elem("description", it.text)
		w.elem("guid", it.id, "isPermaLink", "false")
		if it.published != nil {
			w.elem("pubDate", it.published.UTC().Format(time.RFC1123Z))
		}
		for _, t := range it.tags {
			w.elem("category", t)
		}
		w.close("item")
	}
	w.close("channel")
	w.close("rss")
	w.end()
}

// atom writes Atom (RFC 4287).
func (d *feedData) atom(b *bufio.Writer) {
	w := newXML(b)
	w.open("feed", "xmlns", "http://www.w3.org/2005/Atom", "xml:lang", d.locale)
	w.elem("id", d.self("atom"))
	w.elem("title", d.title)
	w.elem("updated", stamp(d.updated))
	author := d.brand
	if author == "" {
		author = "Chorus"
	}
	w.open("author")
	w.elem("name", author)
	w.close("author")
	w.empty("link", "rel", "self", "href", d.self("atom"), "type", "application/atom+xml")
	w.empty("link", "rel", "alternate", "href", d.home, "type", "text/html")
	for _, it := range d.items {
		w.open("entry")
		w.elem("id", it.id)
		w.elem("title", it.title)
		if it.published != nil {
			w.elem("updated", stamp(*it.published))
			w.elem("published", stamp(*it.published))
		} else {
			w.elem("updated", stamp(d.updated))
		}
		w.empty("link", "rel", "alternate", "href", it.link)
		if it.html != "" {
			w.elem("summary", it.text)
			w.elem("content", it.html, "type", "html")
		} else {
			w.elem("content", it.text, "type", "text")
		}
		for _, t := range it.tags {
			w.empty("category", "term", t)
		}
		w.close("entry")
	}
	w.close("feed")
	w.end()
}

// json writes JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/),
// compact, with a trailing newline.
func (d *feedData) json(w *bufio.Writer) error {
	j := &jsonOut{w: w}
	j.object(0, func() {
		j.stringMember(0, true, "version", "https://jsonfeed.org/version/1.1")
		j.stringMember(0, false, "title", d.title)
		j.stringMember(0, false, "home_page_url", d.home)
		j.stringMember(0, false, "feed_url", d.self("json"))
		j.stringMember(0, false, "language", d.locale)
		if d.brand != "" {
			j.key(0, false, "authors")
			j.list(1, 1, func(int) { j.object(2, func() { j.stringMember(2, true, "name", d.brand) }) })
		}
		j.key(0, false, "items")
		j.list(1, len(d.items), func(i int) { j.object(2, func() { d.items[i].json(j, 2) }) })
	})
	w.WriteByte('\n')
	return j.err
}

// json writes the members of the item's object at depth in a JSON feed.
func (it *feedItem) json(j *jsonOut, depth int) {
	text := it.text
	if text == "" && it.html == "" {
		text = it.title // JSON Feed requires one of the two
	}
	j.stringMember(depth, true, "id", it.id)
	for _, m := range [...]struct{ name, value string }{{"url", it.link}, {"title", it.title}, {"content_text", text}, {"content_html", it.html}} {
		if m.value != "" {
			j.stringMember(depth, false, m.name, m.value)
		}
	}
	if it.published != nil {
		j.stringMember(depth, false, "date_published", stamp(*it.published))
	}
	if len(it.tags) > 0 {
		j.key(depth, false, "tags")
		j.strings(depth+1, it.tags)
	}
}

// mainText is a variant's main text for listings: the text field, or the
// summary-like fields, or the item's summary.
func mainText(e *Entry, v *adapters.Variant) string {
	return firstString(v.Fields, e.Item.Summary, "text", "summary", "description", "caption", "message")
}
