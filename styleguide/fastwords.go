package styleguide

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The fast path of word segmentation for text outside ASCII. Where every
// character of a chunk has a plain UAX #29 word-break property (letters
// of alphabetic scripts such as Greek, Cyrillic and accented Latin; Han
// ideographs, Hiragana and CJK punctuation, which stand alone; ASCII),
// the rules reduce to the ones asciiJoin applies, and each character
// folds on its own. Chunks with anything else (combining marks, format
// characters, ZWJ, emoji sequences, Katakana, Hebrew, Thai, regional
// indicators, unusual spaces) go to uniseg.

// wbSlow marks a character the fast path does not handle.
const wbSlow = 0xff

// Character flags, as addSegment counts them.
const (
	rfLetter uint8 = 1 << iota
	rfUpper
	rfLower
	rfDigit
	rfCJK
	rfSpace
)

// runeInfo is what the fast path knows of one character: its word-break
// class, its flags and its case fold (full folding, then NFC, with ’ read
// as ').
type runeInfo struct {
	wb    uint8
	sb    uint8 // sentence-break class, or sbSlow
	flags uint8
	fold  string
}

// Ranges with a table; Han (U+4E00..U+9FFF) and Hiragana are computed.
var fastRanges = [...]struct{ lo, hi rune }{
	{0x0080, 0x0530}, // Latin-1, Latin Extended-A/B, IPA, Greek, Cyrillic
	{0x1F00, 0x2060}, // Greek Extended, General Punctuation
	{0x3000, 0x3040}, // CJK Symbols and Punctuation
	{0xFF00, 0xFF60}, // Fullwidth ASCII
}

// fastInfos holds what the fast path knows of each character it takes:
// entry 0 stands for none, then Han, Hiragana and each range's table (at
// fastBase). Its words refer to characters by index, which keeps pointers
// (and the garbage collector's write barriers) out of their hot loops.
var (
	fastInfos = sync.OnceValue(buildFastTable)
	fastBase  [len(fastRanges)]uint16
)

const (
	hanIndex      = 1
	hiraganaIndex = 2
)

// fastIndex returns the index in infos (fastInfos) of the non-ASCII
// character r, or 0 when the fast path does not take it.
func fastIndex(infos []runeInfo, r rune) uint16 {
	switch {
	case 0x4E00 <= r && r <= 0x9FFF:
		return hanIndex
	case 0x3041 <= r && r <= 0x3096:
		return hiraganaIndex
	}
	for i, rg := range fastRanges {
		if rg.lo <= r && r < rg.hi {
			if k := fastBase[i] + uint16(r-rg.lo); infos[k].wb != wbSlow {
				return k
			}
			return 0
		}
	}
	return 0
}

// fastInfoAt returns the fast path's knowledge of the character that
// starts at text[i], which is not ASCII, and its width in bytes; nil when
// the fast path does not take it (or the bytes are not UTF-8).
func fastInfoAt(text string, i int) (*runeInfo, int) {
	infos := fastInfos()
	k, w := fastIndexAt(infos, text, i)
	if k == 0 {
		return nil, w
	}
	return &infos[k], w
}

// fastIndexAt is fastInfoAt by index into infos (fastInfos), 0 for none.
// Two- and three-byte characters are decoded inline, and the first table
// range read without a search.
func fastIndexAt(infos []runeInfo, text string, i int) (uint16, int) {
	c0 := text[i]
	switch {
	case 0xC2 <= c0 && c0 <= 0xDF && i+1 < len(text):
		c1 := text[i+1]
		if c1&0xC0 != 0x80 {
			return 0, 1
		}
		r := rune(c0&0x1F)<<6 | rune(c1&0x3F)
		if r >= fastRanges[0].hi {
			return 0, 2
		}
		if k := fastBase[0] + uint16(r-fastRanges[0].lo); infos[k].wb != wbSlow {
			return k, 2
		}
		return 0, 2
	case 0xE1 <= c0 && c0 <= 0xEF && c0 != 0xED && i+2 < len(text):
		c1, c2 := text[i+1], text[i+2]
		if c1&0xC0 != 0x80 || c2&0xC0 != 0x80 {
			break
		}
		r := rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
		return fastIndex(infos, r), 3
	}
	r, w := utf8.DecodeRuneInString(text[i:])
	if r == utf8.RuneError {
		return 0, w
	}
	return fastIndex(infos, r), w
}

// Han ideographs and Hiragana have no case and no decomposition; each is
// a word of its own (word-break class Other). Their fold is their bytes.
var (
	hanInfo      = runeInfo{wb: wbOther, sb: sbOLetter, flags: rfLetter | rfCJK}
	hiraganaInfo = runeInfo{wb: wbOther, sb: sbOLetter, flags: rfLetter | rfCJK}
)

// fastWB gives the word-break class of the non-ASCII characters of the
// table ranges that the fast path handles; the rest are wbSlow. Letters
// of the alphabetic blocks are ALetter. TestFastWordsMatchUniseg checks
// every entry against uniseg.
func fastWB(r rune) uint8 {
	switch r {
	case 0x00B7, 0x0387, 0x2027, 0xFF1A:
		return wbMidLetter
	case 0x2018, 0x2019, 0x2024, 0xFF07, 0xFF0E:
		return wbMidNumLet
	case 0x037E, 0x2044, 0xFF0C, 0xFF1B:
		return wbMidNum
	case 0x203F, 0x2040, 0x2054, 0xFF3F:
		return wbExtendNumLet
	case 0x00AD, 0x0085:
		return wbSlow
	}
	switch {
	case 0x0300 <= r && r <= 0x036F, 0x0483 <= r && r <= 0x0489:
		return wbSlow // combining marks
	case 0xFF10 <= r && r <= 0xFF19:
		return wbNumeric
	case 0xFF21 <= r && r <= 0xFF3A, 0xFF41 <= r && r <= 0xFF5A:
		return wbLetter
	case 0xFF01 <= r && r <= 0xFF5E:
		return wbOther
	case 0xFF5F <= r && r < 0xFF60, 0xFF00 == r:
		return wbSlow
	case 0x3000 <= r && r < 0x3040:
		if 0x3001 <= r && r <= 0x3004 || 0x3008 <= r && r <= 0x3020 {
			return wbOther
		}
		return wbSlow
	case 0x2000 <= r && r < 0x2060:
		if 0x2010 <= r && r <= 0x2026 || 0x2030 <= r && r <= 0x205E {
			return wbOther
		}
		return wbSlow
	case 0x00A0 <= r && r <= 0x00BF, r == 0xD7, r == 0xF7:
		if unicode.IsLetter(r) {
			return wbLetter
		}
		return wbOther
	case r < 0x00A0:
		return wbSlow // C1 controls
	case r == 0x0375, r == 0x0384, r == 0x0385, r == 0x03F6, r == 0x0482:
		return wbOther
	case 0x0250 <= r && r < 0x0370:
		return wbSlow // IPA and modifier letters
	}
	if unicode.IsLetter(r) {
		return wbLetter
	}
	return wbSlow
}

// fastSB gives the sentence-break class of a character fastWB admits, or
// sbSlow. TestFastSentencesMatchUniseg checks every one against uniseg.
func fastSB(r rune) uint8 {
	switch r {
	case 0x00A0:
		return sbSp
	case 0x2024, 0xFF0E:
		return sbATerm
	case 0x203C, 0x203D, 0x2047, 0x2048, 0x2049, 0x3002, 0xFF01, 0xFF1F:
		return sbSTerm
	case 0x2013, 0x2014, 0x3001, 0xFF0C, 0xFF0D, 0xFF1A:
		return sbSContinue
	}
	switch {
	case 0xFF10 <= r && r <= 0xFF19:
		return sbNumeric
	case unicode.IsLetter(r):
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r) || unicode.Is(unicode.Other_Uppercase, r):
			return sbUpper
		case unicode.IsLower(r) || unicode.Is(unicode.Other_Lowercase, r):
			return sbLower
		}
		return sbOLetter
	case unicode.In(r, unicode.Ps, unicode.Pe, unicode.Pi, unicode.Pf):
		return sbClose
	}
	return sbOther
}

func buildFastTable() []runeInfo {
	s := newScratch()
	infos := []runeInfo{{wb: wbSlow, sb: sbSlow}, hanIndex: hanInfo, hiraganaIndex: hiraganaInfo}
	for i, rg := range fastRanges {
		fastBase[i] = uint16(len(infos))
		for r := rg.lo; r < rg.hi; r++ {
			infos = append(infos, makeRuneInfo(s, r))
		}
	}
	return infos
}

func makeRuneInfo(s *scratch, r rune) runeInfo {
	inf := runeInfo{wb: fastWB(r), sb: fastSB(r)}
	if inf.wb == wbSlow {
		return inf
	}
	switch {
	case unicode.IsLetter(r):
		inf.flags |= rfLetter
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			inf.flags |= rfUpper
		} else if unicode.IsLower(r) {
			inf.flags |= rfLower
		}
		if isCJK(r) {
			inf.flags |= rfCJK
		}
	case unicode.IsDigit(r):
		inf.flags |= rfDigit
	}
	if unicode.IsSpace(r) {
		inf.flags |= rfSpace
	}
	fold := s.foldAppend(nil, string(r))
	// The fold of a word is the folds of its characters only when no
	// character of a fold combines with what stands before it.
	for i := 0; i < len(fold); {
		p := norm.NFC.Properties(fold[i:])
		if !p.BoundaryBefore() {
			return runeInfo{wb: wbSlow}
		}
		i += p.Size()
	}
	inf.fold = string(fold)
	return inf
}

// fastRune is one character of a chunk on the fast path.
type fastRune struct {
	off int32
	wb  uint8
	inf uint16 // its index in fastInfos; 0 for ASCII
}

// fastWords segments text[lo:hi] like uniWords and reports true, or
// reports false, adding nothing, when a character needs uniseg.
func (s *scratch) fastWords(w *words, text string, lo, hi int) bool {
	infos := fastInfos()
	rs := s.runes[:0]
	for i := lo; i < hi; {
		c := text[i]
		if c < utf8.RuneSelf {
			rs = append(rs, fastRune{off: int32(i), wb: asciiWB[c]})
			i++
			continue
		}
		k, w := fastIndexAt(infos, text, i)
		if k == 0 {
			s.runes = rs
			return false
		}
		rs = append(rs, fastRune{off: int32(i), wb: infos[k].wb, inf: k})
		i += w
	}
	s.runes = rs
	start := 0
	for i := 1; i <= len(rs); i++ {
		if i < len(rs) {
			prev, next := uint8(wbOther), uint8(wbOther)
			if i >= 2 {
				prev = rs[i-2].wb
			}
			if i+1 < len(rs) {
				next = rs[i+1].wb
			}
			if joinWB(prev, rs[i-1].wb, rs[i].wb, next) {
				continue
			}
		}
		end := hi
		if i < len(rs) {
			end = int(rs[i].off)
		}
		w.addFast(infos, text, rs[start:i], end)
		start = i
	}
	return true
}

// addFast adds the word made of the characters rs, which ends at end.
func (w *words) addFast(infos []runeInfo, text string, rs []fastRune, end int) {
	t := token{start: rs[0].off, end: int32(end), kind: tokPunct, ascii: true}
	arena := w.arena
	fs := len(arena)
	space := true
	for k := range rs {
		if rs[k].inf == 0 {
			space = false
			arena = append(arena, t.countASCII(text[rs[k].off]))
			continue
		}
		inf := &infos[rs[k].inf]
		t.ascii = false
		f := inf.flags
		if f&rfSpace == 0 {
			space = false
		}
		if f&rfLetter != 0 {
			t.letters++
			switch {
			case f&rfUpper != 0:
				t.upper++
			case f&rfLower != 0:
				t.lower++
			}
			if f&rfCJK != 0 {
				t.cjk++
			}
		} else if f&rfDigit != 0 {
			t.digits++
		}
		if inf.fold != "" {
			arena = append(arena, inf.fold...)
		} else {
			next := end
			if k+1 < len(rs) {
				next = int(rs[k+1].off)
			}
			arena = append(arena, text[rs[k].off:next]...)
		}
	}
	if space {
		w.arena = arena[:fs]
		return
	}
	w.arena = arena
	if t.letters > 0 || t.digits > 0 {
		t.kind = tokWord
	}
	t.fs, t.fe = int32(fs), int32(len(arena))
	w.add(text, t)
}
