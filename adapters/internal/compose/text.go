package compose

import (
	"net/url"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// markupRegexps are the regular expressions Clean removes markup with.
type markupRegexps struct {
	// scriptLike matches a script or style element with its content: the
	// content is code, never text a reader should see.
	scriptLike *regexp.Regexp
	// tagLike matches anything shaped like an HTML tag or comment.
	tagLike *regexp.Regexp
	// openLike matches a "<" that still starts something tag-shaped after
	// the tags are gone, such as an unterminated "<script".
	openLike *regexp.Regexp
}

// markup compiles the markupRegexps the first time a text has a '<'.
var markup = sync.OnceValue(func() markupRegexps {
	return markupRegexps{
		scriptLike: regexp.MustCompile(`(?is)<(?:script|style)\b[^>]*>.*?</(?:script|style)\s*>`),
		tagLike:    regexp.MustCompile(`<!--.*?-->|</?[A-Za-z!?][^<>]*>`),
		openLike:   regexp.MustCompile(`<([A-Za-z!/?])`),
	}
})

// urlLike matches a URL written out in text. It is compiled the first time
// a text may have one.
var urlLike = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"]+`)
})

// Clean turns a front-matter or prose string into plain text for a text
// channel. Script and style elements go with their content, other tags
// and comments are removed, invalid UTF-8 becomes U+FFFD, control
// characters are dropped and every run of white space becomes one space.
// Text such as "<3" or "a < b" is kept.
func Clean(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.Contains(s, "<") {
		re := markup()
		s = re.scriptLike.ReplaceAllString(s, "")
		for i := 0; i < 100 && strings.Contains(s, "<"); i++ {
			t := re.tagLike.ReplaceAllString(s, "")
			if t == s {
				break
			}
			s = t
		}
		s = re.openLike.ReplaceAllString(s, "$1")
	}
	if isClean(s) {
		return s
	}
	return collapse(s)
}

// collapse drops control characters and turns every run of white space
// into one space, none at the ends.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isClean reports whether collapse would give s, valid UTF-8, back as it
// is: no control characters, and no white space but single spaces between
// other characters.
func isClean(s string) bool {
	space := true // a space at the start is dropped
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if space {
					return false
				}
				space = true
			case c < 0x20 || c == 0x7f:
				return false
			default:
				space = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return false
		}
		space = false
		i += n
	}
	return s == "" || !space // nor at the end
}

// StripURLs removes every URL written out in s and tidies the spaces it
// leaves, for channels that cannot show or say a link.
func StripURLs(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(strings.ToLower(s), "www.") {
		return s
	}
	return Clean(urlLike().ReplaceAllString(s, ""))
}

// SafeLink returns link when it is an absolute http or https URL with a
// host and nothing that could break out of the text around it (spaces,
// control characters, quotes, angle brackets, backslashes); else "".
func SafeLink(link string) string {
	if link == "" || !utf8.ValidString(link) {
		return ""
	}
	for _, r := range link {
		if r <= ' ' || r == 0x7f || unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune(`"'<>\`+"`", r) {
			return ""
		}
	}
	u, err := url.Parse(link)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return ""
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return ""
	}
	return link
}

// BareLink returns the host and path of an http or https URL, without
// scheme, query or fragment ("acme.example/sale"), for channels where a
// link cannot be clicked and has to be read and typed; "" when the URL is
// not safe.
func BareLink(link string) string {
	if SafeLink(link) == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	return host + strings.TrimRight(u.EscapedPath(), "/")
}

// Speller gives a brand's spelling of a name, as the style guide's
// casing list has it; *styleguide.Guide is one, and so is a nil one.
type Speller interface {
	Spelling(word string) (string, bool)
}

// maxNameWords is the most words of a tag tried together as one name.
const maxNameWords = 4

// Hashtag turns a tag into a hashtag: words joined in CamelCase, with
// everything but letters, marks and digits dropped ("outdoor gear" →
// "#OutdoorGear"). Words that spell one of sp's names, alone or with the
// words after them, are written as the brand writes that name ("trailpro"
// → "#TrailPro", "acme outdoor" → "#AcmeOutdoor"); sp may be nil. Tags
// that leave nothing, only digits, or more than 40 characters give "".
func Hashtag(tag string, sp Speller) string {
	var words []string
	for _, w := range strings.FieldsFunc(Clean(tag), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r)
	}) {
		words = append(words, w)
	}
	var b strings.Builder
	for i := 0; i < len(words); {
		n := 0
		if sp != nil {
			for j := min(len(words), i+maxNameWords); j > i; j-- {
				if name, ok := sp.Spelling(strings.Join(words[i:j], " ")); ok {
					if t := tagWord(name); t != "" {
						b.WriteString(t)
						n = j - i
						break
					}
				}
			}
		}
		if n == 0 {
			f, size := utf8.DecodeRuneInString(words[i])
			b.WriteRune(unicode.ToUpper(f))
			b.WriteString(words[i][size:])
			n = 1
		}
		i += n
	}
	h := b.String()
	if utf8.RuneCountInString(h) > 40 || strings.IndexFunc(h, unicode.IsLetter) < 0 {
		return ""
	}
	return "#" + h
}

// tagWord is a name with everything a hashtag cannot hold (spaces,
// hyphens, punctuation) left out.
func tagWord(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, name)
}

// Hashtags turns tags into hashtags with Hashtag, dropping empty ones and
// repeats (case-insensitive), in the order given.
func Hashtags(tags []string, sp Speller) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		h := Hashtag(t, sp)
		if h == "" || seen[strings.ToLower(h)] {
			continue
		}
		seen[strings.ToLower(h)] = true
		out = append(out, h)
	}
	return out
}

// hashtagLike matches a hashtag and the character before it. It is
// compiled the first time a text has a '#'.
var hashtagLike = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(^|[^\p{L}\p{M}\p{N}_&/#])#([\p{L}\p{M}\p{N}_]+)`)
})

// HashtagSpans returns the byte offsets [start, end) of every hashtag in
// s, '#' included, for channels that mark them up (Bluesky facets). A run
// of digits alone is not a hashtag.
func HashtagSpans(s string) [][2]int {
	if strings.IndexByte(s, '#') < 0 {
		return nil
	}
	var out [][2]int
	for _, m := range hashtagLike().FindAllStringSubmatchIndex(s, -1) {
		word := s[m[4]:m[5]]
		if strings.IndexFunc(word, func(r rune) bool { return !unicode.IsDigit(r) && r != '_' }) < 0 {
			continue
		}
		out = append(out, [2]int{m[4] - 1, m[5]})
	}
	return out
}

// CountHashtags counts the hashtags in s.
func CountHashtags(s string) int { return len(HashtagSpans(s)) }

// KeepHashtags keeps the first keep hashtags of s and turns the others
// into plain words by dropping their '#'.
func KeepHashtags(s string, keep int) string {
	spans := HashtagSpans(s)
	if len(spans) <= keep {
		return s
	}
	var b strings.Builder
	last := 0
	for i, sp := range spans {
		if i < keep {
			continue
		}
		b.WriteString(s[last:sp[0]])
		last = sp[0] + 1
	}
	b.WriteString(s[last:])
	return b.String()
}

// Runes counts Unicode code points, the "characters" of the channels that
// count that way (Threads, Instagram, Facebook, LinkedIn, push).
func Runes(s string) int { return utf8.RuneCountInString(s) }
