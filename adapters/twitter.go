package adapters

import (
	"math"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// TwitterRange gives the code points Start through End a weight.
type TwitterRange struct {
	Start, End rune
	Weight     int
}

// TwitterConfig is a twitter-text length configuration. Weights are in
// units of 1/Scale character.
type TwitterConfig struct {
	Version              int
	MaxWeightedLength    int // the longest valid post, in characters
	Scale                int
	DefaultWeight        int // weight of a code point outside Ranges
	TransformedURLLength int // characters every URL counts for
	// EmojiParsing counts an emoji sequence (ZWJ sequences, flags, skin
	// tones, keycaps) as one code point of DefaultWeight.
	EmojiParsing bool
	Ranges       []TwitterRange
}

// twitterRanges are the code points that weigh one character: Latin,
// Greek, Cyrillic, Hebrew, Arabic, Indic scripts and the like, and the
// spaces, dashes and quotes of General Punctuation.
var twitterRanges = []TwitterRange{
	{Start: 0x0000, End: 0x10FF, Weight: 100},
	{Start: 0x2000, End: 0x200D, Weight: 100},
	{Start: 0x2010, End: 0x201F, Weight: 100},
	{Start: 0x2032, End: 0x2037, Weight: 100},
}

// The twitter-text configurations. Treat them as read-only.
var (
	// TwitterV1 is the original 140-character count: every code point
	// weighs one.
	TwitterV1 = TwitterConfig{Version: 1, MaxWeightedLength: 140, Scale: 1, DefaultWeight: 1, TransformedURLLength: 23}
	// TwitterV2 weighs CJK and other code points outside the ranges two.
	TwitterV2 = TwitterConfig{Version: 2, MaxWeightedLength: 280, Scale: 100, DefaultWeight: 200, TransformedURLLength: 23, Ranges: twitterRanges}
	// TwitterV3 is V2 with every emoji sequence weighing two: what X
	// counts today.
	TwitterV3 = TwitterConfig{Version: 3, MaxWeightedLength: 280, Scale: 100, DefaultWeight: 200, TransformedURLLength: 23, EmojiParsing: true, Ranges: twitterRanges}
)

// TweetInfo is twitter-text's parse result. Ranges are inclusive indexes
// in UTF-16 code units of the text as given.
type TweetInfo struct {
	WeightedLength    int
	Valid             bool // not empty, within the limit, no invalid characters
	Permillage        int  // WeightedLength per mille of the limit
	ValidRangeStart   int
	ValidRangeEnd     int
	DisplayRangeStart int
	DisplayRangeEnd   int
}

// TwitterWeight is X's weighted length of s (twitter-text, configuration
// v3): NFC-normalised, each URL counts 23, each emoji sequence 2, CJK and
// other code points outside the Latin-like ranges 2, the rest 1.
func TwitterWeight(s string) int { return ParseTweet(s, TwitterV3).WeightedLength }

// TwitterWeightConfig is the weighted length of s under configuration c.
func TwitterWeightConfig(s string, c TwitterConfig) int { return ParseTweet(s, c).WeightedLength }

// TwitterValid reports whether X accepts s as a post: not empty, at most
// 280 weighted characters, and free of U+FFFE, U+FEFF and U+FFFF.
func TwitterValid(s string) bool { return ParseTweet(s, TwitterV3).Valid }

// ParseTweet measures text the way twitter-text's parseTweet does.
func ParseTweet(text string, c TwitterConfig) TweetInfo {
	scale := c.Scale
	if scale <= 0 {
		scale = 1
	}
	normalized := norm.NFC.String(text)
	rs := []rune(normalized)
	urls := extractURLs(rs, true)
	var emoji []int
	if c.EmojiParsing {
		emoji = emojiLengths(normalized, len(rs))
	}

	weight, valid, validIndex, u16 := 0, true, 0, 0
	next := 0 // the next URL that may start at or after i
	for i := 0; i < len(rs); {
		var end int
		switch {
		case next < len(urls) && urls[next].start == i:
			weight += c.TransformedURLLength * scale
			end = urls[next].end
		case emoji != nil && emoji[i] > 0:
			weight += c.DefaultWeight
			end = i + emoji[i]
		default:
			weight += c.weight(rs[i])
			end = i + 1
		}
		for next < len(urls) && urls[next].start < end {
			next++
		}
		for ; i < end; i++ {
			u16 += utf16Len(rs[i])
		}
		// twitter-text tests the last UTF-16 unit of each entity; the low
		// half of a surrogate pair is never invalid.
		if valid {
			valid = !invalidTweetRune(rs[end-1])
		}
		if valid && weight <= c.MaxWeightedLength*scale {
			validIndex = u16 - 1
		}
	}

	length := float64(weight) / float64(scale)
	info := TweetInfo{
		WeightedLength: int(length),
		Valid:          valid && length > 0 && length <= float64(c.MaxWeightedLength),
	}
	if c.MaxWeightedLength > 0 {
		info.Permillage = int(math.Floor(length / float64(c.MaxWeightedLength) * 1000))
	}
	textLen := utf16LenString(text)
	info.ValidRangeEnd = validIndex + textLen - utf16LenString(normalized)
	if textLen > 0 {
		info.DisplayRangeEnd = textLen - 1
	}
	return info
}

// weight is the weight of one code point. Like twitter-text, which looks
// at UTF-16 units, a code point beyond the BMP weighs what its low
// surrogate does.
func (c TwitterConfig) weight(r rune) int {
	if r > 0xFFFF {
		r = 0xDC00 + (r-0x10000)&0x3FF
	}
	for _, g := range c.Ranges {
		if r >= g.Start && r <= g.End {
			return g.Weight
		}
	}
	return c.DefaultWeight
}

func invalidTweetRune(r rune) bool { return r == 0xFFFE || r == 0xFEFF || r == 0xFFFF }

func utf16Len(r rune) int {
	if r > 0xFFFF {
		return 2
	}
	return 1
}

func utf16LenString(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

// emojiLengths returns, for each code point of s that starts an emoji
// sequence, its length in code points; zero elsewhere. n is the number of
// code points in s. A single code point is never reported: alone it
// weighs the same as an emoji or not, except © ® ™ ♟, which twemoji
// treats as text unless U+FE0F follows.
func emojiLengths(s string, n int) []int {
	out := make([]int, n)
	for i, ri := 0, 0; i < len(s); {
		// An ASCII character followed by another is a cluster of its own;
		// every other cluster goes through uniseg, which may restart at
		// any cluster boundary.
		if s[i] < 0x80 && (i+1 == len(s) || s[i+1] < 0x80) {
			i++
			ri++
			continue
		}
		// A code point that stands alone, before ASCII or another, is a
		// cluster of its own too.
		if r, n := utf8.DecodeRuneInString(s[i:]); r != utf8.RuneError && standsAlone(r) {
			if next, _ := utf8.DecodeRuneInString(s[i+n:]); i+n == len(s) || next < utf8.RuneSelf || next != utf8.RuneError && standsAlone(next) {
				i += n
				ri++
				continue
			}
		}
		cluster, _, _, _ := uniseg.FirstGraphemeClusterInString(s[i:], -1)
		c := utf8.RuneCountInString(cluster)
		if c > 1 {
			out[ri] = emojiPrefix([]rune(cluster))
		}
		i += len(cluster)
		ri += c
	}
	return out
}

// emojiPrefix returns how many leading code points of one grapheme cluster
// form an emoji sequence, as twemoji-parser finds them: a keycap, one of
// © ® ™ ♟ with U+FE0F, a flag, or a pictograph with its presentation
// selector, skin tone, tag sequence and ZWJ-joined pictographs.
func emojiPrefix(rs []rune) int {
	r0 := rs[0]
	switch {
	case r0 == '#' || r0 == '*' || (r0 >= '0' && r0 <= '9'):
		k := 1
		if k < len(rs) && rs[k] == 0xFE0F {
			k++
		}
		if k < len(rs) && rs[k] == 0x20E3 {
			return k + 1
		}
		return 0
	case r0 == 0xA9 || r0 == 0xAE || r0 == 0x2122 || r0 == 0x265F:
		if rs[1] == 0xFE0F {
			return 2
		}
		return 0
	case isRegionalIndicator(r0):
		if isRegionalIndicator(rs[1]) {
			return 2
		}
		return 0
	case isPictograph(r0):
		k := emojiTail(rs, 1)
		for k+1 < len(rs) && rs[k] == 0x200D && isPictograph(rs[k+1]) {
			k = emojiTail(rs, k+2)
		}
		return k
	}
	return 0
}

// emojiTail skips the presentation selector, skin tone modifier and tag
// sequence that may follow a pictograph at rs[k-1].
func emojiTail(rs []rune, k int) int {
	if k < len(rs) && rs[k] == 0xFE0F {
		k++
	}
	if k < len(rs) && rs[k] >= 0x1F3FB && rs[k] <= 0x1F3FF {
		k++
	}
	j := k
	for j < len(rs) && rs[j] >= 0xE0020 && rs[j] <= 0xE007E {
		j++
	}
	if j > k && j < len(rs) && rs[j] == 0xE007F {
		k = j + 1
	}
	return k
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// isPictograph reports whether r has the Extended_Pictographic property.
// uniseg keeps its property tables private, so this asks its grapheme
// rules instead: by rule GB11 a ZWJ joins the pictograph © to what
// precedes it only when that is itself a pictograph.
func isPictograph(r rune) bool {
	if r < 0xA9 {
		return false
	}
	var b [12]byte
	n := utf8.EncodeRune(b[:], r)
	n += copy(b[n:], "\u200d\u00a9")
	return uniseg.GraphemeClusterCount(string(b[:n])) == 1
}
