package styleguide

import (
	"fmt"
	"strconv"

	"github.com/chorus-dev/chorus/content"
)

// readabilityRule limits sentence length (in words, or in characters for
// Chinese, Japanese and Korean) and, for English, the Flesch-Kincaid grade
// of the body.
type readabilityRule struct {
	length, grade ruleHead
	maxWords      int     // 0: not checked
	maxChars      int     // 0: not checked
	maxGrade      float64 // 0: not checked
}

// Flesch-Kincaid needs this much text to mean anything.
const (
	gradeMinSentences = 3
	gradeMinWords     = 30
)

func decodeReadability(b *builder, n *node, path string) {
	d := &b.c.d
	if !d.mapping(n, path, "max_sentence_words", "max_sentence_chars", "max_grade", "severity", "only") {
		return
	}
	h := b.head(n, path, "", content.Suggestion)
	r := &readabilityRule{length: h, grade: h}
	r.length.id, r.grade.id = "readability.sentence_length", "readability.grade"
	if v := n.get("max_sentence_words"); v != nil {
		r.maxWords, _ = d.integer(v, path+".max_sentence_words", 1)
	}
	if v := n.get("max_sentence_chars"); v != nil {
		r.maxChars, _ = d.integer(v, path+".max_sentence_chars", 1)
	} else {
		r.maxChars = 2 * r.maxWords
	}
	if v := n.get("max_grade"); v != nil {
		r.maxGrade, _ = d.number(v, path+".max_grade", 1)
	}
	if r.maxWords > 0 || r.maxChars > 0 || r.maxGrade > 0 {
		b.rs.checks = append(b.rs.checks, r)
	}
}

func (x *readabilityRule) check(r *run) {
	greek := langOf(r.loc) == "el"
	english := r.english() // the grade formula is English's
	var sents, words, syllables int
	var first *block
	for i := range r.blocks {
		b := &r.blocks[i]
		if b.p.Kind == content.Heading {
			continue
		}
		doLength := (x.maxWords > 0 || x.maxChars > 0) && r.applies(&x.length, b)
		doGrade := english && x.maxGrade > 0 && r.source && b.p.Field == "body" && b.p.Kind == content.Paragraph && r.applies(&x.grade, b)
		if !doLength && !doGrade {
			continue
		}
		r.s.blockSentences(b, greek)
		toks := r.tokens(b)
		k := 0
		for _, sp := range r.s.sents {
			var w, cjk, other, syl int
			for ; k < len(toks) && int(toks[k].start) < sp.end; k++ {
				t := &toks[k]
				if t.kind != tokWord || int(t.start) < sp.start {
					continue
				}
				w++
				if t.cjk > 0 {
					cjk += int(t.cjk)
				} else {
					other++
				}
				if doGrade {
					syl += syllableCount(r.folded(t), t.ascii, int(t.letters))
				}
			}
			if doLength {
				x.checkLength(r, b, sp, w, cjk, other)
			}
			if doGrade && w > 0 {
				if first == nil {
					first = b
				}
				sents++
				words += w
				syllables += syl
			}
		}
	}
	if first != nil && sents >= gradeMinSentences && words >= gradeMinWords {
		grade := 0.39*float64(words)/float64(sents) + 11.8*float64(syllables)/float64(words) - 15.59
		if grade > x.maxGrade {
			msg := fmt.Sprintf("Flesch-Kincaid grade %.1f is above %s (%d sentences, %d words, %d syllables)",
				grade, strconv.FormatFloat(x.maxGrade, 'f', -1, 64), sents, words, syllables)
			r.report(&x.grade, first, 0, 0, msg, nil, dedupNone)
		}
	}
}

func (x *readabilityRule) checkLength(r *run, b *block, sp span, words, cjk, other int) {
	if cjk > 0 && cjk >= other {
		// Counted in characters: each CJK character, and each other word.
		if n := cjk + other; x.maxChars > 0 && n > x.maxChars {
			r.report(&x.length, b, sp.start, sp.end, fmt.Sprintf("sentence has %d characters (max %d)", n, x.maxChars), nil, dedupSpan)
		}
		return
	}
	if x.maxWords > 0 && words > x.maxWords {
		r.report(&x.length, b, sp.start, sp.end, fmt.Sprintf("sentence has %d words (max %d)", words, x.maxWords), nil, dedupSpan)
	}
}

// syllableCount estimates the syllables of a folded English word: vowel
// groups, less a silent final e and the e of a final -es or -ed that
// does not make its own syllable. Non-ASCII words count one syllable per
// three letters.
func syllableCount(w []byte, ascii bool, letters int) int {
	if !ascii {
		return max(1, letters/3)
	}
	if letters == 0 {
		return 1
	}
	n, prev := 0, false
	for _, c := range w {
		v := c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'
		if v && !prev {
			n++
		}
		prev = v
	}
	l := len(w)
	if n > 1 && l > 2 {
		switch {
		case w[l-1] == 'e' && w[l-2] != 'l' && !isVowel(w[l-2]):
			n--
		case w[l-1] == 'd' && w[l-2] == 'e' && w[l-3] != 't' && w[l-3] != 'd':
			n--
		case w[l-1] == 's' && w[l-2] == 'e' && !isSibilant(w[:l-2]):
			n--
		}
	}
	return max(1, n)
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'
}

// isSibilant reports whether a stem ends in a sound that makes -es its
// own syllable (boxes, wishes, matches, roses).
func isSibilant(stem []byte) bool {
	l := len(stem)
	if l == 0 {
		return false
	}
	switch stem[l-1] {
	case 's', 'x', 'z':
		return true
	case 'h':
		return l > 1 && (stem[l-2] == 'c' || stem[l-2] == 's')
	case 'c', 'g':
		return true
	}
	return false
}
