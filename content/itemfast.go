package content

import (
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// The reflecting decoder walks yaml.Node trees and reports every problem
// it meets. Most front matter has none, and for that front matter
// fastItem fills the Item straight from parseFastYAML's tree: the same
// fields, the same positions and the same prose, with no yaml.Node and no
// reflection. It gives up at the first thing the reflecting decoder would
// report (an unknown or repeated key, a value of the wrong type) and
// decodeItem then decodes the document the slow way, findings and all.
// FuzzFastItem holds the two paths to the same result.

// maxFastPairs bounds a mapping fastItem reads; it looks for repeated keys
// pair by pair.
const maxFastPairs = 32

// indexPaths are the paths of the first list entries, made once.
var indexPaths = func() [2][16]string {
	var p [2][16]string
	for i := range p[0] {
		p[0][i] = "tags[" + strconv.Itoa(i) + "]"
		p[1][i] = "channels[" + strconv.Itoa(i) + "]"
	}
	return p
}()

// fastItem decodes doc into it and reports whether it could. base is the
// file offset of the document. On false, it and d hold a partial decoding
// for the caller to drop.
func (d *decoder) fastItem(doc *fastYAML, it *Item, base int) bool {
	if len(doc.nodes) >= nodeBudget {
		return false
	}
	f := fastDecoder{d: d, doc: doc, base: base}
	scalars := []fastField{{"id", "id", &it.ID, nil}, {"type", "type", &it.Type, nil}, {"title", "title", &it.Title, nil},
		{"summary", "summary", &it.Summary, nil}, {"locale", "locale", &it.Locale, nil},
		{"publish", "publish", nil, &it.Publish}, {"expire", "expire", nil, &it.Expire}}
	return f.mapping(0, func(key string, v int32) bool {
		switch key {
		case "tags":
			return f.list(v, "tags", &indexPaths[0], &it.Tags)
		case "channels":
			return f.list(v, "channels", &indexPaths[1], &it.Channels)
		case "offer":
			return object(&f, v, "offer", &it.Offer, func(o *Offer) []fastField {
				return []fastField{{"price", "offer.price", &o.Price, nil}, {"currency", "offer.currency", &o.Currency, nil},
					{"was", "offer.was", &o.Was, nil}, {"code", "offer.code", &o.Code, nil}, {"ends", "offer.ends", nil, &o.Ends}}
			})
		case "cta":
			return object(&f, v, "cta", &it.CTA, func(o *CTA) []fastField {
				return []fastField{{"label", "cta.label", &o.Label, nil}, {"url", "cta.url", &o.URL, nil}}
			})
		case "image":
			return object(&f, v, "image", &it.Image, func(o *Image) []fastField {
				return []fastField{{"src", "image.src", &o.Src, nil}, {"alt", "image.alt", &o.Alt, nil}}
			})
		case "event":
			return object(&f, v, "event", &it.Event, func(o *Event) []fastField {
				return []fastField{{"starts", "event.starts", nil, &o.Starts}, {"ends", "event.ends", nil, &o.Ends}, {"venue", "event.venue", &o.Venue, nil}}
			})
		case "overrides":
			return f.overrides(v, &it.Overrides)
		}
		return f.field(scalars, key, v)
	})
}

// fastDecoder is one run of fastItem.
type fastDecoder struct {
	d    *decoder
	doc  *fastYAML
	base int
}

// record notes where node v, the value at path, starts, as the reflecting
// decoder does for every value it meets, null or not. It returns the node.
func (f *fastDecoder) record(v int32, path string) *fastNode {
	n := &f.doc.nodes[v]
	f.d.record(path, f.base+int(n.off))
	return n
}

// mapping calls each with every key and value node of mapping v in order,
// and fails when v is not a mapping, holds a key twice or each fails.
func (f *fastDecoder) mapping(v int32, each func(key string, v int32) bool) bool {
	n := &f.doc.nodes[v]
	if n.kind != yaml.MappingNode || n.n > 2*maxFastPairs {
		return false
	}
	kv := f.doc.kidsOf(n)
	for i := 0; i < len(kv); i += 2 {
		key := f.doc.nodes[kv[i]].value
		for j := 0; j < i; j += 2 {
			if f.doc.nodes[kv[j]].value == key {
				return false
			}
		}
		if !each(key, kv[i+1]) {
			return false
		}
	}
	return true
}

// scalar records v at path and returns its text, with null false when it
// is null, or ok false when it is not a scalar.
func (f *fastDecoder) scalar(v int32, path string) (n *fastNode, null, ok bool) {
	n = f.record(v, path)
	if n.null() {
		return n, true, true
	}
	return n, false, n.kind == yaml.ScalarNode
}

// str decodes a string, and keeps it when it is one frontProse reads.
func (f *fastDecoder) str(v int32, path string, dst *string) bool {
	n, null, ok := f.scalar(v, path)
	if ok && !null {
		*dst = n.value
		if isProsePath(path) {
			f.d.nodes = append(f.d.nodes, keptScalar{path: path, value: n.value, style: n.style, off: f.base + int(n.off)})
		}
	}
	return ok
}

// date decodes a date or time.
func (f *fastDecoder) date(v int32, path string, dst **time.Time) bool {
	n, null, ok := f.scalar(v, path)
	if !ok || null {
		return ok
	}
	t, ok := parseTime(n.value)
	if ok {
		*dst = &t
	}
	return ok
}

// list decodes a list of strings; paths holds the paths of its first
// entries.
func (f *fastDecoder) list(v int32, path string, paths *[16]string, dst *[]string) bool {
	n := f.record(v, path)
	if n.null() {
		return true
	}
	if n.kind != yaml.SequenceNode {
		return false
	}
	kids := f.doc.kidsOf(n)
	list := make([]string, len(kids))
	for i, k := range kids {
		p := path + "[" + strconv.Itoa(i) + "]"
		if i < len(paths) {
			p = paths[i]
		}
		if !f.str(k, p, &list[i]) {
			return false
		}
	}
	*dst = list
	return true
}

// fastField is a key of a struct and where its value goes: a string or a
// date.
type fastField struct {
	key, path string
	str       *string
	date      **time.Time
}

// object decodes the mapping v at path into a new *T whose keys are the
// fields fields returns; a null leaves *dst nil.
func object[T any](f *fastDecoder, v int32, path string, dst **T, fields func(o *T) []fastField) bool {
	if f.record(v, path).null() {
		return true
	}
	o := new(T)
	*dst = o
	known := fields(o)
	return f.mapping(v, func(key string, v int32) bool { return f.field(known, key, v) })
}

// field decodes the value v of key, one of known; any other key fails.
func (f *fastDecoder) field(known []fastField, key string, v int32) bool {
	for _, k := range known {
		switch {
		case k.key != key:
		case k.str != nil:
			return f.str(v, k.path, k.str)
		default:
			return f.date(v, k.path, k.date)
		}
	}
	return false
}

// overrides decodes the per-channel texts. Channel names must be known
// (when the decoder knows channels) and hold no '.', which would make
// their paths ambiguous.
func (f *fastDecoder) overrides(v int32, dst *map[string]Overrides) bool {
	n := f.record(v, "overrides")
	if n.null() {
		return true
	}
	if n.kind != yaml.MappingNode {
		return false
	}
	m := make(map[string]Overrides, n.n/2)
	*dst = m
	return f.mapping(v, func(ch string, v int32) bool {
		if strings.Contains(ch, ".") || (f.d.channels != nil && !contains(f.d.channels, ch)) {
			return false
		}
		path := "overrides." + ch
		n := f.record(v, path)
		if n.null() {
			m[ch] = nil
			return true
		}
		if n.kind != yaml.MappingNode {
			return false
		}
		o := make(Overrides, n.n/2)
		m[ch] = o
		return f.mapping(v, func(field string, v int32) bool {
			if !contains(overrideFields, field) {
				return false
			}
			p := path + "." + field
			var text string
			if !f.str(v, p, &text) {
				return false
			}
			o[field] = text
			if !f.doc.nodes[v].null() {
				f.d.overrides = append(f.d.overrides, p)
			}
			return true
		})
	})
}
