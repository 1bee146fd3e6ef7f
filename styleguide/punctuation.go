package styleguide

import (
	"fmt"
	"strings"

	"github.com/chorus-dev/chorus/content"
)

// punctRule limits exclamation marks per text and words shouted in
// capitals.
type punctRule struct {
	excl, caps ruleHead
	maxExcl    int // -1: not checked
	maxCaps    int // 0: not checked
}

func decodePunctuation(b *builder, n *node, path string) {
	d := &b.c.d
	if !d.mapping(n, path, "max_exclamations", "max_caps_run", "acronyms", "severity", "only") {
		return
	}
	h := b.head(n, path, "", content.Warning)
	r := &punctRule{excl: h, caps: h, maxExcl: -1}
	r.excl.id, r.caps.id = "punctuation.exclamations", "punctuation.caps"
	if v := n.get("max_exclamations"); v != nil {
		if m, ok := d.integer(v, path+".max_exclamations", 0); ok {
			r.maxExcl = m
		}
	}
	if v := n.get("max_caps_run"); v != nil {
		r.maxCaps, _ = d.integer(v, path+".max_caps_run", 2)
	}
	if v := n.get("acronyms"); v != nil {
		for _, a := range d.strList(v, path+".acronyms") {
			b.rs.acronyms[a.y.Value] = true
		}
	}
	if r.maxExcl >= 0 || r.maxCaps > 0 {
		b.rs.checks = append(b.rs.checks, r)
	}
}

func (x *punctRule) check(r *run) {
	code := ""
	if r.it.Offer != nil {
		code = r.it.Offer.Code
	}
	for i := range r.blocks {
		b := &r.blocks[i]
		if x.maxExcl >= 0 && r.applies(&x.excl, b) {
			x.checkExclamations(r, b)
		}
		if x.maxCaps > 0 && r.applies(&x.caps, b) {
			toks := r.tokens(b)
			for k := range toks {
				t := &toks[k]
				if t.kind != tokWord || int(t.letters) < x.maxCaps || t.lower > 0 || t.upper != t.letters || t.digits > 0 {
					continue
				}
				w := b.text[t.start:t.end]
				if r.rs.acronyms[w] || r.rs.compact[string(r.folded(t))] || w == code {
					continue
				}
				r.report(&x.caps, b, int(t.start), int(t.end), fmt.Sprintf("%q is in all capitals; write it in normal case (or list it under punctuation.acronyms)", w), nil, dedupSpan)
			}
		}
	}
}

// checkExclamations counts ! and ！ in one text and reports the first one
// over the limit.
func (x *punctRule) checkExclamations(r *run, b *block) {
	const full = "！"
	text := b.text
	n := strings.Count(text, "!")
	if !b.ascii {
		n += strings.Count(text, full)
	}
	if n <= x.maxExcl {
		return
	}
	// The first mark over the limit: the (maxExcl+1)th in text order.
	at, w := 0, 0
	for k := 0; k <= x.maxExcl; k++ {
		i := strings.IndexByte(text[at+w:], '!')
		j := -1
		if !b.ascii {
			j = strings.Index(text[at+w:], full)
		}
		if i < 0 || (j >= 0 && j < i) {
			at, w = at+w+j, len(full)
		} else {
			at, w = at+w+i, 1
		}
	}
	r.report(&x.excl, b, at, at+w, fmt.Sprintf("%d exclamation marks in one text (max %d)", n, x.maxExcl), nil, dedupBlock)
}
