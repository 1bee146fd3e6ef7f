package styleguide

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// fastPathAlphabet mixes the characters the byte-level fast paths decide
// on with invalid UTF-8 and their neighbours.
var fastPathAlphabet = []string{
	"a", "Z", " ", "#", "*", "7", "!", "！", "?", ".", "/", ":", "@", "%", "\x7f", "\t",
	"\ufe0f", "\u20e3", "❤", "😀", "🇬", "🇷", "©", "®", "™", "‼", "〰", "㊙", "。", "中", "α", "Ω",
	"\xff", "\xe2", "\xf0\x9f", "\xef\xbc", "\xc2", "\x81", "\u200d", "\u0301",
}

func randomText(rng *rand.Rand, alphabet []string, n int) string {
	var b strings.Builder
	for range rng.IntN(n) {
		b.WriteString(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

// forEachEmojiByRune is forEachEmoji looking at every character's start
// (every byte but continuation bytes), as the prefilter must agree with.
func forEachEmojiByRune(text string, fn func(start, end int)) {
	var every [256]bool
	for c := range every {
		every[c] = c >= 0xC0 || emojiLead[c]
	}
	scanEmoji(text, &every, fn)
}

func TestEmojiPrefilterAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		text := randomText(rng, fastPathAlphabet, 12)
		var got, want [][2]int
		forEachEmoji(text, func(s, e int) { got = append(got, [2]int{s, e}) })
		forEachEmojiByRune(text, func(s, e int) { want = append(want, [2]int{s, e}) })
		if len(got) != len(want) {
			t.Fatalf("%q: emoji %v, want %v", text, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: emoji %v, want %v", text, got, want)
			}
		}
	}
	// Every character of the blocks that hold emoji, alone and after a
	// letter.
	for r := rune(0x80); r < 0x20000; r++ {
		for _, text := range []string{string(r), "a" + string(r) + "\ufe0f"} {
			var n, m int
			forEachEmoji(text, func(int, int) { n++ })
			forEachEmojiByRune(text, func(int, int) { m++ })
			if n != m {
				t.Fatalf("%U in %q: %d emoji, want %d", r, text, n, m)
			}
		}
	}
}

func TestExclamationsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	g := guideFrom(t, "punctuation: {max_exclamations: 2}\n")
	for range 5000 {
		text := randomText(rng, fastPathAlphabet, 16)
		it := newItem("x", "en-US", "promotion", para(text))
		fs := g.CheckItem(it)
		n, at := 0, -1
		for i := 0; i < len(text); {
			r, w := utf8.DecodeRuneInString(text[i:])
			if r == '!' || r == '！' {
				n++
				if n == 3 {
					at = i
				}
			}
			i += w
		}
		var got []string
		for _, f := range fs {
			if f.Rule == "punctuation.exclamations" {
				got = append(got, f.Message)
				if off := f.Pos.Offset - len("id: x\n"); off != at {
					t.Fatalf("%q: reported at %d, want %d", text, off, at)
				}
			}
		}
		if (n > 2) != (len(got) == 1) {
			t.Fatalf("%q: %d marks, findings %q", text, n, got)
		}
	}
}

func TestPlainHTTPAgreesWithURLParse(t *testing.T) {
	alphabet := []string{"http", "https", "://", ":", "/", "?", "#", "@", "%", "%41", "a", "B", "-", ".", "8", " ", "\x01", "é", "[", "]", "~"}
	rng := rand.New(rand.NewPCG(5, 6))
	check := func(raw string) {
		scheme, host, ok := plainHTTP(raw)
		if !ok {
			return
		}
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("%q: url.Parse fails (%v), plainHTTP reads %q %q", raw, err, scheme, host)
		}
		if want := strings.ToLower(u.Scheme); scheme != want || host != u.Hostname() {
			t.Fatalf("%q: plainHTTP reads %q %q, url.Parse %q %q", raw, scheme, host, want, u.Hostname())
		}
	}
	for _, raw := range []string{"https://acme.example/boots", "http://Acme.Example.", "https://a-b.c?x=1#y", "https://", "https:///x", "http://a:80/", "https://u@h/", "/img/a.jpg", "//h/x", "/a:b", "/"} {
		check(raw)
	}
	for range 50000 {
		check([]string{"http://", "https://", "", "/"}[rng.IntN(4)] + randomText(rng, alphabet, 10))
	}
}

// checkBlockSentences compares the sentences of text from the classes
// tokenize records with those sentences finds on its own.
func checkBlockSentences(t *testing.T, s *scratch, text string) {
	t.Helper()
	for _, greek := range []bool{false, true} {
		s.reset()
		s.sentences(text, greek)
		want := fmt.Sprint(s.sents)
		s.reset()
		s.tokenize("x") // classes of a block before, which b must not see
		c0 := len(s.bcls)
		ascii, sb := s.tokenize(text)
		b := &block{text: text, ascii: ascii, sb: sb, c0: c0, c1: len(s.bcls)}
		s.blockSentences(b, greek)
		if got := fmt.Sprint(s.sents); got != want {
			t.Fatalf("sentences of %q (greek %v, recorded %v):\n got %s\nwant %s", text, greek, sb, got, want)
		}
	}
}

func TestBlockSentencesAgree(t *testing.T) {
	alphabet := []string{"a", "Z", "9", ".", "!", "?", "\"", "(", ")", "-", ",", " ", "\n", "\r", ":", ";", "'", "α", "Σ", "ς", "Ό",
		";", "·", "é", "Ж", "中", "。", "，", "！", "「", "」", "０", "．", "’", "“", "–", "…", "\u00a0", "\u0301", "😀", "カ",
		"acme.example/x", "https://a.b/c", "x@y.z", "www.a", "選購：acme.example/中", "\xff", "\xe4\xb8"}
	rng := rand.New(rand.NewPCG(7, 8))
	s := newScratch()
	for range 30000 {
		checkBlockSentences(t, s, randomText(rng, alphabet, 18))
	}
}

// splitGreekByRune is splitGreek's cut, decoding every character.
func splitGreekByRune(text string, sents []span, semicolon bool) []span {
	var out []span
	for _, sp := range sents {
		start := sp.start
		for i := sp.start; i < sp.end; {
			r, w := utf8.DecodeRuneInString(text[i:])
			i += w
			if (r == '\u037e' || (semicolon && r == ';')) && i < sp.end && isASCIISpace(text[i]) {
				out = append(out, span{start, i})
				start = i
			}
		}
		out = append(out, span{start, sp.end})
	}
	return out
}

func TestSplitGreekAgrees(t *testing.T) {
	alphabet := []string{"α", "Ω", ";", "\u037e", " ", "\n", ".", "a", "\xcd", "\xcd;", "\xbe", "中", "\u0301"}
	rng := rand.New(rand.NewPCG(9, 10))
	s := newScratch()
	for range 20000 {
		text := randomText(rng, alphabet, 14)
		for _, semicolon := range []bool{false, true} {
			s.sents = s.sents[:0]
			s.addSentence(text, 0, len(text))
			want := splitGreekByRune(text, slices.Clone(s.sents), semicolon)
			s.sents = s.sents[:0]
			for _, sp := range want {
				s.addSentence(text, sp.start, sp.end)
			}
			trimmed := slices.Clone(s.sents)
			s.sents = s.sents[:0]
			s.addSentence(text, 0, len(text))
			s.splitGreek(text, semicolon)
			if fmt.Sprint(s.sents) != fmt.Sprint(trimmed) {
				t.Fatalf("%q (semicolon %v): %v, want %v", text, semicolon, s.sents, trimmed)
			}
		}
	}
}

func TestFastInfoAtAgrees(t *testing.T) {
	check := func(text string) {
		r, w := utf8.DecodeRuneInString(text)
		want := fastInfo(r)
		if r == utf8.RuneError {
			want = nil
		}
		got, gw := fastInfoAt(text, 0)
		if got != want || (got != nil && gw != w) {
			t.Fatalf("%q: fastInfoAt %p %d, want %p %d", text, got, gw, want, w)
		}
	}
	for r := rune(0x80); r <= utf8.MaxRune; r++ {
		check(string(r))
		check(string(r) + "a")
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 200000 {
		b := []byte{byte(0x80 + rng.IntN(0x80)), byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256))}
		check(string(b[:1+rng.IntN(4)]))
	}
}

// fastInfo returns the fast path's knowledge of a non-ASCII character, or
// nil when it has none.
func fastInfo(r rune) *runeInfo {
	infos := fastInfos()
	if k := fastIndex(infos, r); k != 0 {
		return &infos[k]
	}
	return nil
}
