package adapters

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/content"
)

// mediaTypes gives a variant without a media type one from its Ext. The
// table is fixed rather than mime.TypeByExtension, which reads the
// machine's own files and could make builds differ.
var mediaTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".eml":  "message/rfc822",
	".ssml": "application/ssml+xml",
	".svg":  "image/svg+xml",
	".json": "application/json",
}

// Finish fills in the envelope fields every variant shares and computes
// Version. From the item it sets id, type, locale (the workspace default
// when the item has none), publish and expire (in UTC); it keeps
// v.Channel; it sets media_type from Ext when empty; nil fields and
// metrics become empty maps. Facts are the adapter's to set, restricted
// to what the variant states, and Finish leaves them as they are: a
// variant that states no fact has none. Version is then the first 16
// hex digits of the SHA-256 of the variant's canonical JSON with version
// empty, so equal variants get equal versions on every machine; it stays
// "" when the variant cannot be encoded (a field holding a func or a
// channel). Finish returns v, and a nil v gives nil.
func Finish(in *Input, v *Variant) *Variant {
	if v == nil {
		return nil
	}
	if in != nil && in.Item != nil {
		it := in.Item
		v.ID, v.Type, v.Locale = it.ID, it.Type, it.Locale
		if v.Locale == "" && in.Config != nil {
			v.Locale = in.Config.DefaultLocale
		}
		v.Publish, v.Expire = utc(it.Publish), utc(it.Expire)
	}
	if v.MediaType == "" {
		v.MediaType = mediaTypes[v.Ext]
	}
	if v.Metrics == nil {
		v.Metrics = map[string]any{}
	}
	if v.Fields == nil {
		v.Fields = map[string]any{}
	}
	v.Version = ""
	bp := hashBuffers.Get().(*[]byte)
	w := jsonWriter{buf: (*bp)[:0]}
	w.variant(v)
	if w.err == nil {
		sum := sha256.Sum256(append(w.buf, '\n'))
		v.Version = hex.EncodeToString(sum[:8])
	}
	if cap(w.buf) <= maxHashBuffer {
		*bp = w.buf
		hashBuffers.Put(bp)
	}
	return v
}

// hashBuffers are the scratch buffers Finish encodes a variant into to
// hash it; one grown past maxHashBuffer is left to the collector.
var hashBuffers = sync.Pool{New: func() any { return new([]byte) }}

const maxHashBuffer = 1 << 20

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// MarshalVariant returns the variant's envelope as `chorus build` writes
// it: JSON indented by two spaces, map keys sorted, HTML left unescaped,
// and a trailing newline. The same variant always gives the same bytes.
func MarshalVariant(v *Variant) ([]byte, error) {
	if v == nil {
		return []byte("null\n"), nil
	}
	return encodeVariant(make([]byte, 0, envelopeSize(v)), v, "  ")
}

// AppendJSON appends v as json.Marshal writes it, HTML-safe escaping
// included, without reflection for the values adapters build documents
// of: maps of string keys, lists, strings, integers and booleans. Any
// other value goes through encoding/json. On error it returns dst as it
// was.
func AppendJSON(dst []byte, v any) ([]byte, error) {
	w := jsonWriter{buf: dst, html: true}
	w.value(v)
	if w.err != nil {
		return dst, w.err
	}
	return w.buf, nil
}

// AppendVariant appends the envelope MarshalVariant returns to dst, so
// that a caller writing many envelopes can reuse one buffer. On error it
// returns dst as it was.
func AppendVariant(dst []byte, v *Variant) ([]byte, error) {
	if v == nil {
		return append(dst, "null\n"...), nil
	}
	return encodeVariant(dst, v, "  ")
}

// encodeVariant appends v to dst as encoding/json's Encoder writes it
// with HTML escaping off and the given indent ("" for compact), trailing
// newline included, in one pass: the envelope and the maps, strings,
// numbers and string lists adapters put in fields and metrics are written
// directly; any other value goes through encoding/json. On error it
// returns dst as it was.
func encodeVariant(dst []byte, v *Variant, indent string) ([]byte, error) {
	w := jsonWriter{indent: indent, buf: dst}
	w.variant(v)
	if w.err != nil {
		return dst, w.err
	}
	return append(w.buf, '\n'), nil
}

// envelopeSize guesses the encoded size of v, so that the buffer rarely
// grows: the body twice over for any HTML copy in the fields, plus room
// for the rest.
func envelopeSize(v *Variant) int {
	return 2*len(v.Body) + 2048
}

// jsonWriter appends JSON to buf; the first error stops it.
type jsonWriter struct {
	buf    []byte
	indent string
	html   bool // escape '<', '>' and '&' in strings, as json.Marshal does
	depth  int
	err    error
}

func (w *jsonWriter) variant(v *Variant) {
	w.buf = append(w.buf, '{')
	w.depth++
	w.stringField(true, "id", v.ID)
	w.stringField(false, "type", v.Type)
	w.stringField(false, "locale", v.Locale)
	w.stringField(false, "channel", v.Channel)
	w.stringField(false, "media_type", v.MediaType)
	w.stringField(false, "version", v.Version)
	w.key(false, "fields")
	w.anyMap(v.Fields)
	w.stringField(false, "body", v.Body)
	w.key(false, "metrics")
	w.anyMap(v.Metrics)
	w.key(false, "facts")
	w.facts(v.Facts)
	if v.Publish != nil {
		w.key(false, "publish")
		w.time(v.Publish)
	}
	if v.Expire != nil {
		w.key(false, "expire")
		w.time(v.Expire)
	}
	w.depth--
	w.newline()
	w.buf = append(w.buf, '}')
}

func (w *jsonWriter) facts(f content.Facts) {
	w.buf = append(w.buf, '{')
	w.depth++
	first := true
	for _, kv := range [...][2]string{
		{"price", f.Price}, {"currency", f.Currency}, {"was", f.Was}, {"code", f.Code},
		{"starts", f.Starts}, {"ends", f.Ends}, {"url", f.URL},
	} {
		if kv[1] != "" {
			w.stringField(first, kv[0], kv[1])
			first = false
		}
	}
	w.depth--
	if !first {
		w.newline()
	}
	w.buf = append(w.buf, '}')
}

func (w *jsonWriter) time(t *time.Time) {
	b, err := t.MarshalJSON()
	if err != nil {
		w.fail(err)
		return
	}
	w.buf = append(w.buf, b...)
}

// newline starts a line at the current depth; compact JSON has none.
func (w *jsonWriter) newline() {
	if w.indent == "" {
		return
	}
	w.buf = append(w.buf, '\n')
	for range w.depth {
		w.buf = append(w.buf, w.indent...)
	}
}

// key writes an object member's key, after a comma unless first.
func (w *jsonWriter) key(first bool, k string) {
	if !first {
		w.buf = append(w.buf, ',')
	}
	w.newline()
	w.string(k)
	w.buf = append(w.buf, ':')
	if w.indent != "" {
		w.buf = append(w.buf, ' ')
	}
}

func (w *jsonWriter) stringField(first bool, k, v string) {
	w.key(first, k)
	w.string(v)
}

func (w *jsonWriter) anyMap(m map[string]any) { object(w, m, w.value) }

func (w *jsonWriter) string(s string) { w.buf = AppendJSONString(w.buf, s, w.html) }

// object writes m as a JSON object, keys sorted, each value by value; a
// nil map is null.
func object[V any](w *jsonWriter, m map[string]V, value func(V)) {
	if m == nil {
		w.buf = append(w.buf, "null"...)
		return
	}
	w.buf = append(w.buf, '{')
	w.depth++
	for i, k := range slices.Sorted(maps.Keys(m)) {
		w.key(i == 0, k)
		value(m[k])
	}
	w.depth--
	if len(m) > 0 {
		w.newline()
	}
	w.buf = append(w.buf, '}')
}

func (w *jsonWriter) value(x any) {
	if w.err != nil {
		return
	}
	switch x := x.(type) {
	case nil:
		w.buf = append(w.buf, "null"...)
	case string:
		w.string(x)
	case int:
		w.buf = strconv.AppendInt(w.buf, int64(x), 10)
	case int64:
		w.buf = strconv.AppendInt(w.buf, x, 10)
	case bool:
		w.buf = strconv.AppendBool(w.buf, x)
	case map[string]any:
		w.anyMap(x)
	case map[string]string:
		object(w, x, w.string)
	case []string:
		if x == nil {
			w.buf = append(w.buf, "null"...)
			return
		}
		w.list(len(x), func(i int) { w.string(x[i]) })
	case []any:
		if x == nil {
			w.buf = append(w.buf, "null"...)
			return
		}
		w.list(len(x), func(i int) { w.value(x[i]) })
	case json.RawMessage:
		w.raw(x)
	default:
		w.other(x)
	}
}

// raw writes JSON already encoded, as encoding/json writes a
// json.RawMessage: compacted, then indented to fit, which json.Compact
// and json.Indent do without reflection. With HTML escaping it takes the
// long way.
func (w *jsonWriter) raw(x json.RawMessage) {
	if w.html || x == nil {
		w.other(x)
		return
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, x); err != nil {
		w.other(x) // encoding/json's own error
		return
	}
	if w.indent == "" {
		w.buf = append(w.buf, compact.Bytes()...)
		return
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact.Bytes(), strings.Repeat(w.indent, w.depth), w.indent); err != nil {
		w.fail(err)
		return
	}
	w.buf = append(w.buf, out.Bytes()...)
}

func (w *jsonWriter) list(n int, item func(i int)) {
	w.buf = append(w.buf, '[')
	w.depth++
	for i := range n {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.newline()
		item(i)
	}
	w.depth--
	if n > 0 {
		w.newline()
	}
	w.buf = append(w.buf, ']')
}

// other encodes any other value with encoding/json, indented to fit.
func (w *jsonWriter) other(x any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(w.html)
	if err := enc.Encode(x); err != nil {
		w.fail(err)
		return
	}
	compact := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	if w.indent == "" {
		w.buf = append(w.buf, compact...)
		return
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact, strings.Repeat(w.indent, w.depth), w.indent); err != nil {
		w.fail(err)
		return
	}
	w.buf = append(w.buf, out.Bytes()...)
}

func (w *jsonWriter) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the bytes a JSON string holds as they are: printable
// ASCII but '"' and '\\'. Other bytes are escaped or, from 0x80 on,
// decoded as UTF-8.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// jsonHTMLSafe is jsonPlain less '<', '>' and '&', which json.Marshal
// escapes.
var jsonHTMLSafe = func() (t [256]bool) {
	t = jsonPlain
	t['<'], t['>'], t['&'] = false, false, false
	return t
}()

// AppendJSONString appends s as a JSON string exactly as encoding/json
// writes it: quotes, backslashes and control characters escaped, invalid
// UTF-8 as U+FFFD, and U+2028 and U+2029 escaped; with escapeHTML also
// '<', '>' and '&', as json.Marshal does, else as an Encoder with
// SetEscapeHTML(false) does.
func AppendJSONString(dst []byte, s string, escapeHTML bool) []byte {
	if escapeHTML {
		return appendJSONStringWith(dst, s, &jsonHTMLSafe)
	}
	return appendJSONStringWith(dst, s, &jsonPlain)
}

// appendJSONStringWith writes the bytes plain marks as they are and
// escapes the rest of ASCII.
func appendJSONStringWith(dst []byte, s string, plain *[256]bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if plain[b] {
			i++
			continue
		}
		if b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		// Whole two- and three-byte sequences (Greek, Chinese...) are
		// written as they are but U+2028 and U+2029 (E2 80 A8, E2 80 A9);
		// 0xE0 and 0xED lead sequences with narrower second bytes and take
		// the long way.
		if b >= 0xC2 && b <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		if b >= 0xE1 && b <= 0xEF && b != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			(b != 0xE2 || s[i+1] != 0x80 || s[i+2]&^1 != 0xA8) {
			i += 3
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// JSONDoc writes a JSON document member by member, in the order the
// caller gives, as json.MarshalIndent(v, "", "  ") writes a struct:
// strings escaped HTML-safe, an object or list that has members across
// lines, an empty one as {} or []. It is the envelope's writer, for an
// adapter whose native body is a document of fixed shape.
type JSONDoc struct{ w jsonWriter }

// NewJSONDoc starts a document appended to dst.
func NewJSONDoc(dst []byte) *JSONDoc {
	return &JSONDoc{w: jsonWriter{buf: dst, indent: "  ", html: true}}
}

// Bytes returns dst with the document appended.
func (d *JSONDoc) Bytes() []byte { return d.w.buf }

// Object writes an object whose members fill writes.
func (d *JSONDoc) Object(fill func(m *JSONMembers)) {
	w := &d.w
	w.buf = append(w.buf, '{')
	w.depth++
	m := JSONMembers{d: d}
	fill(&m)
	w.depth--
	if m.n > 0 {
		w.newline()
	}
	w.buf = append(w.buf, '}')
}

// Strings writes a list of strings; nil is null.
func (d *JSONDoc) Strings(ss []string) { d.w.value(ss) }

// JSONMembers writes the members of one object of a JSONDoc.
type JSONMembers struct {
	d *JSONDoc
	n int // members written so far
}

// Key starts a member; its value is written next, on the JSONDoc.
func (m *JSONMembers) Key(k string) {
	m.d.w.key(m.n == 0, k)
	m.n++
}

// String writes a string member, none when omitEmpty and v is "".
func (m *JSONMembers) String(k, v string, omitEmpty bool) {
	if omitEmpty && v == "" {
		return
	}
	m.Key(k)
	m.d.w.string(v)
}
