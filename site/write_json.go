package site

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"
)

// jsonOut writes JSON by hand, piece by piece, byte for byte as
// encoding/json's Encoder writes it with HTML escaping off: compact, or
// indented by two spaces. The manifest and the JSON feeds are large, and
// building them as values to encode first costs more than writing them.
type jsonOut struct {
	w      *bufio.Writer
	indent bool
	esc    bytes.Buffer  // a string that needs escaping, encoded
	enc    *json.Encoder // encodes into esc
	err    error
}

// str writes s as a JSON string. Strings with nothing to escape, most of
// them, are written as they are; the others go through encoding/json.
func (j *jsonOut) str(s string) {
	if plainJSON(s) {
		j.w.WriteByte('"')
		j.w.WriteString(s)
		j.w.WriteByte('"')
		return
	}
	if j.enc == nil {
		j.enc = json.NewEncoder(&j.esc)
		j.enc.SetEscapeHTML(false)
	}
	j.esc.Reset()
	if err := j.enc.Encode(s); err != nil {
		j.fail(err)
		return
	}
	j.w.Write(bytes.TrimSuffix(j.esc.Bytes(), []byte{'\n'}))
}

// plainJSON reports whether encoding/json writes s between quotes as it
// is: valid UTF-8 without control characters, quotes, backslashes, or
// the line and paragraph separators U+2028 and U+2029.
func plainJSON(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' {
			return false
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	return ascii || utf8.ValidString(s) && !strings.Contains(s, "\u2028") && !strings.Contains(s, "\u2029")
}

// time writes t as time.Time's MarshalJSON does.
func (j *jsonOut) time(t time.Time) {
	b, err := t.MarshalJSON()
	if err != nil {
		j.fail(err)
		return
	}
	j.w.Write(b)
}

func (j *jsonOut) fail(err error) {
	if j.err == nil {
		j.err = err
	}
}

// key starts the member name of an object at depth; first says whether
// it is the object's first member. The name must need no escaping.
func (j *jsonOut) key(depth int, first bool, name string) {
	if !first {
		j.w.WriteByte(',')
	}
	j.newline(depth + 1)
	j.w.WriteByte('"')
	j.w.WriteString(name)
	j.w.WriteString(`":`)
	if j.indent {
		j.w.WriteByte(' ')
	}
}

// stringMember writes the member name: s of an object at depth.
func (j *jsonOut) stringMember(depth int, first bool, name, s string) {
	j.key(depth, first, name)
	j.str(s)
}

// object writes an object at depth with at least one member: members
// writes them with key.
func (j *jsonOut) object(depth int, members func()) {
	j.w.WriteByte('{')
	members()
	j.newline(depth)
	j.w.WriteByte('}')
}

// list writes an array of n elements at depth, item(i) writing each.
func (j *jsonOut) list(depth, n int, item func(i int)) {
	j.w.WriteByte('[')
	for i := range n {
		if i > 0 {
			j.w.WriteByte(',')
		}
		j.newline(depth + 1)
		item(i)
	}
	if n > 0 {
		j.newline(depth)
	}
	j.w.WriteByte(']')
}

// strings writes an array of strings at depth.
func (j *jsonOut) strings(depth int, ss []string) {
	j.list(depth, len(ss), func(i int) { j.str(ss[i]) })
}

// newline starts a line at depth when indenting.
func (j *jsonOut) newline(depth int) {
	if !j.indent {
		return
	}
	j.w.WriteByte('\n')
	for range depth {
		j.w.WriteString("  ")
	}
}

// nullableList writes the slice s at depth as encoding/json does: null
// when it is nil, else as list does.
func nullableList[T any](j *jsonOut, depth int, s []T, item func(i int)) {
	if s == nil {
		j.w.WriteString("null")
		return
	}
	j.list(depth, len(s), item)
}
