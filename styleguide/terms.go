package styleguide

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/content"
)

// termRule prefers one wording over others: `use` instead of each avoided
// phrase, matched case-insensitively at word boundaries.
type termRule struct {
	h   ruleHead
	use string
}

func (t *termRule) head() *ruleHead { return &t.h }

func decodeTerms(b *builder, n *node, path string) {
	d := &b.c.d
	for _, e := range d.list(n, path) {
		if !d.mapping(e, path, "use", "avoid", "severity", "only") {
			continue
		}
		un := e.get("use")
		if un == nil {
			d.errorf(e, path, "a term needs use: the preferred wording")
			continue
		}
		use, ok := d.str(un, path+".use")
		if !ok {
			continue
		}
		an := e.get("avoid")
		if an == nil {
			d.errorf(e, path, "term %q needs avoid: the wordings to replace", use)
			continue
		}
		r := &termRule{h: b.head(e, path, "terms."+slug(use), content.Warning), use: use}
		for _, a := range d.strList(an, path+".avoid") {
			if !b.phrase(r, a.y.Value) {
				d.errorf(a, path+".avoid", "avoid %q has no words to match", a.y.Value)
			}
		}
	}
}

func (t *termRule) hit(r *run, b *block, start, end int) {
	if !r.applies(&t.h, b) {
		return
	}
	matched := b.text[start:end]
	rep := keepInitialCapital(matched, t.use)
	if matched == rep {
		return
	}
	r.report(&t.h, b, start, end, fmt.Sprintf("use %q instead of %q", rep, matched), &rep, dedupSpan)
}

// keepInitialCapital capitalises the first letter of rep when the matched
// text starts with a capital and rep with a lowercase letter.
func keepInitialCapital(matched, rep string) string {
	m, _ := utf8.DecodeRuneInString(matched)
	f, n := utf8.DecodeRuneInString(rep)
	if (unicode.IsUpper(m) || unicode.IsTitle(m)) && unicode.IsLower(f) {
		return string(unicode.ToTitle(f)) + rep[n:]
	}
	return rep
}
