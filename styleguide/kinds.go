package styleguide

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/content"
	"golang.org/x/text/unicode/norm"
)

// kind is one section of the style guide: its key and how to compile it.
// A new rule kind is one new file and one line in kinds.
type kind struct {
	key    string
	global bool // top level only: not allowed in a locale section
	decode func(b *builder, n *node, path string)
}

// kinds is the one table of style guide sections, in compile order:
// disclaimers before claims, which refer to them.
var kinds = []kind{
	{key: "terms", decode: decodeTerms},
	{key: "casing", decode: decodeCasing},
	{key: "banned", decode: decodeBanned},
	{key: "disclaimers", decode: decodeDisclaimers},
	{key: "claims", decode: decodeClaims},
	{key: "readability", decode: decodeReadability},
	{key: "punctuation", decode: decodePunctuation},
	{key: "links", decode: decodeLinks},
	{key: "headings", decode: decodeHeadings},
	{key: "emoji", decode: decodeEmoji},
	{key: "palette", global: true, decode: decodePalette},
	{key: "channels", global: true, decode: decodeChannels},
}

// ruleHead is what every rule has: a stable id, a severity and a scope.
type ruleHead struct {
	id    string
	sev   content.Severity
	scope scope
}

// phraseRule is a rule triggered by the matcher (a phrase) or by a regular
// expression: terms, casing, banned words and claims.
type phraseRule interface {
	head() *ruleHead
	// hit handles a match of text[start:end] in block b.
	hit(r *run, b *block, start, end int)
}

// checkRule is a rule that looks at a whole item: readability,
// punctuation, links, headings and emoji.
type checkRule interface {
	check(r *run)
}

// pattern is a regular expression that triggers a phrase rule. lit is a
// literal every match contains (lowercase when fold), so that texts
// without it skip the regular expression.
type pattern struct {
	re   *regexp.Regexp
	rule phraseRule
	lit  string
	fold bool
	// ks: lit holds k or s, which (?i) also matches by non-ASCII letters
	// (K KELVIN SIGN, ſ LONG S), so the prefilter holds for ASCII text only.
	ks bool
}

// requiredLiteral returns the longest ASCII literal that every match of
// expr contains, and whether it is matched ignoring case.
func requiredLiteral(expr string) (string, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return "", false
	}
	var walk func(re *syntax.Regexp) (string, bool)
	walk = func(re *syntax.Regexp) (string, bool) {
		switch re.Op {
		case syntax.OpLiteral:
			lit := string(re.Rune)
			for i := 0; i < len(lit); i++ {
				if lit[i] >= utf8.RuneSelf {
					return "", false
				}
			}
			if re.Flags&syntax.FoldCase != 0 {
				return strings.ToLower(lit), true
			}
			return lit, false
		case syntax.OpCapture, syntax.OpPlus:
			return walk(re.Sub[0])
		case syntax.OpRepeat:
			if re.Min >= 1 {
				return walk(re.Sub[0])
			}
		case syntax.OpConcat:
			best, fold := "", false
			for _, sub := range re.Sub {
				if l, f := walk(sub); len(l) > len(best) {
					best, fold = l, f
				}
			}
			return best, fold
		}
		return "", false
	}
	return walk(re.Simplify())
}

// disclaimer is the text a claim requires, and its normalised form.
type disclaimer struct {
	text string
	norm []byte
}

// ruleset is every rule that applies to items of one locale.
type ruleset struct {
	match       *matcher
	patterns    []pattern
	checks      []checkRule
	disclaimers map[string]disclaimer
	acronyms    map[string]bool   // exact spellings that may be in capitals
	names       map[string]bool   // each word of a casing name, as spelled
	compact     map[string]bool   // folded casing names without spaces or hyphens
	spell       map[string]string // the same keys: the casing name as written
	emoji       *emojiRule        // nil: emoji are not governed
}

// builder collects the rules of one rule set while sections decode.
type builder struct {
	c       *compiler
	g       *Guide
	rs      *ruleset
	top     bool
	entries []phraseEntry
	seen    map[string]bool
	claims  []pendingClaim
}

func newBuilder(c *compiler, g *Guide, top bool) *builder {
	return &builder{c: c, g: g, top: top, seen: map[string]bool{}, rs: &ruleset{
		disclaimers: map[string]disclaimer{},
		acronyms:    map[string]bool{},
		names:       map[string]bool{},
		compact:     map[string]bool{},
		spell:       map[string]string{},
	}}
}

// phrase registers a phrase for rule; it reports false when the phrase has
// no tokens to match.
func (b *builder) phrase(rule phraseRule, phrase string) bool {
	toks := foldTokens(b.c.sc, phrase)
	if len(toks) == 0 {
		return false
	}
	b.entry(phraseEntry{toks: toks, rule: rule})
	caps := make([]string, len(toks))
	changed := false
	for i, t := range toks {
		caps[i] = stripTonos(t)
		changed = changed || caps[i] != t
	}
	if changed {
		b.entry(phraseEntry{toks: caps, rule: rule, capsOnly: true})
	}
	return true
}

// entry files a phrase once.
func (b *builder) entry(e phraseEntry) {
	k := fmt.Sprintf("%s\x00%q\x00%q\x00%v", e.rule.head().id, e.toks, e.compact, e.capsOnly)
	if !b.seen[k] {
		b.seen[k] = true
		b.entries = append(b.entries, e)
	}
}

// stripTonos removes the Greek acute accent (tonos), which Greek drops in
// words written in capitals: "ΚΑΦΕΣ" is "καφές" in capitals.
func stripTonos(s string) string {
	greek := false
	for _, r := range s {
		if unicode.Is(unicode.Greek, r) {
			greek = true
			break
		}
	}
	if !greek {
		return s
	}
	d := norm.NFD.String(s)
	d = strings.ReplaceAll(d, "\u0301", "")
	return norm.NFC.String(d)
}

// compactName registers a name matched with spaces and hyphens ignored.
func (b *builder) compactName(rule phraseRule, compact string) {
	b.entry(phraseEntry{compact: compact, rule: rule})
	if caps := stripTonos(compact); caps != compact {
		b.entry(phraseEntry{compact: caps, rule: rule, capsOnly: true})
	}
}

// pattern compiles a regular expression for rule.
func (b *builder) pattern(rule phraseRule, n *node, path string) bool {
	re, err := regexp.Compile(n.y.Value)
	if err != nil {
		b.c.d.errorf(n, path, "invalid pattern: %v", err)
		return false
	}
	lit, fold := requiredLiteral(n.y.Value)
	b.rs.patterns = append(b.rs.patterns, pattern{re: re, rule: rule, lit: lit, fold: fold, ks: fold && strings.ContainsAny(lit, "ks")})
	return true
}

func (b *builder) finish() *ruleset {
	b.finishClaims()
	b.rs.match = newMatcher(b.entries)
	return b.rs
}

// normText folds text and drops its whitespace, for "does the item say
// this somewhere" tests: "滿 50 美元" and "滿50美元" are the same text.
func normText(s *scratch, text string) string {
	return string(normAppend(s, nil, text))
}

// normAppend appends the normal form of text (see normText) to dst.
func normAppend(s *scratch, dst []byte, text string) []byte {
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(text); i++ {
			c := text[i]
			switch {
			case isASCIISpace(c):
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	s.fbuf = s.foldAppend(s.fbuf[:0], text)
	for _, r := range string(s.fbuf) {
		if !unicode.IsSpace(r) {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// slug makes a rule id part from a phrase: lowercase letters and digits,
// other runs as one '-'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "phrase"
	}
	return b.String()
}

// common decodes the keys every rule takes.
func (b *builder) head(n *node, path, id string, def content.Severity) ruleHead {
	return ruleHead{
		id:    id,
		sev:   b.c.d.severity(n.get("severity"), path+".severity", def),
		scope: b.c.d.scope(n.get("only"), path+".only"),
	}
}
