package adapters

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// emojiLengthsByCluster is emojiLengths without its shortcuts: every
// cluster of the text, one after the other, from uniseg.
func emojiLengthsByCluster(s string) []int {
	out := []int{}
	for g := uniseg.NewGraphemes(s); g.Next(); {
		rs := g.Runes()
		n := 0
		if len(rs) > 1 {
			n = emojiPrefix(rs)
		}
		out = append(out, n)
		out = append(out, make([]int, len(rs)-1)...)
	}
	return out
}

func FuzzEmojiLengths(f *testing.F) {
	for _, s := range []string{"", "a👍🏽b", "中文👨‍👩‍👧", "α\u0301β", "1\ufe0f\u20e3", "🇬🇷中", "©\ufe0f ™", "\r\n中\r\n", "ก\u0e33", "\xff中"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := emojiLengths(s, utf8.RuneCountInString(s)), emojiLengthsByCluster(s); !slices.Equal(got, want) {
			t.Fatalf("emojiLengths(%q) = %v, by cluster %v", s, got, want)
		}
	})
}
