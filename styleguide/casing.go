package styleguide

import (
	"fmt"
	"strings"

	"github.com/chorus-dev/chorus/content"
	"gopkg.in/yaml.v3"
)

// casingRule holds the one right spelling of a name. Any other casing or
// spacing ("acmedb", "Acme DB", "acme-db", "ACMEDB") is a finding.
type casingRule struct {
	h    ruleHead
	name string
}

func (c *casingRule) head() *ruleHead { return &c.h }

func decodeCasing(b *builder, n *node, path string) {
	d := &b.c.d
	for _, e := range d.list(n, path) {
		var name string
		h := ruleHead{sev: content.Error}
		switch e.kind() {
		case yaml.ScalarNode:
			v, ok := d.str(e, path)
			if !ok {
				continue
			}
			name = v
		case yaml.MappingNode:
			if !d.mapping(e, path, "name", "severity", "only") {
				continue
			}
			nn := e.get("name")
			if nn == nil {
				d.errorf(e, path, "a casing entry needs name: the right spelling")
				continue
			}
			v, ok := d.str(nn, path+".name")
			if !ok {
				continue
			}
			name = v
			h = b.head(e, path, "", content.Error)
		default:
			d.errorf(e, path, "a casing entry must be a name or a mapping with name:, not %s", kindName(e))
			continue
		}
		compact := compactFold(b.c.sc, name)
		if compact == "" {
			d.errorf(e, path, "casing name %q has nothing to match", name)
			continue
		}
		h.id = "casing." + slug(name)
		r := &casingRule{h: h, name: name}
		b.compactName(r, compact)
		b.rs.compact[compact] = true
		if _, ok := b.rs.spell[compact]; !ok {
			b.rs.spell[compact] = name
		}
		for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
			b.rs.names[w] = true
		}
	}
}

func (c *casingRule) hit(r *run, b *block, start, end int) {
	if !r.applies(&c.h, b) {
		return
	}
	matched := b.text[start:end]
	if matched == c.name {
		return
	}
	// A hashtag cannot hold a space or a hyphen: #AcmeDB is the name
	// "Acme DB" as a hashtag spells it.
	if start > 0 && b.text[start-1] == '#' && matched == hashtagForm(c.name) {
		return
	}
	name := c.name
	r.report(&c.h, b, start, end, fmt.Sprintf("write %q, not %q", name, matched), &name, dedupSpan)
}

// hashtagForm is a name without the spaces and hyphens a hashtag cannot
// hold.
func hashtagForm(name string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u2010' || r == '\u2011' || r == '\u00a0' {
			return -1
		}
		return r
	}, name)
}

// Spelling returns the brand's spelling of word when it is one of the
// style guide's casing names (top level), compared as the casing rule
// compares them: without case, spaces or hyphens ("trailpro", "Trail-Pro"
// give "TrailPro"). A nil Guide knows no names.
func (g *Guide) Spelling(word string) (string, bool) {
	if g == nil || g.base == nil || len(g.base.spell) == 0 {
		return "", false
	}
	r := runPool.Get().(*run)
	key := compactFold(r.s, word)
	runPool.Put(r)
	name, ok := g.base.spell[key]
	return name, ok
}
