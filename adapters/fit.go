package adapters

import (
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Ellipsis marks a text cut short by Fit.
const Ellipsis = "…"

// Fit shortens s so that count(s) <= max. It returns s unchanged when it
// already fits. Otherwise it cuts after the last whole sentence that fits,
// provided that keeps at least half of max; else after the last word that
// fits, trimming trailing spaces and commas and appending Ellipsis (which
// counts too); else, for text without spaces such as Chinese or one long
// word, after the last grapheme cluster that fits, with Ellipsis if there
// is room. It never splits a grapheme cluster (emoji sequences, flags,
// letters with combining marks) and never cuts inside a URL except as a
// last resort. The result is a prefix of s, possibly followed by
// Ellipsis, and may be "" when not even one grapheme cluster fits. A nil
// count counts grapheme clusters.
//
// Candidates are found by binary search, so count runs O(log n) times;
// it is assumed to grow with the text, as every channel counter does.
func Fit(s string, max int, count Counter) string {
	if count == nil {
		count = Graphemes
	}
	if count(s) <= max {
		return s
	}
	return fitPrefix(s, max, count)
}

// FitWithSuffix fits s into what remains of max once suffix is appended
// (a link, an opt-out line), measuring the two together so that a count
// that depends on context, such as X's URL weighting, stays exact. It
// returns the fitted text followed by suffix. The suffix is never cut: when
// it alone exceeds max the result is suffix, and the channel's limit check
// reports it.
func FitWithSuffix(s, suffix string, max int, count Counter) string {
	if count == nil {
		count = Graphemes
	}
	if count(s+suffix) <= max {
		return s + suffix
	}
	return fitPrefix(s, max, func(p string) int { return count(p + suffix) }) + suffix
}

// fitPrefix is Fit for a text known not to fit.
func fitPrefix(s string, max int, count Counter) string {
	if max < 0 || s == "" {
		return ""
	}
	fits := func(c string) bool { return count(c) <= max }
	inURL := urlInteriors(s)

	// Whole sentences, when they keep at least half the budget.
	var sentences []int
	state, off := -1, 0
	for rest := s; rest != ""; {
		var sent string
		sent, rest, state = uniseg.FirstSentenceInString(rest, state)
		off += len(sent)
		if off < len(s) && !inURL(off) {
			sentences = append(sentences, off)
		}
	}
	if cut, ok := lastFitting(sentences, func(b int) string { return trimSpaceEnd(s[:b]) }, fits); ok && cut != "" && 2*count(cut) >= max {
		return cut
	}

	// Words, with an ellipsis.
	var words []int
	state, off = -1, 0
	for rest := s; rest != ""; {
		var word string
		word, rest, state = uniseg.FirstWordInString(rest, state)
		off += len(word)
		if off < len(s) && !isSpaceOnly(word) && !inURL(off) {
			words = append(words, off)
		}
	}
	withEllipsis := func(b int) string {
		if p := trimCutEnd(s[:b]); p != "" {
			return p + Ellipsis
		}
		return ""
	}
	if cut, ok := lastFitting(words, withEllipsis, fits); ok && cut != "" {
		return cut
	}

	// Grapheme clusters: with an ellipsis if there is room, else bare.
	var clusters []int
	state, off = -1, 0
	for rest := s; rest != ""; {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		off += len(cl)
		if off < len(s) {
			clusters = append(clusters, off)
		}
	}
	if cut, ok := lastFitting(clusters, withEllipsis, fits); ok && cut != "" {
		return cut
	}
	if cut, ok := lastFitting(clusters, func(b int) string { return s[:b] }, fits); ok {
		return cut
	}
	return ""
}

// lastFitting returns the candidate built from the last cut that fits,
// by binary search over cuts in ascending order. An empty build result
// counts as not fitting. Only candidates that were measured are returned.
func lastFitting(cuts []int, build func(int) string, fits func(string) bool) (string, bool) {
	lo, hi := -1, len(cuts)
	best := ""
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if c := build(cuts[mid]); c != "" && fits(c) {
			lo, best = mid, c
		} else {
			hi = mid
		}
	}
	return best, lo >= 0
}

// urlInteriors returns a test for byte offsets strictly inside a URL of s.
func urlInteriors(s string) func(int) bool {
	spans := urlByteSpans(s)
	return func(off int) bool {
		for _, sp := range spans {
			if off > sp[0] && off < sp[1] {
				return true
			}
		}
		return false
	}
}

func isSpaceOnly(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// trimSpaceEnd drops trailing grapheme clusters made only of white space.
func trimSpaceEnd(s string) string { return trimClustersEnd(s, unicode.IsSpace) }

// trimCutEnd drops the trailing spaces and the punctuation a cut should
// not end on before an ellipsis: commas, colons, dashes, open brackets.
func trimCutEnd(s string) string {
	return trimClustersEnd(s, func(r rune) bool {
		if unicode.IsSpace(r) {
			return true
		}
		switch r {
		case ',', ';', ':', '-', '–', '—', '(', '[', '{', '/', '·', '、', '，', '；', '：', '（', '«', '“', '‘', '"', '\'':
			return true
		}
		return false
	})
}

// trimClustersEnd drops trailing grapheme clusters whose every code point
// satisfies drop, so that trimming never splits a cluster.
func trimClustersEnd(s string, drop func(rune) bool) string {
	end, state, off := 0, -1, 0
	for rest := s; rest != ""; {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		off += len(cl)
		keep := false
		for _, r := range cl {
			if r == utf8.RuneError || !drop(r) {
				keep = true
				break
			}
		}
		if keep {
			end = off
		}
	}
	return s[:end]
}
