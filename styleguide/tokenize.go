package styleguide

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/cases"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Token kinds. Whitespace segments are dropped, so a token is either a
// word (it holds a letter or a digit) or a run of punctuation or symbols.
const (
	tokWord uint8 = iota
	tokPunct
)

// token is one UAX #29 word segment of a text, with its case-folded form
// kept in the scratch arena.
type token struct {
	start, end int32 // bytes of the text
	fs, fe     int32 // folded form: arena[fs:fe]
	// A trailing English possessive ('s or ’s) may be ignored when a match
	// ends on this token: end2 and fe2 are the ends without it (equal to
	// end and fe when there is none).
	end2, fe2 int32
	kind      uint8
	ascii     bool
	letters   int16 // letters
	upper     int16 // upper- or titlecase letters
	lower     int16 // lowercase letters
	digits    int16 // decimal digits
	cjk       int16 // Han, Hiragana, Katakana and Hangul characters
}

// scratch is the reusable working memory of one check. It is not safe for
// concurrent use; checks take one from a pool.
type scratch struct {
	toks  []token
	arena []byte
	runes []fastRune            // a chunk's characters, for fastWords
	sbCls []uint8               // a text's sentence-break classes, for fastSentences
	sbOff []int32               // and their byte offsets
	bcls  []uint8               // the blocks' sentence-break classes, as tokenize records them
	boff  []int32               // and their byte offsets
	src   []byte                // a token's bytes, for the case folder
	fold  transform.Transformer // cases.Fold, boxed once: boxing per call allocates
	sents []span
	spans []span
	words []int // a heading's word tokens
	norm  []byte
	fbuf  []byte // a folded text, for normAppend
	item  []byte // every block of a check, normalised, for disclaimer tests
	lower []byte // a block's text with ASCII letters lowered, for pattern prefilters
}

type span struct{ start, end int }

// words collects what tokenize adds: tokens and their folded bytes.
// tokenize keeps it on its stack while words are added, and copies it to
// and from the scratch once: a slice stored into the scratch, which is on
// the heap, costs a write barrier while the collector marks.
type words struct {
	toks  []token
	arena []byte
}

// add appends t, whose fold is arena[t.fs:t.fe], noting a possessive.
func (w *words) add(text string, t token) {
	t.end2, t.fe2 = t.end, t.fe
	if t.kind == tokWord && t.fe-t.fs >= 3 && w.arena[t.fe-1] == 's' && w.arena[t.fe-2] == '\'' {
		possessive(text, &t) // the fold ends in 's
	}
	w.toks = append(w.toks, t)
}

func newScratch() *scratch {
	return &scratch{
		toks:  make([]token, 0, 512),
		arena: make([]byte, 0, 4096),
		fold:  cases.Fold(),
	}
}

func (s *scratch) reset() {
	s.toks = s.toks[:0]
	s.arena = s.arena[:0]
	s.sents = s.sents[:0]
	s.bcls = s.bcls[:0]
	s.boff = s.boff[:0]
}

// Byte classes for tokenize.
const (
	bcSpace    uint8 = 1 << iota // ASCII whitespace
	bcNonASCII                   // a byte of a character outside ASCII
	bcLink                       // one of "@./:", one of which every link and address holds
)

var byteClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case isASCIISpace(byte(c)):
			t[c] = bcSpace
		case c >= utf8.RuneSelf:
			t[c] = bcNonASCII
		case c == '@' || c == '.' || c == '/' || c == ':':
			t[c] = bcLink
		}
	}
	return t
}()

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// tokenize appends the tokens of text to s.toks. Text is cut into chunks at
// ASCII whitespace, which UAX #29 always breaks around; chunks of pure
// ASCII are segmented by asciiWords, which follows the same rules, and the
// rest by uniWords.
//
// It reports whether text is all ASCII. When it is not, tokenize also
// appends the sentence-break class of each of its characters to s.bcls,
// and its offset to s.boff, as fastSentences finds them, and reports in
// sbOK whether every character has a class the fast path knows; sentences
// then need no second pass over the text.
func (s *scratch) tokenize(text string) (ascii, sbOK bool) {
	w := words{s.toks, s.arena}
	bcls, boff := s.bcls, s.boff
	defer func() { s.toks, s.arena, s.bcls, s.boff = w.toks, w.arena, bcls, boff }()
	recording, sbOK := false, true
	i := 0
	for i < len(text) {
		if c := text[i]; byteClass[c]&bcSpace != 0 {
			if recording {
				bcls = append(bcls, asciiSB[c])
				boff = append(boff, int32(i))
			}
			i++
			continue
		}
		j, seen := i, uint8(0)
		for j < len(text) {
			c := byteClass[text[j]]
			if c&bcSpace != 0 {
				break
			}
			seen |= c
			j++
		}
		chunkASCII := seen&bcNonASCII == 0
		if !chunkASCII && !recording {
			recording = true
			bcls, boff, _ = appendClasses(bcls, boff, text, 0, i)
		}
		// Links and addresses are not prose: "acme.example/stormshell" is
		// no misspelt name. Text glued before a link ("选购：acme.example/x")
		// still is. Every link holds one of the bytes bcLink marks.
		end := j
		if seen&bcLink != 0 {
			if k := linkStart(text[i:j]); k >= 0 {
				end = i + k
			}
		}
		switch {
		case chunkASCII:
			if end > i {
				asciiWords(&w, text, i, end)
			}
			if recording {
				bcls, boff, _ = appendClasses(bcls, boff, text, i, j)
			}
		default:
			if end > i {
				if s.fastWords(&w, text, i, end) {
					infos := fastInfos()
					for _, fr := range s.runes {
						sb := asciiSB[text[fr.off]&0x7f]
						if fr.inf != 0 {
							sb = infos[fr.inf].sb
						}
						bcls = append(bcls, sb)
						boff = append(boff, fr.off)
					}
				} else {
					s.unisegChunk(&w, text, i, end)
					sbOK = false
				}
			}
			if sbOK {
				bcls, boff, sbOK = appendClasses(bcls, boff, text, end, j)
			}
		}
		i = j
	}
	return !recording, recording && sbOK
}

// linkStart returns the byte offset in a whitespace-free chunk of text
// where a link or an email address starts and runs to the chunk's end,
// or -1 when there is none.
func linkStart(chunk string) int {
	if strings.HasPrefix(chunk, "mailto:") {
		return 0
	}
	if at := strings.IndexByte(chunk, '@'); at > 0 && strings.IndexByte(chunk[at:], '.') > 1 {
		return 0
	}
	if k := strings.Index(chunk, "://"); k >= 0 {
		return hostStart(chunk, k, func(c byte) bool { return isASCIIAlnum(c) || c == '+' || c == '-' || c == '.' })
	}
	if k := strings.Index(chunk, "www."); k >= 0 && (k == 0 || !isHostByte(chunk[k-1])) {
		return k
	}
	return bareLink(chunk)
}

// bareLink returns where a host and path written without a scheme
// ("acme.example/sale") start in chunk, as channels whose links cannot be
// clicked state them: dot-separated labels of ASCII letters, digits and
// hyphens whose last label is two letters or more, then a '/'. It returns
// -1 when the chunk holds none.
func bareLink(chunk string) int {
	slash := strings.IndexByte(chunk, '/')
	if slash <= 0 {
		return -1
	}
	start := hostStart(chunk, slash, isHostByte)
	labels := strings.Split(chunk[start:slash], ".")
	if len(labels) < 2 {
		return -1
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return -1
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 {
		return -1
	}
	for i := 0; i < len(tld); i++ {
		if c := tld[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return -1
		}
	}
	return start
}

// hostStart walks back from end over the bytes ok admits and returns
// where that run starts.
func hostStart(chunk string, end int, ok func(byte) bool) int {
	for end > 0 && ok(chunk[end-1]) {
		end--
	}
	return end
}

func isHostByte(c byte) bool { return isASCIIAlnum(c) || c == '-' || c == '.' }

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// ASCII word-break classes (UAX #29).
const (
	wbOther = iota
	wbLetter
	wbNumeric
	wbExtendNumLet // _
	wbMidLetter    // :
	wbMidNumLet    // .
	wbSingleQuote  // '
	wbMidNum       // , ;
)

var asciiWB = func() (t [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = wbLetter
		t[c-'a'+'A'] = wbLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = wbNumeric
	}
	t['_'] = wbExtendNumLet
	t[':'] = wbMidLetter
	t['.'] = wbMidNumLet
	t['\''] = wbSingleQuote
	t[','] = wbMidNum
	t[';'] = wbMidNum
	return t
}()

// asciiJoin reports whether UAX #29 keeps text[i-1] and text[i] in one
// word, for a chunk text[lo:hi] of ASCII without whitespace.
func asciiJoin(text string, lo, hi, i int) bool {
	next := uint8(wbOther)
	if i+1 < hi {
		next = asciiWB[text[i+1]]
	}
	prev := uint8(wbOther)
	if i-2 >= lo {
		prev = asciiWB[text[i-2]]
	}
	return joinWB(prev, asciiWB[text[i-1]], asciiWB[text[i]], next)
}

// joinWB reports whether UAX #29 keeps characters of classes a and b in
// one word, given the classes before a and after b, when no character
// around has a class outside the ones asciiWB knows.
func joinWB(prev, a, b, next uint8) bool {
	midLetterQ := func(c uint8) bool { return c == wbMidLetter || c == wbMidNumLet || c == wbSingleQuote }
	midNumQ := func(c uint8) bool { return c == wbMidNum || c == wbMidNumLet || c == wbSingleQuote }
	switch {
	case a == wbLetter && b == wbLetter: // WB5
		return true
	case a == wbLetter && midLetterQ(b) && next == wbLetter: // WB6
		return true
	case prev == wbLetter && midLetterQ(a) && b == wbLetter: // WB7
		return true
	case a == wbNumeric && b == wbNumeric, // WB8
		a == wbLetter && b == wbNumeric, // WB9
		a == wbNumeric && b == wbLetter: // WB10
		return true
	case prev == wbNumeric && midNumQ(a) && b == wbNumeric: // WB11
		return true
	case a == wbNumeric && midNumQ(b) && next == wbNumeric: // WB12
		return true
	case (a == wbLetter || a == wbNumeric || a == wbExtendNumLet) && b == wbExtendNumLet: // WB13a
		return true
	case a == wbExtendNumLet && (b == wbLetter || b == wbNumeric): // WB13b
		return true
	}
	return false
}

func asciiWords(w *words, text string, lo, hi int) {
	start := lo
	for i := lo + 1; i <= hi; i++ {
		if i < hi && asciiJoin(text, lo, hi, i) {
			continue
		}
		w.addASCII(text, start, i)
		start = i
	}
}

// countASCII counts the ASCII byte c into the token's letters, cases and
// digits and returns it case-folded.
func (t *token) countASCII(c byte) byte {
	switch {
	case 'a' <= c && c <= 'z':
		t.letters++
		t.lower++
	case 'A' <= c && c <= 'Z':
		t.letters++
		t.upper++
		c += 'a' - 'A'
	case '0' <= c && c <= '9':
		t.digits++
	}
	return c
}

func (w *words) addASCII(text string, start, end int) {
	t := token{start: int32(start), end: int32(end), kind: tokPunct, ascii: true}
	arena := w.arena // local: a store through w may still be a write barrier
	fs := len(arena)
	for i := start; i < end; i++ {
		arena = append(arena, t.countASCII(text[i]))
	}
	w.arena = arena
	if t.letters > 0 || t.digits > 0 {
		t.kind = tokWord
	}
	t.fs, t.fe = int32(fs), int32(len(arena))
	w.add(text, t)
}

// uniWords segments a chunk that is not pure ASCII: on the fast path when
// all its characters allow, else with uniseg.
func (s *scratch) uniWords(w *words, text string, lo, hi int) {
	if !s.fastWords(w, text, lo, hi) {
		s.unisegChunk(w, text, lo, hi)
	}
}

// unisegChunk segments text[lo:hi] with uniseg.
func (s *scratch) unisegChunk(w *words, text string, lo, hi int) {
	rest := text[lo:hi]
	state := -1
	off := lo
	for len(rest) > 0 {
		var seg string
		seg, rest, state = uniseg.FirstWordInString(rest, state)
		s.addSegment(w, text, off, off+len(seg))
		off += len(seg)
	}
}

// addSegment classifies and folds one uniseg word segment.
func (s *scratch) addSegment(w *words, text string, start, end int) {
	seg := text[start:end]
	t := token{start: int32(start), end: int32(end), kind: tokPunct}
	space, ascii := true, true
	for _, r := range seg {
		if r >= utf8.RuneSelf {
			ascii = false
		}
		if !unicode.IsSpace(r) {
			space = false
		}
		switch {
		case unicode.IsLetter(r):
			t.letters++
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				t.upper++
			} else if unicode.IsLower(r) {
				t.lower++
			}
			if isCJK(r) {
				t.cjk++
			}
		case unicode.IsDigit(r):
			t.digits++
		}
	}
	if space {
		return
	}
	if t.letters > 0 || t.digits > 0 {
		t.kind = tokWord
	}
	t.ascii = ascii
	t.fs = int32(len(w.arena))
	if ascii {
		arena := w.arena
		for i := 0; i < len(seg); i++ {
			c := seg[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			arena = append(arena, c)
		}
		w.arena = arena
	} else {
		w.arena = s.foldAppend(w.arena, seg)
	}
	t.fe = int32(len(w.arena))
	w.add(text, t)
}

// foldAppend appends the case fold of seg (Unicode full case folding, then
// NFC, with the right single quotation mark read as an apostrophe).
func (s *scratch) foldAppend(dst []byte, seg string) []byte {
	s.src = append(s.src[:0], seg...)
	s.fold.Reset()
	start := len(dst)
	// Room to spare, or transform.Append allocates a buffer of its own.
	dst = slices.Grow(dst, 2*len(seg)+8)
	out, _, err := transform.Append(s.fold, dst, s.src)
	if err != nil {
		out = append(dst[:start], seg...)
	}
	if !norm.NFC.IsNormal(out[start:]) {
		s.norm = norm.NFC.Append(s.norm[:0], out[start:]...)
		out = append(out[:start], s.norm...)
	}
	// ’ (E2 80 99) folds to ' so that "don’t" and "don't" match.
	w := start
	for r := start; r < len(out); {
		if r+2 < len(out) && out[r] == 0xE2 && out[r+1] == 0x80 && out[r+2] == 0x99 {
			out[w] = '\''
			w++
			r += 3
			continue
		}
		out[w] = out[r]
		w++
		r++
	}
	return out[:w]
}

// possessive records the ends of a word token whose fold ends in 's
// without the 's or ’s, so "AcmeDB's" can match the name AcmeDB.
func possessive(text string, t *token) {
	word := text[t.start:t.end]
	n := len(word)
	switch {
	case n > 2 && word[n-2] == '\'' && (word[n-1] == 's' || word[n-1] == 'S'):
		t.end2 = t.end - 2
	case n > 4 && word[n-4:n-1] == "\u2019" && (word[n-1] == 's' || word[n-1] == 'S'):
		t.end2 = t.end - 4
	default:
		return
	}
	t.fe2 = t.fe - 2
}

// isCJK reports whether r is Han, Hiragana, Katakana or Hangul: scripts
// whose readability is counted in characters.
func isCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// foldString returns the folded tokens of a phrase, as the matcher sees
// text: words and punctuation, without whitespace.
func foldTokens(s *scratch, phrase string) []string {
	s.reset()
	s.tokenize(phrase)
	out := make([]string, len(s.toks))
	for i, t := range s.toks {
		out[i] = string(s.arena[t.fs:t.fe])
	}
	return out
}
