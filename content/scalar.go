package content

import (
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// scalarProse builds the prose of a front-matter string scalar; end is
// the end of the front matter. Each text byte maps onto the file byte that
// holds it; folded line breaks and escapes other than \" \\ and \/ have
// no file byte of their own and map to the next mapped byte.
func scalarProse(src *Source, s keptScalar, end int) Prose {
	spans, ok := scalarSpans(src.Data, s.off, end, s.style, s.value)
	if !ok {
		spans = []Span{{TextOff: len(s.value), FileOff: s.off}}
	}
	return NewProse(src, s.path, FieldText, 0, s.value, spans)
}

type scalarMode int

const (
	modePlain scalarMode = iota
	modeSingle
	modeDouble
)

// scalarSpans aligns the text v of a scalar written in style with its
// bytes in data, starting at the node's offset. It follows YAML's folding
// and quoting rules loosely and never maps a text byte to a different file
// byte: ok is false when the two cannot be aligned.
func scalarSpans(data []byte, start, end int, style yaml.Style, v string) (spans []Span, ok bool) {
	if start < 0 || end > len(data) || start > end {
		return nil, false
	}
	f := start
	// Skip a tag (!!str) and an anchor (&name) in front of the value.
	for f < end && (data[f] == '!' || data[f] == '&') {
		for f < end && data[f] != ' ' && data[f] != '\t' && data[f] != '\n' && data[f] != '\r' {
			f++
		}
		for f < end && (data[f] == ' ' || data[f] == '\t') {
			f++
		}
	}
	mode := modePlain
	switch {
	case style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		for f < end && data[f] != '\n' {
			f++
		}
		f++
	case style&yaml.SingleQuotedStyle != 0:
		if f >= end || data[f] != '\'' {
			return nil, false
		}
		f++
	case style&yaml.DoubleQuotedStyle != 0:
		if f >= end || data[f] != '"' {
			return nil, false
		}
		f++
	}
	if style&yaml.SingleQuotedStyle != 0 {
		mode = modeSingle
	} else if style&yaml.DoubleQuotedStyle != 0 {
		mode = modeDouble
	}
	emit := func(t, f, l int) {
		if k := len(spans) - 1; k >= 0 && spans[k].TextOff+spans[k].Len == t && spans[k].FileOff+spans[k].Len == f {
			spans[k].Len += l
			return
		}
		spans = append(spans, Span{TextOff: t, FileOff: f, Len: l})
	}
	t := 0
	for t < len(v) {
		if f >= end {
			return nil, false
		}
		c := data[f]
		switch {
		case mode == modeSingle && c == '\'':
			if f+1 < end && data[f+1] == '\'' && v[t] == '\'' {
				emit(t, f, 1)
				t, f = t+1, f+2
				continue
			}
			return nil, false
		case mode == modeDouble && c == '"':
			return nil, false
		case mode == modeDouble && c == '\\':
			if f+1 >= end {
				return nil, false
			}
			e := data[f+1]
			switch e {
			case '\n', '\r':
				f += 2
				if e == '\r' && f < end && data[f] == '\n' {
					f++
				}
				for f < end && (data[f] == ' ' || data[f] == '\t') {
					f++
				}
				continue
			case '"', '\\', '/', ' ', '\t':
				if v[t] != e {
					return nil, false
				}
				emit(t, f+1, 1)
				t, f = t+1, f+2
				continue
			}
			dec, size := yamlEscape(data[f:end])
			if size == 0 || len(v)-t < len(dec) || v[t:t+len(dec)] != dec {
				return nil, false
			}
			t, f = t+len(dec), f+size
			continue
		}
		switch {
		case v[t] == c:
			emit(t, f, 1)
			t, f = t+1, f+1
		case c == '\n':
			// A line break in the file: the next line's indentation is
			// not part of the value either.
			f++
			for f < end && (data[f] == ' ' || data[f] == '\t') {
				f++
			}
		case c == ' ' || c == '\t' || c == '\r':
			f++
		case v[t] == ' ' || v[t] == '\n':
			t++
		default:
			return nil, false
		}
	}
	return spans, true
}

// yamlEscapes are the one-letter escapes of double-quoted YAML.
var yamlEscapes = map[byte]string{
	'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", 'n': "\n", 'v': "\v",
	'f': "\f", 'r': "\r", 'e': "\x1b", 'N': "\u0085", '_': "\u00a0",
	'L': "\u2028", 'P': "\u2029",
}

// yamlEscapeDigits are the numeric escapes and their number of hex digits.
var yamlEscapeDigits = map[byte]int{'x': 2, 'u': 4, 'U': 8}

// yamlEscape decodes the double-quoted escape at the start of b (which
// begins with a backslash), returning the text and the escape's length in
// bytes, or size 0 when it is not a valid escape.
func yamlEscape(b []byte) (string, int) {
	if len(b) < 2 {
		return "", 0
	}
	if s, ok := yamlEscapes[b[1]]; ok {
		return s, 2
	}
	digits := yamlEscapeDigits[b[1]]
	if digits == 0 || len(b) < 2+digits {
		return "", 0
	}
	r, err := strconv.ParseUint(string(b[2:2+digits]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(r)) {
		return "", 0
	}
	return string(rune(r)), 2 + digits
}
