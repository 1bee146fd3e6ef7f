package styleguide

import (
	"fmt"
	"regexp"

	"github.com/chorus-dev/chorus/content"
)

// bannedRule forbids a phrase or a pattern, with the brand's reason.
type bannedRule struct {
	h       ruleHead
	message string
}

func (r *bannedRule) head() *ruleHead { return &r.h }

var ruleIDPart = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

func decodeBanned(b *builder, n *node, path string) {
	d := &b.c.d
	for _, e := range d.list(n, path) {
		if !d.mapping(e, path, "phrase", "pattern", "id", "message", "severity", "only") {
			continue
		}
		pn, rn := e.get("phrase"), e.get("pattern")
		if (pn == nil) == (rn == nil) {
			d.errorf(e, path, "a banned entry needs exactly one of phrase: or pattern:")
			continue
		}
		var id string
		if in := e.get("id"); in != nil {
			v, ok := d.str(in, path+".id")
			if !ok {
				continue
			}
			if !ruleIDPart.MatchString(v) {
				d.errorf(in, path+".id", "id %q must be lowercase letters, digits, '-' or '_'", v)
				continue
			}
			id = v
		}
		var message string
		if mn := e.get("message"); mn != nil {
			if v, ok := d.str(mn, path+".message"); ok {
				message = v
			}
		}
		if pn != nil {
			phrase, ok := d.str(pn, path+".phrase")
			if !ok {
				continue
			}
			if id == "" {
				id = slug(phrase)
			}
			r := &bannedRule{h: b.head(e, path, "banned."+id, content.Error), message: message}
			if !b.phrase(r, phrase) {
				d.errorf(pn, path+".phrase", "phrase %q has no words to match", phrase)
			}
			continue
		}
		if _, ok := d.str(rn, path+".pattern"); !ok {
			continue
		}
		if id == "" {
			d.errorf(e, path, "a banned pattern needs id: (the rule id is banned.<id>)")
			continue
		}
		r := &bannedRule{h: b.head(e, path, "banned."+id, content.Error), message: message}
		b.pattern(r, rn, path+".pattern")
	}
}

func (r *bannedRule) hit(x *run, b *block, start, end int) {
	if !x.applies(&r.h, b) {
		return
	}
	msg := fmt.Sprintf("avoid %q", b.text[start:end])
	if r.message != "" {
		msg += ": " + r.message
	}
	x.report(&r.h, b, start, end, msg, nil, dedupSpan)
}
