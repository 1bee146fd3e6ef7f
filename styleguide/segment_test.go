package styleguide

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"

	"github.com/rivo/uniseg"
)

// unisegWords is the reference: uniseg's words without whitespace.
func unisegWords(text string) []string {
	var out []string
	rest, state := text, -1
	for len(rest) > 0 {
		var w string
		w, rest, state = uniseg.FirstWordInString(rest, state)
		blank := true
		for _, r := range w {
			if !unicode.IsSpace(r) {
				blank = false
			}
		}
		if !blank {
			out = append(out, w)
		}
	}
	return out
}

func unisegSentences(text string) []string {
	var out []string
	rest, state := text, -1
	for len(rest) > 0 {
		var w string
		w, rest, state = uniseg.FirstSentenceInString(rest, state)
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func ourWords(text string) []string {
	s := newScratch()
	s.tokenize(text)
	var out []string
	for _, t := range s.toks {
		out = append(out, text[t.start:t.end])
	}
	return out
}

func ourASCIISentences(text string) []string {
	var out []string
	for _, sp := range asciiSentences(text, nil) {
		if w := strings.TrimSpace(text[sp.start:sp.end]); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkASCIISegmentation compares the ASCII fast paths with uniseg. Sentences
// are compared trimmed: uniseg cuts between CR and LF, which UAX #29 rule
// SB3 forbids, and only the words of a sentence matter here.
func checkASCIISegmentation(t *testing.T, text string) {
	t.Helper()
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			return
		}
	}
	for _, chunk := range strings.FieldsFunc(text, func(r rune) bool { return r < 0x80 && isASCIISpace(byte(r)) }) {
		if linkStart(chunk) >= 0 {
			return // links are skipped on purpose
		}
	}
	if got, want := ourWords(text), unisegWords(text); !equalStrings(got, want) {
		t.Fatalf("words of %q:\n got %q\nwant %q", text, got, want)
	}
	if got, want := ourASCIISentences(text), unisegSentences(text); !equalStrings(got, want) {
		t.Fatalf("sentences of %q:\n got %q\nwant %q", text, got, want)
	}
}

func TestASCIISegmentationMatchesUniseg(t *testing.T) {
	const alphabet = "aZ9_:.',;!?\"()[]- \n\r\t\v#e.A"
	rng := rand.New(rand.NewSource(1))
	fixed := []string{
		"", "a", "Mr. Smith went to Washington. He said \"Hi!\" Then left.",
		"e.g. this one.  And 3.14, 1,000; a:b c.d 'quoted' don't.", "etc. the end.\r\nNew line?! yes",
		"U.S.A. is big. A.b. c", "He said (wow.) Then", "a.\n\nb", "...", "Hi!) (yes",
	}
	for _, s := range fixed {
		checkASCIISegmentation(t, s)
	}
	buf := make([]byte, 0, 40)
	for n := 0; n < 30000; n++ {
		buf = buf[:0]
		for l := rng.Intn(16); l > 0; l-- {
			buf = append(buf, alphabet[rng.Intn(len(alphabet))])
		}
		checkASCIISegmentation(t, string(buf))
	}
}

func FuzzASCIISegmentation(f *testing.F) {
	f.Add("Mr. Smith went to Washington. He said \"Hi!\" Then left.")
	f.Add("e.g. 3.14, don't a:b")
	f.Fuzz(func(t *testing.T, text string) { checkASCIISegmentation(t, text) })
}
