package styleguide

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

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

// asciiSentences appends the sentences of an ASCII text to out, as the
// fast path finds them.
func asciiSentences(text string, out []span) []span {
	cls := make([]uint8, len(text))
	for i := 0; i < len(text); i++ {
		cls[i] = asciiSB[text[i]&0x7f]
	}
	return breakSentences(text, cls, nil, out)
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

// chunkTokens segments every chunk of text between ASCII whitespace that
// is not pure ASCII with seg: uniWords (fast path included) or
// unisegChunk (the reference).
func chunkTokens(s *scratch, text string, seg func(s *scratch, w *words, text string, lo, hi int)) {
	s.reset()
	w := words{s.toks, s.arena}
	defer func() { s.toks, s.arena = w.toks, w.arena }()
	for i := 0; i < len(text); {
		if isASCIISpace(text[i]) {
			i++
			continue
		}
		j, ascii := i, true
		for j < len(text) && !isASCIISpace(text[j]) {
			if text[j] >= utf8.RuneSelf {
				ascii = false
			}
			j++
		}
		if !ascii {
			seg(s, &w, text, i, j)
		}
		i = j
	}
}

// showTokens prints tokens with their folds and counts, for comparison.
func showTokens(s *scratch, text string) []string {
	out := make([]string, len(s.toks))
	for i, t := range s.toks {
		out[i] = fmt.Sprintf("%q fold %q end2 %d fe2-fs %d kind %d ascii %v l%d u%d lo%d d%d c%d",
			text[t.start:t.end], s.arena[t.fs:t.fe], t.end2-t.start, t.fe2-t.fs, t.kind, t.ascii, t.letters, t.upper, t.lower, t.digits, t.cjk)
	}
	return out
}

// checkFastWords compares the fast path's tokens with uniseg's.
func checkFastWords(t *testing.T, fast, slow *scratch, text string) {
	t.Helper()
	chunkTokens(fast, text, (*scratch).uniWords)
	chunkTokens(slow, text, (*scratch).unisegChunk)
	if got, want := showTokens(fast, text), showTokens(slow, text); !equalStrings(got, want) {
		t.Fatalf("tokens of %q:\n got %q\nwant %q", text, got, want)
	}
}

// TestFastWordsMatchUniseg puts every character the fast path takes next
// to characters of every word-break class it knows, and compares the
// tokens (bounds, folds, counts) with those of uniseg.
func TestFastWordsMatchUniseg(t *testing.T) {
	fast, slow := newScratch(), newScratch()
	templates := []string{"X", "XX", "aX", "Xa", "1X", "X1", "aXa", "1X1", "X'X", "X.X", "X:X", "X,X", "X_X",
		"_X", "X_", "a'X", "X'a", "1.X", "X.1", "1X.1", "X中", "中X", "αX", "Xα", "X’s", "Xs'", "X!", "(X)", "X·X", "X，1", "1X，1"}
	n := 0
	for r := rune(0x80); r <= 0xFFFF; r++ {
		if fastInfo(r) == nil {
			continue
		}
		n++
		for _, tpl := range templates {
			checkFastWords(t, fast, slow, strings.ReplaceAll(tpl, "X", string(r)))
		}
	}
	if n < 20000 {
		t.Fatalf("the fast path takes only %d characters", n)
	}
}

// TestFastWordsRandom compares random mixes of Greek, Chinese, accented
// Latin, ASCII and characters the fast path leaves to uniseg.
func TestFastWordsRandom(t *testing.T) {
	alphabet := []rune("aZ9_:.',;!?\"()- \n#eAΑάΐΣσςΌώΪ΅;·ÉéßçĞİıЖжѐ中文电邮，。、：；！？「」（）０１Ａａ＿．＇ー·’‘“”–—…«» \u00a0\u0301\u200d\u00ad😀🇬🇷カאกあ")
	fast, slow := newScratch(), newScratch()
	rng := rand.New(rand.NewSource(2))
	var b strings.Builder
	for n := 0; n < 50000; n++ {
		b.Reset()
		for l := rng.Intn(14); l > 0; l-- {
			b.WriteRune(alphabet[rng.Intn(len(alphabet))])
		}
		checkFastWords(t, fast, slow, b.String())
	}
}

func FuzzFastWords(f *testing.F) {
	for _, s := range []string{"Η ανοιξιάτικη σειρά· ΔΩΡΕΆΝ καφές;", "我们的春季促销，现已开始！电邮ＡＢＣ１２。", "Café’s naïve 3,14 μ'αρέσει", "e\u0301 \u200d😀"} {
		f.Add(s)
	}
	fast, slow := newScratch(), newScratch()
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		checkFastWords(t, fast, slow, text)
	})
}

// checkFastSentences compares the fast path's sentences with uniseg's.
// Texts with CR are left out: uniseg cuts between CR and LF, which rule
// SB3 forbids.
func checkFastSentences(t *testing.T, s *scratch, text string) {
	t.Helper()
	if strings.Contains(text, "\r") {
		return
	}
	s.sents = s.sents[:0]
	spans, ok := s.fastSentences(text, nil)
	if !ok {
		return
	}
	for _, sp := range spans {
		s.addSentence(text, sp.start, sp.end)
	}
	got := fmt.Sprint(s.sents)
	s.sents = s.sents[:0]
	s.unisegSentences(text)
	if want := fmt.Sprint(s.sents); got != want {
		t.Fatalf("sentences of %q:\n got %s\nwant %s", text, got, want)
	}
}

// TestFastSentencesMatchUniseg puts every character the fast path takes
// among letters, terminators, closers and spaces, and compares the
// sentences with those of uniseg.
func TestFastSentencesMatchUniseg(t *testing.T) {
	s := newScratch()
	templates := []string{"X", "Ab X. Cd", "ab. X cd", "ab.X", "ab X! cd", "ab.) X ef", "a. X b", "Ab. X", "1.X", "X.1",
		"A.X.B", "aX. b", "a.X b", "A X. b", "a X? b", "a. X. b", "a.” X b", "a.X) b", "a! X", "a X B", "X. a", "X! A",
		"a.) X", "a. (X b", "a. X1", "U.S.X"}
	for r := rune(0x80); r <= 0xFFFF; r++ {
		inf := fastInfo(r)
		if inf == nil || inf.sb == sbSlow {
			continue
		}
		for _, tpl := range templates {
			checkFastSentences(t, s, strings.ReplaceAll(tpl, "X", string(r)))
		}
	}
}

// TestFastSentencesRandom compares random mixes of Greek, Chinese, ASCII
// and punctuation.
func TestFastSentencesRandom(t *testing.T) {
	alphabet := []rune("aZ9.!?\"()-, \n:;'aAΑάΣσςΌ;·ÉéЖж中文。、，！？「」（）０Ａａ．’‘“”–—…«» \u00a0\u0301😀")
	s := newScratch()
	rng := rand.New(rand.NewSource(3))
	var b strings.Builder
	for n := 0; n < 50000; n++ {
		b.Reset()
		for l := rng.Intn(16); l > 0; l-- {
			b.WriteRune(alphabet[rng.Intn(len(alphabet))])
		}
		checkFastSentences(t, s, b.String())
	}
}

func FuzzFastSentences(f *testing.F) {
	for _, s := range []string{"Η σειρά. Καφές; Ναι! «Ωραία.» τέλος", "我们的春季促销现已开始。所有商品！「好」。", "Mr. Ἀθῆναι. a.b"} {
		f.Add(s)
	}
	s := newScratch()
	f.Fuzz(func(t *testing.T, text string) {
		if utf8.ValidString(text) {
			checkFastSentences(t, s, text)
		}
		checkBlockSentences(t, s, text)
	})
}
