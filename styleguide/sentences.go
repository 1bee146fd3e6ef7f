package styleguide

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// sentences sets s.sents to the UAX #29 sentences of text, trimmed of
// surrounding whitespace, empty ones dropped. UAX #29 does not end a
// sentence at the Greek question mark (U+037E, or ";" after NFC), so for
// Greek text (greek true) a ";" followed by a space ends one too, and
// U+037E always does.
func (s *scratch) sentences(text string, greek bool) {
	spans, ok := s.fastSentences(text, s.spans[:0])
	s.setSentences(text, greek, spans, ok)
}

// blockSentences is sentences for block b, from the classes tokenize
// recorded when it has them.
func (s *scratch) blockSentences(b *block, greek bool) {
	if !b.sb {
		s.sentences(b.text, greek)
		return
	}
	s.setSentences(b.text, greek, breakSentences(b.text, s.bcls[b.c0:b.c1], s.boff[b.c0:b.c1], s.spans[:0]), true)
}

// setSentences sets s.sents from the UAX #29 sentence spans of text, or
// when ok is false from uniseg's.
func (s *scratch) setSentences(text string, greek bool, spans []span, ok bool) {
	s.sents = s.sents[:0]
	if ok {
		for _, sp := range spans {
			s.addSentence(text, sp.start, sp.end)
		}
	} else {
		s.unisegSentences(text)
	}
	s.spans = spans[:0]
	if greek || strings.Contains(text, "\u037e") {
		s.splitGreek(text, greek)
	}
}

// unisegSentences adds the sentences of text as uniseg finds them.
func (s *scratch) unisegSentences(text string) {
	rest, state, off := text, -1, 0
	for len(rest) > 0 {
		var seg string
		seg, rest, state = uniseg.FirstSentenceInString(rest, state)
		s.addSentence(text, off, off+len(seg))
		off += len(seg)
	}
}

// fastSentences appends the UAX #29 sentences of text to out when every
// character of it has a sentence-break class the fast path knows (ASCII,
// and the characters fastInfo describes with one), and reports whether it
// did.
func (s *scratch) fastSentences(text string, out []span) ([]span, bool) {
	cls, offs, ok := appendClasses(s.sbCls[:0], s.sbOff[:0], text, 0, len(text))
	s.sbCls, s.sbOff = cls, offs
	if !ok {
		return out, false
	}
	if len(cls) == len(text) {
		offs = nil // all ASCII: unit k is byte k
	}
	return breakSentences(text, cls, offs, out), true
}

// appendClasses appends the sentence-break classes of the characters of
// text[lo:hi] to cls and their offsets to offs, and reports whether the
// fast path knows every one.
func appendClasses(cls []uint8, offs []int32, text string, lo, hi int) ([]uint8, []int32, bool) {
	for i := lo; i < hi; {
		c := text[i]
		if c < utf8.RuneSelf {
			cls = append(cls, asciiSB[c])
			offs = append(offs, int32(i))
			i++
			continue
		}
		inf, w := fastInfoAt(text, i)
		if inf == nil || inf.sb == sbSlow {
			return cls, offs, false
		}
		cls = append(cls, inf.sb)
		offs = append(offs, int32(i))
		i += w
	}
	return cls, offs, true
}

func (s *scratch) addSentence(text string, start, end int) {
	for start < end && isASCIISpace(text[start]) {
		start++
	}
	for end > start && isASCIISpace(text[end-1]) {
		end--
	}
	if start < end {
		s.sents = append(s.sents, span{start, end})
	}
}

// splitGreek cuts sentences after a Greek question mark followed by
// whitespace.
func (s *scratch) splitGreek(text string, semicolon bool) {
	n := len(s.sents)
	for k := 0; k < n; k++ {
		sp := s.sents[k]
		start := sp.start
		// ';' and U+037E (CD BE) each start a character wherever they
		// stand, so they are found byte by byte.
		for i := sp.start; i < sp.end; {
			if c := text[i]; c != ';' && c != 0xcd {
				i++
				continue
			}
			switch {
			case text[i] == ';' && semicolon:
				i++
			case strings.HasPrefix(text[i:sp.end], "\u037e"):
				i += len("\u037e")
			default:
				i++
				continue
			}
			if i < sp.end && isASCIISpace(text[i]) {
				s.addSentence(text, start, i)
				start = i
			}
		}
		if start != sp.start {
			s.addSentence(text, start, sp.end)
			s.sents[k].end = -1 // replaced by the pieces
		}
	}
	if len(s.sents) == n {
		return
	}
	out := s.sents[:0]
	for _, sp := range s.sents {
		if sp.end >= 0 {
			out = append(out, sp)
		}
	}
	s.sents = out
	// Pieces were appended after the originals; restore text order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
}

// ASCII sentence-break classes (UAX #29).
const (
	sbOther = iota
	sbSp
	sbLF
	sbCR
	sbSTerm
	sbATerm
	sbClose
	sbSContinue
	sbNumeric
	sbUpper
	sbLower
	sbOLetter
	sbSlow = 0xff // a class the fast path does not handle
)

var asciiSB = func() (t [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = sbLower
		t[c-'a'+'A'] = sbUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = sbNumeric
	}
	for _, c := range "\t\v\f " {
		t[c] = sbSp
	}
	t['\n'] = sbLF
	t['\r'] = sbCR
	t['!'] = sbSTerm
	t['?'] = sbSTerm
	t['.'] = sbATerm
	for _, c := range "\"'()[]{}" {
		t[c] = sbClose
	}
	for _, c := range ",-:" {
		t[c] = sbSContinue
	}
	return t
}()

// breakSentences appends the UAX #29 sentences of text to out, in one
// linear pass over the sentence-break classes of its characters: cls[k]
// is the class of the character at byte offs[k] (at byte k when offs is
// nil). The state after each character records whether the text so far
// ends in STerm|ATerm Close* Sp*, which rules SB8 to SB11 look back at.
// No character may be of class Format, Extend or Sep.
func breakSentences(text string, cls []uint8, offs []int32, out []span) []span {
	if len(cls) == 0 {
		return out
	}
	const (
		none     = iota
		term     // ends in SATerm
		termCl   // SATerm Close+
		termClSp // SATerm Close* Sp+
	)
	st, termA := none, false
	// SB8 look-ahead, memoised: laStop is where the last scan stopped.
	laStop, laLower := -1, false
	start := 0
	a := cls[0]
	for i := 0; i < len(cls); i++ {
		if st == none && !sbActive[a] && i > 0 {
			// Nothing breaks and the state stays none until a terminator
			// or a paragraph separator.
			for i < len(cls) && !sbActive[cls[i]] {
				i++
			}
			if i == len(cls) {
				break
			}
			a = cls[i-1]
		}
		b := cls[i]
		if i > 0 {
			brk := false
			switch {
			case a == sbCR && b == sbLF: // SB3
			case a == sbCR || a == sbLF: // SB4
				brk = true
			case a == sbATerm && b == sbNumeric: // SB6
			case a == sbATerm && i >= 2 && b == sbUpper && (cls[i-2] == sbUpper || cls[i-2] == sbLower): // SB7
			case st != none && termA && lookLower(cls, i, &laStop, &laLower): // SB8
			case st != none && (b == sbSContinue || b == sbSTerm || b == sbATerm): // SB8a
			case (st == term || st == termCl) && (b == sbClose || b == sbSp || b == sbLF || b == sbCR): // SB9
			case st != none && (b == sbSp || b == sbLF || b == sbCR): // SB10
			case st != none: // SB11
				brk = true
			}
			if brk {
				at := i
				if offs != nil {
					at = int(offs[i])
				}
				out = append(out, span{start, at})
				start = at
			}
		}
		switch {
		case b == sbSTerm || b == sbATerm:
			st, termA = term, b == sbATerm
		case b == sbClose && (st == term || st == termCl):
			st = termCl
		case b == sbSp && st != none:
			st = termClSp
		default:
			st = none
		}
		a = b
	}
	return append(out, span{start, len(text)})
}

// sbActive marks the classes after which a break may come or the state
// of breakSentences leaves none.
var sbActive = func() (t [256]bool) {
	t[sbSTerm], t[sbATerm], t[sbCR], t[sbLF] = true, true, true, true
	return t
}()

// lookLower is SB8's look-ahead: whether the first letter, paragraph
// separator or terminator from i on is a lowercase letter. The last scan
// is remembered, so a run of positions costs one scan.
func lookLower(cls []uint8, i int, laStop *int, laLower *bool) bool {
	if i <= *laStop {
		return *laLower
	}
	k := i
	for ; k < len(cls); k++ {
		switch c := cls[k]; c {
		case sbUpper, sbLower, sbOLetter, sbLF, sbCR, sbSTerm, sbATerm:
			*laStop, *laLower = k, c == sbLower
			return *laLower
		}
	}
	*laStop, *laLower = k, false
	return false
}
