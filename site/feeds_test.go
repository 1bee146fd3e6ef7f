package site

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/adapters"
)

func feedSnapshot(t *testing.T) *Snapshot {
	html := &fake{id: "web", render: func(in *adapters.Input) (*adapters.Variant, error) {
		v := plain("web", in)
		v.MediaType, v.Ext = "text/html; charset=utf-8", ".html"
		v.Fields["html"] = "<p>" + in.Item.Summary + " &amp; more</p>"
		v.Body = "<!doctype html>" + v.Fields["html"].(string)
		return v, nil
	}}
	files := bundleFiles()
	files["content/old.md"] = windowed("old", "2026-01-01T00:00:00Z", "", "news, archive")
	files["content/nodate.md"] = windowed("nodate", "", "", "")
	return build(t, files, []adapters.Adapter{&fake{id: "x"}, &fake{id: "sms"}, html})
}

var feedAt = time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)

func TestFeedRSS(t *testing.T) {
	s := feedSnapshot(t)
	b, mt, err := Feed(s, "x", "en-US", "rss", feedAt)
	if err != nil {
		t.Fatal(err)
	}
	if mt != "application/rss+xml; charset=utf-8" {
		t.Errorf("media type %q", mt)
	}
	golden(t, "feeds/x-en-US.rss", b)
	var doc struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Channel struct {
			Title         string   `xml:"title"`
			Link          []string `xml:"link"` // and atom:link, which has no text
			Description   string   `xml:"description"`
			LastBuildDate string   `xml:"lastBuildDate"`
			Items         []struct {
				Title   string `xml:"title"`
				Link    string `xml:"link"`
				PubDate string `xml:"pubDate"`
				GUID    struct {
					IsPermaLink string `xml:"isPermaLink,attr"`
					Value       string `xml:",chardata"`
				} `xml:"guid"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "2.0" || doc.Channel.Title == "" || doc.Channel.Link[0] != "https://acme.example/" || doc.Channel.Description == "" {
		t.Errorf("channel: %+v", doc.Channel)
	}
	var titles []string
	for _, it := range doc.Channel.Items {
		titles = append(titles, it.Title)
		if !strings.HasPrefix(it.GUID.Value, "urn:uuid:") || it.GUID.IsPermaLink != "false" {
			t.Errorf("guid %+v", it.GUID)
		}
		if _, err := time.Parse(time.RFC1123Z, it.PubDate); it.PubDate != "" && err != nil {
			t.Errorf("pubDate %q: %v", it.PubDate, err)
		}
	}
	// Newest publish first; undated last; "later" not yet published.
	if want := []string{"Spring sale", "Title of a", "Title of old", "Title of nodate"}; !slices.Equal(titles, want) {
		t.Errorf("items %v, want %v", titles, want)
	}
	if doc.Channel.Items[0].Link != "https://acme.example/sale" {
		t.Errorf("link %q, want the item's URL fact", doc.Channel.Items[0].Link)
	}
	if doc.Channel.LastBuildDate != "Thu, 05 Mar 2026 00:00:00 +0000" {
		t.Errorf("lastBuildDate %q, want the newest publish", doc.Channel.LastBuildDate)
	}
}

func TestFeedAtom(t *testing.T) {
	s := feedSnapshot(t)
	b, mt, err := Feed(s, "web", "en-US", "atom", feedAt)
	if err != nil {
		t.Fatal(err)
	}
	if mt != "application/atom+xml; charset=utf-8" {
		t.Errorf("media type %q", mt)
	}
	golden(t, "feeds/web-en-US.atom", b)
	var f struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Links []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Rel  string `xml:"rel,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Content struct {
				Type  string `xml:"type,attr"`
				Value string `xml:",chardata"`
			} `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if f.ID != "https://acme.example/feeds/web/en-US.atom" || f.Updated != "2026-03-05T00:00:00Z" || f.Author.Name != "Acme" {
		t.Errorf("feed head: id %q updated %q author %q", f.ID, f.Updated, f.Author.Name)
	}
	if len(f.Entries) != 4 {
		t.Fatalf("%d entries, want 4", len(f.Entries))
	}
	e := f.Entries[0]
	if e.Title != "Spring sale" || e.Link.Rel != "alternate" || e.Link.Href != "https://acme.example/sale" ||
		e.Content.Type != "html" || !strings.Contains(e.Content.Value, "<p>The Trail jacket") {
		t.Errorf("first entry %+v", e)
	}
	ids := map[string]bool{}
	for _, e := range f.Entries {
		if !strings.HasPrefix(e.ID, "urn:uuid:") || ids[e.ID] {
			t.Errorf("entry id %q", e.ID)
		}
		ids[e.ID] = true
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("entry updated %q", e.Updated)
		}
	}
}

func TestFeedJSON(t *testing.T) {
	s := feedSnapshot(t)
	b, mt, err := Feed(s, "x", "zh-CN", "json", feedAt)
	if err != nil {
		t.Fatal(err)
	}
	if mt != "application/feed+json; charset=utf-8" {
		t.Errorf("media type %q", mt)
	}
	golden(t, "feeds/x-zh-CN.json", b)
	var f struct {
		Version, Title, HomePageURL, FeedURL, Language string
		Items                                          []struct {
			ID            string `json:"id"`
			URL           string `json:"url"`
			Title         string `json:"title"`
			ContentText   string `json:"content_text"`
			DatePublished string `json:"date_published"`
		} `json:"items"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if f.Version != "https://jsonfeed.org/version/1.1" {
		t.Errorf("version %q", f.Version)
	}
	var texts []string
	for _, it := range f.Items {
		texts = append(texts, it.ContentText)
		if it.ID == "" || it.ContentText == "" {
			t.Errorf("item %+v lacks id or content", it)
		}
	}
	// a has a zh-CN translation; the rest fall back to en-US.
	want := []string{"The Trail jacket is $79.99 with code SPRING20.", "阿尔法。", "Summary of old.", "Summary of nodate."}
	if !slices.Equal(texts, want) {
		t.Errorf("texts %q, want %q", texts, want)
	}
}

func TestFeedUnknownNames(t *testing.T) {
	s := feedSnapshot(t)
	for _, tt := range []struct{ channel, locale, format, want string }{
		{"tiktok", "en-US", "rss", `unknown channel "tiktok" (known: sms, web, x)`},
		{"x", "fr-FR", "rss", `unknown locale "fr-FR" (known: el-GR, en-US, zh-CN)`},
		{"x", "en-US", "opml", `unknown feed format "opml" (known: atom, json, rss)`},
	} {
		_, _, err := Feed(s, tt.channel, tt.locale, tt.format, feedAt)
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrUnknown) {
			t.Errorf("Feed(%s, %s, %s) err = %v, want %s", tt.channel, tt.locale, tt.format, err, tt.want)
		}
	}
}

func TestFeedEmptyIsValid(t *testing.T) {
	s := build(t, map[string]string{"content/later.md": windowed("later", "2030-01-01T00:00:00Z", "", "")}, nil)
	for _, format := range FeedFormats() {
		b, _, err := Feed(s, "x", "en-US", format, feedAt)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if format == "json" {
			err = json.Unmarshal(b, &v)
		} else {
			err = xml.Unmarshal(b, &v)
		}
		if err != nil {
			t.Errorf("%s: %v\n%s", format, err, b)
		}
		if strings.Contains(string(b), "later") {
			t.Errorf("%s feed lists an unpublished item", format)
		}
	}
}

// awkward are strings that need escaping in XML or JSON, or replacing.
var awkward = []string{
	"", "plain", `"quoted" & 'apostrophe' <tag>`, "tab\tnew\nline\rcr", "ctl\x00\x01\x1f\x7f",
	"bad \xff utf8 \xe2\x82", "ünïcödé 阿尔法 😀", "\u2028\u2029 separators", "\ufffd\ufffe\uffff nonchars",
	`back\slash \u0041`, "<!doctype html><p>a &amp; b</p>\n",
}

func TestEscapeXMLMatchesEncodingXML(t *testing.T) {
	for _, s := range awkward {
		var want bytes.Buffer
		xml.EscapeText(&want, []byte(s))
		var got bytes.Buffer
		w := bufio.NewWriter(&got)
		escapeXML(w, s)
		w.Flush()
		if got.String() != want.String() {
			t.Errorf("escapeXML(%q) = %q, want %q", s, got.String(), want.String())
		}
	}
}

// TestFeedJSONMatchesEncodingJSON checks the hand-written JSON feed
// against encoding/json's encoding of the same feed.
func TestFeedJSONMatchesEncodingJSON(t *testing.T) {
	pub := time.Date(2026, 3, 1, 12, 30, 0, 0, time.FixedZone("x", 3600))
	d := &feedData{title: awkward[2], home: "https://acme.example/", selfBase: "https://acme.example/feeds/x/en-US", locale: "en-US"}
	for i, s := range awkward {
		it := feedItem{id: fmt.Sprint("urn:", i), title: s, text: awkward[(i+1)%len(awkward)], html: awkward[(i+2)%len(awkward)], link: s}
		if i%2 == 0 {
			it.published, it.tags = &pub, awkward[i:]
		}
		d.items = append(d.items, it)
	}
	d.items = append(d.items, feedItem{id: "empty"}, feedItem{id: "titled", title: "Only a title"})
	for _, brand := range []string{"", "Acme & Co"} {
		d.brand = brand
		got, _, err := d.render("json")
		if err != nil {
			t.Fatal(err)
		}
		type item struct {
			ID            string   `json:"id"`
			URL           string   `json:"url,omitempty"`
			Title         string   `json:"title,omitempty"`
			ContentText   string   `json:"content_text,omitempty"`
			ContentHTML   string   `json:"content_html,omitempty"`
			DatePublished string   `json:"date_published,omitempty"`
			Tags          []string `json:"tags,omitempty"`
		}
		type author struct {
			Name string `json:"name"`
		}
		f := struct {
			Version     string   `json:"version"`
			Title       string   `json:"title"`
			HomePageURL string   `json:"home_page_url"`
			FeedURL     string   `json:"feed_url"`
			Language    string   `json:"language"`
			Authors     []author `json:"authors,omitempty"`
			Items       []item   `json:"items"`
		}{"https://jsonfeed.org/version/1.1", d.title, d.home, d.self("json"), d.locale, nil, []item{}}
		if brand != "" {
			f.Authors = []author{{brand}}
		}
		for _, it := range d.items {
			ji := item{ID: it.id, URL: it.link, Title: it.title, ContentText: it.text, ContentHTML: it.html, Tags: it.tags}
			if ji.ContentText == "" && ji.ContentHTML == "" {
				ji.ContentText = it.title
			}
			if it.published != nil {
				ji.DatePublished = stamp(*it.published)
			}
			f.Items = append(f.Items, ji)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.Encode(f)
		if string(got) != want.String() {
			t.Errorf("brand %q:\n got %s\nwant %s", brand, got, want.Bytes())
		}
	}
}
