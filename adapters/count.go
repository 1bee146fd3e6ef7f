package adapters

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Counter measures a text in one channel's unit.
type Counter func(string) int

// Graphemes counts user-perceived characters (extended grapheme clusters):
// a flag, a family emoji or a letter with its accents each count one.
func Graphemes(s string) int {
	// In ASCII text every character is a cluster of its own, except that
	// CR LF is one.
	n := len(s)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			if n, ok := plainGraphemes(s); ok {
				return n
			}
			return uniseg.GraphemeClusterCount(s)
		case c == '\n' && i > 0 && s[i-1] == '\r':
			n--
		}
	}
	return n
}

// plainGraphemes counts the grapheme clusters of s when every code point
// of s beyond ASCII stands alone (standsAlone): then only CR LF joins, as
// in ASCII. ok is false when some code point may join its neighbours.
func plainGraphemes(s string) (n int, ok bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != '\n' || i == 0 || s[i-1] != '\r' {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || !standsAlone(r) {
			return 0, false
		}
		n++
		i += size
	}
	return n, true
}

// aloneBlocks mark, for each block of 256 code points of the Basic
// Multilingual Plane, which of them stand alone; a block is worked out
// the first time a text has one of its code points.
var aloneBlocks [256]struct {
	once sync.Once
	bits [4]uint64
}

// standsAlone reports whether r is a grapheme cluster of its own beside
// any code point that is one too, as Greek letters, Chinese ideographs
// and their punctuation are: r neither extends (Extend, ZWJ,
// SpacingMark) nor is extended (Prepend), nor pairs (regional
// indicators, Hangul jamo and syllables). Only what uniseg itself says
// is used: it must split each pair below in two. Those pairs test every
// rule of UAX #29 that joins two code points, and the rules that join
// more need a code point that does not stand alone (ZWJ, a linker, a
// regional indicator). Code points beyond the BMP are not tested.
func standsAlone(r rune) bool {
	if r >= 0x10000 {
		return false
	}
	b := &aloneBlocks[r>>8]
	b.once.Do(func() {
		first := r &^ 0xFF
		for i := range rune(256) {
			if joinsNothing(first + i) {
				b.bits[i>>6] |= 1 << (i & 63)
			}
		}
	})
	return b.bits[(r&0xFF)>>6]&(1<<(r&63)) != 0
}

// joinsNothing asks uniseg whether r stays apart from a letter on either
// side, from itself, and from a Hangul vowel and final consonant.
func joinsNothing(r rune) bool {
	if r < utf8.RuneSelf || !utf8.ValidRune(r) {
		return false
	}
	s := string(r)
	for _, pair := range [...]string{"a" + s, s + "a", s + s, s + "\u1161", s + "\u11a8"} {
		if uniseg.GraphemeClusterCount(pair) != 2 {
			return false
		}
	}
	return true
}

// Bytes counts UTF-8 bytes.
func Bytes(s string) int { return len(s) }

// mastodonURLLength is what every link counts for on Mastodon.
const mastodonURLLength = 23

// remoteMention is "@user@example.social"; Mastodon counts only "@user".
// It is compiled the first time a text has two '@'.
var remoteMention = lazyRegexp(`(^|[^\p{L}\p{N}_@/])(@[\p{L}\p{N}_]+)@[\p{L}\p{N}.-]*[\p{L}\p{N}]`)

// MastodonLength is Mastodon's status length: grapheme clusters, with
// every http(s) URL counted as 23 and remote mentions counted without
// their domain.
func MastodonLength(s string) int {
	rs := []rune(s)
	n, from := 0, 0
	count := func(t string) int {
		if strings.Count(t, "@") >= 2 { // a remote mention has two
			t = remoteMention().ReplaceAllString(t, "$1$2")
		}
		return Graphemes(t)
	}
	for _, u := range extractURLs(rs, false) {
		n += count(string(rs[from:u.start])) + mastodonURLLength
		from = u.end
	}
	return n + count(string(rs[from:]))
}
