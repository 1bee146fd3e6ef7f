package styleguide

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/content"
)

// headingRule keeps headings (and the item title) in one case style.
// Names from casing, acronyms, words in capitals and words with inner
// capitals ("iPhone") keep their case; headings in Chinese, Japanese or
// Korean are exempt, and title case applies to English only.
type headingRule struct {
	h     ruleHead
	style string // "sentence", "title" or "none"
}

var headingStyles = []string{"sentence", "title", "none"}

// minorWords stay lowercase inside an English title-case heading.
var minorWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "but": true, "by": true, "for": true,
	"in": true, "nor": true, "of": true, "on": true, "or": true, "per": true, "the": true, "to": true,
	"via": true, "vs": true,
}

func decodeHeadings(b *builder, n *node, path string) {
	d := &b.c.d
	if !d.mapping(n, path, "case", "severity", "only") {
		return
	}
	cn := n.get("case")
	if cn == nil {
		d.errorf(n, path, "headings needs case: sentence, title or none")
		return
	}
	style, ok := d.str(cn, path+".case")
	if !ok {
		return
	}
	found := false
	for _, s := range headingStyles {
		found = found || s == style
	}
	if !found {
		d.errorf(cn, path+".case", "unknown heading case %q%s", style, hint(style, headingStyles))
		return
	}
	if style != "none" {
		b.rs.checks = append(b.rs.checks, &headingRule{h: b.head(n, path, "headings.case", content.Warning), style: style})
	}
}

func (x *headingRule) check(r *run) {
	if !r.source || (x.style == "title" && !r.english()) {
		return
	}
	for i := range r.blocks {
		b := &r.blocks[i]
		if (b.p.Kind != content.Heading && b.p.Field != "title") || !r.applies(&x.h, b) {
			continue
		}
		x.checkHeading(r, b)
	}
}

func (x *headingRule) checkHeading(r *run, b *block) {
	toks := r.tokens(b)
	words := r.s.words[:0]
	for k := range toks {
		if toks[k].cjk > 0 {
			return
		}
		if toks[k].kind == tokWord && toks[k].letters > 0 {
			words = append(words, k)
		}
	}
	r.s.words = words
	if len(words) == 0 {
		return
	}
	type change struct {
		start, end int
		repl       string
	}
	var changes []change
	var unsure []string // capitalised words lowered that may be names
	for n, k := range words {
		t := &toks[k]
		w := b.text[t.start:t.end]
		first := n == 0 || afterColon(b.text, int(t.start))
		last := n == len(words)-1
		var want string
		switch {
		case t.upper == 0: // all lowercase
			if n == 0 || (x.style == "title" && (first || last || !minorWords[strings.ToLower(w)])) {
				want = capitalize(w)
			}
		case isCapitalized(w, t) && !r.rs.names[w] && !r.rs.acronyms[w] && !r.properNoun(w):
			lower := strings.ToLower(w)
			if (x.style == "sentence" && !first) || (x.style == "title" && !first && !last && minorWords[lower]) {
				want = uncapitalize(w)
				if !minorWords[lower] && !r.commonWord(lower) {
					unsure = append(unsure, w)
				}
			}
		}
		if want != "" && want != w {
			changes = append(changes, change{int(t.start), int(t.end), want})
		}
	}
	if len(changes) == 0 {
		return
	}
	var full, seg strings.Builder
	full.Grow(len(b.text) + 4*len(changes)) // a changed letter may grow by a few bytes
	seg.Grow(changes[len(changes)-1].end - changes[0].start + 4*len(changes))
	prev := 0
	for _, c := range changes {
		full.WriteString(b.text[prev:c.start])
		full.WriteString(c.repl)
		prev = c.end
	}
	full.WriteString(b.text[prev:])
	start, end := changes[0].start, changes[len(changes)-1].end
	prev = start
	for _, c := range changes {
		seg.WriteString(b.text[prev:c.start])
		seg.WriteString(c.repl)
		prev = c.end
	}
	msg := "heading is not in " + x.style + " case: write " + strconv.Quote(full.String())
	if len(unsure) > 0 {
		// The rule cannot tell a name from a word the item never writes
		// in lowercase: say so, and offer no fix that could lower a name.
		msg += fmt.Sprintf(" (if %s is a name, keep its capital and list it under casing)", quoteList(unsure))
		r.report(&x.h, b, start, end, msg, nil, dedupNone)
		return
	}
	fix := seg.String()
	r.report(&x.h, b, start, end, msg, &fix, dedupNone)
}

// quoteList quotes words and joins them with commas and "or".
func quoteList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// commonWord reports whether the item's text (headings and title aside)
// writes the lowercase word w in lowercase: then a heading's capitalised
// w is no name, and lowering it is safe.
func (r *run) commonWord(w string) bool {
	r.readWordCases()
	return r.lower[w]
}

// properNoun reports whether the item's text capitalises w where a
// sentence does not start ("opened in Denver"): then it is a name, and a
// heading keeps its capital.
func (r *run) properNoun(w string) bool {
	r.readWordCases()
	return r.proper[w]
}

// readWordCases fills lower and proper from the item's text, headings
// and title aside, once per check.
func (r *run) readWordCases() {
	if r.wordsOK {
		return
	}
	r.wordsOK = true
	if r.lower == nil {
		r.lower, r.proper = map[string]bool{}, map[string]bool{}
	}
	for i := range r.blocks {
		b := &r.blocks[i]
		if b.p.Kind == content.Heading || b.p.Field == "title" {
			continue
		}
		toks := r.tokens(b)
		for k := range toks {
			t := &toks[k]
			if t.kind != tokWord {
				continue
			}
			word := b.text[t.start:t.end2]
			if t.letters > 0 && t.upper == 0 {
				r.lower[word] = true
			}
			if isCapitalized(word, t) && !sentenceStart(b.text, int(t.start)) {
				r.proper[word] = true
			}
		}
	}
}

// sentenceStart reports whether the word at i opens a sentence: nothing
// but spaces, quotes and brackets stand between it and the text's start or
// a sentence end.
func sentenceStart(text string, i int) bool {
	for i > 0 {
		c, n := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case c == '.' || c == '!' || c == '?' || c == ':' || c == '。' || c == '！' || c == '？' || c == ';' || c == '\u037e':
			return true
		case unicode.IsSpace(c) || unicode.In(c, unicode.Pi, unicode.Ps) || c == '"' || c == '\'':
			i -= n
			continue
		}
		return false
	}
	return true
}

// isCapitalized reports whether w is an initial capital followed by
// lowercase letters only ("Sale", not "SALE" or "iPhone").
func isCapitalized(w string, t *token) bool {
	if t.upper != 1 || t.lower == 0 {
		return false
	}
	f, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(f) || unicode.IsTitle(f)
}

func capitalize(w string) string {
	f, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToTitle(f)) + w[n:]
}

func uncapitalize(w string) string {
	f, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToLower(f)) + w[n:]
}

// afterColon reports whether the word at i follows a colon, after which a
// heading may start anew with a capital.
func afterColon(text string, i int) bool {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case r == ':' || r == '：':
			return true
		case unicode.IsSpace(r):
			i -= n
			continue
		}
		return false
	}
	return false
}
