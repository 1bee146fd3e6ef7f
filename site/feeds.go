package site

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

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
	mt := feedFormats[format]
	switch format {
	case "rss":
		return d.rss(), mt, nil
	case "atom":
		return d.atom(), mt, nil
	}
	b, err := d.json()
	if err != nil {
		return nil, "", fmt.Errorf("writing the json feed for %s: %w", d.locale, err)
	}
	return b, mt, nil
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
	for _, e := range s.published(channel, locale, at, Filter{}) {
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
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// xmlWriter writes indented XML by hand: feeds are the bulk of a large
// bundle, and encoding/xml's reflection costs several times the escaping.
type xmlWriter struct {
	b     bytes.Buffer
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
		xml.EscapeText(&w.b, []byte(attrs[i+1]))
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
	xml.EscapeText(&w.b, []byte(text))
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

func (w *xmlWriter) bytes() []byte {
	w.b.WriteByte('\n')
	return w.b.Bytes()
}

func newXML() *xmlWriter {
	w := &xmlWriter{}
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	return w
}

// rss writes RSS 2.0 (https://www.rssboard.org/rss-specification).
func (d *feedData) rss() []byte {
	w := newXML()
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
	return w.bytes()
}

// atom writes Atom (RFC 4287).
func (d *feedData) atom() []byte {
	w := newXML()
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
	return w.bytes()
}

// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Language    string         `json:"language"`
	Authors     []jsonAuthor   `json:"authors,omitempty"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonFeedItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url,omitempty"`
	Title         string   `json:"title,omitempty"`
	ContentText   string   `json:"content_text,omitempty"`
	ContentHTML   string   `json:"content_html,omitempty"`
	DatePublished string   `json:"date_published,omitempty"`
	Tags          []string `json:"tags,omitempty"`
}

func (d *feedData) json() ([]byte, error) {
	f := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: d.title, HomePageURL: d.home, FeedURL: d.self("json"),
		Language: d.locale, Items: []jsonFeedItem{}}
	if d.brand != "" {
		f.Authors = []jsonAuthor{{Name: d.brand}}
	}
	for _, it := range d.items {
		ji := jsonFeedItem{ID: it.id, URL: it.link, Title: it.title, ContentText: it.text, ContentHTML: it.html, Tags: it.tags}
		if ji.ContentText == "" && ji.ContentHTML == "" {
			ji.ContentText = it.title // JSON Feed requires one of the two
		}
		if it.published != nil {
			ji.DatePublished = stamp(*it.published)
		}
		f.Items = append(f.Items, ji)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// mainText is a variant's main text for listings: the text field, or the
// summary-like fields, or the item's summary.
func mainText(e *Entry, v *adapters.Variant) string {
	return firstString(v.Fields, e.Item.Summary, "text", "summary", "description", "caption", "message")
}
