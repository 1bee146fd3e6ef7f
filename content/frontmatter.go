package content

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// frontMatter is where the YAML front matter sits in a file.
type frontMatter struct {
	yamlStart, yamlEnd int // the YAML bytes, between the two "---" lines
	bodyStart          int // the first byte after the closing line
	lineOff            int // file line of the YAML's first line, minus one
}

// splitFrontMatter finds the front matter: a line "---" at the very start
// (after an optional UTF-8 byte order mark), the YAML, and a closing line
// "---" (or "..."). Lines may end in CRLF. problem explains a missing or
// unclosed block.
func splitFrontMatter(data []byte) (fm frontMatter, problem string) {
	i := 0
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		i = 3
	}
	line, next := lineAt(data, i)
	if string(bytes.TrimRight(line, " \t")) != "---" {
		return fm, `missing front matter: the file must start with a line "---", the YAML fields, and a closing "---"`
	}
	fm.yamlStart, fm.lineOff = next, 1
	for p := next; p < len(data); {
		line, n := lineAt(data, p)
		if t := bytes.TrimRight(line, " \t"); string(t) == "---" || string(t) == "..." {
			fm.yamlEnd, fm.bodyStart = p, n
			return fm, ""
		}
		p = n
	}
	return fm, `front matter is not closed: add a line "---" after the YAML fields`
}

// lineAt returns the line starting at i without its line end, and the
// offset of the next line.
func lineAt(data []byte, i int) (line []byte, next int) {
	j := bytes.IndexByte(data[i:], '\n')
	if j < 0 {
		return bytes.TrimSuffix(data[i:], []byte("\r")), len(data)
	}
	return bytes.TrimSuffix(data[i:i+j], []byte("\r")), i + j + 1
}

// checkBytes reports a binary file (a NUL byte) at 1:1 or the first byte
// that is not UTF-8 at its exact place.
func checkBytes(src *Source) *Finding {
	if bytes.IndexByte(src.Data, 0) >= 0 {
		return &Finding{Pos: src.Pos(0), Rule: "file.binary", Message: "binary file: content files must be UTF-8 text (found a NUL byte)"}
	}
	if utf8.Valid(src.Data) {
		return nil
	}
	for off := 0; off < len(src.Data); {
		r, n := utf8.DecodeRune(src.Data[off:])
		if r == utf8.RuneError && n <= 1 {
			return &Finding{Pos: src.Pos(off), Rule: "file.utf8", Message: fmt.Sprintf("invalid UTF-8: byte 0x%02X does not start a valid character; save the file as UTF-8", src.Data[off])}
		}
		off += n
	}
	return nil
}

// parserProblems are the yaml.v3 parser (not scanner) error texts, whose
// "line N" counts from zero.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

var yamlErrLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// parseYAML decodes the YAML bytes into a node tree. A syntax error comes
// back as a finding on the line yaml.v3 names.
func parseYAML(src *Source, data []byte, lineOff int) (root *yaml.Node, f *Finding) {
	if doc, ok := parseFastYAML(data); ok {
		defer doc.release()
		return doc.yamlNode(), nil
	}
	return slowYAML(src, data, lineOff)
}

// slowYAML is parseYAML by yaml.v3 alone.
func slowYAML(src *Source, data []byte, lineOff int) (root *yaml.Node, f *Finding) {
	var doc yaml.Node
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("yaml: %v", r)
			}
		}()
		return yaml.Unmarshal(data, &doc)
	}()
	if err != nil {
		return nil, yamlFinding(src, err, lineOff)
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		return doc.Content[0], nil
	}
	return nil, nil
}

// yamlFinding places a yaml.v3 error ("yaml: line 3: ...") on its line.
func yamlFinding(src *Source, err error, lineOff int) *Finding {
	msg := err.Error()
	line := 1
	for _, part := range strings.Split(msg, "\n") {
		if m := yamlErrLine.FindStringSubmatch(strings.TrimSpace(part)); m != nil {
			if n, e := strconv.Atoi(m[1]); e == nil {
				line = n
				break
			}
		}
	}
	msg = yamlErrLine.ReplaceAllString(strings.TrimPrefix(msg, "yaml: "), "")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	if parserProblems[strings.TrimSpace(msg)] {
		line++ // yaml.v3 names a parser error's line counting from zero
	}
	msg = strings.TrimSpace(msg)
	line = min(max(line+lineOff, 1), src.LineCount())
	first := max(lineOff+1, 1) // the front matter's first line
	return &Finding{Pos: src.Pos(yamlProblemAt(src, line, first, msg)), Rule: "yaml.syntax", Message: "YAML syntax: " + msg}
}

// yamlProblemAt finds the byte offset a yaml.v3 syntax error is about,
// near line (the one yaml.v3 names, which is often the line after the
// mistake): the bracket left open, the tab, the colon that starts an
// impossible mapping, or else the first character of the line. first is
// the earliest line to look back to.
func yamlProblemAt(src *Source, line, first int, msg string) int {
	text := func(l int) []byte {
		start := src.Offset(l, 1)
		if start < 0 {
			return nil
		}
		end := bytes.IndexByte(src.Data[start:], '\n')
		if end < 0 {
			end = len(src.Data) - start
		}
		return src.Data[start : start+end]
	}
	switch {
	case strings.HasSuffix(msg, "or ']'"), strings.HasSuffix(msg, "or '}'"):
		open, shut := byte('['), byte(']')
		if strings.HasSuffix(msg, "'}'") {
			open, shut = '{', '}'
		}
		depth := 0
		for l := line; l >= first && l > line-50; l-- {
			t := text(l)
			for i := len(t) - 1; i >= 0; i-- {
				switch t[i] {
				case shut:
					depth++
				case open:
					if depth == 0 {
						return src.Offset(l, 1) + i
					}
					depth--
				}
			}
		}
	case strings.Contains(msg, "tab character"):
		for l := line; l <= line+1 && l <= src.LineCount(); l++ {
			if i := bytes.IndexByte(text(l), '\t'); i >= 0 {
				return src.Offset(l, 1) + i
			}
		}
	case strings.HasPrefix(msg, "mapping values are not allowed"):
		t := text(line)
		if i := bytes.Index(t, []byte(": ")); i >= 0 {
			if j := bytes.Index(t[i+2:], []byte(": ")); j >= 0 {
				return src.Offset(line, 1) + i + 2 + j
			}
		}
		if i := bytes.LastIndexByte(t, ':'); i >= 0 {
			return src.Offset(line, 1) + i
		}
	}
	t := text(line)
	indent := len(t) - len(bytes.TrimLeft(t, " \t"))
	return src.Offset(line, 1) + indent
}

// decodeItem decodes and validates the front matter of src into an Item.
// The findings are schema and YAML problems; the item comes back even
// when there are some, for the caller to drop.
func decodeItem(src *Source, fm frontMatter, channels []string) (*Item, []Finding) {
	it, fs, _ := decodeItemVia(src, fm, channels, true)
	return it, fs
}

// decodeItemVia is decodeItem; tryFast lets fastItem decode, and direct
// says whether it did.
func decodeItemVia(src *Source, fm frontMatter, channels []string, tryFast bool) (it *Item, fs []Finding, direct bool) {
	fresh := Item{File: src.Path, Src: src, BodyOffset: fm.bodyStart}
	it = &Item{}
	*it = fresh
	data := src.Data[fm.yamlStart:fm.yamlEnd]
	doc, fast := parseFastYAML(data)
	if fast {
		defer doc.release()
	}
	var d *decoder
	if fast && tryFast {
		// The fast decoder knows how many values it will record.
		d = newDecoder(src, fm.lineOff, channels)
		d.list = make([]FieldOffset, 0, len(doc.nodes)-doc.keys-1)
		d.nodes = make([]keptScalar, 0, len(proseFields)+4)
		if !d.fastItem(doc, it, fm.yamlStart) {
			d, *it = nil, fresh // the slow way starts over
		}
	}
	if d == nil {
		var root *yaml.Node
		if fast {
			root = doc.yamlNode()
		} else if r, yf := slowYAML(src, data, fm.lineOff); yf != nil {
			return it, []Finding{*yf}, false
		} else {
			root = r
		}
		d = newDecoder(src, fm.lineOff, channels)
		d.keepNodes = true
		if root != nil {
			d.decode(root, reflect.ValueOf(it).Elem(), "")
		}
		if d.bad[""] {
			return it, d.findings, false // not a mapping: nothing more to say
		}
	} else {
		direct = true
	}
	it.Fields = d.fieldList() // sorted for the look-ups below
	d.checkChannels("channels", it.Channels)
	d.validateStruct(it, src.Pos(0))
	crossCheck(d, it)
	if len(d.findings) == 0 {
		it.Prose = frontProse(src, fm, d)
		for _, l := range []struct {
			path, url string
			image     bool
		}{{"cta.url", ctaURL(it), false}, {"image.src", imageSrc(it), true}} {
			if l.url != "" {
				it.Links = append(it.Links, Link{URL: l.url, Pos: it.FieldPos(l.path), Field: l.path, Image: l.image})
			}
		}
	}
	return it, d.findings, direct
}

func ctaURL(it *Item) string {
	if it.CTA == nil {
		return ""
	}
	return it.CTA.URL
}

func imageSrc(it *Item) string {
	if it.Image == nil {
		return ""
	}
	return it.Image.Src
}

// crossCheck applies the rules that tie fields together.
func crossCheck(d *decoder, it *Item) {
	add := func(path, msg string) {
		d.findings = append(d.findings, Finding{Pos: d.nearest(path, d.src.Pos(0)), Rule: "schema." + path, Message: msg})
	}
	if it.Publish != nil && it.Expire != nil && !it.Expire.After(*it.Publish) {
		add("expire", fmt.Sprintf("expire (%s) must be after publish (%s)", showTime(*it.Expire), showTime(*it.Publish)))
	}
	switch it.Type {
	case "promotion", "product":
		if it.Offer == nil && !d.bad["offer"] {
			d.findings = append(d.findings, Finding{Pos: d.nearest("type", d.src.Pos(0)), Rule: "schema.offer",
				Message: fmt.Sprintf("a %s needs an offer with a price and a currency", it.Type)})
		}
	case "event":
		if it.Event == nil && !d.bad["event"] {
			d.findings = append(d.findings, Finding{Pos: d.nearest("type", d.src.Pos(0)), Rule: "schema.event",
				Message: "an event needs event.starts"})
		}
	}
	if o := it.Offer; o != nil && o.Was != "" && IsDecimal(o.Was) && IsDecimal(o.Price) && CompareDecimal(o.Was, o.Price) <= 0 {
		add("offer.was", fmt.Sprintf("offer.was (%s) must be more than offer.price (%s)", o.Was, o.Price))
	}
	if e := it.Event; e != nil && e.Starts != nil && e.Ends != nil && !e.Ends.After(*e.Starts) {
		add("event.ends", fmt.Sprintf("event.ends (%s) must be after event.starts (%s)", showTime(*e.Ends), showTime(*e.Starts)))
	}
}

// showTime prints a date alone when it has no time of day.
func showTime(t time.Time) string {
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// proseFields are the front-matter strings readers see, in prose order;
// overrides follow in file order.
var proseFields = []string{"title", "summary", "cta.label", "image.alt", "event.venue"}

// isProsePath reports whether the string at path is one frontProse reads:
// a prose field or an override's text. The decoders keep only these.
func isProsePath(path string) bool {
	return contains(proseFields, path) || strings.HasPrefix(path, "overrides.")
}

// frontProse builds the prose of the front-matter strings.
func frontProse(src *Source, fm frontMatter, d *decoder) []Prose {
	var out []Prose
	if n := min(len(d.nodes), len(proseFields)+len(d.overrides)); n > 0 {
		out = make([]Prose, 0, n)
	}
	add := func(path string) {
		if s, ok := d.node(path); ok && s.value != "" {
			out = append(out, scalarProse(src, s, fm.yamlEnd))
		}
	}
	for _, p := range proseFields {
		add(p)
	}
	for _, p := range d.overrides {
		add(p)
	}
	return out
}
