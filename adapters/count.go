package adapters

import (
	"regexp"
	"strings"
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
			return uniseg.GraphemeClusterCount(s)
		case c == '\n' && i > 0 && s[i-1] == '\r':
			n--
		}
	}
	return n
}

// Bytes counts UTF-8 bytes.
func Bytes(s string) int { return len(s) }

// mastodonURLLength is what every link counts for on Mastodon.
const mastodonURLLength = 23

// remoteMention is "@user@example.social"; Mastodon counts only "@user".
var remoteMention = regexp.MustCompile(`(^|[^\p{L}\p{N}_@/])(@[\p{L}\p{N}_]+)@[\p{L}\p{N}.-]*[\p{L}\p{N}]`)

// MastodonLength is Mastodon's status length: grapheme clusters, with
// every http(s) URL counted as 23 and remote mentions counted without
// their domain.
func MastodonLength(s string) int {
	rs := []rune(s)
	n, from := 0, 0
	count := func(t string) int {
		if strings.Count(t, "@") >= 2 { // a remote mention has two
			t = remoteMention.ReplaceAllString(t, "$1$2")
		}
		return Graphemes(t)
	}
	for _, u := range extractURLs(rs, false) {
		n += count(string(rs[from:u.start])) + mastodonURLLength
		from = u.end
	}
	return n + count(string(rs[from:]))
}
