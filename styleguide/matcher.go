package styleguide

import (
	"strings"
	"unicode/utf8"
)

// phraseEntry is one thing to find: a token sequence, or a name matched
// with spaces and hyphens ignored (compact).
type phraseEntry struct {
	toks     []string
	compact  string
	rule     phraseRule
	capsOnly bool // matches only words in capitals (Greek without tonos)
}

// matcher finds every phrase of a rule set in one pass over a text's
// tokens. Candidates are keyed by their first folded token; a 256×64 bit
// filter on (first byte, length) skips the map for most tokens.
type matcher struct {
	first  map[string][]cand
	filter [256]uint64
}

// cand is a phrase that starts with the token it is filed under: the rest
// of its tokens, or the whole compact name it may start.
type cand struct {
	rest     []string
	compact  string
	rule     phraseRule
	capsOnly bool
}

func newMatcher(entries []phraseEntry) *matcher {
	m := &matcher{first: map[string][]cand{}}
	add := func(key string, c cand) {
		m.first[key] = append(m.first[key], c)
		m.filter[key[0]] |= 1 << min(len(key), 63)
	}
	for _, e := range entries {
		if e.compact != "" {
			// A compact name may be split anywhere ("Acme DB"), so it is
			// filed under each of its prefixes.
			for i := range e.compact {
				if i > 0 {
					add(e.compact[:i], cand{compact: e.compact, rule: e.rule, capsOnly: e.capsOnly})
				}
			}
			add(e.compact, cand{compact: e.compact, rule: e.rule, capsOnly: e.capsOnly})
			continue
		}
		add(e.toks[0], cand{rest: e.toks[1:], rule: e.rule, capsOnly: e.capsOnly})
	}
	return m
}

func (m *matcher) maybe(key []byte) bool {
	return len(key) > 0 && m.filter[key[0]]&(1<<min(len(key), 63)) != 0
}

// scan reports every match in block b.
func (m *matcher) scan(r *run, b *block) {
	if len(m.first) == 0 {
		return
	}
	arena := r.s.arena
	toks := r.s.toks[b.t0:b.t1]
	for i := range toks {
		t := &toks[i]
		if key := arena[t.fs:t.fe]; m.maybe(key) {
			for _, c := range m.first[string(key)] {
				m.try(r, b, toks, i, &c)
			}
		}
		if t.fe2 != t.fe {
			// Without a possessive 's: only matches that end here.
			key := arena[t.fs:t.fe2]
			if m.maybe(key) {
				for _, c := range m.first[string(key)] {
					if ((c.compact == "" && len(c.rest) == 0) || c.compact == string(key)) && (!c.capsOnly || t.lower == 0) {
						c.rule.hit(r, b, int(t.start), int(t.end2))
					}
				}
			}
		}
	}
}

func (m *matcher) try(r *run, b *block, toks []token, i int, c *cand) {
	arena := r.s.arena
	start := int(toks[i].start)
	if c.compact == "" {
		k := len(c.rest)
		if i+k >= len(toks) {
			return
		}
		end := int(toks[i].end)
		for j := 1; j <= k; j++ {
			t := &toks[i+j]
			want := c.rest[j-1]
			switch {
			case string(arena[t.fs:t.fe]) == want:
				end = int(t.end)
			case j == k && t.fe2 != t.fe && string(arena[t.fs:t.fe2]) == want:
				end = int(t.end2)
			default:
				return
			}
		}
		if capsOK(c, toks[i:i+k+1]) {
			c.rule.hit(r, b, start, end)
		}
		return
	}
	acc := 0
	for j := i; j < len(toks); j++ {
		t := &toks[j]
		f := arena[t.fs:t.fe]
		if j > i && t.kind == tokPunct && isHyphen(f) {
			continue
		}
		rest := c.compact[acc:]
		switch {
		case strings.HasPrefix(rest, string(f)):
			acc += len(f)
			if acc == len(c.compact) {
				if capsOK(c, toks[i:j+1]) {
					c.rule.hit(r, b, start, int(t.end))
				}
				return
			}
		case t.fe2 != t.fe && string(arena[t.fs:t.fe2]) == rest:
			if capsOK(c, toks[i:j+1]) {
				c.rule.hit(r, b, start, int(t.end2))
			}
			return
		default:
			return
		}
	}
}

// capsOK reports whether a candidate may match these tokens: a capitals
// only candidate needs words without lowercase letters.
func capsOK(c *cand, toks []token) bool {
	if !c.capsOnly {
		return true
	}
	for i := range toks {
		if toks[i].lower > 0 {
			return false
		}
	}
	return true
}

// isHyphen reports whether a folded token is a hyphen, which a compact
// name ignores like a space.
func isHyphen(f []byte) bool {
	if len(f) == 1 {
		return f[0] == '-'
	}
	r, n := utf8.DecodeRune(f)
	return n == len(f) && (r == '\u2010' || r == '\u2011')
}

// compactFold folds a name and drops its whitespace and hyphens.
func compactFold(s *scratch, name string) string {
	f := s.foldAppend(nil, name)
	var b strings.Builder
	for _, r := range string(f) {
		if r == '-' || r == '\u2010' || r == '\u2011' || r == ' ' || r == '\t' || r == '\n' || r == '\u00a0' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
