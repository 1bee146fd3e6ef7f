package styleguide

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/content"
)

// block is one prose block under check, with its tokens.
type block struct {
	p       *content.Prose
	text    string
	channel string // the channel the text is for; "" when all channels share it
	t0, t1  int    // tokens: run.s.toks[t0:t1]
	ascii   bool   // the text is all ASCII
	sb      bool   // run.s.bcls[c0:c1] and run.s.boff[c0:c1] hold the sentence-break classes of text
	c0, c1  int
}

// run is the state of one CheckItem or CheckText call. Runs and their
// buffers are pooled, so a check allocates little beyond its findings.
type run struct {
	g       *Guide
	rs      *ruleset
	it      *content.Item
	loc     string // the item's locale key
	source  bool   // checking the item's own prose (positions and fixes in its file)
	channel string // CheckText's channel
	linked  bool   // the variant links to a landing page that carries its disclaimers
	blocks  []block
	s       *scratch
	out     []content.Finding // pooled; result returns a copy
	normOK  bool              // s.item holds every block, normalised
	collect []string          // Disclaimers: needed disclaimer texts instead of findings
	proper  map[string]bool   // capitalised words seen mid-sentence, built when a heading needs it
	lower   map[string]bool   // words written in lowercase outside headings, built when a heading needs it
	wordsOK bool              // proper and lower are built for this check
	keys    map[string]string // locale keys of the locales this run has seen
}

var runPool = sync.Pool{New: func() any { return &run{s: newScratch()} }}

func getRun(g *Guide, it *content.Item, source bool, channel string) *run {
	r := runPool.Get().(*run)
	r.g, r.it, r.source, r.channel = g, it, source, channel
	r.loc = r.localeKey(it.Locale)
	r.rs = g.rulesFor(r.loc)
	return r
}

// localeKey returns the key of an item locale, remembered across the
// checks that reuse r: items have few locales, and folding one allocates.
func (r *run) localeKey(loc string) string {
	if k, ok := r.keys[loc]; ok {
		return k
	}
	if r.keys == nil || len(r.keys) >= 64 {
		r.keys = map[string]string{}
	}
	k := localeKey(loc)
	r.keys[loc] = k
	return k
}

func putRun(r *run) {
	for i := range r.blocks {
		r.blocks[i] = block{}
	}
	r.blocks = r.blocks[:0]
	r.s.reset()
	clear(r.out)
	r.out = r.out[:0]
	if cap(r.out) > 1024 {
		r.out = nil
	}
	r.g, r.rs, r.it, r.normOK, r.collect, r.linked = nil, nil, nil, false, nil, false
	r.wordsOK = false
	if len(r.proper) > 4096 || len(r.lower) > 4096 {
		r.proper, r.lower = nil, nil // do not keep a huge item's words
	}
	clear(r.proper)
	clear(r.lower)
	if cap(r.s.arena) > 1<<20 || cap(r.s.toks) > 1<<16 || cap(r.s.bcls) > 1<<20 || cap(r.s.item) > 1<<20 || cap(r.s.lower) > 1<<20 {
		r.s = newScratch() // do not keep a huge item's buffers
	}
	runPool.Put(r)
}

// overrideChannel returns the channel of an "overrides.<channel>.<field>"
// path, or "".
func overrideChannel(field string) string {
	rest, ok := strings.CutPrefix(field, "overrides.")
	if !ok {
		return ""
	}
	ch, _, _ := strings.Cut(rest, ".")
	return ch
}

func (r *run) addBlock(p *content.Prose, channel string) {
	t0, c0 := len(r.s.toks), len(r.s.bcls)
	ascii, sb := r.s.tokenize(p.Text)
	r.blocks = append(r.blocks, block{p: p, text: p.Text, channel: channel, t0: t0, t1: len(r.s.toks), ascii: ascii,
		sb: sb, c0: c0, c1: len(r.s.bcls)})
}

func (r *run) check() {
	r.matchPhrases()
	for _, c := range r.rs.checks {
		c.check(r)
	}
}

// matchPhrases runs the matcher and the patterns over every block.
func (r *run) matchPhrases() {
	for i := range r.blocks {
		b := &r.blocks[i]
		r.rs.match.scan(r, b)
		lowered := false
		for _, p := range r.rs.patterns {
			if !r.appliesItem(p.rule.head()) {
				continue
			}
			switch {
			case p.lit == "":
			case !p.fold:
				if !strings.Contains(b.text, p.lit) {
					continue
				}
			case !p.ks || b.ascii:
				if !lowered {
					r.s.lower = asciiLower(r.s.lower[:0], b.text)
					lowered = true
				}
				if !bytes.Contains(r.s.lower, []byte(p.lit)) {
					continue
				}
			}
			for _, m := range p.re.FindAllStringIndex(b.text, -1) {
				if m[1] > m[0] {
					p.rule.hit(r, b, m[0], m[1])
				}
			}
		}
	}
}

// asciiLower appends text to dst with ASCII letters lowered.
func asciiLower(dst []byte, text string) []byte {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// result returns the findings, sorted, in a slice of their own.
func (r *run) result() []content.Finding {
	if len(r.out) == 0 {
		return nil
	}
	content.SortFindings(r.out)
	return slices.Clone(r.out)
}

// appliesItem reports whether a rule's type and locale scope admit the
// item.
func (r *run) appliesItem(h *ruleHead) bool {
	sc := &h.scope
	if len(sc.types) > 0 && !slices.Contains(sc.types, r.it.Type) {
		return false
	}
	if len(sc.locales) > 0 {
		ok := false
		for _, l := range sc.locales {
			if matchLocale(r.loc, l) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// applies reports whether a rule runs on block b (nil: on the item as a
// whole, which channel-scoped rules never do).
func (r *run) applies(h *ruleHead, b *block) bool {
	if !r.appliesItem(h) {
		return false
	}
	if len(h.scope.channels) > 0 {
		return b != nil && b.channel != "" && slices.Contains(h.scope.channels, b.channel)
	}
	return true
}

// How CheckText decides that the source check already reported a hit.
const (
	dedupSpan  = iota // the matched words are in the item's own prose
	dedupBlock        // the whole text is in the item's own prose
	dedupNone         // always report
)

// report records a finding for text[start:end] of block b. fix, when not
// nil, replaces that text.
func (r *run) report(h *ruleHead, b *block, start, end int, msg string, fix *string, dedup int) {
	r.emit(h, b, start, end, end, msg, fix, dedup)
}

// emit is report with a fix that replaces text[start:fixEnd].
func (r *run) emit(h *ruleHead, b *block, start, end, fixEnd int, msg string, fix *string, dedup int) {
	var pos content.Position
	if r.source {
		pos = b.p.Pos(start)
		if !pos.IsValid() {
			pos = r.it.FieldPos(b.p.Field)
		}
	} else {
		pos = r.fieldPos(b)
	}
	if r.it.Suppressed(h.id, pos.Line) {
		return
	}
	if !r.source && dedup != dedupNone {
		needle := b.text[start:end]
		if dedup == dedupBlock {
			needle = b.text
		}
		if r.inSource(h, needle) {
			return
		}
	}
	f := content.Finding{Pos: pos, Severity: h.sev, Rule: h.id, Message: msg, Item: r.it.ID, Excerpt: b.text[start:end]}
	if !r.source {
		f.Channel = r.channel
	}
	if fix != nil && r.source {
		if fs, fe, ok := b.p.Contiguous(start, fixEnd); ok {
			f.Fix = &content.Fix{Offset: fs, End: fe, Replace: *fix}
		}
	}
	r.out = append(r.out, f)
}

// reportAt records a finding at a position that is not in a prose block
// (a link, the item as a whole).
func (r *run) reportAt(h *ruleHead, pos content.Position, msg string, fix *content.Fix) {
	if r.it.Suppressed(h.id, pos.Line) {
		return
	}
	r.out = append(r.out, content.Finding{Pos: pos, Severity: h.sev, Rule: h.id, Message: msg, Item: r.it.ID, Fix: fix})
}

// fieldPos is where a rendered text's findings go: the override's line,
// or the item's id.
func (r *run) fieldPos(b *block) content.Position {
	if strings.HasPrefix(b.p.Field, "overrides.") {
		return r.it.FieldPos(b.p.Field)
	}
	return r.it.FieldPos("id")
}

// inSource reports whether needle stands as whole words in prose the
// source check ran rule h on: all of the item's prose, or for a rule
// scoped to channels only this channel's overrides.
func (r *run) inSource(h *ruleHead, needle string) bool {
	for i := range r.it.Prose {
		p := &r.it.Prose[i]
		if len(h.scope.channels) > 0 && overrideChannel(p.Field) != r.channel {
			continue
		}
		if containsWord(p.Text, needle) {
			return true
		}
	}
	return false
}

// containsWord reports whether needle occurs in hay not glued to a letter
// or digit on either side.
func containsWord(hay, needle string) bool {
	if needle == "" {
		return false
	}
	for off := 0; off <= len(hay)-len(needle); {
		i := strings.Index(hay[off:], needle)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(hay[:i])
		after, _ := utf8.DecodeRuneInString(hay[i+len(needle):])
		first, _ := utf8.DecodeRuneInString(needle)
		last, _ := utf8.DecodeLastRuneInString(needle)
		if !(isAlnum(before) && isAlnum(first)) && !(isAlnum(after) && isAlnum(last)) {
			return true
		}
		_, w := utf8.DecodeRuneInString(hay[i:])
		off = i + w
	}
	return false
}

func isAlnum(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isCJK(r)
}

// hasText reports whether the normalised text occurs in the item (for
// CheckItem) or in the variant (for CheckText).
func (r *run) hasText(norm []byte) bool {
	if !r.normOK {
		r.s.item = r.s.item[:0]
		for i := range r.blocks {
			r.s.item = normAppend(r.s, r.s.item, r.blocks[i].text)
		}
		r.normOK = true
	}
	return bytes.Contains(r.s.item, norm)
}

// tokens returns the tokens of block b.
func (r *run) tokens(b *block) []token { return r.s.toks[b.t0:b.t1] }

// folded returns the folded form of a token.
func (r *run) folded(t *token) []byte { return r.s.arena[t.fs:t.fe] }

// english reports whether the item is in English (or has no locale).
func (r *run) english() bool { return r.loc == "" || langOf(r.loc) == "en" }
