package content

import (
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
)

// Item types, the values of the front-matter key `type`.
var Types = []string{"promotion", "product", "article", "announcement", "event", "faq"}

// Item is one canonical piece of content: a Markdown file with YAML front
// matter. The exported YAML fields are a contract with writers.
type Item struct {
	ID        string               `yaml:"id" validate:"required,slug"`
	Type      string               `yaml:"type" validate:"required,oneof=promotion product article announcement event faq"`
	Title     string               `yaml:"title" validate:"required"`
	Summary   string               `yaml:"summary" validate:"required"`
	Locale    string               `yaml:"locale" validate:"omitempty,locale"`
	Publish   *time.Time           `yaml:"publish"`
	Expire    *time.Time           `yaml:"expire"`
	Tags      []string             `yaml:"tags" validate:"dive,required"`
	Channels  []string             `yaml:"channels"`
	Offer     *Offer               `yaml:"offer"`
	CTA       *CTA                 `yaml:"cta"`
	Image     *Image               `yaml:"image"`
	Event     *Event               `yaml:"event"`
	Overrides map[string]Overrides `yaml:"overrides"`

	// The fields below are not front matter: YAML and the validator skip
	// them (without validate:"-" the validator walks each item's source).

	// File is the item's path relative to the workspace root, with '/'.
	File string `yaml:"-" validate:"-"`
	// Src is the whole file; positions and fixes refer to it.
	Src *Source `yaml:"-" validate:"-"`
	// BodyOffset is the byte offset in Src where the Markdown body starts.
	BodyOffset int `yaml:"-" validate:"-"`
	// Doc is the parsed Markdown body (GFM). Segments are relative to Body().
	Doc ast.Node `yaml:"-" validate:"-"`
	// Prose lists every block of reader-visible text: front-matter fields
	// first (title, summary, cta.label, image.alt, overrides.*), then the
	// body in document order.
	Prose []Prose `yaml:"-" validate:"-"`
	// Links lists every link destination in the item: body links, images,
	// autolinks and bare URLs, cta.url and image.src.
	Links []Link `yaml:"-" validate:"-"`
	// Fields says where each front-matter value starts, by path
	// ("offer.price", "overrides.x.text", "tags[0]"), sorted by path.
	// FieldPos reads it.
	Fields []FieldOffset `yaml:"-" validate:"-"`
	// Suppress holds the inline chorus-disable switches of the body.
	Suppress []Suppression `yaml:"-" validate:"-"`
	// Channels resolved: the item's own list or the workspace default.
	Resolved []string `yaml:"-" validate:"-"`

	// idPos is where the id stands once Shed has dropped Fields.
	idPos Position
}

// Offer is a price and its terms. Prices are decimal strings so that no
// float ever rounds a price.
type Offer struct {
	Price    string     `yaml:"price" validate:"required,decimal"`
	Currency string     `yaml:"currency" validate:"required,iso4217"`
	Was      string     `yaml:"was" validate:"omitempty,decimal"`
	Code     string     `yaml:"code" validate:"omitempty,promocode"`
	Ends     *time.Time `yaml:"ends"`
}

// CTA is the call to action: what the reader is asked to do and where.
type CTA struct {
	Label string `yaml:"label" validate:"required"`
	URL   string `yaml:"url" validate:"required,url"`
}

// Image is the item's lead image. Alt text is required: every channel that
// shows the image must be able to describe it.
type Image struct {
	Src string `yaml:"src" validate:"required"`
	Alt string `yaml:"alt" validate:"required"`
}

// Event holds the when and where of an event item.
type Event struct {
	Starts *time.Time `yaml:"starts" validate:"required"`
	Ends   *time.Time `yaml:"ends"`
	Venue  string     `yaml:"venue"`
}

// Overrides is hand-written text for one channel, keyed by field name
// ("text", "subject", "preheader", "title", "body"). It is checked exactly
// like the source.
type Overrides map[string]string

// FieldOffset is where the value of one front-matter path starts: a byte
// offset in the item's Src.
type FieldOffset struct {
	Path   string
	Offset int
}

// Link is a link destination found in an item.
type Link struct {
	URL   string
	Pos   Position
	Field string // "body", "cta.url", "image.src"
	Image bool
}

// Suppression switches rules off for a range of lines in an item's file.
// An empty Rules list switches every rule off. A rule id also matches the
// rules below it: "terms" covers "terms.email".
type Suppression struct {
	Rules    []string
	FromLine int // inclusive
	ToLine   int // inclusive; 0 means to the end of the file
}

// Body returns the Markdown body bytes.
func (it *Item) Body() []byte {
	if it.Src == nil {
		return nil
	}
	return it.Src.Data[it.BodyOffset:]
}

// Shed drops what an item no longer needs once it has been checked and
// only findings about it remain to be reported: it keeps its id, locale,
// file, inline switches and the position of its id (for FieldPos), and its
// source only when keepSource is set. A large workspace checked as it
// loads (see Options.Visit) then holds a few hundred bytes an item.
// Without keepSource, such a load reuses the file's bytes for another
// file: slices of Src.Data or Body() taken before must not be kept.
func (it *Item) Shed(keepSource bool) {
	// The id and locale are cut from the front matter's text: copied,
	// they let it go.
	kept := Item{ID: strings.Clone(it.ID), Locale: strings.Clone(it.Locale), File: it.File, Suppress: it.Suppress}
	kept.idPos = it.FieldPos("id")
	if keepSource {
		kept.Src, kept.BodyOffset = it.Src, it.BodyOffset
	}
	*it = kept
}

// Key identifies an item across the workspace: id and locale.
func (it *Item) Key() string { return it.ID + "@" + it.Locale }

// FieldPos returns the position of a front-matter value, or the start of
// the file when the field is absent.
func (it *Item) FieldPos(path string) Position {
	if off, ok := findField(it.Fields, path); ok && it.Src != nil {
		return it.Src.Pos(off)
	}
	if path == "id" && it.idPos.File != "" {
		return it.idPos
	}
	return Position{File: it.File, Line: 1, Column: 1, Offset: 0}
}

// Suppressed reports whether rule is switched off at line by an inline
// switch.
func (it *Item) Suppressed(rule string, line int) bool {
	for _, s := range it.Suppress {
		if line < s.FromLine || (s.ToLine != 0 && line > s.ToLine) {
			continue
		}
		if len(s.Rules) == 0 {
			return true
		}
		for _, r := range s.Rules {
			if r == rule || (len(rule) > len(r) && rule[:len(r)] == r && rule[len(r)] == '.') {
				return true
			}
		}
	}
	return false
}

// PublishedAt reports whether the item's publishing window is open at t.
func (it *Item) PublishedAt(t time.Time) bool {
	if it.Publish != nil && t.Before(*it.Publish) {
		return false
	}
	if it.Expire != nil && !t.Before(*it.Expire) {
		return false
	}
	return true
}
